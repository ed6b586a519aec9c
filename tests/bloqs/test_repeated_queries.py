"""Q fresh sketches: symbolic total = c N Q^2 / eps, fast numeric evaluation."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
import sympy
from qualtran.resource_counting import QECGatesCost, get_cost_value

from estimator.bloqs import (
    C_THEOREM_D16,
    BooleanSketch,
    RepeatedQueries,
    RotationsByAngle,
    boolean_oracle_queries,
)
from estimator.bloqs.symbols import N, Q, eps
from estimator.errors import InvalidInputError
from estimator.logical import LogicalCounts


def test_symbolic_totals_equal_hand_formula():
    b = boolean_oracle_queries(N, Q, eps)
    gc = get_cost_value(b, QECGatesCost())
    m_total = sympy.pi**2 / 2 * N * Q**2 / eps
    n = sympy.ceiling(sympy.log(N, 2))
    assert sympy.simplify(gc.rotation - m_total) == 0
    assert sympy.simplify(gc.and_bloq - m_total * (n - 1)) == 0
    # per-sample angle pi N / M_q = 2 eps / (pi Q), independent of N
    ((angle, count),) = get_cost_value(b, RotationsByAngle()).items()
    assert sympy.simplify(angle - 2 * eps / (sympy.pi * Q)) == 0
    assert sympy.simplify(count - m_total) == 0


def test_numeric_evaluation_is_fast():
    boolean_oracle_queries(2**10, 10, 0.1)  # warm-up
    t0 = time.perf_counter()
    b = boolean_oracle_queries(2**20, 100, 1e-2)
    gc = get_cost_value(b, QECGatesCost())
    elapsed = time.perf_counter() - t0
    assert elapsed < 0.05
    m_q = math.ceil(math.pi**2 / 2 * 2**20 * 100 / 1e-2)
    assert gc.rotation == 100 * m_q and gc.and_bloq == 19 * 100 * m_q


def test_symbolic_expression_evaluates_fast():
    gc = get_cost_value(boolean_oracle_queries(N, Q, eps), QECGatesCost())
    f = sympy.lambdify((N, Q, eps), gc.rotation, "math")
    t0 = time.perf_counter()
    value = f(2**20, 100, 1e-2)
    assert time.perf_counter() - t0 < 0.05
    assert value == pytest.approx(math.pi**2 / 2 * 2**20 * 100**2 / 1e-2)
    t0 = time.perf_counter()
    sub = gc.rotation.subs({N: 2**20, Q: 100, eps: sympy.Rational(1, 100)})
    assert time.perf_counter() - t0 < 0.05
    assert float(sub) == pytest.approx(value)


def test_theorem_d16_constant_and_repetition():
    b = boolean_oracle_queries(1000, 10, 0.1, constant=C_THEOREM_D16, repetition=2)
    m_q = math.ceil(C_THEOREM_D16 * 1000 * 10 * 2 / 0.1)
    assert b.sketch.num_samples == m_q
    assert get_cost_value(b, QECGatesCost()).rotation == 10 * m_q


def test_logical_counts_of_queries():
    lc = LogicalCounts.from_bloq(boolean_oracle_queries(N, Q, eps))
    assert lc.is_symbolic()
    assert sympy.simplify(lc.rotation_depth - lc.rotation_count) == 0


def test_decomposition_repeats_the_sketch():
    sketch = BooleanSketch(N=4, num_samples=6, stream=(1, 2, 1))
    u1 = sketch.tensor_contract()
    u3 = RepeatedQueries(sketch, 3).tensor_contract()
    np.testing.assert_allclose(u3, np.linalg.matrix_power(u1, 3), atol=1e-9)


@pytest.mark.parametrize("q, field", [(0, "num_queries"), (1.5, "num_queries")])
def test_bad_parameters(q, field):
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        RepeatedQueries(BooleanSketch(N=4, num_samples=6), q)
    with pytest.raises(InvalidInputError, match="invalid eps="):
        boolean_oracle_queries(16, 2, 1.5)


def test_qubit_count_does_not_expand_queries():
    from qualtran.resource_counting import QubitCount

    b = boolean_oracle_queries(2**20, 10**6, 1e-2)
    t0 = time.perf_counter()
    assert get_cost_value(b, QubitCount()) == 39
    assert time.perf_counter() - t0 < 0.05


def test_logical_counts_subs_is_fast():
    lc = LogicalCounts.from_bloq(boolean_oracle_queries(N, Q, eps))
    lc.subs(N=2**10, Q=10, epsilon=0.1)  # warm-up (sympy caches)
    t0 = time.perf_counter()
    sub = lc.subs(N=2**20, Q=100, epsilon=1e-2)
    assert time.perf_counter() - t0 < 0.05
    assert sub.num_qubits == 39
    assert sub.rotation_count == pytest.approx(math.pi**2 / 2 * 2**20 * 100**2 / 1e-2)
