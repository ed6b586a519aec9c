"""The Boolean phase-oracle sketch: M streamed samples approximating ``O_f = (-1)^{f(x)}``.

Each sample ``(x_t, f(x_t))`` with ``x_t`` uniform on ``[N]`` applies
``exp(i (pi N / M) f(x_t) |x_t><x_t|)``; the product over the stream is
``diag(exp(i theta m_x))`` with ``theta = pi N / M`` and ``m_x`` the number of marked samples
equal to ``x``. Its expectation tends to ``O_f`` (``E[m_x] = M/N`` for marked ``x``).

Costing never loops over samples: the call graph says "``M x SketchSample(theta)``" (or the
expected ``M K / N`` when unmarked samples are dropped). The explicit decomposition needs a
concrete classical stream and is meant for simulation at small sizes.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Boolean quantum oracle sketching.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import sympy
from attrs import field, frozen
from qualtran import Bloq, BloqBuilder, BloqDocSpec, DecomposeTypeError, QUInt, Register, Signature

from estimator.bloqs._examples import bloq_example_of
from estimator.bloqs._params import (
    as_int_if_integral,
    check_domain_size,
    check_int_at_least,
    check_stream,
    index_bits,
)
from estimator.bloqs.sample import SketchSample
from estimator.errors import InvalidInputError
from estimator.validation import check_non_negative, is_symbolic

if TYPE_CHECKING:
    from qualtran import Soquet
    from qualtran.resource_counting import BloqCountDictT, SympySymbolAllocator


def boolean_sample_angle(domain_size: Any, num_samples: Any) -> Any:
    """Per-sample phase ``theta = pi N / M`` (float for numbers, sympy otherwise).

    # haimengzhao/quantum-oracle-sketching qos_sampling.py::q_oracle_sketch_boolean,
    # t = pi * dim; phase = f * t / num_samples
    """
    if is_symbolic(domain_size) or is_symbolic(num_samples):
        return sympy.pi * domain_size / num_samples
    return math.pi * int(domain_size) / int(num_samples)  # qos.py::q_oracle_sketch_boolean


def _stream_converter(value: Any) -> tuple[int, ...] | None:
    if value is None:
        return None
    return tuple(int(v) for v in value)


@frozen
class BooleanSketch(Bloq):
    r"""Boolean phase-oracle sketch $\prod_t e^{i(\pi N/M) f(x_t)|x_t\rangle\langle x_t|}$.

    Args:
        N: Domain size (``>= 2``); the index register has ``n = ceil(log2 N)`` qubits.
        num_samples: Number of samples ``M`` streamed into the sketch (``>= 1``); sets the
            per-sample angle ``theta = pi N / M``.
        marked: Number of marked inputs ``K = |f^{-1}(1)|`` (needed with ``drop_unmarked``).
        drop_unmarked: If true, samples with ``f(x_t) = 0`` (the identity) are skipped, so the
            expected number of sample gates is ``M K / N``. If false, every sample slot is
            costed as a gate, as in a data-oblivious schedule fixed before ``f(x_t)`` is seen
            (the rotation angle is then ``theta f(x_t)``, chosen at run time).
        stream: Optional concrete stream: the ``x_t`` of the samples that carry a phase (the
            marked ones). When given, the call graph and the decomposition are the realized
            circuit ``{SketchSample(x): m_x}``; ``len(stream) <= M``.

    Registers:
        index: The ``n``-qubit index register.

    References:
        [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
        Zhao et al. (2026). Code: haimengzhao/quantum-oracle-sketching,
        ``qos_sampling.py::q_oracle_sketch_boolean`` ("Use 0 ancilla qubit").
    """

    #: Ancillas in the authors' code (qos_sampling.py::q_oracle_sketch_boolean, "Use 0 ancilla
    #: qubit"); our circuit adds n - 1 And-ladder ancillas.
    code_ancillas: ClassVar[int] = 0

    N: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    marked: Any = field(
        default=None, converter=lambda v: None if v is None else as_int_if_integral(v)
    )
    drop_unmarked: bool = False
    stream: tuple[int, ...] | None = field(default=None, converter=_stream_converter)

    def __attrs_post_init__(self) -> None:
        check_domain_size("N", self.N)
        check_int_at_least("num_samples", self.num_samples, 1)
        if self.marked is not None:
            check_non_negative("marked", self.marked, integer=True)
            if not is_symbolic(self.marked) and not is_symbolic(self.N) and self.marked > self.N:
                raise InvalidInputError("marked", self.marked, f"0 <= marked <= N = {self.N}")
        if self.drop_unmarked and self.marked is None and self.stream is None:
            raise InvalidInputError("marked", None, "a count K = |f^-1(1)| when drop_unmarked=True")
        if self.stream is not None:
            if is_symbolic(self.N):
                raise InvalidInputError("N", self.N, "a number when a stream is given")
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
        """Number of sample gates: ``len(stream)``, ``M K / N`` (dropping) or ``M``."""
        if self.stream is not None:
            return len(self.stream)
        if self.drop_unmarked:
            if is_symbolic(self.num_samples) or is_symbolic(self.marked) or is_symbolic(self.N):
                return self.num_samples * self.marked / self.N
            return as_int_if_integral(sympy.Rational(self.num_samples * self.marked, self.N))
        return self.num_samples

    @cached_property
    def signature(self) -> Signature:
        return Signature([Register("index", QUInt(self.n))])

    def build_composite_bloq(self, bb: BloqBuilder, index: Soquet) -> dict[str, Soquet]:
        if self.stream is None:
            raise DecomposeTypeError(f"{self}: the explicit circuit needs a concrete stream")
        for x in self.stream:
            index = bb.add(SketchSample(self.n, self.theta, x), index=index)
        return {"index": index}

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        if self.stream is not None:
            return {SketchSample(self.n, self.theta, x): m for x, m in Counter(self.stream).items()}
        return {SketchSample(self.n, self.theta): self.num_gates}

    def __str__(self) -> str:
        return f"BooleanSketch(N={self.N}, M={self.num_samples})"


@bloq_example_of(BooleanSketch)
def _boolean_sketch() -> BooleanSketch:
    boolean_sketch = BooleanSketch(N=8, num_samples=12, stream=(3, 5, 3, 0, 7))
    return boolean_sketch


@bloq_example_of(BooleanSketch)
def _boolean_sketch_symb() -> BooleanSketch:
    from estimator.bloqs.symbols import M, N

    boolean_sketch_symb = BooleanSketch(N=N, num_samples=M)
    return boolean_sketch_symb


@bloq_example_of(BooleanSketch)
def _boolean_sketch_dropped() -> BooleanSketch:
    from estimator.bloqs.symbols import K, M, N

    boolean_sketch_dropped = BooleanSketch(N=N, num_samples=M, marked=K, drop_unmarked=True)
    return boolean_sketch_dropped


_BOOLEAN_SKETCH_DOC = BloqDocSpec(
    bloq_cls=BooleanSketch,
    examples=[_boolean_sketch, _boolean_sketch_symb, _boolean_sketch_dropped],
)

__all__ = ["BooleanSketch", "boolean_sample_angle"]
