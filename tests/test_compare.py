"""Architecture comparison: winners, ratios, infeasible reasons, crossovers; the two issue-6 cases.

1. The peer finding (1QBit et al., arXiv:2603.13093): STAR is favourable only for ~1e5-1e6
   small-angle rotations. We run the same question through our full estimates (STAR v1 preset vs
   the QRE-model Clifford+T preset) and pin the window edges our model gives.
2. A QOS Boolean workload (arXiv:2604.07639; N = 2^20, Q = 100, eps = 1e-2) compared on every
   preset: STAR v1 is infeasible with its numbers, the rest are ranked.
"""

from __future__ import annotations

import json
import math

import pytest

from estimator.architecture import Architecture
from estimator.errors import InfeasibleEstimateError, InvalidInputError, UnknownNameError
from estimator.logical import LogicalCounts
from estimator.model_files import list_models, load_model
from estimator.physical import estimate
from estimator.star_estimate import StarEstimate, estimate_star

from estimator.compare import (  # isort: skip
    METRICS,
    Comparison,
    compare,
    crossover,
    describe_crossovers,
    metric_value,
    with_angle,
    with_physical_error,
    with_rotation_count,
    winner_grid,
)


def _sequential(n: int, angle: float = 1e-3, qubits: int = 100) -> LogicalCounts:
    return LogicalCounts(num_qubits=qubits, rotation_count=n, rotation_angles=((angle, n),))


# --- compare: semantics ---------------------------------------------------------------------------


def test_compare_winners_ratios_and_infeasible() -> None:
    archs = ["star_v1_p1e-3", "clifford_t_factories_p1e-3", "star_v1_p1e-4"]
    cmp = compare(_sequential(10**4), archs, 1e-2)
    assert isinstance(cmp, Comparison)
    assert cmp.names == tuple(archs)
    # STAR v1 at p = 1e-3: 1e4 x 4p/15 = 2.67 expected faults, gamma^2 = e^10.7 > 100
    bad = cmp["star_v1_p1e-3"]
    assert not bad.feasible and bad.constraint == "rotation_error"
    assert "0.000267 x 1e4 rotations = 2.67 exceeds the rotation budget 0.00333" in bad.reason
    assert "above the bound 100" in bad.reason
    ranked = cmp.ranking("runtime")
    assert [r.name for r in ranked] == ["star_v1_p1e-4", "clifford_t_factories_p1e-3"]
    for metric in METRICS:
        w = cmp.winner(metric)
        assert cmp.ratio(w.name, metric) == 1.0
        for r in cmp.feasible:
            assert cmp.ratio(r.name, metric) == r.value(metric) / w.value(metric) >= 1.0
        assert cmp.ratio("star_v1_p1e-3", metric) is None
    assert set(cmp.winners) == set(METRICS)
    table = cmp.table("runtime")
    assert [row["rank"] for row in table] == [1, 2, None]
    assert table[-1]["reason"] == bad.reason
    text = cmp.summary()
    data = cmp.to_dict()
    assert data["rows"] == table and data["winners"] == cmp.winners
    json.dumps(data)
    assert "infeasible: star_v1 rotation error" in text and "winners:" in text


def test_metric_values_are_exact_ints() -> None:
    est = estimate(_sequential(10**3), load_model("clifford_t_factories_p1e-3"), 1e-2)
    assert metric_value(est, "physical_qubits") == est.physical_qubits
    assert metric_value(est, "runtime") == est.runtime_ns
    assert metric_value(est, "spacetime") == est.physical_qubits * est.runtime_ns
    with pytest.raises(InvalidInputError, match="metric"):
        metric_value(est, "energy")


def test_compare_accepts_names_objects_and_rejects_bad_input() -> None:
    star = load_model("star_v2_p1e-3")
    qre = Architecture.qre("qubit_gate_ns_e4")
    cmp = compare(_sequential(100), [star, "qre:qubit_gate_ns_e3", qre], 1e-2)
    assert cmp.names == ("star_v2_p1e-3", "qre:qubit_gate_ns_e3:surface_code", qre.name)
    assert isinstance(cmp["star_v2_p1e-3"].estimate, StarEstimate)
    with pytest.raises(InvalidInputError, match="distinct"):
        compare(_sequential(10), [star, star])
    with pytest.raises(UnknownNameError):
        compare(_sequential(10), ["nope"])
    with pytest.raises(InvalidInputError, match="counts_or_workload"):
        compare({"rotations": 10}, [star])
    with pytest.raises(KeyError):
        cmp["missing"]  # noqa: B018


