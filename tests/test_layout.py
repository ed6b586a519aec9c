"""The PSSPC layout (arXiv:2211.07629, Appendix D), with rotation costs from a RotationCost."""

from __future__ import annotations

import pytest

from estimator.layout import PSSPCLayout
from estimator.logical import LogicalCounts
from estimator.rotations.base import RotationCost

LAYOUT = PSSPCLayout()
B1 = LogicalCounts(num_qubits=100, rotation_count=112110, rotation_depth=2001)
QRE_ROT = RotationCost(scheme="qre_formula", t_count=20, logical_time_steps=20, error=1e-9)


def test_b1_layout() -> None:
    """peers.md B1: 230 logical qubits, depth 152,130, 2,242,200 T states (QRE test_report.json)."""
    assert LAYOUT.logical_qubits(B1, QRE_ROT) == 230
    assert LAYOUT.logical_depth(B1, QRE_ROT) == 152_130
    assert LAYOUT.num_magic_states(B1, QRE_ROT) == 2_242_200


@pytest.mark.parametrize(
    ("q", "expected"),
    [(1, 2 + 3 + 1), (2, 4 + 4 + 1), (12, 24 + 10 + 1), (10_000, 20_000 + 283 + 1)],
)
def test_logical_qubits_formula(q: int, expected: int) -> None:
    """2Q + ceil(sqrt(8Q)) + 1 (arXiv:2211.07629, Eq. (D1))."""
    assert LAYOUT.logical_qubits(LogicalCounts(num_qubits=q)) == expected


def test_depth_and_magic_states_for_all_gate_kinds() -> None:
    c = LogicalCounts(
        num_qubits=10,
        t_count=7,
        ccz_count=3,
        ccix_count=2,
        rotation_count=5,
        rotation_depth=4,
        measurement_count=11,
    )
    rot = RotationCost(scheme="x", t_count=9, logical_time_steps=6)
    # (M + R + T) + 3 (CCZ + CCiX) + steps * D_R = (11 + 5 + 7) + 15 + 24
    assert LAYOUT.logical_depth(c, rot) == 23 + 15 + 24
    # T + 4 (CCZ + CCiX) + t_rot * R = 7 + 20 + 45
    assert LAYOUT.num_magic_states(c, rot) == 7 + 20 + 45


def test_rotation_extras() -> None:
    c = LogicalCounts(num_qubits=4, rotation_count=10, rotation_depth=10)
    rot = RotationCost(
        scheme="pg",
        t_count=0,
        toffoli_count=2,
        logical_time_steps=3,
        extra_logical_qubits=8,
        one_off_t_count=100,
    )
    assert LAYOUT.logical_qubits(c, rot) == LAYOUT.data_qubits(c) + 8
    assert LAYOUT.num_magic_states(c, rot) == 2 * 10 * 4 + 100
    assert LAYOUT.logical_depth(c, rot) == 10 + 3 * 10


def test_fractional_expected_costs_round_up() -> None:
    c = LogicalCounts(num_qubits=4, rotation_count=3, rotation_depth=3)
    rot = RotationCost(scheme="mean", t_count=2.5, logical_time_steps=1.5)
    assert LAYOUT.num_magic_states(c, rot) == 8  # ceil(7.5)
    assert LAYOUT.logical_depth(c, rot) == 3 + 5  # 3 + ceil(4.5)


def test_huge_counts_stay_exact_ints() -> None:
    r = 10**18 + 1
    c = LogicalCounts(num_qubits=4, rotation_count=r, rotation_depth=r)
    n = LAYOUT.num_magic_states(c, QRE_ROT)
    assert n == 20 * r and type(n) is int


def test_no_rotation_cost_needed_without_rotations() -> None:
    c = LogicalCounts(num_qubits=3, t_count=5)
    assert LAYOUT.logical_depth(c) == 5
    assert LAYOUT.num_magic_states(c) == 5


def test_explanations_carry_the_numbers() -> None:
    text = LAYOUT.explain(B1, QRE_ROT)
    assert "230" in text["logical_qubits"]
    assert "20 * 2,001 = 152,130" in text["logical_depth"]
    assert "2,242,200" in text["num_magic_states"]
