"""LogicalCounts.from_bloq works on every sketch, symbolic and numeric, and agrees after subs."""

from __future__ import annotations

import pytest
import sympy

from estimator.bloqs import (
    BooleanSketch,
    ElementIndexOracle,
    MatrixElementSketch,
    ParallelBooleanSketch,
    RowIndexSketch,
    SparseBlockEncodingSketch,
    StateSketch,
    boolean_oracle_queries,
)
from estimator.bloqs.symbols import M, N, Q, eps, k, nnz, s
from estimator.logical import LogicalCounts

VALUES = {N: 2**10, M: 10**6, Q: 10, eps: sympy.Rational(1, 100), k: 4, nnz: 5000, s: 8}

CASES = [
    ("boolean", lambda n, m: BooleanSketch(N=n, num_samples=m)),
    ("parallel", lambda n, m: ParallelBooleanSketch(N=n, num_samples=m, k=4)),
    ("state", lambda n, m: StateSketch(N=n, num_samples=m)),
    ("element", lambda n, m: MatrixElementSketch(n, n, 5000, m)),
    ("row_index", lambda n, m: RowIndexSketch(n, n, 8, m)),
    ("element_index", lambda n, m: ElementIndexOracle(n, n, 8, 5000, m)),
    ("block_encoding", lambda n, m: SparseBlockEncodingSketch(n, n, 8, 8, 5000, m)),
]


@pytest.mark.parametrize("name, make", CASES, ids=[c[0] for c in CASES])
def test_symbolic_then_subs_equals_numeric(name, make):
    symbolic = LogicalCounts.from_bloq(make(N, M))
    numeric = LogicalCounts.from_bloq(make(2**10, 10**6))
    assert symbolic.is_symbolic() and not numeric.is_symbolic()
    sub = symbolic.subs({N: 2**10, M: 10**6})
    for field in ("num_qubits", "t_count", "ccz_count", "ccix_count", "rotation_count"):
        assert sub.__getattribute__(field) == pytest.approx(numeric.__getattribute__(field)), field
    assert sub.rotation_depth == pytest.approx(numeric.rotation_depth)
    assert numeric.rotation_count > 0
    total = sum(c for _, c in numeric.rotation_angles)
    assert total == numeric.rotation_count


def test_queries_symbolic_and_numeric():
    lc = LogicalCounts.from_bloq(boolean_oracle_queries(N, Q, eps))
    num = LogicalCounts.from_bloq(boolean_oracle_queries(2**10, 10, 0.01))
    sub = lc.subs(VALUES)
    assert sub.num_qubits == num.num_qubits == 19
    assert sub.rotation_count == pytest.approx(num.rotation_count, rel=1e-6)
