"""Angle-aware rotation counting: two Qualtran cost keys.

Qualtran's ``QECGatesCost`` counts every arbitrary-angle rotation alike. Architectures that
inject rotations by angle (STAR-style analog injection, small-angle synthesis) need the angles,
and layouts need the number of rotation *layers*. This module provides:

* :class:`RotationsByAngle` -> ``dict`` mapping angle -> count, aggregated through call graphs
  (callee histograms are multiplied by their call counts, so a sketch of ``M`` samples costs one
  dictionary entry ``{theta: M}``, never a loop over samples).
* :class:`RotationDepth` -> the number of rotation layers. Serial by default (equal to the
  rotation count); a bloq that runs rotations in parallel declares its depth by overriding
  ``my_static_costs`` for this key (see :class:`estimator.bloqs.ParallelBooleanSketch`).

**Angle convention.** Every angle is reported in the ``Rz`` convention
``Rz(angle) = exp(-i angle Z / 2)``, i.e. up to a global phase the rotation is
``diag(1, exp(i angle))``. Conversions (up to global phase, which no architecture pays for):

* ``Rz(a)``, ``Rx(a)``, ``Ry(a)`` -> ``a``.
* ``ZPowGate(t)``, ``XPowGate(t)``, ``YPowGate(t)`` -> ``pi * t``
  (``ZPowGate(t) = diag(1, e^{i pi t}) = e^{i pi t/2} Rz(pi t)``, Qualtran's rotation.py docs).
* A singly-controlled rotation (Qualtran's ``bloq_is_rotation`` counts it as one rotation) ->
  the angle of its sub-bloq; a controlled ``T``/``S`` -> ``+-pi/4``/``+-pi/2``.
* ``HammingWeightPhasing(b, t)`` -> its true angles ``pi t 2^i`` for ``i < b.bit_length()``
  (Qualtran's call graph lists ``b.bit_length()`` copies of ``ZPowGate(t)``, which has the right
  count but the wrong angles; its decomposition uses ``ZPowGate(2^i t)``).

Angles are not reduced modulo ``2 pi`` and signs are kept (``Rz(-a)`` and ``Rz(a)`` are separate
entries). Numeric angles are Python floats, symbolic angles sympy expressions; counts are ints
or sympy expressions.

References:
    [Qualtran: A Python library for expressing and analyzing fault-tolerant quantum algorithms](https://arxiv.org/abs/2409.04643).
    Harrigan et al. (2024). Sec. 4 (cost keys and call graphs).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import sympy
from attrs import frozen
from qualtran.resource_counting import CostKey, get_bloq_callee_counts
from qualtran.resource_counting.classify_bloqs import (
    bloq_is_clifford,
    bloq_is_rotation,
    bloq_is_state_or_effect,
    bloq_is_t_like,
)

if TYPE_CHECKING:
    from qualtran import Bloq

#: An angle -> count histogram. Angles in the ``Rz(a) = exp(-i a Z/2)`` convention.
AngleHistogram = dict[Any, Any]


def _is_sym(x: Any) -> bool:
    return isinstance(x, sympy.Basic) and not x.is_number


def _norm_angle(angle: Any) -> Any:
    """Floats for numbers, sympy expressions otherwise.

    Floats are rounded to 14 significant digits so that one angle reached by different float
    paths (``0.2/2`` vs ``0.1``) shares one key.
    """
    if isinstance(angle, sympy.Basic) and _is_sym(angle):
        return angle
    return float(f"{float(angle):.14g}")


def _pi_times(exponent: Any) -> Any:
    if isinstance(exponent, sympy.Basic):
        return _norm_angle(sympy.pi * exponent)
    return _norm_angle(math.pi * float(exponent))


def rotation_angle(bloq: Bloq) -> Any:
    """The angle (``Rz(a) = exp(-i a Z/2)`` convention) of a leaf rotation bloq.

    Args:
        bloq: A bloq for which Qualtran's ``bloq_is_rotation`` is true.

    Raises:
        TypeError: If ``bloq`` is not a rotation this function knows.
    """
    from qualtran import Controlled
    from qualtran.bloqs.basic_gates import SGate, TGate
    from qualtran.bloqs.basic_gates.rotation import Rx, Ry, Rz, XPowGate, YPowGate, ZPowGate

    if isinstance(bloq, Controlled):
        bloq = bloq.subbloq
    if isinstance(bloq, (Rz, Rx, Ry)):
        return _norm_angle(bloq.angle)
    if isinstance(bloq, (ZPowGate, XPowGate, YPowGate)):
        return _pi_times(bloq.exponent)
    if isinstance(bloq, TGate):
        return -math.pi / 4 if bloq.is_adjoint else math.pi / 4
    if isinstance(bloq, SGate):
        return -math.pi / 2 if bloq.is_adjoint else math.pi / 2
    raise TypeError(f"{bloq} is not a rotation bloq with a known angle")


def _is_rotation_free_leaf(bloq: Bloq) -> bool:
    """Leaves that ``QECGatesCost`` classifies as non-rotations (no need to recurse)."""
    from qualtran.bloqs.basic_gates import (
        Discard,
        GlobalPhase,
        Identity,
        MeasureX,
        MeasureZ,
        Toffoli,
        TwoBitCSwap,
    )
    from qualtran.bloqs.bookkeeping._bookkeeping_bloq import _BookkeepingBloq
    from qualtran.bloqs.mcmt import And, MultiTargetCNOT

    if isinstance(
        bloq,
        (
            Toffoli,
            MeasureZ,
            MeasureX,
            And,
            TwoBitCSwap,
            MultiTargetCNOT,
            _BookkeepingBloq,
            GlobalPhase,
            Identity,
            Discard,
        ),
    ):
        return True
    return bloq_is_t_like(bloq) or bloq_is_clifford(bloq) or bloq_is_state_or_effect(bloq)


def _add_into(total: AngleHistogram, hist: AngleHistogram, times: Any) -> None:
    for angle, count in hist.items():
        total[angle] = total.get(angle, 0) + times * count


@frozen
class RotationsByAngle(CostKey[AngleHistogram]):
    """Arbitrary-angle rotations grouped by angle: ``{angle: count}``.

    Leaves are the bloqs Qualtran's ``bloq_is_rotation`` classifies as rotations (so Clifford and
    T angles are not counted, exactly as in ``QECGatesCost``); angles follow the module's
    ``Rz(a) = exp(-i a Z/2)`` convention. Everything else is aggregated through the call graph.
    The sum of the counts equals ``get_cost_value(bloq, QECGatesCost()).rotation``, except inside
    ``HammingWeightPhasing``, where multiples ``2^i t`` that are Clifford or T angles are not
    counted here (Qualtran's call graph counts them as rotations).
    """

    def compute(
        self, bloq: Bloq, get_callee_cost: Callable[[Bloq], AngleHistogram]
    ) -> AngleHistogram:
        from qualtran.bloqs.rotations import HammingWeightPhasing

        if bloq_is_rotation(bloq):
            return {rotation_angle(bloq): 1}
        if _is_rotation_free_leaf(bloq):
            return {}
        total: AngleHistogram = {}
        if isinstance(bloq, HammingWeightPhasing) and isinstance(bloq.bitsize, int):
            # Qualtran's call graph gives the right count with the wrong angles; use the
            # decomposition's angles Z^(2^i t) (qualtran hamming_weight_phasing.py).
            from qualtran.bloqs.arithmetic import HammingWeightCompute

            hwc = HammingWeightCompute(bloq.bitsize)
            _add_into(total, get_callee_cost(hwc), 1)
            _add_into(total, get_callee_cost(hwc.adjoint()), 1)
            from qualtran.bloqs.basic_gates import ZPowGate

            for i in range(bloq.bitsize.bit_length()):
                z = ZPowGate(exponent=bloq.exponent * 2**i)
                if bloq_is_rotation(z):  # Clifford/T multiples are not rotations
                    a = rotation_angle(z)
                    total[a] = total.get(a, 0) + 1
            return total
        for callee, times in get_bloq_callee_counts(bloq, ignore_decomp_failure=False):
            _add_into(total, get_callee_cost(callee), times)
        return {a: c for a, c in total.items() if not (isinstance(c, int) and c == 0)}

    def zero(self) -> AngleHistogram:
        return {}

    def validate_val(self, val: AngleHistogram) -> None:
        if not isinstance(val, dict):
            raise TypeError(f"{self} values should be dicts, got {val!r}")

    def __str__(self) -> str:
        return "rotations by angle"


@frozen
class RotationDepth(CostKey[Any]):
    """Number of layers containing at least one arbitrary-angle rotation.

    By default the rotations of a bloq are assumed to run one after another, so the depth equals
    the rotation count (sum over callees of ``calls x depth``). A bloq that runs rotations in
    parallel declares its own depth by returning it from ``my_static_costs(RotationDepth())``.
    """

    def compute(self, bloq: Bloq, get_callee_cost: Callable[[Bloq], Any]) -> Any:
        if bloq_is_rotation(bloq):
            return 1
        if _is_rotation_free_leaf(bloq):
            return 0
        total: Any = 0
        for callee, times in get_bloq_callee_counts(bloq, ignore_decomp_failure=False):
            total = total + times * get_callee_cost(callee)
        return total

    def zero(self) -> Any:
        return 0

    def __str__(self) -> str:
        return "rotation depth"


def total_rotations(hist: AngleHistogram) -> Any:
    """Sum of the counts of an angle histogram (an int or a sympy expression)."""
    return sum(hist.values(), 0)


__all__ = [
    "AngleHistogram",
    "RotationDepth",
    "RotationsByAngle",
    "rotation_angle",
    "total_rotations",
]
