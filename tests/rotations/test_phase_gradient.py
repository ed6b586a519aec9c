"""Phase-gradient rotations: b - 2 Toffolis per rotation, catalytic b-qubit register."""

from __future__ import annotations

import math

import pytest

from estimator.errors import InvalidInputError
from estimator.rotations.phase_gradient import (
    PhaseGradientRotation,
    bits_for_precision,
    qualtran_rotation_counts,
)


def test_add_into_phase_grad_b20():
    # star_and_rotations.md 8: AddIntoPhaseGrad b=20 -> 18 Toffolis (Qualtran)
    from qualtran.bloqs.rotations.phase_gradient import AddIntoPhaseGrad
    from qualtran.resource_counting import QECGatesCost, get_cost_value

    assert get_cost_value(AddIntoPhaseGrad(20, 20), QECGatesCost()).toffoli == 18
    assert qualtran_rotation_counts(20) == (18, 41)  # ZPowConstViaPhaseGradient: b-2, 2b+1


@pytest.mark.parametrize(
    ("precision", "bits"),
    [
        (1e-14, 50),  # Qualtran ZPowConstViaPhaseGradient.from_precision(eps=1e-14)
        (1e-11, 40),  # ceil(log2(2 pi 1e11)) = ceil(39.19)
        (1e-3, 13),  # ceil(log2(6283.2)) = ceil(12.62)
    ],
)
def test_bits_from_precision(precision, bits):
    assert bits_for_precision(precision) == bits
    from qualtran.bloqs.rotations.zpow_via_phase_gradient import ZPowConstViaPhaseGradient

    assert ZPowConstViaPhaseGradient.from_precision(0.3, eps=precision).phase_grad_bitsize == bits


def test_phase_gradient_cost_qos_precision():
    cost = PhaseGradientRotation().cost(precision=1e-14)
    assert cost.toffoli_count == 48 and cost.t_count == 0
    assert cost.logical_time_steps == 3 * 48  # QRE: 3 steps per CCZ (arXiv:2211.07629 App. D)
    assert cost.error == pytest.approx(2 * math.pi / 2**50) and cost.error <= 1e-14
    assert cost.extra_logical_qubits == 2 * 50 + 48  # gradient + loaded angle + adder ANDs
    assert (
        PhaseGradientRotation(count_adder_ancillas=False).cost(precision=1e-14).extra_logical_qubits
        == 100
    )
    assert cost.one_off_t_count > 0
    assert PhaseGradientRotation.norm == "diamond" and PhaseGradientRotation.coherent


def test_fixed_bits():
    assert PhaseGradientRotation(bits=20).cost(precision=1e-5).toffoli_count == 18
    with pytest.raises(InvalidInputError, match="bits"):
        PhaseGradientRotation(bits=20).cost(precision=1e-8)
    with pytest.raises(InvalidInputError, match="bits"):
        PhaseGradientRotation(bits=2)
    with pytest.raises(InvalidInputError, match="precision"):
        PhaseGradientRotation().cost(precision=0)


def test_closed_form_beyond_qualtran_matches_qualtran_where_both_exist() -> None:
    """Above 64 bits Qualtran's fxpmath overflows; the closed form must agree below that."""
    from estimator.rotations.phase_gradient import QUALTRAN_MAX_BITS, qualtran_rotation_counts

    for b in (3, 17, 33, QUALTRAN_MAX_BITS):
        assert qualtran_rotation_counts(b) == (b - 2, 2 * b + 1)
    # A precision needing more than 64 bits (e.g. 1e-25 per rotation) now costs without error.
    cost = PhaseGradientRotation().cost(precision=1e-25)
    b = bits_for_precision(1e-25)
    assert b > QUALTRAN_MAX_BITS
    assert cost.toffoli_count == b - 2
    assert cost.extra_logical_qubits == 2 * b + (b - 2)


@pytest.mark.parametrize("bits", [4, 12, 30, 50])
def test_gradient_preparation_count_does_not_depend_on_precision(bits: int) -> None:
    """Qualtran's count of PhaseGradientState, asked directly at several eps, equals the count
    we cache per gradient size."""
    from qualtran.bloqs.rotations.phase_gradient import PhaseGradientState
    from qualtran.resource_counting import QECGatesCost, get_cost_value

    from estimator.rotations.phase_gradient import qualtran_gradient_preparation

    for eps in (0.3, 1e-4, 1e-9, 1e-15):
        gates = get_cost_value(PhaseGradientState(bits, eps=eps), QECGatesCost())
        assert qualtran_gradient_preparation(bits, eps) == (int(gates.t), int(gates.rotation))
