"""State sketch: prepare ``|b>/||b||`` for a real vector b from streamed entries ``(j, b_j)``.

Following the authors' code, each sample ``(j_t, b_{j_t})`` applies, on the Hadamard-basis index
``|u>``, the phase ``exp(i (t/M) h_j b_j (-1)^{j.u})`` (``h`` random signs). With the LCU ancilla
``a`` carrying ``c^0 U`` and ``c^1 U^dagger`` from the same samples, a sample is the Pauli-Z
product rotation ``exp(i phi_t Z_a Z^{(j_t)})``, ``phi_t = t h_j b_j / M``, whose support is ``a``
plus the 1-bits of ``j_t``: a CNOT parity ladder of weight ``|j_t|`` onto ``a``, one
``Rz(-2 phi_t)`` on ``a``, and the ladder undone. No multi-controlled gate is needed.

The full state preparation (:class:`StateSketch`) is ``H^n`` on the index, a QSVT of degree
``d`` (default 4) approximating ``arcsin`` on the LCU block encoding of ``sin`` (``d`` calls, each a
fresh sketch of ``M`` samples, and ``d + 1`` signal-processing rotations), a second LCU ancilla
for the real part (the signal rotations become ``Z_{a1} Z_{a2}`` rotations), and ``H^n`` again.
Ancillas: 2, as in the code. The random-sign diagonal ``h`` that the code undoes classically
(``state = random_signs * state``) is not costed here.

Constants: ``t = N / (5 ||b||)`` in ``qos.py::q_state_sketch`` and ``t = N / (3 ||b||)`` in
``qos_sampling.py::q_state_sketch`` (both with the vector padded to ``2^n``); ``t_divisor``
selects one.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). State sketch. Code: haimengzhao/quantum-oracle-sketching
    ``qos.py::q_state_sketch`` ("Use 2 ancilla qubit", ``degree=4``, samples
    ``unit_num_samples * (len(angle_set) - 1)``).
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import sympy
from attrs import field, frozen
from qualtran import (
    Bloq,
    BloqBuilder,
    BloqDocSpec,
    DecomposeNotImplementedError,
    DecomposeTypeError,
    QBit,
    QUInt,
    Register,
    Signature,
)
from qualtran.bloqs.basic_gates import CNOT, Hadamard, Rz

from estimator.bloqs._examples import bloq_example_of
from estimator.bloqs._params import (
    as_int_if_integral,
    check_domain_size,
    check_int_at_least,
    check_real,
    index_bits,
)
from estimator.bloqs.indicator import bits_of
from estimator.bloqs.symbols import phi_qsvt
from estimator.errors import InvalidInputError
from estimator.validation import check_positive, is_symbolic

if TYPE_CHECKING:
    from qualtran import Soquet
    from qualtran.resource_counting import BloqCountDictT, SympySymbolAllocator

#: t = N / (5 ||b||): haimengzhao/quantum-oracle-sketching qos.py::q_state_sketch,
#: `t = orig_dim / norm / 5`
T_DIVISOR_EXPECTED_UNITARY: int = 5
#: t = N / (3 ||b||): haimengzhao/quantum-oracle-sketching qos_sampling.py::q_state_sketch,
#: `t = dim / norm / 3`
T_DIVISOR_SAMPLING: int = 3
#: QSVT degree for arcsin: haimengzhao/quantum-oracle-sketching qos.py::q_state_sketch, `degree=4`
ARCSIN_DEGREE: int = 4


def state_sample_angle(domain_size: Any, num_samples: Any, value: Any, t_divisor: Any) -> Any:
    """``phi = t v / M`` with ``t = N / (t_divisor ||b||)`` and ``v = h_j b_j`` (so ``t v =
    N (h_j b_j / ||b||) / t_divisor``); ``value`` is the normalized ``h_j b_j / ||b||``."""
    # haimengzhao/quantum-oracle-sketching qos.py::q_state_sketch:
    # expm1(1j * (random_signs * vector) * inner_prod_signs * t / unit_num_samples)
    if any(is_symbolic(x) for x in (domain_size, num_samples, value, t_divisor)):
        return domain_size * value / (t_divisor * num_samples)
    return float(domain_size) * float(value) / (float(t_divisor) * int(num_samples))


@frozen
class StateSample(Bloq):
    r"""One state-sketch sample: the Pauli-Z product rotation $e^{i\phi Z_a Z^{(j)}}$.

    Args:
        n: Index qubits.
        phi: The sample's angle ``phi_t`` (the circuit's rotation is ``Rz(-2 phi)``).
        j: Classical index ``j_t`` (big-endian); ``None`` for costing (worst case ``|j| = n``).

    Registers:
        index: ``QUInt(n)`` (in the Hadamard basis ``|u>``).
        lcu: The LCU ancilla ``a``.
    """

    n: Any = field(converter=as_int_if_integral)
    phi: Any
    j: int | None = None

    def __attrs_post_init__(self) -> None:
        check_int_at_least("n", self.n, 1)
        check_real("phi", self.phi)
        if self.j is not None and not is_symbolic(self.n) and not 0 <= self.j < 2**self.n:
            raise InvalidInputError("j", self.j, f"0 <= j < {2**self.n}")

    @cached_property
    def signature(self) -> Signature:
        return Signature([Register("index", QUInt(self.n)), Register("lcu", QBit())])

    @property
    def weight(self) -> Any:
        """Number of index qubits in the rotation's support (``n`` when ``j`` is unknown)."""
        if self.j is None or is_symbolic(self.n):
            return self.n
        return sum(bits_of(self.j, self.n))

    def build_composite_bloq(
        self, bb: BloqBuilder, index: Soquet, lcu: Soquet
    ) -> dict[str, Soquet]:
        if is_symbolic(self.n):
            raise DecomposeTypeError(f"cannot decompose {self} with symbolic n")
        bits = bits_of(self.j, self.n) if self.j is not None else (1,) * self.n
        qs = list(bb.split(index))
        support = [i for i, b in enumerate(bits) if b]
        for i in support:
            qs[i], lcu = bb.add(CNOT(), ctrl=qs[i], target=lcu)
        lcu = bb.add(Rz(-2 * self.phi), q=lcu)  # exp(i phi Z) = Rz(-2 phi)
        for i in reversed(support):
            qs[i], lcu = bb.add(CNOT(), ctrl=qs[i], target=lcu)
        return {"index": bb.join(qs, dtype=QUInt(self.n)), "lcu": lcu}

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        counts: dict[Any, Any] = {Rz(-2 * self.phi): 1}
        if not (isinstance(self.weight, int) and self.weight == 0):
            counts[CNOT()] = 2 * self.weight
        return counts


