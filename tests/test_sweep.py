"""The vectorized sweep against the scalar estimate on the same points."""

from __future__ import annotations

import numpy as np
import pytest

from estimator.architecture import Architecture
from estimator.compare import with_physical_error
from estimator.errors import EstimatorError, InvalidInputError
from estimator.logical import LogicalCounts
from estimator.model_files import load_model
from estimator.star_estimate import estimate_any
from estimator.sweep import sweep
from estimator.workloads import BooleanQueryTask


def _boolean(n: int) -> LogicalCounts:
    return BooleanQueryTask(num_items=n, queries=10, error=0.01).estimate().to_logical_counts()


SIZES = [16, 1024, 2**20]
BUDGETS = [1e-5, 1e-3, 3e-2]
PES = [None, 3e-4]
ARCHS = [
    Architecture.qre("qubit_gate_ns_e3"),
    load_model("clifford_t_cultivation_p1e-4"),
    load_model("star_v3_p1e-4"),
]


def _scalar(
    counts: LogicalCounts, arch: Architecture, b: float, p: float | None, search: str = "monotone"
) -> tuple | None:
    a = arch if p is None else with_physical_error(arch, p)
    try:
        e = estimate_any(counts, a, b, search=search)
    except EstimatorError:
        return None
    return (e.physical_qubits, e.runtime_ns, e.code_distance, e.num_factories)


@pytest.mark.slow
@pytest.mark.parametrize("search", ["monotone", "qre"])
def test_exact_mode_matches_the_scalar_path_point_by_point(search: str) -> None:
    counts = [_boolean(n) for n in SIZES]
    res = sweep(counts, ARCHS, BUDGETS, PES, sizes=SIZES, search=search)
    assert len(res) == len(ARCHS) * len(SIZES) * len(BUDGETS) * len(PES)
    for a, n, b, p in np.ndindex(*res.shape):
        i = res.index(a, n, b, p)
        want = _scalar(counts[n], ARCHS[a], BUDGETS[b], PES[p], search)
        if want is None:
            assert res.status[i] == "infeasible" and res.reason[i]
            continue
        assert res.status[i] == "ok", res.reason[i]
        got = (res.physical_qubits[i], res.runtime_ns[i], res.code_distance[i])
        assert got == want[:3]
        assert all(type(x) is int for x in got)


def test_rounded_targets_stay_close_to_the_scalar_path() -> None:
    counts = [_boolean(n) for n in SIZES]
    arch = [Architecture.qre("qubit_gate_ns_e4")]
    budgets = [float(x) for x in np.logspace(-6, -1.5, 7)]
    res = sweep(counts, arch, budgets, sizes=SIZES, factory_targets_per_decade=8)
    exact = sweep(counts, arch, budgets, sizes=SIZES, factory_targets_per_decade=None)
    assert list(res.status) == list(exact.status)
    ok = res.status == "ok"
    q = np.array([float(x) for x in res.physical_qubits[ok]])
    qe = np.array([float(x) for x in exact.physical_qubits[ok]])
    # a rounded-down target can force one more distillation round: at most ~2x the qubits
    assert np.all((q / qe >= 0.5) & (q / qe <= 2.05))
    assert np.mean(q == qe) >= 0.75


def test_runtimes_beyond_int64_stay_exact() -> None:
    # microsecond qubits and a 10^14-deep program: runtime > 2^63 ns
    counts = [LogicalCounts(num_qubits=100, t_count=10**14, measurement_count=10**14)]
    arch = Architecture.qre("qubit_gate_us_e4")
    res = sweep(counts, [arch], [1e-2], factory_targets_per_decade=None)
    want = estimate_any(counts[0], arch, 1e-2)
    assert res.runtime_ns[0] == want.runtime_ns > 2**63
    assert type(res.runtime_ns[0]) is int


def test_bad_arguments() -> None:
    with pytest.raises(InvalidInputError, match="budgets"):
        sweep([_boolean(16)], ARCHS[:1], [1.5])
    with pytest.raises(InvalidInputError, match="sizes"):
        sweep(_boolean, ARCHS[:1], [1e-3])
    with pytest.raises(InvalidInputError, match="factory_targets_per_decade"):
        sweep([_boolean(16)], ARCHS[:1], [1e-3], factory_targets_per_decade=0)
    with pytest.raises(InvalidInputError, match="search"):
        sweep([_boolean(16)], ARCHS[:1], [1e-3], search="fast")
    with pytest.raises(InvalidInputError, match="workers"):
        sweep([_boolean(16)], ARCHS[:1], [1e-3], workers=0)


def test_default_sweep_is_monotone_in_the_budget_and_workers_do_not_matter() -> None:
    """The pinned QRE non-monotone program (tests/test_search.py) over a budget grid: the default
    sweep never costs more qubits or time for more budget, and two processes give the same
    grid as one."""
    counts = [LogicalCounts(num_qubits=10, t_count=10**10, ccz_count=1000, measurement_count=1000)]
    arch = [Architecture.qre("qubit_maj_ns_e4")]
    budgets = [float(x) for x in np.logspace(-6, -2, 9)]
    pes = [None, 1e-4]
    one = sweep(counts, arch, budgets, pes, workers=1)
    two = sweep(counts, arch, budgets, pes, workers=2)
    assert list(one.physical_qubits) == list(two.physical_qubits)
    assert list(one.runtime_ns) == list(two.runtime_ns)
    qre = sweep(counts, arch, budgets, pes, search="qre", workers=1)
    for p in range(len(pes)):
        idx = [one.index(0, 0, b, p) for b in range(len(budgets))]
        assert all(one.status[i] == "ok" for i in idx)
        q = [one.physical_qubits[i] for i in idx]
        t = [one.runtime_ns[i] for i in idx]
        assert q == sorted(q, reverse=True) and t == sorted(t, reverse=True)
    q_qre = [qre.physical_qubits[qre.index(0, 0, b, 0)] for b in range(len(budgets))]
    assert q_qre != sorted(q_qre, reverse=True)  # QRE's own answers are not monotone here


def test_parallel_sweep_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    from estimator import sweep as sweep_module

    monkeypatch.setattr(sweep_module, "_PARALLEL_MIN_POINTS", 0)
    counts = [_boolean(n) for n in SIZES]
    serial = sweep(counts, ARCHS[:2], BUDGETS, PES, workers=1)
    parallel = sweep(counts, ARCHS[:2], BUDGETS, PES, workers=2)
    assert serial.rows() == parallel.rows()
