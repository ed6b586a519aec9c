"""One call of the sparse-access block encoding of A built from sketched oracles.

The authors' code assembles ``A / sqrt(s_r s_c)`` from a row-index oracle, a column-index oracle
and the element oracle (``utils.py::block_encoding_from_sparse_oracles``, citing Lemma 48 of
arXiv:1806.01838). Each oracle call is its own sketch of fresh samples, so one block-encoding
call costs one row-index oracle, one element sketch and one column-index oracle (plus
Hadamards on the two rank registers). Call graph only; a Q-query algorithm (QSVT of degree d)
wraps this in :class:`estimator.bloqs.RepeatedQueries` with ``Q = d``.

Row index: ``"row_samples"`` (:class:`RowIndexSketch`, data = whole rows) or ``"element"``
(:class:`ElementIndexOracle` with axis 0). Column index: :class:`ElementIndexOracle` with
axis 1, as in the code's ``_test_matrix_block_encoding`` (``degree=151`` there).

References:
    [Quantum singular value transformation and beyond](https://arxiv.org/abs/1806.01838).
    Gilyén, Su, Low, Wiebe (2019). Lemma 48 (block encoding of sparse-access matrices).

    Code: haimengzhao/quantum-oracle-sketching ``utils.py::block_encoding_from_sparse_oracles``,
    ``qos.py::_test_matrix_block_encoding``.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from attrs import field, frozen
from qualtran import (
    Bloq,
    BloqDocSpec,
    DecomposeNotImplementedError,
    QAny,
    QUInt,
    Register,
    Signature,
)
from qualtran.bloqs.basic_gates import Hadamard
from qualtran.resource_counting import QubitCount, get_cost_value

from estimator.bloqs._examples import bloq_example_of
from estimator.bloqs._params import as_int_if_integral, check_int_at_least, index_bits
from estimator.bloqs.index_oracle import (
    SIGN_DEGREE_SAMPLING,
    ElementIndexOracle,
    RowIndexSketch,
    rank_bits,
)
from estimator.bloqs.matrix_element_sketch import MatrixElementSketch
from estimator.errors import InvalidInputError

if TYPE_CHECKING:
    from qualtran.resource_counting import BloqCountDictT, CostKey, SympySymbolAllocator

#: Row-index constructions.
ROW_INDEX_KINDS = ("row_samples", "element")


@frozen
class SparseBlockEncodingSketch(Bloq):
    """One block-encoding call of ``A / sqrt(s_r s_c)`` from three sketched oracles.

    Args:
        num_rows: Rows of A. num_cols: Columns of A.
        row_sparsity: ``s_r``. col_sparsity: ``s_c``. nnz: Non-zeros of A.
        num_samples: Samples M per sketch (each oracle and each QSVT call inside an index
            oracle uses fresh samples).
        row_index: ``"row_samples"`` or ``"element"``.
        sign_degree: QSVT sign degree of the element-sample index oracles.

    Registers:
        row: ``QUInt(n_r)``. col: ``QUInt(n_c)``. rank_r, rank_c: rank registers.
        anc: The oracles' LCU/output ancillas (5 qubits).
    """

    num_rows: Any = field(converter=as_int_if_integral)
    num_cols: Any = field(converter=as_int_if_integral)
    row_sparsity: Any = field(converter=as_int_if_integral)
    col_sparsity: Any = field(converter=as_int_if_integral)
    nnz: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    row_index: str = "row_samples"
    sign_degree: Any = field(default=SIGN_DEGREE_SAMPLING, converter=as_int_if_integral)

    def __attrs_post_init__(self) -> None:
        if self.row_index not in ROW_INDEX_KINDS:
            raise InvalidInputError("row_index", self.row_index, " or ".join(ROW_INDEX_KINDS))
        check_int_at_least("sign_degree", self.sign_degree, 1)
        _ = self.oracles  # validates sizes

    @cached_property
    def oracles(self) -> tuple[Bloq, Bloq, Bloq]:
        """``(row-index oracle, element sketch, column-index oracle)``."""
        if self.row_index == "row_samples":
            row: Bloq = RowIndexSketch(
                self.num_rows, self.num_cols, self.row_sparsity, self.num_samples
            )
        else:
            row = ElementIndexOracle.for_matrix(
                self.num_rows,
                self.num_cols,
                axis=0,
                sparsity=self.row_sparsity,
                nnz=self.nnz,
                num_samples=self.num_samples,
                degree=self.sign_degree,
            )
        element = MatrixElementSketch(self.num_rows, self.num_cols, self.nnz, self.num_samples)
        col = ElementIndexOracle.for_matrix(
            self.num_rows,
            self.num_cols,
            axis=1,
            sparsity=self.col_sparsity,
            nnz=self.nnz,
            num_samples=self.num_samples,
            degree=self.sign_degree,
        )
        return row, element, col

    @property
    def total_samples(self) -> Any:
        """Samples consumed by one call (sum over the three oracles)."""
        row, _, col = self.oracles
        row_samples = row.total_samples if isinstance(row, ElementIndexOracle) else self.num_samples
        return row_samples + self.num_samples + col.total_samples

    @cached_property
    def signature(self) -> Signature:
        return Signature(
            [
                Register("row", QUInt(index_bits(self.num_rows))),
                Register("col", QUInt(index_bits(self.num_cols))),
                Register("rank_r", QUInt(rank_bits(self.row_sparsity))),
                Register("rank_c", QUInt(rank_bits(self.col_sparsity))),
                Register("anc", QAny(5)),
            ]
        )

    def decompose_bloq(self) -> Any:
        raise DecomposeNotImplementedError(f"{self}: costed through its call graph only")

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        row, element, col = self.oracles
        hadamards = 2 * (rank_bits(self.row_sparsity) + rank_bits(self.col_sparsity))
        return {row: 1, element: 1, col: 1, Hadamard(): hadamards}

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount):
            # one oracle at a time: its width plus the block encoding's other (idle) registers
            own = self.signature.n_qubits()
            widths = [
                get_cost_value(o, QubitCount()) - o.signature.n_qubits() + own for o in self.oracles
            ]
            from qualtran.symbolics import smax

            out = widths[0]
            for w in widths[1:]:
                out = smax(out, w)
            return out
        return NotImplemented

    def __str__(self) -> str:
        return f"SparseBlockEncodingSketch({self.num_rows}x{self.num_cols}, {self.row_index})"


@bloq_example_of(SparseBlockEncodingSketch)
def _sparse_block_encoding_symb() -> SparseBlockEncodingSketch:
    from estimator.bloqs.symbols import M, N, nnz, s

    sparse_block_encoding_symb = SparseBlockEncodingSketch(
        num_rows=N, num_cols=N, row_sparsity=s, col_sparsity=s, nnz=nnz, num_samples=M
    )
    return sparse_block_encoding_symb


_SPARSE_BLOCK_ENCODING_DOC = BloqDocSpec(
    bloq_cls=SparseBlockEncodingSketch, examples=[_sparse_block_encoding_symb]
)

__all__ = ["ROW_INDEX_KINDS", "SparseBlockEncodingSketch"]
