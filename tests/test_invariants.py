"""Invariants on every estimate, through the one shared helper ``assert_valid_estimate``.

Every preset (models/*.toml and QRE's) on a set of programs; exact ints beyond 2^63 ns; more
budget never costs more under the default search (``estimator.search.monotone_estimate``).
"""

from __future__ import annotations

import pytest

from estimator.architecture import Architecture
from estimator.errors import EstimatorError, InfeasibleEstimateError
from estimator.logical import LogicalCounts
from estimator.model_files import list_models, load_model
from estimator.search import monotone_estimate
from estimator.star_estimate import estimate_any
from estimator.testing import assert_valid_estimate

PROGRAMS = [
    LogicalCounts(num_qubits=10, t_count=1000, measurement_count=100),
    LogicalCounts(num_qubits=50, ccz_count=10**6, rotation_count=10**4, rotation_depth=10**3),
    LogicalCounts(
        num_qubits=19,
        ccix_count=454_791_420,
        rotation_count=50_532_380,
        rotation_depth=50_532_380,
        measurement_count=454_791_420,
        rotation_angles=((0.0006366197035002009, 50_532_380),),
    ),
    LogicalCounts(num_qubits=100, rotation_count=10**9, rotation_depth=10**8),
    LogicalCounts(num_qubits=4, measurement_count=10),
]
BUDGETS = [1e-4, 1e-2]


@pytest.mark.slow
@pytest.mark.parametrize("model", list_models())
def test_every_model_gives_valid_estimates_or_our_error(model: str) -> None:
    arch = load_model(model)
    feasible = 0
    for counts in PROGRAMS:
        for budget in BUDGETS:
            try:
                est = estimate_any(counts, arch, budget)
            except InfeasibleEstimateError as exc:
                assert str(exc)  # the binding constraint in words
                continue
            assert_valid_estimate(est)
            feasible += 1
    assert feasible >= 1, model


def test_runtime_beyond_int64_is_an_exact_int() -> None:
    counts = LogicalCounts(num_qubits=100, t_count=10**14, measurement_count=10**14)
    est = estimate_any(counts, Architecture.qre("qubit_gate_us_e4"), 1e-2)
    assert_valid_estimate(est)
    assert est.runtime_ns > 2**63 and type(est.runtime_ns) is int


@pytest.mark.parametrize(
    "preset",
    [
        "qubit_gate_ns_e3",
        "qubit_gate_us_e3",
        "qubit_gate_ns_e4",
        "qubit_maj_ns_e4",
        "clifford_t_cultivation_p1e-4",
        "star_v3_p1e-4",
    ],
)
def test_more_budget_never_costs_more_under_the_default_search(preset: str) -> None:
    """The default search of the public entry points (``estimate_any``, ``physical.estimate``)."""
    arch = Architecture.qre(preset) if preset.startswith("qubit_") else load_model(preset)
    budgets = [1e-7, 3e-7, 1e-6, 5e-6, 2e-5, 1e-4, 7e-4, 1e-3, 4e-3, 1e-2, 0.05, 0.2]
    for counts in PROGRAMS[:2]:
        prev = None
        for b in budgets:
            try:
                est = estimate_any(counts, arch, b)
                assert est == monotone_estimate(counts, arch, b)
            except EstimatorError:
                assert prev is None  # feasible once => feasible for every larger budget
                continue
            assert_valid_estimate(est)
            if prev is not None:
                assert est.physical_qubits <= prev.physical_qubits
                assert est.runtime_ns <= prev.runtime_ns
            prev = est


def test_the_helper_catches_a_broken_estimate() -> None:
    import attrs

    est = estimate_any(PROGRAMS[0], Architecture.qre(), 1e-3)
    with pytest.raises(AssertionError, match="algorithm \\+ factories"):
        assert_valid_estimate(attrs.evolve(est, physical_qubits=est.physical_qubits + 1))
    with pytest.raises(AssertionError, match="not a Python int"):
        assert_valid_estimate(attrs.evolve(est, code_distance=float(est.code_distance)))
