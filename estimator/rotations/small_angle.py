"""Small-angle rotations: when the identity suffices, and small-angle mixing.

Two models live here.

* The **identity check** (exact, no free constants): ``Rz(angle)`` may be replaced by the identity
  (0 T) when the identity is already within the requested precision. The distance of the identity
  from ``Rz(angle)`` depends on the norm:

  - diamond norm (Kliuchnikov et al.; Qualtran's ``diamond_norm_distance_to_rz``; pygridsynth 2.0's
    ``epsilon``): ``2 |sin(angle/2)|``, about ``|angle|``;
  - operator norm, minimised over the global phase (Ross-Selinger's ``||U - Rz||``):
    ``2 |sin(angle/4)|``, about ``|angle|/2``;
  - a Pauli-twirled identity (a random mixture of ``I, Z, S, S^dagger``, which commute with ``Rz``),
    diamond norm: ``2 sin(angle/2)**2``, about ``angle**2/2`` (Qualtran's twirled
    ``UnitaryChannel``).

  Every synthesis scheme of this package applies the check when it is given a numeric angle.

* :class:`SmallAngleMixing`: the small-angle result of Bothe, Sünderhauf, Witham, Campbell and
  Blunt, whose expected T cost is ``Õ(angle**2 / precision)`` for small angles and falls back to
  the angle-independent ``O(log 1/precision)`` in the worst case. Only the paper's abstract was
  available to us: the prefactor of ``angle**2/precision`` and the hidden logarithms are **not
  verified**; they are named, overridable fields (``prefactor``, ``log_power``), and the model is
  flagged ``verified = False``.

References:
    [More efficient Clifford+T synthesis for small-angle rotations and application to
    Trotterization](https://arxiv.org/abs/2605.31544). Bothe, Sünderhauf, Witham, Campbell, Blunt
    (2026). Abstract: T cost Õ(θ²/δ), worst case O(log 1/δ).

    [Shorter quantum circuits via single-qubit gate approximation](https://arxiv.org/abs/2203.10064).
    Kliuchnikov et al. (2022). Sec. 2 (diamond-norm distance of unitaries, twirling).

    [Optimal ancilla-free Clifford+T approximation of z-rotations](https://arxiv.org/abs/1403.2975).
    Ross, Selinger (2014). Sec. 7 (the epsilon-region, operator norm).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import Factory, field, frozen

from estimator.errors import InvalidInputError
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.validation import check_positive, check_probability, is_symbolic, to_number

if TYPE_CHECKING:
    from estimator.rotations.base import Norm


def reduce_angle(angle: Any) -> float:
    """``angle`` as a float in ``(-pi, pi]`` (``Rz(angle + 2 pi) = -Rz(angle)``, a global phase).

    Raises:
        InvalidInputError: for NaN, infinities and non-numbers (SymbolicValueError for symbols).
    """
    x = float(to_number("angle", angle))
    if math.isinf(x):
        raise InvalidInputError("angle", angle, "a finite angle in radians")
    r = math.remainder(x, 2 * math.pi)  # in [-pi, pi]
    return math.pi if r == -math.pi else r


def identity_error(angle: Any, norm: Norm | str, *, twirled: bool = False) -> float:
    """Distance of the identity from ``Rz(angle)`` in the given norm.

    Args:
        angle: Rotation angle in radians, ``Rz(angle) = exp(-i angle Z / 2)``.
        norm: ``"diamond"`` or ``"operator"`` (operator norm minimised over the global phase).
        twirled: Whether the identity is Pauli-twirled (a random mixture of diagonal Cliffords);
            only for the diamond norm.

    Returns:
        ``2|sin(a/2)|`` (diamond), ``2 sin(a/2)**2`` (twirled, diamond) or ``2|sin(a/4)|``
        (operator), with ``a`` the angle reduced to ``(-pi, pi]``.
    """
    a = reduce_angle(angle)
    if norm == "diamond":
        # Qualtran UnitaryChannel.diamond_norm_distance_to_rz with p = 1: 2 sqrt(1 - cos^2(a/2)),
        # or 2 (1 - cos^2(a/2)) when twirled (arXiv:2203.10064, Sec. 2).
        s = math.sin(a / 2)
        return 2 * s * s if twirled else 2 * abs(s)
    if norm == "operator":
        if twirled:
            raise InvalidInputError("norm", norm, "'diamond' for a twirled (mixed) identity")
        # min over phase of ||I - e^{i phi} Rz(a)|| = |1 - e^{i a/2}| (arXiv:1403.2975, Sec. 7).
        return 2 * abs(math.sin(a / 4))
    raise InvalidInputError("norm", norm, "'diamond' or 'operator'")


def identity_suffices(
    angle: Any, precision: Any, norm: Norm | str, *, twirled: bool = False
) -> bool:
    """Whether the identity (0 T) already approximates ``Rz(angle)`` to ``precision``.

    Symbolic or missing angles and symbolic precisions give ``False`` (the check is inconclusive).
    """
    if angle is None or is_symbolic(angle) or is_symbolic(precision):
        return False
    return identity_error(angle, norm, twirled=twirled) <= float(to_number("precision", precision))


def identity_cost(scheme: RotationScheme, angle: Any) -> RotationCost:
    """The zero-cost :class:`RotationCost` of replacing ``Rz(angle)`` by the identity."""
    err = identity_error(angle, scheme.norm)
    if scheme.norm == "operator":
        err *= 2  # RotationCost.error is twice the operator norm (base.RotationCost docs)
    return RotationCost(
        scheme=scheme.name,
        error=err,
        notes=f"identity suffices: |angle|={abs(reduce_angle(angle)):.3g} below precision",
    )


def _default_fallback() -> RotationScheme:
    from estimator.rotations.synthesis import MixedFallbackFormula

    return MixedFallbackFormula()


# Bothe et al., arXiv:2605.31544, abstract: T cost Õ(θ²/δ). The constant in front of θ²/δ and the
# power of the hidden logarithm were not available to us: UNVERIFIED placeholders.
SMALL_ANGLE_PREFACTOR = 1.0  # UNVERIFIED (arXiv:2605.31544: only the scaling Õ(θ²/δ) is stated)
SMALL_ANGLE_LOG_POWER = 0.0  # UNVERIFIED (arXiv:2605.31544: hidden log factors of Õ not stated)


@frozen(kw_only=True)
class SmallAngleMixing(RotationScheme):
    """Small-angle Clifford+T mixing (Bothe et al.): expected T ``~ angle**2 / precision``.

    Model (constants **unverified**, see the module docstring)::

        T(angle, eps) = 0                                   if 2 sin(angle/2)**2 <= eps
                      = min(prefactor * x * log2(1/eps)**log_power, T_fallback(eps)),
                        x = angle**2 / eps                  otherwise

    The zero branch is exact: a twirled identity has diamond distance ``2 sin(angle/2)**2`` to
    ``Rz(angle)`` (Qualtran's twirled ``UnitaryChannel``). The ``min`` with ``fallback`` encodes the
    paper's statement that the cost returns to the ``O(log 1/eps)`` protocols in the worst case.
    The protocol is a random mixture: diamond norm, incoherent accumulation.

    Attributes:
        prefactor: Constant in front of ``angle**2/eps``; UNVERIFIED (arXiv:2605.31544).
        log_power: Power of ``log2(1/eps)`` hidden in the Õ; UNVERIFIED (arXiv:2605.31544).
        fallback: The angle-independent protocol used when it is cheaper (default: mixed
            fallback formula, arXiv:2203.10064 Table 1).
    """

    uses_code_distance: ClassVar[bool] = False

    name: ClassVar[str] = "small_angle_mixing"
    norm: ClassVar[str] = "diamond"  # type: ignore[misc]
    coherent: ClassVar[bool] = False
    angle_dependent: ClassVar[bool] = True
    #: Whether the constants are checked against the paper's body (they are not).
    verified: ClassVar[bool] = False

    prefactor: float = field(default=SMALL_ANGLE_PREFACTOR)
    log_power: float = field(default=SMALL_ANGLE_LOG_POWER)
    fallback: RotationScheme = field(default=Factory(_default_fallback))

    def __attrs_post_init__(self) -> None:
        check_positive("prefactor", self.prefactor)
        if not (0 <= self.log_power <= 3):
            raise InvalidInputError("log_power", self.log_power, "0 <= log_power <= 3")

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        fb = self.fallback.cost(precision=precision, angle=angle, context=context)
        if angle is None or is_symbolic(angle) or is_symbolic(precision):
            return RotationCost(
                scheme=self.name,
                t_count=fb.t_count,
                toffoli_count=fb.toffoli_count,
                logical_time_steps=fb.logical_time_steps,
                error=fb.error,
                notes="generic angle: fallback protocol " + self.fallback.name,
            )
        eps = float(precision)
        twirl_err = identity_error(angle, "diamond", twirled=True)
        if twirl_err <= eps:
            return RotationCost(
                scheme=self.name,
                error=twirl_err,
                notes=f"twirled identity suffices: 2 sin^2(angle/2)={twirl_err:.3g} <= {eps:.3g}",
            )
        a = reduce_angle(angle)
        small = self.prefactor * (a * a / eps) * (-math.log2(eps)) ** self.log_power
        if small < fb.t_count:
            return RotationCost(
                scheme=self.name,
                t_count=small,
                logical_time_steps=small,
                error=eps,
                notes=f"small-angle mixing: {self.prefactor:g}*angle^2/eps (UNVERIFIED constant)",
            )
        return RotationCost(
            scheme=self.name,
            t_count=fb.t_count,
            toffoli_count=fb.toffoli_count,
            logical_time_steps=fb.logical_time_steps,
            error=fb.error,
            notes=f"angle^2/eps={a * a / eps:.3g}: worst case, fallback {self.fallback.name}",
        )
