"""STAR-family rotations: analog small-angle state injection with repeat-until-success (RUS).

A STAR rotation ``Rz(theta)`` consumes an analog ancilla state ``|m_phi> = Rz(phi)|+>`` through a
ZZ lattice-surgery merge. With probability 1/2 the merge applies ``Rz(phi)``; otherwise it applies
``Rz(-phi)`` and the correction ``Rz(2 phi)`` is injected next. The RUS ladder therefore runs over
the angles ``theta, 2 theta, 4 theta, ...`` until one attempt succeeds or the remaining angle is a
Clifford (a multiple of ``pi/2``: ``Rz(pi/2) = S``). Each injected state carries an error that the
code distance does not suppress, so a STAR rotation's error is *not* chosen by a precision target:
it is whatever the protocol leaves, summed over the RUS ladder. :func:`rus_series` does that sum
exactly (the ladder has at most :data:`RUS_MAX_STEPS` rungs; the cost never grows with the number of
rotations).

Three versions, one class each, every constant a named, overridable field:

* :class:`StarV1` (Akahoshi et al., arXiv:2303.13181): injected error ``2p/15`` per state,
  independent of angle and distance; ``2 x 2p/15 = 4p/15`` per rotation with RUS.
* :class:`StarV2` (Toshio et al., arXiv:2408.14848, transversal multi-rotation, TMR): the injected
  state's error falls with its angle, ``C p phi^(2(1-1/M))`` with ``M`` partitions of the logical
  operator; summed over the RUS ladder this gives the ``O(theta p)`` rotation error quoted as the
  previous state of the art by arXiv:2603.22891.
* :class:`StarV3` (Toshio et al., arXiv:2603.22891, STAR-magic mutation, SMM): the TMR state with an
  exponent ``2(1 - c/d)`` approaching 2, and the RUS ladder *mutates* to T-gate synthesis with
  cultivated T states once the ladder's angle reaches a switch angle.

Verification status (what was and was not checked against a primary source) is listed per
constant; ``UNVERIFIED`` marks constants that could not be checked and must be overridable.

References:
    [Partially Fault-tolerant Quantum Computing Architecture with Error-corrected Clifford Gates
    and Space-time Efficient Analog Rotations](https://arxiv.org/abs/2303.13181).
    Akahoshi, Maruyama, Oshima, Sato, Fujii (2023). PRX Quantum 5, 010337 (2024). RUS gadget.

    [Practical quantum advantage on partially fault-tolerant quantum computer](https://arxiv.org/abs/2408.14848).
    Toshio, Akahoshi, Fujisaki, Oshima, Sato, Fujii (2024). Transversal multi-rotation protocol.

    [STAR-Magic Mutation: Even More Efficient Analog Rotation Gates for Early Fault-Tolerant
    Quantum Computer](https://arxiv.org/abs/2603.22891). Toshio et al. (2026). Abstract (scaling).

    [QURI Parts STAR device model](https://github.com/QunaSys/quri-parts/blob/main/packages/core/quri_parts/backend/devices/star_device.py).
    QunaSys. RZ error ``1 - (1 - 2p/15)^2`` with 2 RUS steps, citing arXiv:2303.13181.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, ClassVar

from attrs import field, frozen

from estimator.errors import InvalidInputError
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.rotations.qre_formula import QREFormulaSynthesis
from estimator.validation import check_non_negative, check_positive, check_probability, to_number

# --- constants, each with its source and status ---

#: STAR v1 injected-state error per physical error rate, ``P_inj = 2p/15``.
#: Source: arXiv:2303.13181 (paper body not reachable here); used verbatim by QURI Parts
#: star_device.py (``2.0 * physical_error_rate / 15.0``, citing arXiv:2303.13181). Cross-check
#: against the paper's abstract as quoted by third parties: "3.75e4 arbitrary rotations" at
#: p = 1e-4 is exactly 1 / (2 * 2p/15) = 37500 (one expected fault). Status: [3P], consistent.
STAR_V1_INJECTION_ERROR_PER_P = 2.0 / 15.0

#: Success probability of one RUS attempt (the merge applies +phi or -phi with equal
#: probability). arXiv:2303.13181, RUS gadget (Fig. 7), structure seen in public implementations.
RUS_SUCCESS_PROBABILITY = 0.5

#: Logical cycles (d code cycles each) of the ZZ lattice-surgery merge of one RUS step.
#: Standard lattice-surgery merge of d rounds. QURI Parts charges 2 d code cycles per RUS step;
#: use ``merge_logical_cycles=2.0, injection_code_cycles=0.0`` to reproduce that. UNVERIFIED
#: against arXiv:2303.13181's own timing.
MERGE_LOGICAL_CYCLES = 1.0

#: Code cycles for the physical injection (and post-selection) of the analog state, on the
#: critical path once per RUS step. UNVERIFIED ("a few cycles"; no primary number found).
INJECTION_CODE_CYCLES = 2.0

#: TMR partitions of the logical Z operator for STAR v2. ``M = 3`` is reported optimal at small
#: angles for the surface-code TMR gadget in "Fast and Parallel High-Rate STAR Architecture for
#: Megaquop Quantum Simulation" (2026, Eq. (C8)), read through third-party notes (arXiv id not
#: found here). UNVERIFIED against arXiv:2408.14848 itself.
STAR_V2_PARTITIONS = 3

#: TMR prefactor ``C(M=3)`` in ``C p phi^(2(1-1/M))`` at p = 1e-3 (circuit-level noise). Same
#: source and route as above: C(1..7) = 0.47, 0.50, 0.68, 1.66, 2.95, 5.28, 6.79 (Eq. (C8)).
#: UNVERIFIED for arXiv:2408.14848's lattice-surgery setting. Cross-check: with these defaults
#: the RUS-summed rotation error is ~3 p theta, close to that paper's ~3.8 p theta for the
#: teleported surface-code rotation (d = 9, p = 1e-3, Fig. 4b, same route).
STAR_V2_PREFACTOR = 0.68

#: SMM exponent constant ``c`` in ``theta^(2(1 - c/d))``; the abstract of arXiv:2603.22891 gives
#: only ``Theta(1/d)``. UNVERIFIED.
STAR_V3_EXPONENT_C = 1.0

#: SMM prefactor in ``C p phi^(2(1 - c/d))``. The abstract of arXiv:2603.22891 gives only the
#: scaling ``O(...)``. UNVERIFIED.
STAR_V3_PREFACTOR = 1.0

#: SMM switch angle (radians): once the RUS ladder's angle reaches it, the remaining rotation is
#: synthesized from cultivated T gates. Not given in the abstract of arXiv:2603.22891. UNVERIFIED;
#: 0.01 rad is where the analog error ``p phi^~1.9`` of one more step (~1e-7 at p = 1e-3) meets
#: the cost of a synthesized rotation, our own estimate.
STAR_V3_SWITCH_ANGLE = 1e-2

#: Largest number of RUS rungs summed. After 200 failures the remaining weight is 2^-200.
RUS_MAX_STEPS = 200

#: Below this reduced angle (radians) a rotation is treated as a Clifford (no injection).
CLIFFORD_ANGLE_TOLERANCE = 1e-15

_QUARTER_PI = math.pi / 4
_HALF_PI = math.pi / 2


def reduce_angle(angle: float) -> float:
    """Magnitude of the analog part of ``Rz(angle)`` after Clifford (``S^k``) absorption.

    ``Rz(angle) = Rz(k pi/2) Rz(angle - k pi/2)`` and ``Rz(pi/2)`` is the Clifford ``S`` up to a
    phase, so only ``angle mod pi/2`` needs an analog state. The sign does not change the cost.

    Returns:
        A value in ``[0, pi/4]``.
    """
    r = math.fmod(abs(angle), _HALF_PI)
    return min(r, _HALF_PI - r)


@frozen(kw_only=True)
class RusSeries:
    """Expected quantities of one RUS ladder.

    Attributes:
        injections: Expected analog injections (RUS attempts that consumed a state).
        error: Expected error summed over the ladder, ``sum_j P(reach j) e(phi_j)``.
        switch_probability: Probability that the ladder reaches the switch angle (the remaining
            rotation is then synthesized from T gates); 0 without a switch.
        clifford_probability: Probability that the ladder ends on a Clifford angle.
    """

    injections: float
    error: float
    switch_probability: float = 0.0
    clifford_probability: float = 0.0


def rus_series(
    angle: float,
    injection_error: Callable[[float], float],
    *,
    success_probability: float = RUS_SUCCESS_PROBABILITY,
    switch_angle: float | None = None,
    max_analog_steps: int | None = None,
    max_steps: int = RUS_MAX_STEPS,
) -> RusSeries:
    """Sum a RUS ladder over the angles ``angle, 2 angle, 4 angle, ...`` (each reduced mod pi/2).

    Rung ``j`` is reached with probability ``(1 - q)^j``. It stops early when the reduced angle is
    a Clifford (``< CLIFFORD_ANGLE_TOLERANCE``), or switches to T synthesis when the reduced angle
    reaches ``switch_angle`` or after ``max_analog_steps`` analog rungs. The loop is over rungs (at
    most ``max_steps``), never over rotations.

    Args:
        angle: Rotation angle in radians.
        injection_error: Error of one injected state as a function of its reduced angle.
        success_probability: Probability ``q`` that one attempt succeeds.
        switch_angle: Reduced angle at which the ladder switches to T synthesis, or ``None``.
        max_analog_steps: Analog rungs after which the ladder switches to T synthesis, or ``None``.
        max_steps: Largest number of rungs summed.
    """
    check_probability("success_probability", success_probability)
    q = float(success_probability)
    reach = 1.0
    injections = 0.0
    error = 0.0
    switch_p = 0.0
    clifford_p = 0.0
    phi = reduce_angle(float(angle))
    # Rounding in ``angle mod pi/2`` scales with |angle|; below this the angle is a Clifford.
    tolerance = max(CLIFFORD_ANGLE_TOLERANCE, 8 * math.ulp(abs(float(angle))))
    for rung in range(max_steps):
        if phi < tolerance:
            clifford_p += reach
            break
        too_many = max_analog_steps is not None and rung >= max_analog_steps
        if too_many or (switch_angle is not None and phi >= switch_angle):
            switch_p += reach
            break
        injections += reach
        error += reach * injection_error(phi)
        reach *= 1.0 - q
        if reach < 1e-300:
            break
        phi = reduce_angle(2.0 * phi)
    return RusSeries(
        injections=injections,
        error=error,
        switch_probability=switch_p,
        clifford_probability=clifford_p,
    )


def _angle_value(angle: Any, generic_angle: float) -> tuple[float, str]:
    """The numeric angle to cost, and a note when the generic angle was used."""
    if angle is None:
        return generic_angle, f"generic angle: {generic_angle:.4g} rad assumed"
    return float(to_number("angle", angle)), ""


def _step_logical_cycles(
    merge_logical_cycles: float, injection_code_cycles: float, code_distance: int | None
) -> tuple[float, str]:
    """Logical cycles of one RUS step: the merge plus ``injection_code_cycles / d``."""
    if code_distance is None:
        return merge_logical_cycles, "injection cycles not counted (code distance unknown)"
    return merge_logical_cycles + injection_code_cycles / code_distance, ""


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


class _StarBase(RotationScheme):
    """Shared validation and RUS bookkeeping of the STAR versions (not a public scheme)."""

    norm: ClassVar[str] = "diamond"  # type: ignore[misc]
    #: The residual error is a stochastic Z error per injection (PEC-cancellable), not coherent.
    coherent: ClassVar[bool] = False

    success_probability: float
    merge_logical_cycles: float
    injection_code_cycles: float

    def _validate_common(self) -> None:
        check_probability("success_probability", self.success_probability)
        check_positive("merge_logical_cycles", self.merge_logical_cycles)
        check_non_negative("injection_code_cycles", self.injection_code_cycles)

    @staticmethod
    def _context(context: RotationContext | None) -> RotationContext:
        return context if context is not None else RotationContext()

    def _precision_note(self, error: float, precision: float) -> str:
        if error > precision:
            return (
                f"rotation error {error:.3g} exceeds the requested precision {precision:.3g}: "
                "pay it from the rotation budget or by PEC"
            )
        return ""


@frozen(kw_only=True)
class StarV1(_StarBase):
    """STAR v1: analog injection with angle- and distance-independent error ``2p/15``.

    Per rotation: expected injections ``sum_j (1-q)^j = 1/q = 2``, error
    ``2 x 2p/15 = 4p/15`` (for a generic angle), time ``2 x`` (merge + injection).

    Attributes:
        injection_error_per_p: Injected-state error per physical error rate, ``2/15``.
            arXiv:2303.13181 via QURI Parts; [3P], consistent with the paper's abstract numbers.
        success_probability: RUS success probability per attempt, 1/2. arXiv:2303.13181 Fig. 7.
        merge_logical_cycles: Logical cycles of the ZZ merge per RUS step. UNVERIFIED.
        injection_code_cycles: Code cycles of the injection per RUS step. UNVERIFIED.
        generic_angle: Angle assumed when ``angle=None`` (irrelevant for v1's error; it only
            decides whether the ladder ends early on a Clifford).

    References:
        [Partially Fault-tolerant Quantum Computing Architecture with Error-corrected Clifford
        Gates and Space-time Efficient Analog Rotations](https://arxiv.org/abs/2303.13181).
        Akahoshi et al. (2023). Injected error 2p/15 and RUS (Fig. 7).
    """

    name: ClassVar[str] = "star_v1"
    angle_dependent: ClassVar[bool] = False

    injection_error_per_p: float = STAR_V1_INJECTION_ERROR_PER_P
    success_probability: float = RUS_SUCCESS_PROBABILITY
    merge_logical_cycles: float = MERGE_LOGICAL_CYCLES
    injection_code_cycles: float = INJECTION_CODE_CYCLES
    generic_angle: float = 1.0

    def __attrs_post_init__(self) -> None:
        self._validate_common()
        check_positive("injection_error_per_p", self.injection_error_per_p)

    def injection_error(self, physical_error: float) -> float:
        """Error of one injected state, ``(2/15) p``."""
        return self.injection_error_per_p * float(physical_error)

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        ctx = self._context(context)
        theta, angle_note = _angle_value(angle, self.generic_angle)
        e_inj = self.injection_error(ctx.physical_error)
        rus = rus_series(theta, lambda _phi: e_inj, success_probability=self.success_probability)
        step, step_note = _step_logical_cycles(
            self.merge_logical_cycles, self.injection_code_cycles, ctx.code_distance
        )
        return RotationCost(
            scheme=self.name,
            injections=rus.injections,
            logical_time_steps=rus.injections * step,
            error=rus.error,
            notes=_join(angle_note, step_note, self._precision_note(rus.error, precision)),
        )


@frozen(kw_only=True)
class StarV2(_StarBase):
    """STAR v2: transversal multi-rotation (TMR) states, error falling with the angle.

    One injected state at reduced angle ``phi`` has error ``C p phi^a`` with
    ``a = 2 (1 - 1/M)``. For ``M >= 3`` (``a > 1``) the RUS sum
    ``sum_j 2^-j C p (2^j theta)^a`` is dominated by its last rungs (angles of order 1), which
    gives a rotation error ``~ C' p theta``: the ``O(theta p)`` scaling quoted for this version.

    Attributes:
        prefactor: ``C`` at the given ``partitions``. UNVERIFIED (C(3) = 0.68, see the constant).
        partitions: ``M``, partitions of the logical operator. UNVERIFIED (M = 3).
        success_probability: RUS success probability per attempt, 1/2.
        merge_logical_cycles: Logical cycles of the ZZ merge per RUS step. UNVERIFIED.
        injection_code_cycles: Code cycles of the injection per RUS step. UNVERIFIED.
        generic_angle: Angle assumed when ``angle=None``: ``pi/4``, the largest reduced angle
            (worst case).

    References:
        [Practical quantum advantage on partially fault-tolerant quantum computer](https://arxiv.org/abs/2408.14848).
        Toshio et al. (2024). TMR protocol.

        [STAR-Magic Mutation](https://arxiv.org/abs/2603.22891). Toshio et al. (2026). Abstract:
        previous state of the art ``O(theta_L p_ph)``.
    """

    name: ClassVar[str] = "star_v2"
    angle_dependent: ClassVar[bool] = True

    prefactor: float = STAR_V2_PREFACTOR
    partitions: int = STAR_V2_PARTITIONS
    success_probability: float = RUS_SUCCESS_PROBABILITY
    merge_logical_cycles: float = MERGE_LOGICAL_CYCLES
    injection_code_cycles: float = INJECTION_CODE_CYCLES
    generic_angle: float = _QUARTER_PI

    def __attrs_post_init__(self) -> None:
        self._validate_common()
        check_positive("prefactor", self.prefactor)
        check_positive("partitions", self.partitions, integer=True)

    @property
    def exponent(self) -> float:
        """Angle exponent of one injected state, ``2 (1 - 1/M)``."""
        return 2.0 * (1.0 - 1.0 / self.partitions)

    def injection_error(self, reduced_angle: float, physical_error: float) -> float:
        """Error of one TMR state at reduced angle ``phi``: ``C p phi^(2(1-1/M))``."""
        return self.prefactor * float(physical_error) * reduced_angle**self.exponent

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        ctx = self._context(context)
        theta, angle_note = _angle_value(angle, self.generic_angle)
        p = ctx.physical_error
        rus = rus_series(
            theta,
            lambda phi: self.injection_error(phi, p),
            success_probability=self.success_probability,
        )
        step, step_note = _step_logical_cycles(
            self.merge_logical_cycles, self.injection_code_cycles, ctx.code_distance
        )
        return RotationCost(
            scheme=self.name,
            injections=rus.injections,
            logical_time_steps=rus.injections * step,
            error=rus.error,
            notes=_join(angle_note, step_note, self._precision_note(rus.error, precision)),
        )


def _default_synthesis() -> RotationScheme:
    return QREFormulaSynthesis()


@frozen(kw_only=True)
class StarV3(_StarBase):
    """STAR v3 (STAR-magic mutation): TMR states with exponent ``2(1 - c/d)``, then T gates.

    The RUS ladder injects analog states while its reduced angle is below ``switch_angle``; once it
    reaches the switch angle (probability ``P_sw``, about ``theta / switch_angle``) the remaining
    rotation is synthesized from cultivated T gates by ``synthesis``. Per rotation:

    * error ``= sum_{analog rungs} P(reach) C p phi^(2(1-c/d)) + P_sw * synthesis error``;
    * ``t_count = P_sw * synthesis T count`` (the cultivated T states' own error is charged to the
      magic-state budget by the physical estimate, as for any T gate);
    * time ``= injections * (merge + injection) + P_sw * synthesis time``.

    Two readings of "switch above a threshold angle" are supported, because the abstract does not
    say which one gives its scaling (UNVERIFIED):

    * an absolute ``switch_angle`` (default): the analog rungs run up to ``switch_angle`` and
      their sum ``~ C p theta switch_angle^(a-1)`` is *linear* in ``theta`` (``a = 2(1-c/d)``);
      the gain over v2 is the factor ``switch_angle^(a-1)``;
    * a bounded number of analog rungs ``max_analog_steps = K`` (a threshold relative to
      ``theta``: ``2^K theta``): the sum is ``~ C p theta^a (2^(K(a-1)))``, which reproduces the
      abstract's ``O(theta^(2(1 - Theta(1/d))) p)`` gate error, at ``2^-K`` synthesized rotations.

    Attributes:
        prefactor: ``C``. UNVERIFIED.
        exponent_c: ``c`` in the exponent ``2 (1 - c/d)``. UNVERIFIED (abstract: ``Theta(1/d)``).
        switch_angle: Reduced angle (rad) at which the ladder mutates to T synthesis. UNVERIFIED.
        max_analog_steps: If set, the ladder also mutates after this many analog rungs.
            UNVERIFIED alternative reading (see above).
        synthesis: Rotation scheme for the mutated part (default: QRE's T-count formula).
        success_probability: RUS success probability per attempt, 1/2.
        merge_logical_cycles: Logical cycles of the ZZ merge per RUS step. UNVERIFIED.
        injection_code_cycles: Code cycles of the injection per RUS step. UNVERIFIED.
        generic_angle: Angle assumed when ``angle=None`` (``pi/4``, worst case).

    References:
        [STAR-Magic Mutation: Even More Efficient Analog Rotation Gates for Early Fault-Tolerant
        Quantum Computer](https://arxiv.org/abs/2603.22891). Toshio et al. (2026). Abstract:
        ``O(theta_L^(2(1-Theta(1/d))) p_ph)``, one surface-code patch of ancilla space,
        Clifford+T+phi gate set.
    """

    name: ClassVar[str] = "star_v3"
    angle_dependent: ClassVar[bool] = True

    prefactor: float = STAR_V3_PREFACTOR
    exponent_c: float = STAR_V3_EXPONENT_C
    switch_angle: float = STAR_V3_SWITCH_ANGLE
    max_analog_steps: int | None = None
    synthesis: RotationScheme = field(factory=_default_synthesis)
    success_probability: float = RUS_SUCCESS_PROBABILITY
    merge_logical_cycles: float = MERGE_LOGICAL_CYCLES
    injection_code_cycles: float = INJECTION_CODE_CYCLES
    generic_angle: float = _QUARTER_PI

    def __attrs_post_init__(self) -> None:
        self._validate_common()
        check_positive("prefactor", self.prefactor)
        check_non_negative("exponent_c", self.exponent_c)
        check_positive("switch_angle", self.switch_angle)
        if self.max_analog_steps is not None:
            check_non_negative("max_analog_steps", self.max_analog_steps, integer=True)
        if not isinstance(self.synthesis, RotationScheme):
            raise InvalidInputError("synthesis", self.synthesis, "a RotationScheme")

    def exponent(self, code_distance: int) -> float:
        """Angle exponent ``2 (1 - c/d)`` of one injected state (at least 0)."""
        return max(0.0, 2.0 * (1.0 - self.exponent_c / code_distance))

    def injection_error(
        self, reduced_angle: float, physical_error: float, code_distance: int
    ) -> float:
        """Error of one SMM analog state: ``C p phi^(2(1 - c/d))``."""
        return (
            self.prefactor * float(physical_error) * reduced_angle ** self.exponent(code_distance)
        )

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        ctx = self._context(context)
        d = ctx.code_distance
        if d is None:
            raise InvalidInputError(
                "context.code_distance",
                None,
                "a code distance (STAR v3's error exponent 2(1 - c/d) depends on it)",
            )
        check_positive("context.code_distance", d, integer=True)
        theta, angle_note = _angle_value(angle, self.generic_angle)
        p = ctx.physical_error
        rus = rus_series(
            theta,
            lambda phi: self.injection_error(phi, p, d),
            success_probability=self.success_probability,
            switch_angle=self.switch_angle,
            max_analog_steps=self.max_analog_steps,
        )
        step, _ = _step_logical_cycles(self.merge_logical_cycles, self.injection_code_cycles, d)
        t_count = 0.0
        t_time = 0.0
        t_error = 0.0
        if rus.switch_probability > 0:
            synth = self.synthesis.cost(precision=precision, context=ctx)
            t_count = rus.switch_probability * synth.t_count
            t_time = rus.switch_probability * synth.logical_time_steps
            t_error = rus.switch_probability * synth.error
        error = rus.error + t_error
        switch_note = (
            f"mutates to T synthesis with probability {rus.switch_probability:.3g}"
            if rus.switch_probability > 0
            else ""
        )
        return RotationCost(
            scheme=self.name,
            t_count=t_count,
            injections=rus.injections,
            logical_time_steps=rus.injections * step + t_time,
            error=error,
            notes=_join(angle_note, switch_note, self._precision_note(error, precision)),
        )