def test_compare_overrides_reach_star_architectures() -> None:
    counts = _sequential(10**3)
    default = compare(counts, ["star_v1_p1e-4"], 1e-2)["star_v1_p1e-4"]
    assert default.estimate.payment_mode == "pec"
    forced = compare(counts, ["star_v1_p1e-4"], 1e-2, payment="budget")["star_v1_p1e-4"]
    assert not forced.feasible and forced.constraint == "rotation_budget"
    tight = compare(counts, ["star_v1_p1e-4"], 1e-2, max_sampling_overhead=1.01)
    assert not tight["star_v1_p1e-4"].feasible


# --- crossover helpers ----------------------------------------------------------------------------


def test_axis_transforms() -> None:
    c = LogicalCounts(
        num_qubits=5, rotation_count=100, rotation_depth=50, t_count=7,
        rotation_angles=((0.1, 60), (0.2, 40)),
    )  # fmt: skip
    bigger = with_rotation_count(c, 1000)
    assert (bigger.rotation_count, bigger.rotation_depth, bigger.t_count) == (1000, 500, 7)
    assert bigger.rotation_angles == ((0.1, 600), (0.2, 400))
    assert with_rotation_count(c, 1000, scale_all=True).t_count == 70
    assert with_angle(c, 1e-4).rotation_angles == ((1e-4, 100),)
    arch = with_physical_error(Architecture.qre("qubit_gate_us_e3"), 1e-4)
    assert arch.qec.physical_error(arch.qubit) == pytest.approx(1e-4)
    assert arch.qubit.t_gate_error == pytest.approx(1e-7)  # the ratio 1e-6 / 1e-3 is kept
    with pytest.raises(InvalidInputError, match="rotation_count"):
        with_angle(LogicalCounts(num_qubits=3, t_count=1), 0.1)


def test_crossover_validation() -> None:
    c = _sequential(10)
    archs = ["star_v1_p1e-3", "clifford_t_factories_p1e-3"]
    with pytest.raises(InvalidInputError, match="axis"):
        crossover(c, archs, axis="qubits", low=1, high=10)
    with pytest.raises(InvalidInputError, match="metric"):
        crossover(c, archs, metric="fun", low=1, high=10)
    with pytest.raises(InvalidInputError, match="high"):
        crossover(c, archs, low=10, high=10)
    with pytest.raises(InvalidInputError, match="grid_points"):
        crossover(c, archs, low=1, high=10, grid_points=1)
    assert describe_crossovers(()) == "the winner does not change in the searched range"


# --- 1. the peer finding: the STAR v1 runtime window ----------------------------------------------


@pytest.mark.parametrize(
    ("p", "upper_edge"),
    [
        # our model, this repository's presets (no published number to compare digit by digit)
        ("1e-3", 2.0e3),
        ("1e-4", 2.06e4),
    ],
)
def test_star_v1_runtime_window_vs_peer_finding(p: str, upper_edge: float) -> None:
    """Where STAR v1 beats Clifford+T on runtime, as a function of the rotation count N.

    Workload: N sequential Rz(1e-3) on 100 logical qubits, total error budget 1e-2 (QRE split),
    STAR v1 preset (4p/15 per rotation, PEC within gamma^2 <= 100 once the rotation third of the
    budget is used up) against the QRE-model Clifford+T preset (15-to-1 factories, one T per
    logical cycle, ceil(0.53 log2(N / eps_rot) + 4.86) T per rotation).

    What our model gives (printed): one edge only. STAR v1 wins from N = 1 up to
    N ~ 2.0e3 at p = 1e-3 (~2.06e4 at p = 1e-4); above it PEC's exp(4 P N) outgrows STAR's
    ~10x per-rotation speed advantage, and beyond gamma^2 = 100 (N ~ 4.3e3 at p = 1e-3) STAR is
    infeasible. There is no lower edge: at small N the Clifford+T run is never faster, because
    STAR needs no factory and a STAR rotation (2 RUS steps of ~1 logical cycle) is shorter than
    a synthesized one (~30 T steps).

    Comparison with arXiv:2603.13093 (1QBit et al.), which finds STAR favourable only for
    ~1e5-1e6 small-angle rotations: our window is open at the bottom and closes 1.5-2.5 orders
    of magnitude lower. We do not model their code-growth analog-state factory (whose size sets
    their lower edge) nor their hardware timings, and our PEC bound (100) is a policy choice;
    their cost-model equations were not available to us. The disagreement is reported, not tuned
    away.
    """
    archs = [f"star_v1_p{p}", f"clifford_t_factories_p{p}"]
    found = crossover(
        _sequential(1000), archs, 1e-2, axis="rotation_count", metric="runtime", low=1, high=1e9
    )
    print(f"p = {p}: {describe_crossovers(found)} (arXiv:2603.13093: ~1e5-1e6)")
    assert len(found) == 1
    (edge,) = found
    assert (edge.below, edge.above) == (f"star_v1_p{p}", f"clifford_t_factories_p{p}")
    assert edge.upper / edge.lower <= 1.001
    assert edge.value == pytest.approx(upper_edge, rel=0.01)
    assert edge.value < 1e5  # below the peer's window: our model disagrees with it
    # both sides of the edge really are what the crossover says
    below = compare(_sequential(math.floor(edge.lower)), archs, 1e-2)
    above = compare(_sequential(math.ceil(edge.upper)), archs, 1e-2)
    assert below.winner("runtime").name == archs[0]
    assert above.winner("runtime").name == archs[1]
    assert compare(_sequential(1), archs, 1e-2).winner("runtime").name == archs[0]


