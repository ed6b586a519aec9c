"""Matrix-element sketch: exp(i Z_a sum_t phi_t |i_t j_t><i_t j_t|) by simulation; costs."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

from estimator.bloqs import ElementSample, MatrixElementSketch, RotationsByAngle
from estimator.bloqs.symbols import M, N, nnz
from estimator.errors import InvalidInputError
from estimator.logical import LogicalCounts


def expected_diag(rows, cols, nz, num, stream):
    n_r, n_c = (rows - 1).bit_length(), (cols - 1).bit_length()
    phase = np.zeros((2**n_r, 2**n_c))
    for i, j, a in stream:
        # haimengzhao/quantum-oracle-sketching qos_sampling.py::q_oracle_sketch_matrix_element
        phase[i, j] += nz * math.asin(a) / num
    # basis order row, col, lcu; lcu=0 -> U (e^{+i phase}), lcu=1 -> U^dagger
    return np.array([np.exp(1j * z * p) for p in phase.ravel() for z in (1, -1)])


@pytest.mark.parametrize("rows, cols", [(2, 2), (2, 4), (4, 2), (3, 4)])
def test_sketch_simulation(rows, cols):
    rng = np.random.default_rng(rows * 10 + cols)
    stream = tuple(
        (int(rng.integers(rows)), int(rng.integers(cols)), float(rng.uniform(-1, 1)))
        for _ in range(4)
    )
    b = MatrixElementSketch(num_rows=rows, num_cols=cols, nnz=5, num_samples=6, stream=stream)
    np.testing.assert_allclose(
        b.tensor_contract(), np.diag(expected_diag(rows, cols, 5, 6, stream)), atol=1e-9
    )


def test_single_sample_gate():
    phi = 0.37
    u = ElementSample(n_row=1, n_col=1, phi=phi, row=1, col=0).tensor_contract()
    diag = []
    for i in range(2):
        for j in range(2):
            for z in (1, -1):
                p = 1.0 if (i, j) == (1, 0) else 0.0
                diag.append(np.exp(1j * phi * z * p - 1j * phi * z / 2))
    np.testing.assert_allclose(u, np.diag(diag), atol=1e-9)


def test_symbolic_costs():
    b = MatrixElementSketch(num_rows=N, num_cols=N, nnz=nnz, num_samples=M)
    gc = get_cost_value(b, QECGatesCost())
    n = sympy.ceiling(sympy.log(N, 2))
    assert sympy.simplify(gc.rotation - (M + 1)) == 0  # one per sample + one correction
    assert sympy.simplify(gc.and_bloq - M * (2 * n - 1)) == 0  # 2n-controlled
    h = get_cost_value(b, RotationsByAngle())
    assert h[nnz * sympy.pi / (2 * M)] == M  # bound nnz arcsin(1)/M
    assert sympy.simplify(get_cost_value(b, QubitCount()) - sympy.Max(1, 4 * n, 2 * n + 1)) == 0
    lc = LogicalCounts.from_bloq(b).subs(N=2**10, M=10**8, nnz=5000)
    assert (lc.num_qubits, lc.rotation_count) == (40, 10**8 + 1)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(num_rows=1, num_cols=4, nnz=3, num_samples=5), "num_rows"),
        (dict(num_rows=4, num_cols=1, nnz=3, num_samples=5), "num_cols"),
        (dict(num_rows=4, num_cols=4, nnz=0, num_samples=5), "nnz"),
        (dict(num_rows=4, num_cols=4, nnz=3, num_samples=0), "num_samples"),
        (dict(num_rows=4, num_cols=4, nnz=3, num_samples=5, max_abs_entry=1.5), "max_abs_entry"),
        (dict(num_rows=4, num_cols=4, nnz=3, num_samples=5, stream=((0, 0, 2.0),)), "stream"),
    ],
)
def test_bad_parameters(kwargs, field):
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        MatrixElementSketch(**kwargs)
