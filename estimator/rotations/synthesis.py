"""Clifford+T synthesis protocols of Kliuchnikov et al.: formulas and exact expected T counts.

Four protocols approximate ``Rz(angle)`` by Clifford+T circuits; all measure the precision in the
**diamond norm** (``2 sqrt(1 - Re(<u, z>)^2)`` for a unitary, Qualtran's convention) and report the
**expected** (mean) T count:

=================  ==========================  =========  ===================================
protocol           T count (L = log2(1/eps))   coherent   what it is
=================  ==========================  =========  ===================================
diagonal           3.02 L + 1.77               yes        one Clifford+T unitary
fallback           1.03 L + 5.75               yes        projective rotation + correction
mixed diagonal     1.52 L - 0.01               no         random mixture of two unitaries
mixed fallback     0.53 L + 4.86               no         random mixture of two fallbacks
=================  ==========================  =========  ===================================

The slopes and the mixed intercepts are Table 1 of arXiv:2203.10064 (Clifford+T); the same four
lines appear as the bounds of Qualtran's protocol tests
(``qualtran/rotation_synthesis/protocols/clifford_t_synthesis_test.py``). The diagonal and fallback
intercepts (1.77, 5.75) were read only from those Qualtran tests (UNVERIFIED against the paper).

Mixtures are incoherent: their errors add as probabilities (diamond norm). A single unitary
(diagonal) or a projective channel whose success branch is a unitary (fallback) leaves a coherent
error; in the diamond norm the triangle inequality still bounds ``R`` rotations by ``R eps``.

The formula models (:class:`DiagonalFormula`, ...) cost nothing to evaluate and accept symbolic
precisions. The exact models (:class:`DiagonalExact`, ...) run ``qualtran.rotation_synthesis`` for
the given angle and cache the result per ``(angle, precision, settings)``, so that repeated angles
are synthesized once. They take about 0.5 to 3 s per new pair at ``eps = 1e-8``.

Angle convention: ``Rz(angle) = exp(-i angle Z / 2)``; Qualtran's protocols approximate
``exp(i theta Z)``, so ``theta = -angle / 2``. Qualtran's README example ``theta = 0.1`` is our
``angle = -0.2``.

References:
    [Shorter quantum circuits via single-qubit gate approximation](https://arxiv.org/abs/2203.10064).
    Kliuchnikov, Lauter, Minko, Paetznick, Petit (2022). Table 1; Secs. 3.2-3.5 (protocols).
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import sympy
from attrs import field, frozen

from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.rotations.small_angle import identity_cost, identity_suffices, reduce_angle
from estimator.validation import check_probability, is_symbolic, to_number

# arXiv:2203.10064, Table 1 (Clifford+T, diamond norm, expected T count): (slope, offset) of
# slope*log2(1/eps) + offset. Intercepts of diagonal/fallback from Qualtran's protocol tests only.
DIAGONAL_SLOPE, DIAGONAL_OFFSET = 3.02, 1.77  # arXiv:2203.10064 Tab. 1; offset UNVERIFIED
FALLBACK_SLOPE, FALLBACK_OFFSET = 1.03, 5.75  # arXiv:2203.10064 Tab. 1; offset UNVERIFIED
MIXED_DIAGONAL_SLOPE, MIXED_DIAGONAL_OFFSET = 1.52, -0.01  # arXiv:2203.10064, Table 1
MIXED_FALLBACK_SLOPE, MIXED_FALLBACK_OFFSET = 0.53, 4.86  # arXiv:2203.10064, Table 1

# Qualtran README (rotation_synthesis): success probability 0.99 of the projective step in the
# fallback protocols; dps 100 is enough for eps >= 1e-10, 300 for eps down to 1e-30.
DEFAULT_SUCCESS_PROBABILITY = 0.99
QUALTRAN_MIN_PRECISION = 1e-30


def _log2_inv(precision: Any) -> Any:
    if is_symbolic(precision):
        return sympy.log(1 / precision, 2)
    return -math.log2(float(to_number("precision", precision)))


@frozen(kw_only=True)
class _FormulaSynthesis(RotationScheme):
    """``slope * log2(1/precision) + offset`` expected T per rotation (at least 0)."""

    uses_code_distance: ClassVar[bool] = False

    norm: ClassVar[str] = "diamond"  # type: ignore[misc]
    angle_dependent: ClassVar[bool] = False

    slope: float = 0.0
    offset: float = 0.0
    identity_below_precision: bool = True

    def expected_t(self, precision: Any) -> Any:
        """Expected T count ``slope*log2(1/precision) + offset``, clipped at 0 (symbolic ok)."""
        check_probability("precision", precision)
        t = self.slope * _log2_inv(precision) + self.offset
        if is_symbolic(t):
            return sympy.Max(0, t)
        return max(0.0, float(t))

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        if self.identity_below_precision and identity_suffices(angle, precision, self.norm):
            return identity_cost(self, angle)
        n_t = self.expected_t(precision)
        return RotationCost(
            scheme=self.name,
            t_count=n_t,
            logical_time_steps=n_t,
            error=precision,
            notes=f"{self.slope:g}*log2(1/eps){self.offset:+g} expected T (arXiv:2203.10064)",
        )


@frozen(kw_only=True)
class DiagonalFormula(_FormulaSynthesis):
    """Diagonal protocol (one Clifford+T unitary): ``3.02 L + 1.77`` T; arXiv:2203.10064 Tab. 1."""

    name: ClassVar[str] = "diagonal_formula"
    coherent: ClassVar[bool] = True
    slope: float = DIAGONAL_SLOPE
    offset: float = DIAGONAL_OFFSET


@frozen(kw_only=True)
class FallbackFormula(_FormulaSynthesis):
    """Fallback protocol: ``1.03 L + 5.75`` expected T; arXiv:2203.10064 Tab. 1."""

    name: ClassVar[str] = "fallback_formula"
    coherent: ClassVar[bool] = True
    slope: float = FALLBACK_SLOPE
    offset: float = FALLBACK_OFFSET


@frozen(kw_only=True)
class MixedDiagonalFormula(_FormulaSynthesis):
    """Mixed diagonal protocol: ``1.52 L - 0.01`` expected T; arXiv:2203.10064 Tab. 1."""

    name: ClassVar[str] = "mixed_diagonal_formula"
    coherent: ClassVar[bool] = False
    slope: float = MIXED_DIAGONAL_SLOPE
    offset: float = MIXED_DIAGONAL_OFFSET


@frozen(kw_only=True)
class MixedFallbackFormula(_FormulaSynthesis):
    """Mixed fallback protocol: ``0.53 L + 4.86`` expected T; arXiv:2203.10064 Tab. 1.

    Unlike :class:`~estimator.rotations.qre_formula.QREFormulaSynthesis` it does not round up:
    it is the expected T count of a random protocol.
    """

    name: ClassVar[str] = "mixed_fallback_formula"
    coherent: ClassVar[bool] = False
    slope: float = MIXED_FALLBACK_SLOPE
    offset: float = MIXED_FALLBACK_OFFSET


# ---------------------------------------------------------------------------------------------
# Exact expected T counts through qualtran.rotation_synthesis, cached.

#: (protocol, angle, precision, success_probability, max_n, dps) -> (expected T, diamond error)
_EXACT_CACHE: dict[tuple[Any, ...], tuple[float, float]] = {}


def exact_cache_size() -> int:
    """Number of (angle, precision, settings) results held by the exact-protocol cache."""
    return len(_EXACT_CACHE)


def clear_exact_cache() -> None:
    """Forget every cached Qualtran synthesis result."""
    _EXACT_CACHE.clear()


def _run_qualtran_protocol(
    protocol: str, theta: float, eps: float, success_probability: float, max_n: int, dps: int
) -> tuple[float, float] | None:
    """Run one Qualtran protocol; return (expected T, diamond distance) or None if it fails."""
    import qualtran.rotation_synthesis as rs

    config = rs.with_dps(dps)
    try:
        if protocol == "diagonal":
            ch = rs.diagonal_unitary_approx(theta, eps, max_n, config)
        elif protocol == "fallback":
            ch = rs.fallback_protocol(theta, eps, success_probability, max_n, config)
        elif protocol == "mixed_diagonal":
            ch = rs.mixed_diagonal_protocol(theta, eps, max_n, config)
        else:
            ch = rs.mixed_fallback_protocol(theta, eps, success_probability, max_n, config)
    except (ValueError, TypeError, AssertionError):
        return None
    if ch is None:
        return None
    return float(ch.expected_num_ts(config)), float(ch.diamond_norm_distance_to_rz(theta, config))


@frozen(kw_only=True)
class _ExactSynthesis(RotationScheme):
    """Expected T count of one Kliuchnikov protocol for a given angle, via Qualtran (cached).

    Attributes:
        success_probability: Target success probability of the projective step (fallback
            protocols only); Qualtran README uses 0.99.
        max_n: Largest T count Qualtran searches for one unitary.
        dps: Decimal digits of Qualtran's arithmetic; ``None`` picks 100 for ``eps >= 1e-10``
            and 300 below (Qualtran README guidance).
        identity_below_precision: Return 0 T when the identity is within the precision.
    """

    uses_code_distance: ClassVar[bool] = False

    norm: ClassVar[str] = "diamond"  # type: ignore[misc]
    angle_dependent: ClassVar[bool] = True
    protocol: ClassVar[str] = "abstract"

    success_probability: float = field(default=DEFAULT_SUCCESS_PROBABILITY)
    max_n: int = field(default=400)
    dps: int | None = field(default=None)
    identity_below_precision: bool = True

    def __attrs_post_init__(self) -> None:
        check_probability("success_probability", self.success_probability)
        if not isinstance(self.max_n, int) or self.max_n < 1:
            raise InvalidInputError("max_n", self.max_n, "a positive integer")
        if self.dps is not None and (not isinstance(self.dps, int) or self.dps < 15):
            raise InvalidInputError("dps", self.dps, "an integer >= 15, or None")

    def _dps_for(self, eps: float) -> int:
        if self.dps is not None:
            return self.dps
        return 100 if eps >= 1e-10 else 300

    def synthesize(self, angle: Any, precision: Any) -> tuple[float, float]:
        """(expected T, achieved diamond distance) for ``Rz(angle)``; cached per input."""
        if angle is None:
            raise InvalidInputError(
                "angle", angle, "a numeric angle", hint=f"use the {self.protocol} formula instead"
            )
        check_probability("precision", precision)
        eps = float(to_number("precision", precision))
        if eps < QUALTRAN_MIN_PRECISION:
            raise InvalidInputError(
                "precision", precision, f">= {QUALTRAN_MIN_PRECISION:g} for Qualtran's protocols"
            )
        a = reduce_angle(angle)
        dps = self._dps_for(eps)
        key = (self.protocol, a, eps, float(self.success_probability), self.max_n, dps)
        if key not in _EXACT_CACHE:
            res = _run_qualtran_protocol(
                self.protocol, -a / 2, eps, float(self.success_probability), self.max_n, dps
            )
            if res is None:
                raise InfeasibleEstimateError(
                    f"Qualtran's {self.protocol} protocol found no circuit for angle {a:.6g} at "
                    f"precision {eps:.3g} with max_n={self.max_n}, dps={dps}",
                    constraint="rotation_synthesis",
                )
            _EXACT_CACHE[key] = res
        return _EXACT_CACHE[key]

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        if self.identity_below_precision and identity_suffices(angle, precision, self.norm):
            return identity_cost(self, angle)
        n_t, err = self.synthesize(angle, precision)
        return RotationCost(
            scheme=self.name,
            t_count=n_t,
            logical_time_steps=n_t,
            error=err,
            notes=f"Qualtran {self.protocol} protocol, achieved diamond distance {err:.3g}",
        )


@frozen(kw_only=True)
class DiagonalExact(_ExactSynthesis):
    """Diagonal protocol (arXiv:2203.10064 Sec. 3.2) via ``qualtran.rotation_synthesis``."""

    name: ClassVar[str] = "diagonal_exact"
    protocol: ClassVar[str] = "diagonal"
    coherent: ClassVar[bool] = True


@frozen(kw_only=True)
class FallbackExact(_ExactSynthesis):
    """Fallback protocol (arXiv:2203.10064 Sec. 3.3) via ``qualtran.rotation_synthesis``."""

    name: ClassVar[str] = "fallback_exact"
    protocol: ClassVar[str] = "fallback"
    coherent: ClassVar[bool] = True


@frozen(kw_only=True)
class MixedDiagonalExact(_ExactSynthesis):
    """Mixed diagonal protocol (arXiv:2203.10064 Sec. 3.4) via ``qualtran.rotation_synthesis``."""

    name: ClassVar[str] = "mixed_diagonal_exact"
    protocol: ClassVar[str] = "mixed_diagonal"
    coherent: ClassVar[bool] = False


@frozen(kw_only=True)
class MixedFallbackExact(_ExactSynthesis):
    """Mixed fallback protocol (arXiv:2203.10064 Sec. 3.5) via ``qualtran.rotation_synthesis``."""

    name: ClassVar[str] = "mixed_fallback_exact"
    protocol: ClassVar[str] = "mixed_fallback"
    coherent: ClassVar[bool] = False
