"""Weak-transversal Clifford+phi rotations (Yoshioka et al., arXiv:2510.08290).

A weak transversal gate applies small physical Pauli rotations on the support of a logical
operator; after syndrome extraction the code is projected back and, depending on the syndrome,
the logical rotation was applied or its correction is needed, repeated until success *in place*
(no ancilla patch, no routing, no factory).

No closed-form error-vs-(angle, distance, p) formula was found in the sources reachable here, so
the model is a one-point calibration with explicit, overridable exponents::

    error = coefficient * p * (d / reference_distance)^distance_exponent
                            * (theta / reference_angle)^angle_exponent

Calibration (``coefficient = 0.96``): the paper's v2 abstract reports a rotation of 0.001 with a
logical error of 9.6e-5 on a d = 7 surface code at p = 1e-4, i.e. ``9.6e-5 / 1e-4 = 0.96``. The
reported number is for the whole in-place rotation (its RUS included), so the RUS does not
multiply it again. Both exponents default to 0: the paper's v1 abstract (phenomenological noise)
reports 9.5e-5 at theta = 0.003 with the same d and p, within 1% of the v2 point, which suggests
a weak angle dependence in that range. The behaviour away from theta ~ 1e-3, d = 7, p = 1e-4 is
UNVERIFIED.

References:
    [Theory and Architecture of Syndrome-Resolved Logical Gates](https://arxiv.org/abs/2510.08290).
    Yoshioka, Seif, Groszkowski, Cross, Javadi-Abhari (2025, v2 2026). Abstract: theta = 0.001,
    d = 7, p = 1e-4 -> 9.6e-5 (v2); theta = 0.003 -> 9.5e-5 (v1, phenomenological).
"""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import frozen

from estimator.errors import InvalidInputError
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.rotations.star import RUS_SUCCESS_PROBABILITY, reduce_angle, rus_series
from estimator.validation import check_non_negative, check_positive, check_probability, to_number

#: Published point, arXiv:2510.08290 v2 abstract: rotation angle (rad).
WT_REFERENCE_ANGLE = 1e-3
#: Published point, arXiv:2510.08290 v2 abstract: surface-code distance.
WT_REFERENCE_DISTANCE = 7
#: Published point, arXiv:2510.08290 v2 abstract: physical error rate.
WT_REFERENCE_PHYSICAL_ERROR = 1e-4
#: Published point, arXiv:2510.08290 v2 abstract: logical error of the rotation.
WT_REFERENCE_LOGICAL_ERROR = 9.6e-5
#: Calibrated coefficient: 9.6e-5 / 1e-4 (arXiv:2510.08290 v2 abstract).
WT_COEFFICIENT = WT_REFERENCE_LOGICAL_ERROR / WT_REFERENCE_PHYSICAL_ERROR

#: Logical cycles per in-place attempt (physical rotations, then d syndrome rounds). UNVERIFIED.
WT_ATTEMPT_LOGICAL_CYCLES = 1.0


@frozen(kw_only=True)
class WeakTransversalRotation(RotationScheme):
    """In-place Clifford+phi rotation by weak transversal gates, calibrated to one published point.

    Attributes:
        coefficient: Rotation error per physical error rate at the reference point, 0.96
            (calibrated to arXiv:2510.08290 v2, see the module docstring).
        reference_distance: Distance of the calibration point, 7.
        reference_angle: Angle of the calibration point, 1e-3 rad.
        distance_exponent: Exponent of ``d / reference_distance``. UNVERIFIED (default 0).
        angle_exponent: Exponent of ``theta / reference_angle``. UNVERIFIED (default 0).
        success_probability: Success probability per in-place RUS attempt. UNVERIFIED (1/2).
        attempt_logical_cycles: Logical cycles per attempt. UNVERIFIED (1).
        generic_angle: Angle assumed when ``angle=None`` (the reference angle).

    References:
        [Theory and Architecture of Syndrome-Resolved Logical Gates](https://arxiv.org/abs/2510.08290).
        Yoshioka et al. (2025). Abstract (published point).
    """

    name: ClassVar[str] = "weak_transversal"
    norm: ClassVar[str] = "diamond"  # type: ignore[misc]
    coherent: ClassVar[bool] = False
    angle_dependent: ClassVar[bool] = True

    coefficient: float = WT_COEFFICIENT
    reference_distance: int = WT_REFERENCE_DISTANCE
    reference_angle: float = WT_REFERENCE_ANGLE
    distance_exponent: float = 0.0
    angle_exponent: float = 0.0
    success_probability: float = RUS_SUCCESS_PROBABILITY
    attempt_logical_cycles: float = WT_ATTEMPT_LOGICAL_CYCLES
    generic_angle: float = WT_REFERENCE_ANGLE

    def __attrs_post_init__(self) -> None:
        check_positive("coefficient", self.coefficient)
        check_positive("reference_distance", self.reference_distance, integer=True)
        check_positive("reference_angle", self.reference_angle)
        check_non_negative("distance_exponent", self.distance_exponent)
        check_non_negative("angle_exponent", self.angle_exponent)
        check_probability("success_probability", self.success_probability)
        check_positive("attempt_logical_cycles", self.attempt_logical_cycles)

    def rotation_error(
        self, angle: float, physical_error: float, code_distance: int | None
    ) -> float:
        """Error of one whole in-place rotation (RUS included) by the calibrated model."""
        error = self.coefficient * float(physical_error)
        if self.distance_exponent:
            if code_distance is None:
                raise InvalidInputError(
                    "context.code_distance",
                    None,
                    "a code distance (distance_exponent != 0 makes the error depend on d)",
                )
            error *= (code_distance / self.reference_distance) ** self.distance_exponent
        if self.angle_exponent:
            error *= (reduce_angle(angle) / self.reference_angle) ** self.angle_exponent
        return error

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        ctx = context if context is not None else RotationContext()
        note = ""
        if angle is None:
            theta = self.generic_angle
            note = f"generic angle: {theta:.4g} rad assumed"
        else:
            theta = float(to_number("angle", angle))
        # Expected in-place attempts; the error is the calibrated whole-rotation error, which
        # already includes the RUS (it is not multiplied again).
        rus = rus_series(theta, lambda _phi: 0.0, success_probability=self.success_probability)
        error = (
            0.0
            if rus.injections == 0
            else self.rotation_error(theta, ctx.physical_error, ctx.code_distance)
        )
        if error > precision:
            note = "; ".join(
                n
                for n in (
                    note,
                    f"rotation error {error:.3g} exceeds the requested precision "
                    f"{precision:.3g}: pay it from the rotation budget or by PEC",
                )
                if n
            )
        return RotationCost(
            scheme=self.name,
            injections=rus.injections,
            logical_time_steps=rus.injections * self.attempt_logical_cycles,
            error=error,
            notes=note,
        )
