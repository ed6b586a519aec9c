"""Task cost formulas: pinned pieces, monotonicity, symbolic speed, hand-off to LogicalCounts."""

from __future__ import annotations

import math
import time

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from estimator.errors import InvalidInputError
from estimator.logical import LogicalCounts
from estimator.workloads import (
    BooleanQueryTask,
    DataStats,
    ErrorSplit,
    LinearSystemTask,
    LSSVMTask,
    PCATask,
    ShadowReadout,
)
from estimator.workloads.sketch_model import (
    C_EXPECTED_UNITARY,
    C_THEOREM_D16,
    amplification_rounds,
    inverse_polynomial_degree,
)

MONOTONE = ("total_samples", "samples_per_run", "rotation_count", "logical_depth", "rotation_depth")


def stats(n: int, d: int = 500, s_row: int = 20) -> DataStats:
    return DataStats(
        num_rows=n, num_features=d, nnz=n * s_row, row_sparsity=s_row, col_sparsity=min(n, 2 * n)
    )


def test_inverse_degree_pinned() -> None:
    # CKS / pyqsp PolyOneOverX, kappa = 10, eps = 0.01:
    # b = int(100 ln 1000) = 690; j0 = int(sqrt(690 ln(4*690/0.01))) = int(92.97) = 92
    assert inverse_polynomial_degree(10, 0.01) == 2 * 92 + 1
    b = int(100 * math.log(1000))
    assert 2 * int(math.sqrt(b * math.log(4 * b / 0.01))) + 1 == 185


def test_amplification_rounds_pinned() -> None:
    # BHMT Thm 2: a = 1/2 -> theta = pi/6 -> floor(pi / (4 pi/6)) = floor(1.5) = 1
    assert amplification_rounds(0.5) == 1
    assert amplification_rounds(1.0) == 0
    assert amplification_rounds(0.01) == math.floor(math.pi / (4 * math.asin(0.01)))


def test_shadow_runs_pinned() -> None:
    r = ShadowReadout(dimension=1000, test_sparsity=3, error=0.1, failure_probability=0.01)
    expected = math.ceil(2 * (3 * math.log(1000 / 0.1) + math.log(100)) / 0.01)
    assert r.runs == expected


def test_sample_constants_match_the_bloqs() -> None:
    from estimator.bloqs import sample_complexity as sc

    assert C_EXPECTED_UNITARY == sc.C_EXPECTED_UNITARY
    assert C_THEOREM_D16 == pytest.approx(sc.C_THEOREM_D16)


@pytest.mark.parametrize("constant", [C_EXPECTED_UNITARY, C_THEOREM_D16])
def test_boolean_task_matches_bloqs_sample_complexity(constant: float) -> None:
    from estimator.bloqs.sample_complexity import samples_per_query, total_samples

    task = BooleanQueryTask(num_items=1000, queries=7, error=0.01, sample_constant=constant)
    r = task.estimate()
    assert r.samples_per_run == total_samples(1000, 7, 0.01, constant=constant)
    m_q = samples_per_query(1000, 7, 0.01, constant=constant)
    # one rotation per sample, angle pi N / M_q (qos.py q_oracle_sketch_boolean)
    assert r.rotation_angles == ((math.pi * 1000 / m_q, 7 * m_q),)
    assert r.and_count == 7 * m_q * (10 - 1)  # ceil(log2 1000) = 10 controls -> 9 And
    assert r.logical_qubits == 10 + 9 and r.authors_logical_qubits == 10


def test_lssvm_structure_numbers() -> None:
    r = LSSVMTask(stats=stats(1000), margin=0.2, kappa=5).estimate()
    p = r.parameters
    eps_poly = 0.2 / 2 / 3
    assert p["inverse_degree"] == inverse_polynomial_degree(5, eps_poly)
    assert p["state_preparations"] == 2 * amplification_rounds(1 / 5) + 1
    assert r.block_encoding_calls_per_run == p["inverse_degree"] * p["state_preparations"]
    assert r.total_samples == r.runs * r.samples_per_run
    assert sum(c for _, c in r.rotation_angles) <= r.rotation_count
    assert r.logical_qubits == sum(r.qubit_breakdown.values())
    assert r.assumptions and all(isinstance(a, str) for a in r.assumptions)


def test_theorem_d16_constant_scales_samples() -> None:
    a = LSSVMTask(stats=stats(1000), margin=0.2, kappa=5).estimate()
    b = LSSVMTask(stats=stats(1000), margin=0.2, kappa=5, sample_constant="theorem_d16").estimate()
    assert b.samples_per_run / a.samples_per_run == pytest.approx(
        C_THEOREM_D16 / C_EXPECTED_UNITARY, rel=1e-6
    )