def test_window_edge_is_where_pec_outgrows_the_speedup() -> None:
    """At the p = 1e-3 edge, STAR's PEC overhead equals the per-shot runtime advantage."""
    archs = ["star_v1_p1e-3", "clifford_t_factories_p1e-3"]
    n = 2000
    cmp = compare(_sequential(n), archs, 1e-2)
    star = cmp["star_v1_p1e-3"].estimate
    ct = cmp["clifford_t_factories_p1e-3"].estimate
    assert star.payment_mode == "pec"
    per_shot_ratio = ct.runtime_ns / star.runtime_per_shot_ns
    assert star.sampling_overhead == pytest.approx(per_shot_ratio, rel=0.02)


def test_other_axes() -> None:
    """Crossovers along the angle and the physical error (1e5 rotations on 100 qubits)."""
    c = _sequential(10**5)
    ct = "clifford_t_factories_p1e-3"
    # STAR v2's error ~3 p theta: it wins for small angles only
    (angle,) = crossover(c, ["star_v2_p1e-3", ct], 1e-2, axis="angle", low=1e-6, high=0.5)
    assert (angle.below, angle.above) == ("star_v2_p1e-3", ct)
    assert angle.value == pytest.approx(2.01e-3, rel=0.01)
    # STAR v1 (p-independent structure, error 4p/15) wins once the hardware is good enough
    (perr,) = crossover(c, ["star_v1_p1e-3", ct], 1e-2, axis="physical_error", low=1e-5, high=1e-3)
    assert (perr.below, perr.above) == ("star_v1_p1e-3", ct)
    assert perr.value == pytest.approx(1.92e-5, rel=0.01)
    assert perr.upper / perr.lower <= 1.001


def test_winner_grid_matches_the_crossovers() -> None:
    """A (rotation count x physical error) map agrees with the 1-D crossover edges above."""
    archs = ["star_v1_p1e-3", "clifford_t_factories_p1e-3"]
    grid = winner_grid(
        _sequential(1000),
        archs,
        1e-2,
        x_axis="rotation_count",
        x_values=[10, 1e3, 1e4, 1e5],
        y_axis="physical_error",
        y_values=[1e-3, 1e-4],
    )
    star, ct = archs
    # p = 1e-3: edge at N ~ 2.0e3; p = 1e-4 (the p = 1e-3 presets rescaled): edge at ~2.06e4
    assert grid.winners == ((star, star, ct, ct), (star, star, star, ct))
    assert grid.names == (ct, star)
    with pytest.raises(InvalidInputError, match="y_axis"):
        winner_grid(_sequential(10), archs, x_values=[1], y_axis="rotation_count", y_values=[1])


def test_crossover_cost_does_not_grow_with_rotations() -> None:
    archs = ["star_v1_p1e-4", "clifford_t_factories_p1e-4"]
    found = crossover(_sequential(10), archs, 1e-2, low=1e6, high=1e15, grid_points=5)
    assert found == ()  # Clifford+T wins throughout: STAR is infeasible there


# --- 2. QOS Boolean workload on every preset ------------------------------------------------


N_DOMAIN, QUERIES, EPS, N_BITS = 2**20, 100, 1e-2, 20
C_SAMPLES = math.pi**2 / 2  # arXiv:2604.07639 (expected-unitary constant, bloqs.sample_complexity)


