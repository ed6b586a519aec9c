"""Index oracles: per-sample gates and small sketches by simulation; QSVT-level costs."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from qualtran.resource_counting import QECGatesCost, get_cost_value

from estimator.bloqs import (
    ElementIndexOracle,
    ElementIndexSample,
    ElementIndexSketch,
    RowIndexSample,
    RowIndexSketch,
)
from estimator.bloqs.symbols import M, N, nnz, s
from estimator.errors import InvalidInputError


def bit(value: int, m: int, width: int) -> int:
    return (value >> (width - 1 - m)) & 1


def test_row_sample_phases():
    theta = 0.9
    n_r, n_k, n_c = 1, 1, 2
    cols = (1, 3)
    u = RowIndexSample(n_r, n_k, n_c, theta, row=1, cols=cols).tensor_contract()
    diag = []
    for i in range(2):
        for k in range(2):
            for q in range(4):
                ph = 0.0
                if i == 1:
                    ph = theta * sum(bit(cols[k], m, n_c) * bit(q, m, n_c) for m in range(n_c))
                diag.append(np.exp(1j * ph))
    np.testing.assert_allclose(u, np.diag(diag), atol=1e-9)


def test_row_index_sketch_is_exact_xor_oracle_when_each_row_is_seen_once():
    # M = N_rows and each row sampled once: the phase pi N_rows/M = pi per 1-bit, so
    # H (phases) H writes j(i, k) into the column register exactly
    js = {0: (2, 1), 1: (0, 3)}
    b = RowIndexSketch(
        num_rows=2, num_cols=4, sparsity=2, num_samples=2, stream=((0, js[0]), (1, js[1]))
    )
    u = b.tensor_contract()
    for i in range(2):
        for k in range(2):
            col_in = (i * 2 + k) * 4  # |i>|k>|0>
            out = u[:, col_in]
            target = (i * 2 + k) * 4 + js[i][k]
            assert abs(abs(out[target]) - 1) < 1e-9


def test_element_sample_phase():
    phi = 0.4
    u = ElementIndexSample(n_row=1, n_col=2, phi=phi, row=1, col=1).tensor_contract()
    diag = []
    for i in range(2):
        for l in range(4):  # noqa: E741
            for z in (1, -1):
                p = 1.0 if (i == 1 and l > 1) else 0.0
                diag.append(np.exp(1j * z * phi * (p - 0.5)))
    np.testing.assert_allclose(u, np.diag(diag), atol=1e-9)


def test_element_index_sketch_cumulative_counter():
    rows, cols, sp, nz, num = 2, 4, 2, 3, 4
    stream = ((0, 1), (1, 2), (0, 1))
    b = ElementIndexSketch(rows, cols, sp, nz, num, stream=stream)
    alpha = math.pi / (2 * sp + 1)
    phi = math.pi * nz / ((2 * sp + 1) * num)  # qos.py::q_oracle_sketch_matrix_index
    diag = []
    for i in range(rows):
        for r in range(2):  # rank register holds k - 1
            for l in range(cols):  # noqa: E741
                theta = phi * sum(1 for it, jt in stream if it == i and l > jt)
                theta -= (r + 0.5) * alpha
                diag.extend([np.exp(1j * theta), np.exp(-1j * theta)])
    np.testing.assert_allclose(b.tensor_contract(), np.diag(diag), atol=1e-9)


def test_element_index_oracle_symbolic_costs():
    o = ElementIndexOracle(num_rows=N, num_cols=N, sparsity=s, nnz=nnz, num_samples=M)
    n = sympy.ceiling(sympy.log(N, 2))
    assert sympy.simplify(o.total_samples - 51 * M * n) == 0  # qos.py: M (d) log2 N
    gc = get_cost_value(o, QECGatesCost())
    n_k = sympy.Max(1, sympy.ceiling(sympy.log(s, 2)))
    # per search step: d sketches x (M samples + n_rank rank rotations + 1) + (d + 1) signal
    expected_rot = n * (51 * (M + n_k + 1) + 52)
    assert sympy.simplify(gc.rotation - expected_rot) == 0
    assert sympy.simplify(gc.cswap - 2 * n**2) == 0
    num = ElementIndexOracle(1024, 1024, 8, 5000, 10**6, degree=101)
    assert num.total_samples == 10**6 * 101 * 10


def test_row_index_symbolic_costs():
    b = RowIndexSketch(num_rows=N, num_cols=N, sparsity=s, num_samples=M)
    gc = get_cost_value(b, QECGatesCost())
    n = sympy.ceiling(sympy.log(N, 2))
    assert sympy.simplify(gc.rotation - M * s * n) == 0  # worst case: every column bit is 1
    half = RowIndexSketch(
        num_rows=N, num_cols=N, sparsity=s, num_samples=M, ones_per_sample=s * n / 2
    )
    assert sympy.simplify(get_cost_value(half, QECGatesCost()).rotation - M * s * n / 2) == 0


@pytest.mark.parametrize(
    "cls, kwargs, field",
    [
        (RowIndexSketch, dict(num_rows=1, num_cols=4, sparsity=2, num_samples=3), "num_rows"),
        (RowIndexSketch, dict(num_rows=4, num_cols=4, sparsity=0, num_samples=3), "sparsity"),
        (RowIndexSketch, dict(num_rows=4, num_cols=4, sparsity=2, num_samples=0), "num_samples"),
        (
            ElementIndexSketch,
            dict(num_rows=4, num_cols=4, sparsity=2, nnz=0, num_samples=3),
            "nnz",
        ),
        (
            ElementIndexOracle,
            dict(num_rows=4, num_cols=4, sparsity=2, nnz=5, num_samples=3, degree=0),
            "degree",
        ),
    ],
)
def test_bad_parameters(cls, kwargs, field):
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        cls(**kwargs)


def test_code_ancilla_counts_and_axis():
    from estimator.bloqs import BooleanSketch, MatrixElementSketch, StateSketch

    # "Use k ancilla qubit(s)" docstrings of haimengzhao/quantum-oracle-sketching qos.py
    assert BooleanSketch.code_ancillas == 0
    assert MatrixElementSketch.code_ancillas == 1
    assert StateSketch.code_ancillas == 2
    assert RowIndexSketch.code_ancillas == 2
    assert ElementIndexOracle.code_ancillas == 2
    rows = ElementIndexOracle.for_matrix(100, 10, axis=0, sparsity=3, nnz=300, num_samples=10)
    cols = ElementIndexOracle.for_matrix(100, 10, axis=1, sparsity=30, nnz=300, num_samples=10)
    assert (rows.num_rows, rows.num_cols, rows.sketch.n_col) == (100, 10, 4)
    assert (cols.num_rows, cols.num_cols, cols.sketch.n_col) == (10, 100, 7)
    with pytest.raises(InvalidInputError, match="invalid axis="):
        ElementIndexOracle.for_matrix(4, 4, axis=2, sparsity=1, nnz=4, num_samples=1)


@pytest.mark.parametrize("n_row, n_col", [(1, 2), (2, 3), (3, 3), (2, 4)])
def test_static_qubit_counts_match_decomposition(n_row, n_col):
    from qualtran.resource_counting import QubitCount

    from estimator.bloqs import ElementSample

    a, b = sympy.symbols("a b", positive=True, integer=True)
    for cls in (ElementIndexSample, ElementSample):
        width = get_cost_value(cls(n_row, n_col, 0.1, 0, 1), QubitCount())  # decomposition
        formula = cls(a, b, 0.1).my_static_costs(QubitCount()).subs({a: n_row, b: n_col})
        assert width == formula
    # row samples: registers + row ladder + rank ladder + one And target
    cols = tuple([2**n_col - 1] * 2)
    width = get_cost_value(RowIndexSample(n_row, 1, n_col, 0.1, row=0, cols=cols), QubitCount())
    static = RowIndexSample(n_row, 1, n_col, 0.1, sparsity=2).my_static_costs(QubitCount())
    assert width == static


def test_oracle_qubits_include_rank_output_and_swap_partner():
    from qualtran.resource_counting import QubitCount

    o = ElementIndexOracle(16, 16, 4, 40, 100)
    sample = get_cost_value(ElementIndexSample(4, 4, 0.1), QubitCount())
    assert sample == 4 + 4 + 1 + 3 + 2 + 4
    assert get_cost_value(o.sketch, QubitCount()) == 2 + sample
    assert get_cost_value(o, QubitCount()) == 2 + sample + 1 + 4
