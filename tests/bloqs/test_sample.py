"""SketchSample: exact unitary by simulation, symbolic counts, validation."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from qualtran.bloqs.basic_gates import ZPowGate
from qualtran.bloqs.mcmt import And
from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

from estimator.bloqs import SketchSample
from estimator.bloqs.symbols import M, N, n
from estimator.errors import InvalidInputError


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_unitary_is_phase_on_one_basis_state(width):
    rng = np.random.default_rng(width)
    for x in rng.choice(2**width, size=min(3, 2**width), replace=False):
        theta = float(rng.uniform(-3, 3))
        u = SketchSample(width, theta, int(x)).tensor_contract()
        expected = np.ones(2**width, dtype=complex)
        expected[x] = np.exp(1j * theta)
        # exact, not only up to global phase: ZPowGate = diag(1, e^{i theta})
        np.testing.assert_allclose(u, np.diag(expected), atol=1e-10)


def test_cirq_simulation_with_measurement_based_uncompute():
    """Independent of the tensor network: simulate the cirq export (And uncomputation by
    X-basis measurement + classically controlled CZ) on the uniform superposition."""
    import cirq

    width, theta, x = 3, 0.7, 6
    circuit = SketchSample(width, theta, x).decompose_bloq().to_cirq_circuit()
    index = [cirq.NamedQubit(f"index{i}") for i in range(width)]
    ancillas = sorted(set(circuit.all_qubits()) - set(index), key=str)
    plus = np.ones(2**width) / np.sqrt(2**width)
    init = np.kron(plus, np.eye(2 ** len(ancillas))[0]).astype(np.complex64)
    expected = plus.astype(complex)
    expected[x] *= np.exp(1j * theta)
    for seed in range(4):  # measurement outcomes differ between runs; the state must not
        final = (
            cirq.Simulator(seed=seed)
            .simulate(circuit, qubit_order=index + ancillas, initial_state=init)
            .final_state_vector
        )
        got = final.reshape(2**width, 2 ** len(ancillas))[:, 0]
        np.testing.assert_allclose(got, expected, atol=1e-5)


def test_counts_per_sample():
    gc = get_cost_value(SketchSample(5, 0.1, 3), QECGatesCost())
    assert (gc.and_bloq, gc.rotation, gc.measurement, gc.t, gc.toffoli) == (4, 1, 4, 0, 0)
    assert get_cost_value(SketchSample(5, 0.1, 3), QubitCount()) == 9  # 5 + 4 ancillas
    gc1 = get_cost_value(SketchSample(1, 0.1, 0), QECGatesCost())
    assert (gc1.and_bloq, gc1.rotation) == (0, 1)


def test_symbolic_counts_equal_hand_formula():
    theta = sympy.pi * N / M
    b = SketchSample(n, theta)
    assert b.bloq_counts() == {
        And(): n - 1,
        And(uncompute=True): n - 1,
        ZPowGate(exponent=N / M): 1,
    }
    gc = get_cost_value(b, QECGatesCost())
    assert sympy.simplify(gc.and_bloq - (n - 1)) == 0
    assert gc.rotation == 1
    assert get_cost_value(b, QubitCount()) == 2 * n - 1


def test_adjoint_negates_angle():
    b = SketchSample(3, 0.4, 2)
    np.testing.assert_allclose(
        b.adjoint().tensor_contract(), b.tensor_contract().conj().T, atol=1e-10
    )


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(n=0, theta=0.1), "n"),
        (dict(n=2.5, theta=0.1), "n"),
        (dict(n=3, theta=0.1, x=8), "x"),
        (dict(n=3, theta=0.1, x=-1), "x"),
        (dict(n=3, theta=float("inf")), "theta"),
    ],
)
def test_bad_parameters(kwargs, field):
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        SketchSample(**kwargs)