@pytest.fixture(scope="module")
def qos_counts() -> LogicalCounts:
    from estimator.bloqs import boolean_oracle_queries

    return LogicalCounts.from_bloq(boolean_oracle_queries(N_DOMAIN, QUERIES, EPS))


def test_qos_counts_match_the_hand_formula(qos_counts: LogicalCounts) -> None:
    """M_total = Q ceil(c N Q / eps) rotations of theta = pi eps / (c Q); And = M (n - 1)."""
    m_total = QUERIES * math.ceil(C_SAMPLES * N_DOMAIN * QUERIES / EPS)
    assert m_total == 5_174_515_152_300
    assert qos_counts.rotation_count == m_total
    assert qos_counts.ccix_count == m_total * (N_BITS - 1)
    ((angle, count),) = qos_counts.rotation_angles
    assert count == m_total
    assert float(angle) == pytest.approx(math.pi * EPS / (C_SAMPLES * QUERIES), rel=1e-9)


#: (name, code distance, physical qubits, runtime ns, factory copies) ranked by runtime.
#: Our estimates at total budget 1e-2 (QRE split), pinned to catch unintended model changes.
#: The default (monotone) search. With the 15-to-1 factories it keeps plans of smaller budgets
#: (d = 19 at p = 1e-4, d = 37 at p = 1e-3): QRE's own plans at 1e-2 (QOS_RANKED_QRE) need more
#: qubits, so taking them would make the qubit count grow with the budget; they are faster but
#: not better in both qubits and runtime.
QOS_RANKED = (
    ("clifford_t_factories_p1e-4", 19, 320_886, 4_325_894_667_322_800_000, 14),
    ("clifford_t_factories_p1e-3", 37, 1_417_506, 8_424_110_667_944_400_000, 14),
    ("clifford_t_phase_gradient_p1e-4", 19, 490_160, 9_163_031_431_692_840_000, 17),
    ("clifford_t_phase_gradient_p1e-3", 37, 2_184_706, 17_843_798_051_191_320_000, 18),
)
#: QRE's algorithm at the same budget (``search="qre"``).
QOS_RANKED_QRE = (
    ("clifford_t_factories_p1e-4", 17, 324_836, 3_835_350_630_884_760_000, 15),
    ("clifford_t_factories_p1e-3", 35, 1_471_850, 7_896_310_122_409_800_000, 15),
    ("clifford_t_phase_gradient_p1e-4", 19, 490_160, 9_163_031_431_692_840_000, 17),
    ("clifford_t_phase_gradient_p1e-3", 37, 2_184_706, 17_843_798_051_191_320_000, 18),
)

#: Infeasible presets: (name, constraint, numbers the reason must contain).
QOS_INFEASIBLE = (
    ("clifford_t_cultivation_p1e-3", "magic_states", ("5.96e-18", "558,847,636,448,400 T")),
    ("clifford_t_cultivation_p1e-4", "magic_states", ("5.96e-18",)),
    (
        "star_v1_p1e-3",
        "rotation_error",
        ("5.17e12 rotations at 0.000267", "= 5.38e10", "10^9.35e10"),
    ),
    ("star_v1_p1e-4", "rotation_error", ("5.17e12 rotations at 2.67e-5", "= 5.38e9")),
    ("star_v2_p1e-3", "rotation_error", ("5.17e12 rotations at 1.97e-7", "= 1.94e11")),
    ("star_v2_p1e-4", "rotation_error", ("= 1.94e10",)),
    ("star_v3_p1e-3", "rotation_error", ("1.29e-9 x 5.17e12 rotations = 6.69e3",)),
    ("star_v3_p1e-4", "rotation_error", ("1.29e-10 x 5.17e12 rotations = 669",)),
    ("weak_transversal_p1e-3", "rotation_error", ("0.00096 x 5.17e12 rotations = 4.97e9",)),
    ("weak_transversal_p1e-4", "rotation_error", ("9.6e-5 x 5.17e12 rotations = 4.97e8",)),
)


