"""Rotations by addition into a catalytic phase-gradient register.

A ``b``-qubit phase-gradient state ``sum_k e^{-2 pi i k / 2^b} |k>`` is prepared once and kept.
``Rz(angle)`` on a target qubit is then: load the ``b``-bit approximation of the angle into a
``b``-qubit register controlled by the target (Cliffords), add it into the phase-gradient register
(``b - 2`` Toffolis, Gidney's adder), unload (Cliffords). The gradient register comes out unchanged
(catalysis), so its preparation is a one-off cost.

Costs come from Qualtran's Bloqs, not from our own formulas: ``ZPowConstViaPhaseGradient`` gives
``b - 2`` Toffolis and ``2b + 1`` qubits (target, loaded angle, gradient) per rotation and picks
``b = ceil(log2(2 pi / eps))``; ``PhaseGradientState(b)`` gives the preparation (one T gate and
``b - 3`` rotations, fewer when some angles ``2 pi / 2^k`` are below the precision), which we
synthesize with a rotation scheme of our choice.

The approximation replaces ``angle`` by a multiple of ``2 pi / 2^b``: the applied unitary is an
exact ``Rz(angle')`` with ``|angle' - angle| <= 2 pi / 2^b <= eps``, so the diamond distance
``2|sin((angle' - angle)/2)|`` is at most ``eps``. The same angle is rounded the same way every
time, so errors are coherent (they still add linearly in the diamond norm).

References:
    [Compilation of fault-tolerant quantum heuristics for combinatorial optimization](https://arxiv.org/abs/2007.07391).
    Sanders et al. (2020). Appendix A (addition into a phase-gradient register).

    [Halving the cost of quantum addition](https://arxiv.org/abs/1709.06648). Gidney (2018).
    Fig. 3 (n-bit addition with n - 1 Toffolis, temporary logical-AND ancillas).

    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix D (3 logical time steps and 4 T states per CCZ in QRE).
"""

from __future__ import annotations

import functools
import math
from typing import Any, ClassVar

from attrs import Factory, field, frozen

from estimator.errors import InvalidInputError
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.validation import check_probability, to_number

# arXiv:2211.07629, Appendix D (QRE): a CCZ/Toffoli occupies 3 logical time steps of the depth
# and consumes the equivalent of 4 T states.
TOFFOLI_TIME_STEPS = 3
T_STATES_PER_TOFFOLI = 4

# Smallest / largest gradient register we model (b - 2 >= 1 Toffoli; beyond 128 bits eps < 1e-37).
MIN_BITS, MAX_BITS = 3, 128
# Largest gradient Qualtran's fixed-point types (fxpmath, int64 raw values) can cost.
QUALTRAN_MAX_BITS = 64


def bits_for_precision(precision: Any) -> int:
    """Phase-gradient size ``ceil(log2(2 pi / eps))`` (Qualtran ``ZPowConstViaPhaseGradient``)."""
    check_probability("precision", precision)
    eps = float(to_number("precision", precision))
    # qualtran/bloqs/rotations/zpow_via_phase_gradient.py, from_precision: ceil(log2(2 pi / eps))
    # log2(2 pi) - log2(eps), not log2(2 pi / eps): the quotient overflows for denormal eps.
    return max(MIN_BITS, math.ceil(math.log2(2 * math.pi) - math.log2(eps)))


@functools.lru_cache(maxsize=256)
def qualtran_rotation_counts(bits: int) -> tuple[int, int]:
    """(Toffolis, qubits) of Qualtran's ``ZPowConstViaPhaseGradient`` with a ``bits`` gradient."""
    from qualtran.bloqs.rotations.zpow_via_phase_gradient import ZPowConstViaPhaseGradient
    from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

    bloq = ZPowConstViaPhaseGradient(0.25, bits)  # the cost does not depend on the exponent
    gates = get_cost_value(bloq, QECGatesCost())
    toffolis = int(gates.toffoli + gates.and_bloq)
    return toffolis, int(get_cost_value(bloq, QubitCount()))


def qualtran_gradient_preparation(bits: int, precision: float) -> tuple[int, int]:
    """(T gates, arbitrary rotations) of Qualtran's ``PhaseGradientState(bits, eps=precision)``.

    Qualtran's ``QECGatesCost`` classifies the gradient's ``Z**(1/2^i)`` rotations by their angle
    alone (the smallest ones, below about 1e-12 rad, count as Cliffords), not by ``eps``, so the
    count is computed once per ``bits`` (tests/rotations/test_phase_gradient.py checks that it
    does not move with ``precision``). The default search prices many precisions.
    """
    return _gradient_preparation(int(bits))


