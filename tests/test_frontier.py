"""The qubits-vs-runtime Pareto frontier (qsharp parity is in test_qre_parity.py)."""

from __future__ import annotations

import pytest

from estimator.architecture import Architecture
from estimator.errors import SymbolicValueError
from estimator.frontier import estimate_frontier
from estimator.logical import LogicalCounts
from estimator.physical import estimate
from estimator.testing import assert_valid_estimate

B1 = LogicalCounts(num_qubits=100, rotation_count=112110, rotation_depth=2001)
QRE = Architecture.qre("qubit_gate_ns_e3")


def test_b1_frontier_is_pareto_and_sorted() -> None:
    front = estimate_frontier(B1, QRE, 1e-3)
    assert len(front) == 232  # qsharp 1.31 gives 232 points for B1 (see test_qre_parity.py)
    runtimes = [e.runtime_ns for e in front]
    qubits = [e.physical_qubits for e in front]
    assert runtimes == sorted(runtimes)
    assert qubits == sorted(qubits, reverse=True)
    for e in front:
        assert_valid_estimate(e)


def test_frontier_contains_the_single_point_estimate_runtime() -> None:
    """The default estimate's runtime is reachable with no more qubits on the frontier."""
    single = estimate(B1, QRE, 1e-3)
    front = estimate_frontier(B1, QRE, 1e-3)
    fastest = front[0]
    assert fastest.runtime_ns <= single.runtime_ns
    assert any(e.physical_qubits <= single.physical_qubits for e in front)
    assert min(e.physical_qubits for e in front) < single.physical_qubits


def test_no_magic_states_gives_one_point() -> None:
    c = LogicalCounts(num_qubits=8, measurement_count=10**5)
    (point,) = estimate_frontier(c, QRE, 1e-3)
    assert point.factory is None
    assert point == estimate(c, QRE, 1e-3)


def test_frontier_rejects_symbols() -> None:
    import sympy

    n = sympy.Symbol("n")
    with pytest.raises(SymbolicValueError):
        estimate_frontier(LogicalCounts(num_qubits=n, t_count=10), QRE, 1e-3)


def test_frontier_is_never_empty_where_the_single_point_estimate_exists() -> None:
    """At huge counts every factory outlasts the minimal distance's longest run.

    The frontier scan over distances at and below the minimal one then finds nothing (QRE
    returns an empty frontier); the single-point search lengthens the run and succeeds, so the
    frontier must contain that point.
    """
    from estimator.architecture import Architecture
    from estimator.frontier import estimate_frontier
    from estimator.logical import LogicalCounts
    from estimator.physical import estimate

    counts = LogicalCounts(
        num_qubits=91,
        ccix_count=2.7 * 10**36,
        measurement_count=2.7 * 10**36,
        rotation_count=7.5 * 10**34,
        rotation_depth=7.5 * 10**34,
    )
    arch = Architecture.qre("qubit_gate_ns_e4")
    single = estimate(counts, arch, 1e-3)
    frontier = estimate_frontier(counts, arch, 1e-3)
    assert len(frontier) >= 1
    assert min(e.runtime_ns for e in frontier) <= single.runtime_ns
    assert min(e.physical_qubits for e in frontier) <= single.physical_qubits
