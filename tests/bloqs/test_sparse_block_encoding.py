"""SparseBlockEncodingSketch: oracle composition, samples per call, qubits, validation."""

from __future__ import annotations

import pytest
import sympy
from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

from estimator.bloqs import (
    ElementIndexOracle,
    MatrixElementSketch,
    RepeatedQueries,
    RowIndexSketch,
    SparseBlockEncodingSketch,
)
from estimator.bloqs.symbols import M, N, nnz, s
from estimator.errors import InvalidInputError
from estimator.logical import LogicalCounts


def test_one_call_uses_each_oracle_once():
    b = SparseBlockEncodingSketch(1000, 500, 8, 12, 4000, 10**5)
    row, element, col = b.oracles
    assert isinstance(row, RowIndexSketch) and isinstance(element, MatrixElementSketch)
    assert isinstance(col, ElementIndexOracle)
    assert (col.num_rows, col.num_cols, col.sparsity) == (500, 1000, 12)  # axis 1
    counts = b.bloq_counts()
    assert counts[row] == counts[element] == counts[col] == 1
    gc = get_cost_value(b, QECGatesCost())
    parts = [get_cost_value(o, QECGatesCost()) for o in b.oracles]
    assert gc.rotation == sum(p.rotation for p in parts)
    # samples: row sketch M + element M + column oracle M d ceil(log2 1000)
    assert b.total_samples == 10**5 + 10**5 + 10**5 * 51 * 10


def test_qubits_cover_registers_and_the_widest_oracle():
    b = SparseBlockEncodingSketch(1000, 500, 8, 12, 4000, 10**5, row_index="element")
    q = get_cost_value(b, QubitCount())
    assert q >= b.signature.n_qubits()
    for o in b.oracles:
        assert q >= get_cost_value(o, QubitCount())


def test_symbolic_and_queries():
    b = SparseBlockEncodingSketch(N, N, s, s, nnz, M)
    n = sympy.ceiling(sympy.log(N, 2))
    assert sympy.simplify(b.total_samples - (2 * M + 51 * M * n)) == 0
    seven = RepeatedQueries(b, 7)
    rot_7 = get_cost_value(seven, QECGatesCost()).rotation
    rot_1 = get_cost_value(b, QECGatesCost()).rotation
    assert sympy.expand(rot_7 - 7 * rot_1) == 0
    assert get_cost_value(seven, QubitCount()) == get_cost_value(b, QubitCount())
    assert LogicalCounts.from_bloq(b).is_symbolic()


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(row_index="rows"), "row_index"),
        (dict(sign_degree=0), "sign_degree"),
        (dict(num_samples=0), "num_samples"),
    ],
)
def test_bad_parameters(kwargs, field):
    args = dict(num_rows=16, num_cols=16, row_sparsity=2, col_sparsity=2, nnz=20, num_samples=10)
    args.update(kwargs)
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        SparseBlockEncodingSketch(**args)
