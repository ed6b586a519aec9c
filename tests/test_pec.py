"""Paying for residual rotation error: budget check and PEC sampling overhead."""

from __future__ import annotations

import math

import numpy as np
import pytest
from attrs import frozen

from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.pec import (
    fmt,
    log_sampling_overhead,
    max_rotations_for_overhead,
    pay_rotation_error,
    pec_gamma,
    pec_overhead,
    rotation_error_budget_check,
)

P_V1_1E4 = 4 * 1e-4 / 15  # STAR v1 per rotation at p = 1e-4 (arXiv:2303.13181, 4p/15)


@pytest.mark.parametrize("p", [1e-6, 1e-3, 0.01, 0.2, 0.49])
def test_gamma_is_one_norm_of_inverse_z_channel(p: float) -> None:
    # Pauli transfer matrices: identity and Z conjugation; E = (1-p) I + p Z.
    ident = np.diag([1.0, 1.0, 1.0, 1.0])
    z_conj = np.diag([1.0, -1.0, -1.0, 1.0])
    channel = (1 - p) * ident + p * z_conj
    a, b = (1 - p) / (1 - 2 * p), -p / (1 - 2 * p)  # E^-1 = a I + b Z (Temme et al. 2017)
    np.testing.assert_allclose((a * ident + b * z_conj) @ channel, ident, atol=1e-12)
    assert pec_gamma(p) == pytest.approx(abs(a) + abs(b), rel=1e-12)
    assert pec_gamma(p) == pytest.approx(1 + 2 * p / (1 - 2 * p), rel=1e-12)


@frozen
class OverheadCase:
    error_per_rotation: float
    n_rotations: float
    log_overhead: float


OVERHEAD_CASES = [
    # exact -2 N ln(1 - 2P); STAR v1 p = 1e-4, 1e5 rotations: notes' exp(8 P_inj N) = e^10.667
    OverheadCase(P_V1_1E4, 1e5, -2e5 * math.log1p(-2 * P_V1_1E4)),
    # one rotation at P = 0.25: gamma = 2, gamma^2 = 4
    OverheadCase(0.25, 1, math.log(4.0)),
    # no rotations: no overhead
    OverheadCase(0.01, 0, 0.0),
]


@pytest.mark.parametrize("case", OVERHEAD_CASES)
def test_log_sampling_overhead(case: OverheadCase) -> None:
    got = log_sampling_overhead(case.error_per_rotation, case.n_rotations)
    assert got == pytest.approx(case.log_overhead, rel=1e-12, abs=1e-15)


def test_exact_vs_notes_formula() -> None:
    # Notes: gamma^2 = exp(8 P N) with P the per-injection error (2p/15) and 2 injections per
    # rotation, i.e. exp(4 P_rot N) to first order.
    n = 1e5
    p_inj = 2 * 1e-4 / 15
    exact = log_sampling_overhead(2 * p_inj, n)
    approx = log_sampling_overhead(2 * p_inj, n, approximate=True)
    assert approx == pytest.approx(8 * p_inj * n, rel=1e-12)
    assert exact == pytest.approx(approx, rel=1e-4)
    assert exact > approx
    assert math.exp(exact) == pytest.approx(4.29e4, rel=1e-2)


def test_groups_add() -> None:
    groups = [(1e-5, 1e4), (3e-6, 2e5)]
    total = log_sampling_overhead(groups=groups)
    assert total == pytest.approx(sum(log_sampling_overhead(e, n) for e, n in groups))
    result = pec_overhead(groups=groups, max_sampling_overhead=1e6)
    assert result.n_rotations == pytest.approx(2.1e5)
    assert result.expected_faults == pytest.approx(0.1 + 0.6)
    assert result.sampling_overhead == pytest.approx(math.exp(total))
    assert result.gamma == pytest.approx(math.exp(total / 2))


def test_pec_refused_above_bound_with_numbers() -> None:
    with pytest.raises(InfeasibleEstimateError) as info:
        pec_overhead(P_V1_1E4, 1e5, max_sampling_overhead=100)
    assert info.value.constraint == "pec_sampling_overhead"
    msg = str(info.value)
    assert "STAR PEC sampling overhead gamma^2 = 4.29e4 for 1e5 rotations" in msg
    assert "at error 2.67e-5 per rotation (2.67 expected faults), above the bound 100" in msg
    # astronomically large overheads are reported as powers of ten, never inf
    with pytest.raises(InfeasibleEstimateError, match=r"gamma\^2 = 10\^4.63e5"):
        pec_overhead(P_V1_1E4, 1e10)