@functools.lru_cache(maxsize=256)
def _gradient_preparation(bits: int) -> tuple[int, int]:
    from qualtran.bloqs.rotations.phase_gradient import PhaseGradientState
    from qualtran.resource_counting import QECGatesCost, get_cost_value

    # eps only sets the synthesis precision of the rotations, which QECGatesCost does not read
    gates = get_cost_value(PhaseGradientState(bits, eps=1e-10), QECGatesCost())
    return int(gates.t), int(gates.rotation)


def _default_synthesis() -> RotationScheme:
    from estimator.rotations.synthesis import MixedFallbackFormula

    return MixedFallbackFormula()


@frozen(kw_only=True)
class PhaseGradientRotation(RotationScheme):
    """``Rz(angle)`` as ``b - 2`` Toffolis with a catalytic ``b``-qubit phase-gradient register.

    Attributes:
        bits: Gradient size ``b``; ``None`` picks ``ceil(log2(2 pi / eps))`` per rotation.
        preparation_synthesis: Scheme that synthesizes the (at most ``b - 3``) rotations of the
            one-off gradient preparation (each to ``precision / b``).
        count_adder_ancillas: Add the adder's ``b - 2`` temporary AND ancillas
            (arXiv:1709.06648, Fig. 3) to the ``2b`` register qubits Qualtran's ``QubitCount``
            reports; they are not in Qualtran's count.
        toffoli_time_steps: Logical time steps per Toffoli (QRE: 3, arXiv:2211.07629 App. D).
    """

    uses_code_distance: ClassVar[bool] = False

    name: ClassVar[str] = "phase_gradient"
    norm: ClassVar[str] = "diamond"  # type: ignore[misc]
    coherent: ClassVar[bool] = True
    angle_dependent: ClassVar[bool] = False

    bits: int | None = field(default=None)
    preparation_synthesis: RotationScheme = field(default=Factory(_default_synthesis))
    count_adder_ancillas: bool = True
    toffoli_time_steps: float = TOFFOLI_TIME_STEPS

    def __attrs_post_init__(self) -> None:
        if self.bits is not None and (
            not isinstance(self.bits, int) or not MIN_BITS <= self.bits <= MAX_BITS
        ):
            raise InvalidInputError("bits", self.bits, f"an integer in [{MIN_BITS}, {MAX_BITS}]")
        if self.toffoli_time_steps < 0:
            raise InvalidInputError("toffoli_time_steps", self.toffoli_time_steps, ">= 0")

    def bits_for(self, precision: Any) -> int:
        """The gradient size used at ``precision``."""
        b = self.bits if self.bits is not None else bits_for_precision(precision)
        if b > MAX_BITS:
            raise InvalidInputError(
                "precision", precision, f"a precision reachable with <= {MAX_BITS} gradient bits"
            )
        return b

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        b = self.bits_for(precision)
        resolution = 2 * math.pi / 2**b
        eps = float(to_number("precision", precision))
        if self.bits is not None and resolution > eps:
            raise InvalidInputError(
                "bits",
                self.bits,
                f">= {bits_for_precision(precision)} for precision {eps:.3g}",
                hint=f"a {b}-bit gradient resolves angles only to {resolution:.3g}",
            )
        if b <= QUALTRAN_MAX_BITS:
            toffolis, qubits = qualtran_rotation_counts(b)
            n_t_prep, n_rot_prep = qualtran_gradient_preparation(b, eps)
        else:
            # Qualtran's fixed-point arithmetic overflows beyond 64 bits; its counts follow the
            # closed forms below for every b <= 64 (tests/rotations/test_phase_gradient.py).
            toffolis, qubits = b - 2, 2 * b + 1
            n_t_prep, n_rot_prep = 1, b - 3
        extra = qubits - 1 + (b - 2 if self.count_adder_ancillas else 0)
        prep_rot = self.preparation_synthesis.cost(precision=eps / b)
        one_off = n_t_prep + n_rot_prep * float(prep_rot.t_count)
        return RotationCost(
            scheme=self.name,
            toffoli_count=toffolis,
            logical_time_steps=toffolis * self.toffoli_time_steps,
            error=resolution,
            extra_logical_qubits=extra,
            one_off_t_count=one_off,
            notes=(
                f"b={b}-qubit phase gradient: {toffolis} Toffolis per rotation (Qualtran "
                f"ZPowConstViaPhaseGradient); one-off preparation {n_t_prep} T + {n_rot_prep} "
                f"rotations via {self.preparation_synthesis.name}"
            ),
        )