def _pairs(value: Any) -> tuple[tuple[int, float], ...] | None:
    if value is None:
        return None
    return tuple((int(j), float(v)) for j, v in value)


@frozen
class StateSketchUnitary(Bloq):
    r"""One sketch of the state-preparation unitary: $\prod_t e^{i\phi_t Z_a Z^{(j_t)}}$.

    This is the sketched ``c^0 U c^1 U^dagger`` used by one block-encoding call of the QSVT.

    Args:
        N: Vector length (``>= 2``); ``n = ceil(log2 N)`` (the code pads to ``2^n``).
        num_samples: Samples M of this sketch.
        t_divisor: 5 (``qos.py``) or 3 (``qos_sampling.py``); ``t = N / (t_divisor ||b||)``.
        flatness: ``r = sqrt(N) ||b||_inf / ||b||_2`` (1 for a flat vector, up to ``sqrt(N)``);
            costing takes every sample angle at its bound ``r sqrt(N) / (t_divisor M)``.
        stream: Optional ``((j_t, h_j b_j / ||b||), ...)`` for the explicit circuit.

    Registers:
        index: ``QUInt(n)``. lcu: The LCU ancilla.
    """

    N: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    t_divisor: Any = T_DIVISOR_EXPECTED_UNITARY
    flatness: Any = 1
    stream: tuple[tuple[int, float], ...] | None = field(default=None, converter=_pairs)

    def __attrs_post_init__(self) -> None:
        check_domain_size("N", self.N)
        check_int_at_least("num_samples", self.num_samples, 1)
        check_positive("t_divisor", self.t_divisor)
        check_positive("flatness", self.flatness)
        if self.stream is not None:
            for j, v in self.stream:
                if not 0 <= j < 2**self.n or abs(v) > 1:
                    raise InvalidInputError(
                        "stream", (j, v), "0 <= j < 2**n and |h_j b_j|/||b|| <= 1"
                    )

    @property
    def n(self) -> Any:
        """Index qubits."""
        return index_bits(self.N)

    @property
    def max_angle(self) -> Any:
        """Costing bound of ``|phi_t|``: ``r sqrt(N) / (t_divisor M)``."""
        if is_symbolic(self.N):
            max_value = self.flatness / sympy.sqrt(self.N)
        else:
            max_value = self.flatness / math.sqrt(self.N)
        return state_sample_angle(self.N, self.num_samples, max_value, self.t_divisor)

    @cached_property
    def signature(self) -> Signature:
        return Signature([Register("index", QUInt(self.n)), Register("lcu", QBit())])

    def _samples(self) -> list[StateSample]:
        if self.stream is None:
            raise DecomposeTypeError(f"{self}: no concrete stream")
        return [
            StateSample(self.n, state_sample_angle(self.N, self.num_samples, v, self.t_divisor), j)
            for j, v in self.stream
        ]

    def build_composite_bloq(
        self, bb: BloqBuilder, index: Soquet, lcu: Soquet
    ) -> dict[str, Soquet]:
        if self.stream is None:
            raise DecomposeTypeError(f"{self}: the explicit circuit needs a concrete stream")
        for s in self._samples():
            index, lcu = bb.add(s, index=index, lcu=lcu)
        return {"index": index, "lcu": lcu}

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        if self.stream is not None:
            return dict(Counter(self._samples()))
        return {StateSample(self.n, self.max_angle): self.num_samples}