def test_max_rotations_for_overhead_is_the_bound_edge() -> None:
    n_max = max_rotations_for_overhead(P_V1_1E4, 100)
    assert n_max == pytest.approx(math.log(100) / (-2 * math.log1p(-2 * P_V1_1E4)))
    assert n_max == pytest.approx(4.317e4, rel=1e-3)  # ln(100) / (4 P)
    pec_overhead(P_V1_1E4, 0.999 * n_max, max_sampling_overhead=100)
    with pytest.raises(InfeasibleEstimateError):
        pec_overhead(P_V1_1E4, 1.001 * n_max, max_sampling_overhead=100)
    with pytest.raises(InvalidInputError, match="error_per_rotation"):
        max_rotations_for_overhead(0.0, 100)


def test_budget_check_message() -> None:
    with pytest.raises(InfeasibleEstimateError) as info:
        rotation_error_budget_check(
            rotation_budget=1e-2, error_per_rotation=P_V1_1E4, n_rotations=10**10
        )
    assert info.value.constraint == "rotation_budget"
    assert str(info.value) == (
        "STAR rotation error 2.67e-5 x 1e10 rotations = 2.67e5 exceeds the rotation budget 0.01"
    )
    total = rotation_error_budget_check(
        rotation_budget=1e-2, error_per_rotation=1e-9, n_rotations=10**6, scheme_name="star_v3"
    )
    assert total == pytest.approx(1e-3)
    with pytest.raises(InfeasibleEstimateError, match="summed over 2 angle groups"):
        rotation_error_budget_check(rotation_budget=1e-3, groups=[(1e-6, 1e3), (1e-5, 1e3)])


def test_pay_rotation_error_modes() -> None:
    fits = pay_rotation_error(rotation_budget=1e-2, error_per_rotation=P_V1_1E4, n_rotations=100)
    assert (fits.mode, fits.sampling_overhead) == ("budget", 1.0)
    assert fits.charged_error == pytest.approx(100 * P_V1_1E4)
    pec = pay_rotation_error(rotation_budget=1e-2, error_per_rotation=P_V1_1E4, n_rotations=1e3)
    assert pec.mode == "pec"
    assert pec.charged_error == 0.0
    assert pec.sampling_overhead == pytest.approx(math.exp(-2e3 * math.log1p(-2 * P_V1_1E4)))
    forced = pay_rotation_error(
        rotation_budget=1e-2, error_per_rotation=P_V1_1E4, n_rotations=100, mode="pec"
    )
    assert forced.mode == "pec"
    assert forced.sampling_overhead > 1
    with pytest.raises(InfeasibleEstimateError, match="exceeds the rotation budget"):
        pay_rotation_error(
            rotation_budget=1e-2, error_per_rotation=P_V1_1E4, n_rotations=1e3, mode="budget"
        )


def test_auto_infeasible_gives_both_numbers() -> None:
    with pytest.raises(InfeasibleEstimateError) as info:
        pay_rotation_error(rotation_budget=1e-2, error_per_rotation=P_V1_1E4, n_rotations=1e10)
    assert info.value.constraint == "rotation_error"
    msg = str(info.value)
    assert "2.67e-5 x 1e10 rotations = 2.67e5 exceeds the rotation budget 0.01" in msg
    assert "cancelling it by PEC needs a sampling overhead gamma^2 = 10^" in msg
    assert "above the bound 100" in msg


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"error_per_rotation": 0.5, "n_rotations": 1}, "error_per_rotation"),
        ({"error_per_rotation": -1e-3, "n_rotations": 1}, "error_per_rotation"),
        ({"error_per_rotation": 1e-3, "n_rotations": -1}, "n_rotations"),
        ({"error_per_rotation": 1e-3}, "n_rotations"),
        ({"error_per_rotation": 1e-3, "n_rotations": 1, "mode": "magic"}, "mode"),
    ],
)
def test_invalid_inputs(kwargs: dict, field: str) -> None:
    with pytest.raises(InvalidInputError, match=field):
        pay_rotation_error(rotation_budget=1e-2, **kwargs)


def test_invalid_bound() -> None:
    with pytest.raises(InvalidInputError, match="max_sampling_overhead"):
        pec_overhead(1e-3, 10, max_sampling_overhead=0.5)
    with pytest.raises(InvalidInputError, match="max_sampling_overhead"):
        pec_overhead(1e-3, 10, max_sampling_overhead=float("inf"))


def test_fmt() -> None:
    assert fmt(2.6667e-5) == "2.67e-5"
    assert fmt(1e10) == "1e10"
    assert fmt(0.01) == "0.01"
    assert fmt(266670.0) == "2.67e5"