# ---- monotonicity (issue 7: more N, smaller eps, larger kappa never lower the costs) --------
def _le(a, b) -> bool:
    return all(getattr(a, k) <= getattr(b, k) for k in MONOTONE)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(10, 10**9),
    dn=st.integers(0, 10**9),
    margin=st.floats(1e-4, 0.9),
    shrink=st.floats(0.05, 1.0),
    kappa=st.floats(1.0, 1e4),
    grow=st.floats(1.0, 50.0),
)
def test_lssvm_monotone(n, dn, margin, shrink, kappa, grow) -> None:
    base = LSSVMTask(stats=stats(n), margin=margin, kappa=kappa).estimate()
    assert _le(base, LSSVMTask(stats=stats(n + dn), margin=margin, kappa=kappa).estimate())
    assert _le(base, LSSVMTask(stats=stats(n), margin=margin * shrink, kappa=kappa).estimate())
    assert _le(base, LSSVMTask(stats=stats(n), margin=margin, kappa=kappa * grow).estimate())


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(10, 10**9),
    dn=st.integers(0, 10**9),
    error=st.floats(1e-4, 0.5),
    shrink=st.floats(0.05, 1.0),
    gap=st.floats(1e-4, 1.0),
    gshrink=st.floats(0.05, 1.0),
    overlap=st.floats(1e-3, 1.0),
)
def test_pca_monotone(n, dn, error, shrink, gap, gshrink, overlap) -> None:
    def est(nn, e, g):
        return PCATask(stats=stats(nn), gap=g, overlap=overlap, error=e).estimate()

    base = est(n, error, gap)
    assert _le(base, est(n + dn, error, gap))
    assert _le(base, est(n, error * shrink, gap))
    assert _le(base, est(n, error, gap * gshrink))


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 10**12),
    dn=st.integers(0, 10**12),
    error=st.floats(1e-4, 0.5),
    shrink=st.floats(0.05, 1.0),
    kappa=st.floats(1.0, 1e4),
    grow=st.floats(1.0, 50.0),
    q=st.integers(1, 1000),
)
def test_linear_system_and_boolean_monotone(n, dn, error, shrink, kappa, grow, q) -> None:
    def ls(nn, e, k):
        return LinearSystemTask(num_rows=nn, sparsity=4, kappa=k, error=e).estimate()

    base = ls(n, error, kappa)
    assert _le(base, ls(n + dn, error, kappa))
    assert _le(base, ls(n, error * shrink, kappa))
    assert _le(base, ls(n, error, kappa * grow))

    def bq(nn, e, qq):
        return BooleanQueryTask(num_items=nn, queries=qq, error=e).estimate()

    b = bq(n, error, q)
    assert _le(b, bq(n + dn, error, q))
    assert _le(b, bq(n, error * shrink, q))
    assert _le(b, bq(n, error, q + 1))


# ---- symbolic ------------------------------------------------------------------------------
def test_symbolic_n_evaluates_fast_and_independent_of_n() -> None:
    n_sym = sympy.Symbol("N", positive=True, integer=True)
    st_sym = DataStats(
        num_rows=n_sym, num_features=1000, nnz=10 * n_sym, row_sparsity=10, col_sparsity=n_sym
    )
    result = LSSVMTask(stats=st_sym, margin=0.1, kappa=20).estimate()
    assert result.is_symbolic() and n_sym in result.free_symbols
    timings = {}
    for n in (10**3, 10**9, 10**18, 10**30):
        t0 = time.perf_counter()
        num = result.evaluate(N=n)
        timings[n] = time.perf_counter() - t0
        assert isinstance(num.total_samples, int) and num.total_samples > 0
        assert not num.is_symbolic()
    assert max(timings.values()) < 0.1, timings
    # the numeric path equals substituting into the sympy formula (moderate N)
    # (float inputs such as eps make counts above 2**53 exact only to float precision)
    numeric = result.evaluate(N=10**6)
    direct = result.total_samples.subs(n_sym, 10**6)
    assert float(direct) == pytest.approx(numeric.total_samples, rel=1e-12)
    assert int(result.logical_qubits.subs(n_sym, 10**6)) == numeric.logical_qubits
    assert result.formulas()["logical_qubits"].free_symbols == {n_sym}


def test_symbolic_boolean_matches_closed_form() -> None:
    n, q = sympy.symbols("N Q", positive=True, integer=True)
    r = BooleanQueryTask(num_items=n, queries=q, error=0.01).estimate()
    assert r.evaluate(N=4096, Q=3).samples_per_run == 3 * math.ceil(
        C_EXPECTED_UNITARY * 4096 * 3 / 0.01
    )


# ---- hand-off ------------------------------------------------------------------------------
def test_to_logical_counts() -> None:
    r = LSSVMTask(stats=stats(1000), margin=0.2, kappa=5).estimate()
    lc = r.to_logical_counts()
    assert isinstance(lc, LogicalCounts)
    assert lc.num_qubits == r.logical_qubits
    assert lc.rotation_count == r.rotation_count
    assert lc.ccix_count == r.and_count
    assert lc.rotation_depth == r.rotation_depth
    assert sum(c for _, c in lc.rotation_angles) <= lc.rotation_count
    assert lc.to_qre_json()["numQubits"] == r.logical_qubits


# ---- bad parameters ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("factory", "match"),
    [
        (lambda: LSSVMTask(stats=stats(100), margin=0, kappa=5), "margin"),
        (lambda: LSSVMTask(stats=stats(100), margin=0.1, kappa=0.5), "kappa"),
        (
            lambda: LSSVMTask(stats=stats(100), margin=0.1, kappa=5, sample_constant="x"),
            "sample_constant",
        ),
        (lambda: PCATask(stats=stats(100), gap=2.0, overlap=0.5), "gap"),
        (lambda: PCATask(stats=stats(100), gap=0.1, overlap=0.0), "overlap"),
        (lambda: LinearSystemTask(num_rows=10, sparsity=0, kappa=2), "sparsity"),
        (lambda: BooleanQueryTask(num_items=1, queries=1), "num_items"),
        (lambda: ErrorSplit(sketch=0.5, polynomial=0.5, readout=0.5), "error_split"),
        (lambda: LSSVMTask(stats=stats(100), margin=float("nan"), kappa=5), "margin"),
    ],
)
def test_bad_parameters(factory, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        factory()
