"""State sketch: per-sample Pauli-Z product rotations by simulation; QSVT-level costs."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

from estimator.bloqs import StateSample, StateSketch, StateSketchUnitary
from estimator.bloqs.symbols import M, N, phi_qsvt
from estimator.errors import InvalidInputError
from estimator.logical import LogicalCounts


def parity(a: int, b: int) -> int:
    return bin(a & b).count("1") % 2


@pytest.mark.parametrize("domain", [2, 4, 8])
def test_sketch_unitary_simulation(domain):
    rng = np.random.default_rng(domain)
    stream = tuple((int(rng.integers(domain)), float(rng.uniform(-1, 1))) for _ in range(5))
    b = StateSketchUnitary(N=domain, num_samples=7, t_divisor=5, stream=stream)
    phase = np.zeros(domain)
    for u in range(domain):
        for j, v in stream:
            # haimengzhao/quantum-oracle-sketching qos.py::q_state_sketch: t v (-1)^{j.u} / M,
            # t = N / (5 ||b||), v = h_j b_j (normalized here)
            phase[u] += domain / 5 * v * (-1) ** parity(j, u) / 7
    diag = [np.exp(1j * z * p) for p in phase for z in (1, -1)]
    np.testing.assert_allclose(b.tensor_contract(), np.diag(diag), atol=1e-9)


def test_single_sample_is_pauli_product_rotation():
    phi, j = 0.3, 5
    u = StateSample(n=3, phi=phi, j=j).tensor_contract()
    diag = [np.exp(1j * phi * (-1) ** (parity(j, x) + a)) for x in range(8) for a in (0, 1)]
    np.testing.assert_allclose(u, np.diag(diag), atol=1e-9)
    gc = get_cost_value(StateSample(n=3, phi=phi, j=j), QECGatesCost())
    assert (gc.rotation, gc.clifford, gc.and_bloq) == (1, 4, 0)  # 2 x |j| CNOTs, no And


def test_state_sketch_symbolic_costs():
    b = StateSketch(N=N, num_samples=M)
    gc = get_cost_value(b, QECGatesCost())
    assert sympy.simplify(gc.rotation - (4 * M + 5)) == 0  # d M samples + d + 1 signal rotations
    assert gc.and_bloq == 0 and gc.t == 0
    assert b.total_samples == 4 * M
    n = sympy.ceiling(sympy.log(N, 2))
    assert sympy.simplify(get_cost_value(b, QubitCount()) - sympy.Max(1, n + 2)) == 0  # 2 ancillas
    lc = LogicalCounts.from_bloq(b)
    angles = dict(lc.rotation_angles)
    assert angles[phi_qsvt] == 5
    assert sympy.simplify(angles[-2 * sympy.sqrt(N) / (5 * M)] - 4 * M) == 0


def test_explicit_qsvt_phases():
    b = StateSketch(N=16, num_samples=100, degree=2, qsvt_phases=(0.1, 0.2, 0.1))
    gc = get_cost_value(b, QECGatesCost())
    assert gc.rotation == 2 * 100 + 3


@pytest.mark.parametrize(
    "cls, kwargs, field",
    [
        (StateSketchUnitary, dict(N=1, num_samples=3), "N"),
        (StateSketchUnitary, dict(N=4, num_samples=0), "num_samples"),
        (StateSketchUnitary, dict(N=4, num_samples=3, flatness=0), "flatness"),
        (StateSketchUnitary, dict(N=4, num_samples=3, stream=((4, 0.1),)), "stream"),
        (StateSketch, dict(N=4, num_samples=3, degree=0), "degree"),
        (StateSketch, dict(N=4, num_samples=3, qsvt_phases=(0.1,)), "qsvt_phases"),
    ],
)
def test_bad_parameters(cls, kwargs, field):
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        cls(**kwargs)
