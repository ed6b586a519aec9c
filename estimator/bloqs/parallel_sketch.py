"""Parallel sketching: k commuting samples at once on k fan-out copies of the index register.

All sample gates of a sketch are diagonal, hence commute. Copying the index register into
``k - 1`` fresh registers with CNOTs (``|x>|0>... -> |x>|x>...``) lets k samples act at once,
one per copy; undoing the fan-out returns the copies to ``|0>``. Logical qubits grow to about
``k (2n - 1)`` (each lane has its own And-ladder ancillas) and the rotation depth falls to
``ceil(M / k)`` layers. This is the parallelization the paper lists as an open direction.

Same-angle batching: the k rotations of one round all have the angle ``theta``, so instead of
k rotations the round can apply Qualtran's ``HammingWeightPhasing`` to the k indicator qubits
(``Z^t`` on each of k qubits = ``Z^{2^i t}`` on the ``floor(log2 k) + 1`` bits of their Hamming
weight), at the price of ``k - 1`` extra And gates (the Hamming-weight adder) per round.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Sec. IV (parallelizing the commuting sketch gates; open direction).

    [Halving the cost of quantum addition](https://arxiv.org/abs/1709.06648). Gidney (2018).
    Hamming-weight phasing (Qualtran's ``HammingWeightPhasing``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from attrs import field, frozen
from qualtran import Bloq, BloqBuilder, BloqDocSpec, DecomposeTypeError, QUInt, Register, Signature
from qualtran.bloqs.basic_gates import CNOT, ZPowGate
from qualtran.bloqs.rotations import HammingWeightPhasing
from qualtran.resource_counting import QubitCount, get_cost_value
from qualtran.symbolics import ceil

from estimator.bloqs._examples import bloq_example_of
from estimator.bloqs._params import (
    as_int_if_integral,
    check_domain_size,
    check_int_at_least,
    check_stream,
    index_bits,
)
from estimator.bloqs.boolean_sketch import _stream_converter, boolean_sample_angle
from estimator.bloqs.cost_keys import RotationDepth
from estimator.bloqs.indicator import (
    bits_of,
    compute_and_ladder,
    flip_zeros,
    indicator_counts,
    uncompute_and_ladder,
)
from estimator.bloqs.sample import SketchSample, zpow_exponent
from estimator.errors import InvalidInputError
from estimator.validation import is_symbolic

if TYPE_CHECKING:
    from qualtran import Soquet
    from qualtran.resource_counting import BloqCountDictT, CostKey, SympySymbolAllocator


#: Smallest round batched by Hamming-weight phasing: 1 or 2 equal-angle rotations gain nothing
#: (floor(log2 s) + 1 = s rotations), so they stay plain ZPowGates.
_MIN_BATCH = 3


def _add_round(counts: dict[Any, Any], size: int, exponent: Any, times: Any) -> None:
    """Add ``times`` rounds of ``size`` equal-angle rotations (batched when it helps)."""
    if size >= _MIN_BATCH:
        b, c = HammingWeightPhasing(size, exponent), 1
    else:
        b, c = ZPowGate(exponent=exponent), size
    counts[b] = counts.get(b, 0) + c * times


@frozen
class ParallelBooleanSketch(Bloq):
    r"""Boolean sketch with k samples per round on k fan-out copies of the index register.

    Same unitary as :class:`BooleanSketch` (``diag(e^{i theta m_x})``, ``theta = pi N / M``).

    Args:
        N: Domain size (``>= 2``); ``n = ceil(log2 N)``.
        num_samples: Samples M in the sketch (sets ``theta``; all M slots are costed).
        k: Parallelism ``>= 1`` (number of index-register copies, the original included).
        batch_same_angle: Apply each round's k equal-angle rotations by Hamming-weight phasing
            (``floor(log2 k) + 1`` rotations per round instead of k; needs a numeric k; rounds
            of fewer than 3 samples keep plain rotations).
        stream: Optional concrete stream of ``x_t`` (the samples carrying a phase) for the
            explicit circuit; sample ``t`` runs on lane ``t mod k``.

    Registers:
        index: The ``n``-qubit index register.

    References:
        [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
        Zhao et al. (2026). Sec. IV, parallelization of the commuting sketch gates.
    """

    N: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    k: Any = field(converter=as_int_if_integral)
    batch_same_angle: bool = False
    stream: tuple[int, ...] | None = field(default=None, converter=_stream_converter)

    def __attrs_post_init__(self) -> None:
        check_domain_size("N", self.N)
        check_int_at_least("num_samples", self.num_samples, 1)
        check_int_at_least("k", self.k, 1)
        if self.batch_same_angle and is_symbolic(self.k):
            raise InvalidInputError("k", self.k, "a number when batch_same_angle=True")
        if self.stream is not None:
            if is_symbolic(self.N) or is_symbolic(self.k):
                raise InvalidInputError("stream", "...", "numeric N and k with a stream")
            check_stream(self.stream, self.N, self.num_samples)

    @property
    def n(self) -> Any:
        """Index qubits ``ceil(log2 N)``."""
        return index_bits(self.N)

    @property
    def theta(self) -> Any:
        """Per-sample phase ``pi N / M``."""
        return boolean_sample_angle(self.N, self.num_samples)

    @property
    def num_gates(self) -> Any:
        """Sample gates: ``len(stream)`` or M."""
        return len(self.stream) if self.stream is not None else self.num_samples

    @property
    def num_rounds(self) -> Any:
        """Rounds of (up to) k parallel samples: ``ceil(gates / k)``."""
        return ceil(self.num_gates / self.k)

    @cached_property
    def signature(self) -> Signature:
        return Signature([Register("index", QUInt(self.n))])

    # ---- explicit circuit (small sizes, concrete stream) ---------------------------------
    def build_composite_bloq(self, bb: BloqBuilder, index: Soquet) -> dict[str, Soquet]:
        if self.stream is None:
            raise DecomposeTypeError(f"{self}: the explicit circuit needs a concrete stream")
        n, k = self.n, self.k
        lanes = [list(bb.split(index))]
        for _ in range(k - 1):
            lanes.append(list(bb.split(bb.allocate(dtype=QUInt(n)))))
        lanes = self._fan(bb, lanes)
        stream = self.stream
        for start in range(0, len(stream), k):
            chunk = stream[start : start + k]
            if self.batch_same_angle:
                self._batched_round(bb, lanes, chunk)
            else:
                for j, x in enumerate(chunk):
                    reg = bb.join(lanes[j], dtype=QUInt(n))
                    reg = bb.add(SketchSample(n, self.theta, x), index=reg)
                    lanes[j] = list(bb.split(reg))
        lanes = self._fan(bb, lanes)
        for lane in lanes[1:]:
            bb.free(bb.join(lane, dtype=QUInt(n)))
        return {"index": bb.join(lanes[0], dtype=QUInt(n))}

    def _fan(self, bb: BloqBuilder, lanes: list[list[Soquet]]) -> list[list[Soquet]]:
        """CNOT each bit of lane 0 into the other lanes (its own inverse)."""
        for j in range(1, len(lanes)):
            for i in range(self.n):
                lanes[0][i], lanes[j][i] = bb.add(CNOT(), ctrl=lanes[0][i], target=lanes[j][i])
        return lanes

    def _batched_round(
        self, bb: BloqBuilder, lanes: list[list[Soquet]], chunk: tuple[int, ...]
    ) -> None:
        saved = []
        targets = []
        for j, x in enumerate(chunk):
            bits = bits_of(x, self.n)
            qs = flip_zeros(bb, lanes[j], bits)
            rest, target, junk = compute_and_ladder(bb, qs)
            saved.append((bits, rest, junk))
            targets.append(target)
        exponent = zpow_exponent(self.theta)
        if len(chunk) >= _MIN_BATCH:
            reg = bb.join(targets, dtype=QUInt(len(chunk)))
            reg = bb.add(HammingWeightPhasing(len(chunk), exponent), x=reg)
            targets = list(bb.split(reg))
        else:
            targets = [bb.add(ZPowGate(exponent=exponent), q=t) for t in targets]
        for j, (bits, rest, junk) in enumerate(saved):
            qs = uncompute_and_ladder(bb, rest, targets[j], junk)
            lanes[j] = flip_zeros(bb, qs, bits)

    # ---- costs ---------------------------------------------------------------------------
    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        counts: dict[Any, Any] = {}
        fan_cnots = 2 * self.n * (self.k - 1)
        if not (isinstance(fan_cnots, int) and fan_cnots == 0):
            counts[CNOT()] = fan_cnots
        if not self.batch_same_angle:
            if self.stream is None:
                counts[SketchSample(self.n, self.theta)] = self.num_gates
            else:
                for x in self.stream:
                    b = SketchSample(self.n, self.theta, x)
                    counts[b] = counts.get(b, 0) + 1
            return counts
        # batched: per sample the indicator ladder; per round one HammingWeightPhasing
        exponent = zpow_exponent(self.theta)
        if self.stream is not None:
            for x in self.stream:
                for b, c in indicator_counts(self.n, bits_of(x, self.n)).items():
                    counts[b] = counts.get(b, 0) + c
            for start in range(0, len(self.stream), self.k):
                size = len(self.stream[start : start + self.k])
                _add_round(counts, size, exponent, 1)
            return counts
        for b, c in indicator_counts(self.n, None).items():
            counts[b] = c * self.num_gates
        if is_symbolic(self.num_gates):
            # upper bound: every round full (the last one may hold fewer samples)
            _add_round(counts, self.k, exponent, self.num_rounds)
            return counts
        full, rem = divmod(self.num_gates, self.k)
        if full:
            _add_round(counts, self.k, exponent, full)
        if rem:
            _add_round(counts, rem, exponent, 1)
        return counts

    def qubit_count(self) -> Any:
        """``k n`` index copies + ``k (n - 1)`` ladder ancillas (+ Hamming-weight ancillas)."""
        n, k = self.n, self.k
        ancillas = 0 if (isinstance(n, int) and n == 1) else n - 1
        total = k * (n + ancillas)
        if self.batch_same_angle and k >= _MIN_BATCH:
            total += get_cost_value(HammingWeightPhasing(k, 0.1), QubitCount()) - k
        return total

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, RotationDepth):
            # one layer of (up to) k parallel rotations per round; with batching the
            # Hamming-weight rotations act on distinct bits, also one layer per round
            return self.num_rounds
        if isinstance(cost_key, QubitCount):
            # all k lanes (and their ladders) are live at once; Qualtran's default would walk
            # the explicit circuit, which runs a round's samples one after another
            return self.qubit_count()
        return NotImplemented

    def __str__(self) -> str:
        return f"ParallelBooleanSketch(N={self.N}, M={self.num_samples}, k={self.k})"


@bloq_example_of(ParallelBooleanSketch)
def _parallel_sketch() -> ParallelBooleanSketch:
    parallel_sketch = ParallelBooleanSketch(N=4, num_samples=10, k=2, stream=(1, 3, 1, 0, 2))
    return parallel_sketch


@bloq_example_of(ParallelBooleanSketch)
def _parallel_sketch_batched() -> ParallelBooleanSketch:
    parallel_sketch_batched = ParallelBooleanSketch(
        N=4, num_samples=10, k=3, batch_same_angle=True, stream=(1, 3, 1, 0, 2)
    )
    return parallel_sketch_batched


@bloq_example_of(ParallelBooleanSketch)
def _parallel_sketch_symb() -> ParallelBooleanSketch:
    from estimator.bloqs.symbols import M, N, k

    parallel_sketch_symb = ParallelBooleanSketch(N=N, num_samples=M, k=k)
    return parallel_sketch_symb


_PARALLEL_SKETCH_DOC = BloqDocSpec(
    bloq_cls=ParallelBooleanSketch,
    examples=[_parallel_sketch, _parallel_sketch_batched, _parallel_sketch_symb],
)

__all__ = ["ParallelBooleanSketch"]