def test_qos_boolean_workload_on_every_preset(qos_counts: LogicalCounts) -> None:
    """QOS Boolean oracle (N = 2^20, Q = 100, eps = 1e-2): 5.17e12 rotations of 6.4e-5 rad and
    9.8e13 And gates. Every STAR-family preset is infeasible: the residual analog error (and, for
    STAR v1/v2, the injected T states of the And gates) is 1e2-1e11 expected faults, far beyond
    both the budget and PEC; cultivation alone cannot reach the 6e-18 T-state error. Only the
    factory-based Clifford+T presets remain."""
    cmp = compare(qos_counts, None, 1e-2)
    print(cmp.summary())
    assert sorted(cmp.names) == sorted(n for n in list_models() if not n.startswith("qre:"))
    ranked = cmp.ranking("runtime")
    got = tuple(
        (
            r.name,
            r.estimate.code_distance,
            r.estimate.physical_qubits,
            r.estimate.runtime_ns,
            r.estimate.num_factories,
        )
        for r in ranked
    )
    assert got == QOS_RANKED
    assert cmp.winners == {m: "clifford_t_factories_p1e-4" for m in METRICS}
    assert cmp.ratio("clifford_t_factories_p1e-3", "runtime") == pytest.approx(
        QOS_RANKED[1][3] / QOS_RANKED[0][3]
    )
    qre = compare(qos_counts, None, 1e-2, search="qre")
    assert (
        tuple(
            (
                r.name,
                r.estimate.code_distance,
                r.estimate.physical_qubits,
                r.estimate.runtime_ns,
                r.estimate.num_factories,
            )
            for r in qre.ranking("runtime")
        )
        == QOS_RANKED_QRE
    )
    infeasible = {r.name: r for r in cmp.infeasible}
    assert set(infeasible) == {name for name, _, _ in QOS_INFEASIBLE}
    for name, constraint, numbers in QOS_INFEASIBLE:
        r = infeasible[name]
        assert r.constraint == constraint, (name, r.reason)
        for text in numbers:
            assert text in r.reason, (name, r.reason)
    # STAR v1 stays infeasible even with PEC unbounded in practice
    v1 = load_model("star_v1_p1e-4")
    with pytest.raises(InfeasibleEstimateError, match="exceeds the rotation budget"):
        estimate_star(qos_counts, v1, 1e-2, max_sampling_overhead=1e300)


@pytest.mark.parametrize(("row", "qubit"), [(0, "qubit_gate_ns_e4"), (1, "qubit_gate_ns_e3")])
def test_qos_default_rows_are_qsharp_plans_at_smaller_budgets(
    qos_counts: LogicalCounts, row: int, qubit: str
) -> None:
    """Peer check of the default search's rows: each is the plan Microsoft's resource estimator
    (qsharp 1.31) itself gives at the smaller budget the walk took it from."""
    import os

    from estimator.search import walk_for

    os.environ.setdefault("QDK_PYTHON_TELEMETRY", "none")
    native = pytest.importorskip("qdk._native")
    name, d, qubits, runtime_ns, copies = QOS_RANKED[row]
    source = walk_for(qos_counts, load_model(name)).plan_budget(1e-2)
    assert source is not None and source < 1e-2
    params = {"qubitParams": {"name": qubit}, "qecScheme": {"name": "surface_code"}}
    params["errorBudget"] = source
    counts = json.dumps(qos_counts.to_qre_json())
    theirs = json.loads(native.physical_estimates(counts, json.dumps([params])))[0]
    assert theirs["logicalQubit"]["codeDistance"] == d
    assert theirs["physicalCounts"]["physicalQubits"] == qubits
    assert theirs["physicalCounts"]["runtime"] == runtime_ns
    assert theirs["physicalCounts"]["breakdown"]["numTfactories"] == copies


@pytest.mark.parametrize(("row", "qubit"), [(0, "qubit_gate_ns_e4"), (1, "qubit_gate_ns_e3")])
def test_qos_factory_rows_agree_with_qsharp(
    qos_counts: LogicalCounts, row: int, qubit: str
) -> None:
    """Peer check: Microsoft's resource estimator (qsharp 1.31) on the same counts and budget."""
    import os

    os.environ.setdefault("QDK_PYTHON_TELEMETRY", "none")
    native = pytest.importorskip("qdk._native")
    params = {"qubitParams": {"name": qubit}, "qecScheme": {"name": "surface_code"}}
    params["errorBudget"] = 1e-2
    counts = json.dumps(qos_counts.to_qre_json())
    theirs = json.loads(native.physical_estimates(counts, json.dumps([params])))[0]
    name, d, qubits, runtime_ns, copies = QOS_RANKED_QRE[row]
    assert theirs["logicalQubit"]["codeDistance"] == d
    assert theirs["physicalCounts"]["physicalQubits"] == qubits
    assert theirs["physicalCounts"]["runtime"] == runtime_ns
    assert theirs["physicalCounts"]["breakdown"]["numTfactories"] == copies
