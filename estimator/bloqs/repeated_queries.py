"""Q oracle queries, each answered by a fresh sketch (samples are never reused).

A Q-query algorithm replaces each oracle call by its own sketch of ``M_q`` fresh samples, so the
data cost is ``Q M_q = c N Q^2 R_D / eps`` (see :mod:`estimator.bloqs.sample_complexity`). This
bloq counts only the Q sketches; the algorithm's own gates between queries belong to the
workload that uses it.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Sec. D (fresh sketch per query; errors add linearly). Code:
    haimengzhao/quantum-oracle-sketching ``qos_sampling.py`` draws new samples
    (``random.split(key)``) for every QSVT query.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from attrs import field, frozen
from qualtran import Bloq, BloqBuilder, BloqDocSpec, DecomposeTypeError, Signature
from qualtran.resource_counting import QubitCount, get_cost_value

from estimator.bloqs._examples import bloq_example_of
from estimator.bloqs._params import as_int_if_integral, check_int_at_least
from estimator.bloqs.boolean_sketch import BooleanSketch
from estimator.bloqs.sample_complexity import C_EXPECTED_UNITARY, samples_per_query
from estimator.validation import is_symbolic

if TYPE_CHECKING:
    from qualtran import SoquetT
    from qualtran.resource_counting import BloqCountDictT, CostKey, SympySymbolAllocator


@frozen
class RepeatedQueries(Bloq):
    """``num_queries`` applications of a sketch, each built from fresh samples.

    The Q copies are costed as ``Q x sketch`` (never expanded). All Q sketches share the
    signature of ``sketch``; their random streams differ, which does not change the costs.

    Args:
        sketch: The sketch answering one query (e.g. a :class:`BooleanSketch` of ``M_q`` samples).
        num_queries: Q >= 1.

    Registers:
        Those of ``sketch``.

    References:
        [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
        Zhao et al. (2026). Repeated queries with fresh sketches.
    """

    sketch: Bloq
    num_queries: Any = field(converter=as_int_if_integral)

    def __attrs_post_init__(self) -> None:
        check_int_at_least("num_queries", self.num_queries, 1)

    @cached_property
    def signature(self) -> Signature:
        return self.sketch.signature

    def build_composite_bloq(self, bb: BloqBuilder, **soqs: SoquetT) -> dict[str, SoquetT]:
        if is_symbolic(self.num_queries):
            raise DecomposeTypeError(f"cannot decompose {self} with symbolic num_queries")
        for _ in range(self.num_queries):
            soqs = bb.add_d(self.sketch, **soqs)
        return soqs

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        return {self.sketch: self.num_queries}

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount):
            # the queries run one after another on the same qubits; never expand Q copies
            return get_cost_value(self.sketch, QubitCount())
        return NotImplemented

    def __str__(self) -> str:
        return f"RepeatedQueries({self.sketch}, Q={self.num_queries})"


def boolean_oracle_queries(
    domain_size: Any,
    num_queries: Any,
    error: Any,
    *,
    constant: Any = C_EXPECTED_UNITARY,
    repetition: Any = 1,
    marked: Any = None,
    drop_unmarked: bool = False,
) -> RepeatedQueries:
    """Q Boolean phase-oracle queries at total error ``eps``: Q sketches of ``M_q`` samples.

    ``M_q = c N Q R_D / eps`` (:func:`samples_per_query`), so the per-sample angle is
    ``theta = pi N / M_q = pi eps / (c Q R_D)``, independent of N.

    Args:
        domain_size: N.
        num_queries: Q.
        error: Total error eps, ``0 < eps < 1``.
        constant: Sample-complexity constant c (named choices in ``sample_complexity``).
        repetition: R_D of a correlated stream (1 for IID).
        marked: ``K = |f^{-1}(1)|`` (for ``drop_unmarked``).
        drop_unmarked: Skip ``f(x_t) = 0`` samples (expected ``M_q K / N`` gates per sketch).
    """
    m_q = samples_per_query(
        domain_size, num_queries, error, constant=constant, repetition=repetition
    )
    sketch = BooleanSketch(
        N=domain_size, num_samples=m_q, marked=marked, drop_unmarked=drop_unmarked
    )
    return RepeatedQueries(sketch, num_queries)


@bloq_example_of(RepeatedQueries)
def _repeated_queries() -> RepeatedQueries:
    repeated_queries = RepeatedQueries(BooleanSketch(N=4, num_samples=6, stream=(1, 2, 1)), 3)
    return repeated_queries


@bloq_example_of(RepeatedQueries)
def _repeated_queries_symb() -> RepeatedQueries:
    from estimator.bloqs.symbols import N, Q, eps

    repeated_queries_symb = boolean_oracle_queries(N, Q, eps)
    return repeated_queries_symb


_REPEATED_QUERIES_DOC = BloqDocSpec(
    bloq_cls=RepeatedQueries, examples=[_repeated_queries, _repeated_queries_symb]
)

__all__ = ["RepeatedQueries", "boolean_oracle_queries"]