@frozen
class StateSketch(Bloq):
    """State preparation by sketching: ``H^n``, QSVT(arcsin) of degree d on sketches, ``H^n``.

    Costed through its call graph only (``d`` fresh :class:`StateSketchUnitary` calls, ``d + 1``
    signal rotations ``exp(i phi_k Z_{a1} Z_{a2})`` = 2 CNOT + one ``Rz`` each with angles from a
    phase-finding routine, shown as the symbol ``phi_QSVT`` unless ``qsvt_phases`` are given, and
    ``2 n + 2`` Hadamards). No explicit decomposition: the QSVT phases come from ``pyqsp``.

    Args:
        N: Vector length.
        num_samples: Samples per sketch (the code's ``unit_num_samples``).
        degree: QSVT degree d (default 4, as in ``qos.py::q_state_sketch``); ``d M`` samples.
        t_divisor: See :class:`StateSketchUnitary`.
        flatness: See :class:`StateSketchUnitary`.
        qsvt_phases: Optional ``d + 1`` signal-processing angles (``Rz`` convention).

    Registers:
        index: ``QUInt(n)``. lcu: LCU/QSVT ancilla. real: Second LCU ancilla (real part).

    References:
        [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
        Zhao et al. (2026). Code: haimengzhao/quantum-oracle-sketching ``qos.py::q_state_sketch``.
    """

    #: Ancillas in the authors' code (qos.py::q_state_sketch, "Use 2 ancilla qubit"): the
    #: LCU/QSVT ancilla and the real-part LCU ancilla (the same here).
    code_ancillas: ClassVar[int] = 2

    N: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    degree: Any = field(default=ARCSIN_DEGREE, converter=as_int_if_integral)
    t_divisor: Any = T_DIVISOR_EXPECTED_UNITARY
    flatness: Any = 1
    qsvt_phases: tuple[float, ...] | None = field(
        default=None, converter=lambda v: None if v is None else tuple(float(x) for x in v)
    )

    def __attrs_post_init__(self) -> None:
        check_int_at_least("degree", self.degree, 1)
        if self.qsvt_phases is not None and not is_symbolic(self.degree):
            if len(self.qsvt_phases) != self.degree + 1:
                raise InvalidInputError(
                    "qsvt_phases", len(self.qsvt_phases), f"degree + 1 = {self.degree + 1} angles"
                )
        _ = self.unitary  # validates N, num_samples, t_divisor, flatness

    @property
    def unitary(self) -> StateSketchUnitary:
        """One sketched block-encoding call."""
        return StateSketchUnitary(self.N, self.num_samples, self.t_divisor, self.flatness)

    @property
    def n(self) -> Any:
        """Index qubits."""
        return index_bits(self.N)

    @property
    def total_samples(self) -> Any:
        """``d M``: haimengzhao/quantum-oracle-sketching qos.py::q_state_sketch returns
        ``unit_num_samples * (angle_set.shape[0] - 1)``."""
        return self.degree * self.num_samples

    @cached_property
    def signature(self) -> Signature:
        return Signature(
            [Register("index", QUInt(self.n)), Register("lcu", QBit()), Register("real", QBit())]
        )

    def decompose_bloq(self) -> Any:
        raise DecomposeNotImplementedError(f"{self}: QSVT phases are not computed here")

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        counts: dict[Any, Any] = {self.unitary: self.degree}
        if self.qsvt_phases is None:
            counts[Rz(phi_qsvt)] = self.degree + 1
        else:
            for a, c in Counter(self.qsvt_phases).items():
                counts[Rz(a)] = c
        counts[CNOT()] = 2 * (self.degree + 1)
        counts[Hadamard()] = 2 * self.n + 2
        return counts

    def __str__(self) -> str:
        return f"StateSketch(N={self.N}, M={self.num_samples}, d={self.degree})"


@bloq_example_of(StateSketchUnitary)
def _state_sketch_unitary() -> StateSketchUnitary:
    state_sketch_unitary = StateSketchUnitary(
        N=4, num_samples=6, stream=((1, 0.5), (3, -0.5), (0, 0.5), (1, 0.5))
    )
    return state_sketch_unitary


@bloq_example_of(StateSketch)
def _state_sketch_symb() -> StateSketch:
    from estimator.bloqs.symbols import M, N

    state_sketch_symb = StateSketch(N=N, num_samples=M)
    return state_sketch_symb


@bloq_example_of(StateSample)
def _state_sample() -> StateSample:
    state_sample = StateSample(n=3, phi=0.2, j=5)
    return state_sample


_STATE_SKETCH_DOC = BloqDocSpec(bloq_cls=StateSketch, examples=[_state_sketch_symb])
_STATE_SKETCH_UNITARY_DOC = BloqDocSpec(
    bloq_cls=StateSketchUnitary, examples=[_state_sketch_unitary]
)
_STATE_SAMPLE_DOC = BloqDocSpec(bloq_cls=StateSample, examples=[_state_sample])

__all__ = [
    "ARCSIN_DEGREE",
    "StateSample",
    "StateSketch",
    "StateSketchUnitary",
    "T_DIVISOR_EXPECTED_UNITARY",
    "T_DIVISOR_SAMPLING",
    "state_sample_angle",
]
