"""One streamed sample of an oracle sketch: the phase ``exp(i theta |x><x|)``.

**Angle convention.** The sample multiplies the basis state ``|x>`` by ``e^{i theta}``. The
circuit computes the indicator ``c = [index == x]`` and applies Qualtran's
``ZPowGate(exponent=theta/pi) = diag(1, e^{i theta})`` to ``c``; this is exactly the sample's
unitary (no global phase). Up to the global phase ``e^{i theta/2}`` it is ``Rz(theta)`` with
``Rz(a) = exp(-i a Z/2)``, so angle-aware costing
(:class:`estimator.bloqs.cost_keys.RotationsByAngle`) books it as one rotation of angle
``theta``. For the Boolean sketch ``theta = pi N / M``.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Per-sample gate ``exp(i (pi N/M) f(x_t) |x_t><x_t|)``, as in the
    authors' code haimengzhao/quantum-oracle-sketching ``qos_sampling.py::q_oracle_sketch_boolean``.

    [Halving the cost of quantum addition](https://arxiv.org/abs/1709.06648). Gidney (2018).
    The And ladder (4 T per And, measurement-based uncomputation).
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sympy
from attrs import field, frozen
from qualtran import (
    Bloq,
    BloqBuilder,
    BloqDocSpec,
    DecomposeTypeError,
    QUInt,
    Register,
    Signature,
)
from qualtran.bloqs.basic_gates import ZPowGate
from qualtran.resource_counting import QubitCount

from estimator.bloqs._examples import bloq_example_of
from estimator.bloqs._params import as_int_if_integral, check_int_at_least, check_real
from estimator.bloqs.indicator import (
    bits_of,
    compute_and_ladder,
    flip_zeros,
    indicator_counts,
    uncompute_and_ladder,
)
from estimator.errors import InvalidInputError
from estimator.validation import is_symbolic

if TYPE_CHECKING:
    from qualtran import Soquet
    from qualtran.resource_counting import BloqCountDictT, CostKey, SympySymbolAllocator


def zpow_exponent(theta: Any) -> Any:
    """``ZPowGate`` exponent ``t`` with ``Z^t = diag(1, e^{i theta})``, i.e. ``t = theta/pi``."""
    if isinstance(theta, sympy.Basic):
        return sympy.simplify(theta / sympy.pi)
    return float(theta) / math.pi


def _check_x(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError("x", value, "an int index (or None for costing)")
    if value < 0 or (not is_symbolic(instance.n) and value >= 2**instance.n):
        raise InvalidInputError("x", value, f"0 <= x < 2**n = {2**instance.n}")


@frozen
class SketchSample(Bloq):
    r"""The phase of one streamed sample: $e^{i\theta|x\rangle\langle x|}$ on an n-qubit index.

    Decomposition: ``X`` on the bits where ``x`` is 0, an ``And`` ladder (``n-1`` ``And``)
    computing ``[index == x]``, one ``ZPowGate(theta/pi)`` on the result, then the ladder
    uncomputed by measurement (``And(uncompute=True)``) and the ``X`` gates undone. Costs per
    sample: ``n-1`` And (``4(n-1)`` T), one rotation of angle ``theta``, ``n-1`` measurements,
    ``n-1`` ancillas. For ``n = 1`` the rotation acts on the index qubit itself.

    Args:
        n: Number of index qubits (``ceil(log2 N)``); may be symbolic.
        theta: Phase angle in radians (``pi N / M`` for the Boolean sketch); may be symbolic.
        x: The classical sample ``x_t`` (big-endian, as Qualtran's ``QUInt``), or ``None`` for
            costing (the ``X`` gates, Cliffords, are then omitted; all other gates are the same).

    Registers:
        index: The ``n``-qubit index register (``QUInt(n)``).

    References:
        [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
        Zhao et al. (2026). Per-sample gate of quantum oracle sketching.
    """

    n: Any = field(converter=as_int_if_integral)
    theta: Any
    x: int | None = field(default=None, validator=_check_x)

    def __attrs_post_init__(self) -> None:
        check_int_at_least("n", self.n, 1)
        check_real("theta", self.theta)

    @cached_property
    def signature(self) -> Signature:
        return Signature([Register("index", QUInt(self.n))])

    @property
    def exponent(self) -> Any:
        """The ``ZPowGate`` exponent ``theta / pi``."""
        return zpow_exponent(self.theta)

    @property
    def x_bits(self) -> tuple[int, ...] | None:
        """Big-endian bits of ``x`` (``None`` when ``x`` is not given)."""
        if self.x is None or is_symbolic(self.n):
            return None
        return bits_of(self.x, self.n)

    def build_composite_bloq(self, bb: BloqBuilder, index: Soquet) -> dict[str, Soquet]:
        if is_symbolic(self.n):
            raise DecomposeTypeError(f"cannot decompose {self} with symbolic n")
        bits = self.x_bits if self.x_bits is not None else (1,) * self.n
        qs = flip_zeros(bb, list(bb.split(index)), bits)
        rest, target, junk = compute_and_ladder(bb, qs)
        target = bb.add(ZPowGate(exponent=self.exponent), q=target)
        qs = uncompute_and_ladder(bb, rest, target, junk)
        qs = flip_zeros(bb, qs, bits)
        return {"index": bb.join(qs, dtype=QUInt(self.n))}

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        counts = indicator_counts(self.n, self.x_bits)
        counts[ZPowGate(exponent=self.exponent)] = 1
        return counts

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount) and is_symbolic(self.n):
            return 2 * self.n - 1  # n index qubits + (n-1) And-ladder ancillas (n >= 2)
        return NotImplemented

    def adjoint(self) -> SketchSample:
        return SketchSample(self.n, -self.theta, self.x)

    def __str__(self) -> str:
        where = "x" if self.x is None else str(self.x)
        return f"SketchSample(n={self.n}, theta={self.theta}, x={where})"


@bloq_example_of(SketchSample)
def _sketch_sample() -> SketchSample:
    sketch_sample = SketchSample(n=3, theta=0.3, x=5)
    return sketch_sample


@bloq_example_of(SketchSample)
def _sketch_sample_symb() -> SketchSample:
    from estimator.bloqs.symbols import M, N, n

    sketch_sample_symb = SketchSample(n=n, theta=sympy.pi * N / M)
    return sketch_sample_symb


_SKETCH_SAMPLE_DOC = BloqDocSpec(
    bloq_cls=SketchSample, examples=[_sketch_sample, _sketch_sample_symb]
)

__all__ = ["SketchSample", "zpow_exponent"]
