"""Plot data (estimator.plot_data) and the ax-based plots (estimator.plotting)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from estimator import plot_data, plotting
from estimator.errors import InvalidInputError, UnknownNameError
from estimator.examples import get_workload

FAC = "clifford_t_factories_p1e-4"
STAR3 = "star_v3_p1e-4"
WEAK = "weak_transversal_p1e-4"


def _ax() -> tuple[Figure, object]:
    fig = Figure()
    return fig, fig.subplots()


# ---- plot data comes from the library ---------------------------------------------------------
def test_synthesis_curves_are_the_library_formulas() -> None:
    d = plot_data.synthesis_curves([1e-10], exact_precisions=[1e-3], exact_angles=[0.3])
    # arXiv:2203.10064, Table 1: diagonal 3.02 log2(1/eps) + 1.77; mixed fallback 0.53 L + 4.86
    assert d["models"]["diagonal (arXiv:2203.10064)"][0] == pytest.approx(
        3.02 * math.log2(1e10) + 1.77
    )
    assert d["models"]["mixed fallback (arXiv:2203.10064)"][0] == pytest.approx(
        0.53 * math.log2(1e10) + 4.86
    )
    from estimator.rotations.gridsynth import gridsynth_t_count

    assert d["exact"] == [(1e-3, 0.3, gridsynth_t_count(0.3, 1e-3))]


def test_run_estimate_statuses_and_metrics() -> None:
    from estimator.model_files import load_model
    from estimator.star_estimate import estimate_any

    counts = get_workload("boolean").counts()
    ok = plot_data.run_estimate(counts, FAC, 1e-3)
    assert (
        ok.ok
        and ok.estimate.physical_qubits
        == estimate_any(counts, load_model(FAC), 1e-3).physical_qubits
    )
    assert ok.metric("runtime_s") == ok.estimate.runtime_ns / 1e9
    bad = plot_data.run_estimate(counts, WEAK, 1e-3)
    assert bad.status == "infeasible" and bad.estimate is None
    assert "exceeds the rotation budget" in bad.reason
    assert bad.metric("physical_qubits") is None
    with pytest.raises(UnknownNameError, match="nosuch"):
        plot_data.run_estimate(counts, "nosuch", 1e-3)


def test_cultivation_infeasibility_is_reported_not_hung() -> None:
    # physical.estimate alone searched factories without end here; compare's check stops it
    o = plot_data.run_estimate(get_workload("imdb").counts(), "clifford_t_cultivation_p1e-4", 1e-3)
    assert o.status == "infeasible" and "cultivation" in o.reason


def test_winners_and_ratios() -> None:
    outs = plot_data.compare_architectures(
        get_workload("boolean").counts(), [FAC, STAR3, WEAK], 1e-3
    )
    w = plot_data.winners(outs)
    r = plot_data.ratios(outs)
    q = {o.architecture: o.metric("physical_qubits") for o in outs if o.ok}
    best = min(q, key=q.get)
    assert w["physical_qubits"] == best
    assert r["physical_qubits"][best] == 1.0
    other = next(n for n in q if n != best)
    assert r["physical_qubits"][other] == pytest.approx(q[other] / q[best])
    assert r["physical_qubits"][WEAK] is None


def test_size_scaling_grows_with_n() -> None:
    d = plot_data.size_scaling(get_workload("boolean"), [1_000, 100_000], [FAC], 1e-3)
    a, b = d["series"][FAC]
    assert a.ok and b.ok and b.estimate.runtime_ns > a.estimate.runtime_ns
    with pytest.raises(InvalidInputError, match="data size"):
        plot_data.size_scaling(get_workload("qre_ising_10x10"), [10], [FAC], 1e-3)


def test_frontiers_match_estimate_frontier() -> None:
    from estimator.frontier import estimate_frontier
    from estimator.model_files import load_model

    counts = get_workload("boolean").counts()
    d = plot_data.frontiers(counts, [FAC, STAR3, WEAK], 1e-3)
    ref = estimate_frontier(counts, load_model(FAC), 1e-3)
    assert d[FAC]["points"] == [(e.physical_qubits, e.runtime_ns / 1e9) for e in ref]
    assert len(d[STAR3]["points"]) == 1
    assert d[WEAK]["points"] == [] and d[WEAK]["reason"]


def test_crossover_map_matches_compare() -> None:
    from estimator.compare import compare
    from estimator.logical import LogicalCounts

    d = plot_data.crossover_map([FAC, STAR3], [1e10, 1e3], [0.5], budget=1e-3)
    assert d["x_values"] == [1e3, 1e10]
    for j, r in enumerate(d["x_values"]):
        counts = LogicalCounts(
            num_qubits=50,
            rotation_count=int(r),
            rotation_depth=int(r),
            rotation_angles=((0.5, int(r)),),
        )
        w = compare(counts, [FAC, STAR3], 1e-3).winner("spacetime")
        assert d["architectures"][d["winner"][0][j]] == w.name


def test_with_physical_error_and_sweep() -> None:
    arch = plot_data.with_physical_error(FAC, 1e-3)
    assert arch.qec.physical_error(arch.qubit) == pytest.approx(1e-3)
    with pytest.raises(InvalidInputError, match="physical_error"):
        plot_data.with_physical_error(FAC, 0.0)
    rows = plot_data.sweep(
        get_workload("boolean"),
        [FAC],
        sizes=[1000],
        budgets=[1e-3, 1e-2],
        physical_errors=[None, 1e-3],
    )
    assert len(rows) == 4
    d = {(r["budget"], r["physical_error"]): r for r in rows}
    assert d[(1e-3, 1e-3)]["code_distance"] > d[(1e-3, None)]["code_distance"]


def test_parallelism_scan_from_bloq() -> None:
    d = plot_data.parallelism_scan([1, 4], num_items=64, num_samples=1000)
    assert d["logical_qubits"][1] > d["logical_qubits"][0]
    a, b = d["outcomes"]
    assert a.ok and b.ok and b.estimate.runtime_ns < a.estimate.runtime_ns


# ---- the plots -------------------------------------------------------------------------------
def _labels(ax: object) -> list[str]:
    leg = ax.get_legend()
    return [] if leg is None else [t.get_text() for t in leg.get_texts()]


def test_plot_synthesis_axes() -> None:
    _, ax = _ax()
    d = plot_data.synthesis_curves([1e-2, 1e-6, 1e-12], exact_precisions=[1e-3])
    plotting.plot_synthesis(ax, d)
    assert ax.get_xscale() == "log"
    assert "precision" in ax.get_xlabel() and "T gates" in ax.get_ylabel()
    assert "gridsynth exact (pygridsynth)" in _labels(ax)
    assert len(ax.get_lines()) == len(d["models"])


def test_plot_size_scaling_log_axes_and_infeasible_label() -> None:
    _, ax = _ax()
    d = plot_data.size_scaling(get_workload("boolean"), [1_000, 100_000], [FAC, WEAK], 1e-3)
    plotting.plot_size_scaling(ax, d, "physical_qubits")
    ax.legend()
    # N spans decades (log); the qubit counts stay within one decade (linear, SI prefixes)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "linear"
    assert type(ax.yaxis.get_major_formatter()).__name__ == "EngFormatter"
    assert ax.get_ylabel() == "physical qubits"
    assert f"{WEAK} (infeasible)" in _labels(ax)
    with pytest.raises(InvalidInputError, match="metric"):
        plotting.plot_size_scaling(ax, d, "volume")


def test_plot_frontier_and_empty_message() -> None:
    _, ax = _ax()
    d = plot_data.frontiers(get_workload("boolean").counts(), [FAC, STAR3], 1e-3)
    qubits = [p[0] for e in d.values() for p in e["points"]]
    assert max(qubits) / min(qubits) > 10  # spans a decade: log axis
    plotting.plot_frontier(ax, d)
    assert ax.get_xlabel() == "runtime (s)" and ax.get_yscale() == "log"
    _, ax2 = _ax()
    plotting.plot_frontier(ax2, {WEAK: {"points": [], "reason": "x"}})
    assert any("no architecture" in t.get_text() for t in ax2.texts)
    assert ax2.get_xscale() == "linear"


def test_plot_crossover_legend_names_winners() -> None:
    _, ax = _ax()
    d = plot_data.crossover_map([FAC, STAR3], [1e3, 1e11], [1e-3, 0.5], budget=1e-3)
    plotting.plot_crossover(ax, d)
    winners = {d["architectures"][w] for row in d["winner"] for w in row if w >= 0}
    assert set(_labels(ax)) == winners
    assert ax.get_xscale() == "log" and "rotation angle" in ax.get_ylabel()


def test_plot_parallelism_twin_axis() -> None:
    _, ax = _ax()
    d = plot_data.parallelism_scan([1, 2, 4], num_items=64, num_samples=1000)
    twin = plotting.plot_parallelism(ax, d)
    assert ax.get_ylabel() == "runtime (s)" and twin.get_ylabel() == "physical qubits"
    assert [t.get_text() for t in ax.get_xticklabels()][:1] == ["1"]


@pytest.mark.parametrize("kind", list(plotting.PLOT_KINDS))
def test_figure_each_kind_saves_non_empty_png(kind: str, tmp_path: Path) -> None:
    boolean = get_workload("boolean")
    data = {
        "a": lambda: plot_data.synthesis_curves([1e-2, 1e-8]),
        "b": lambda: plot_data.size_scaling(boolean, [1_000, 10_000], [FAC], 1e-3),
        "c": lambda: plot_data.frontiers(boolean.counts(), [FAC, STAR3], 1e-3),
        "d": lambda: plot_data.crossover_map([FAC, STAR3], [1e3, 1e9], [0.5], budget=1e-3),
        "e": lambda: plot_data.parallelism_scan([1, 2], num_items=64, num_samples=1000),
    }[kind]()
    fig = plotting.figure(kind, data, title="t")
    out = tmp_path / f"{kind}.png"
    plotting.save_figure(fig, out, dpi=30)
    first = out.read_bytes()
    assert first[:4] == b"\x89PNG" and len(first) > 1000
    plotting.save_figure(fig, out, dpi=30)
    assert out.read_bytes() == first  # deterministic (no date metadata)
    assert not list(tmp_path.glob(".*.tmp"))


def test_figure_unknown_kind() -> None:
    with pytest.raises(UnknownNameError, match="plot kind"):
        plotting.figure("z", {})
