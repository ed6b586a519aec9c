"""Small angles: when the identity suffices (per norm) and small-angle mixing (Bothe et al.)."""

from __future__ import annotations

import math

import pytest

from estimator.errors import InvalidInputError, SymbolicValueError
from estimator.rotations.small_angle import (
    SMALL_ANGLE_PREFACTOR,
    SmallAngleMixing,
    identity_error,
    identity_suffices,
    reduce_angle,
)
from estimator.rotations.synthesis import MixedFallbackFormula


def _qualtran_identity_distance(angle: float, twirl: bool) -> float:
    import qualtran.rotation_synthesis as rs
    import qualtran.rotation_synthesis.channels as channels
    import qualtran.rotation_synthesis.rings as rings

    config = rs.with_dps(50)
    # the identity at n = 0 is p = sqrt(2) (radius_at_n(lambda, 0) = sqrt(2)), q = 0
    one = rings.ZW.from_pair(rings.ZSqrt2(0, 1), rings.ZSqrt2(0, 0))
    zero = rings.ZW.from_pair(rings.ZSqrt2(0, 0), rings.ZSqrt2(0, 0))
    ch = channels.UnitaryChannel(one, zero, 0, twirl)
    return float(ch.diamond_norm_distance_to_rz(-angle / 2, config))  # Rz(angle) = e^{-i angle Z/2}


@pytest.mark.parametrize("angle", [3e-3, 6e-5, -0.4, 2.5])
@pytest.mark.parametrize("twirl", [False, True])
def test_identity_error_matches_qualtran_diamond_distance(angle, twirl):
    ours = identity_error(angle, "diamond", twirled=twirl)
    assert ours == pytest.approx(_qualtran_identity_distance(angle, twirl), rel=1e-12)


def test_identity_error_closed_forms():
    assert identity_error(1e-4, "diamond") == pytest.approx(1e-4, rel=1e-8)  # 2 sin(a/2) ~ a
    assert identity_error(1e-4, "operator") == pytest.approx(0.5e-4, rel=1e-8)  # 2 sin(a/4)
    assert identity_error(1e-4, "diamond", twirled=True) == pytest.approx(0.5e-8, rel=1e-6)
    # Rz(a + 2 pi) = -Rz(a): same distance
    assert identity_error(1e-3 + 2 * math.pi, "diamond") == pytest.approx(1e-3, rel=1e-6)
    assert reduce_angle(-math.pi) == math.pi


def test_identity_suffices_and_inconclusive_inputs():
    assert identity_suffices(6e-5, 1e-4, "diamond")
    assert not identity_suffices(6e-5, 1e-5, "diamond")
    assert identity_suffices(1.9e-4, 1e-4, "operator")  # 0.95e-4 in operator norm
    assert not identity_suffices(1.9e-4, 1e-4, "diamond")
    assert not identity_suffices(None, 1e-4, "diamond")
    import sympy

    assert not identity_suffices(sympy.Symbol("a"), 1e-4, "diamond")


def test_identity_error_bad_inputs():
    with pytest.raises(InvalidInputError, match="norm"):
        identity_error(0.1, "frobenius")
    with pytest.raises(InvalidInputError, match="norm"):
        identity_error(0.1, "operator", twirled=True)
    with pytest.raises(InvalidInputError, match="angle"):
        identity_error(float("nan"), "diamond")
    with pytest.raises(SymbolicValueError):
        reduce_angle(__import__("sympy").Symbol("a"))


def test_small_angle_mixing_regimes():
    scheme = SmallAngleMixing()
    assert not scheme.verified and SMALL_ANGLE_PREFACTOR == 1.0
    # twirled identity: 2 sin^2(3e-5) = 1.8e-9 <= 1e-8
    zero = scheme.cost(precision=1e-8, angle=6e-5)
    assert zero.t_count == 0 and zero.error == pytest.approx(1.8e-9, rel=1e-6)
    # small-angle branch: angle^2/eps = (1e-4)^2 / 1e-9 = 10 T < mixed fallback's 20.7
    small = scheme.cost(precision=1e-9, angle=1e-4)
    assert small.t_count == pytest.approx(10.0, rel=1e-6)
    assert "UNVERIFIED" in small.notes
    # worst case: QOS-like angle at 1e-14 -> angle^2/eps = 3.6e5, fallback 0.53*log2(1e14)+4.86
    qos = scheme.cost(precision=1e-14, angle=6e-5)
    assert qos.t_count == pytest.approx(MixedFallbackFormula().cost(precision=1e-14).t_count)
    # generic angle: the fallback
    assert scheme.cost(precision=1e-9).t_count == pytest.approx(20.7, abs=0.05)
    assert SmallAngleMixing.norm == "diamond" and not SmallAngleMixing.coherent


def test_small_angle_mixing_bad_constants():
    with pytest.raises(InvalidInputError, match="prefactor"):
        SmallAngleMixing(prefactor=0)
    with pytest.raises(InvalidInputError, match="log_power"):
        SmallAngleMixing(log_power=-1)
    with pytest.raises(InvalidInputError, match="precision"):
        SmallAngleMixing().cost(precision=1.5, angle=0.1)
