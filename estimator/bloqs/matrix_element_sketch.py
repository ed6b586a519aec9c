"""Sparse matrix-element sketch: a block encoding of ``sin(B) = A`` from streamed entries.

Each sample ``(i_t, j_t, A_{i_t j_t})`` (uniform over the ``nnz`` non-zeros) contributes
``exp(i phi_t |i_t j_t><i_t j_t|)`` to ``U = exp(i B)``, ``B = arcsin(A)``, with
``phi_t = nnz arcsin(A_{i_t j_t}) / M``. The LCU block encoding of ``sin(B)`` needs
``c^0 U`` and ``c^1 U^dagger`` on one ancilla ``a``, which the same samples give at once: per
sample ``exp(i phi_t Z_a |i_t j_t><i_t j_t|)``, a 2n-controlled rotation on the ancilla.

**Circuit.** With ``c = [row, col == i_t, j_t]`` (And ladder over the ``n_r + n_c`` bits) and
``|1><1|_c = (1 - Z_c)/2``: ``exp(i phi Z_a P) = exp(i phi Z_a / 2) exp(-i phi Z_a Z_c / 2)``.
The second factor is ``CNOT(c->a) Rz_a(phi) CNOT(c->a)``: one rotation per sample. The first
factors of all samples commute with everything and add up to one rotation
``Rz_a(-Phi)``, ``Phi = sum_t phi_t``, applied once per sketch. So a sketch of M samples costs
``M + 1`` rotations (a textbook controlled-Rz per sample would cost 2M).

The LCU frame (``S_a X_a H_a ... X_a H_a T_a``, six Cliffords) is not included.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Code: haimengzhao/quantum-oracle-sketching
    ``qos_sampling.py::q_oracle_sketch_matrix_element`` (``t = nnz``, phase
    ``arcsin(A) t / M``, "Use 1 ancilla qubit", LCU circuit in its comments).
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
    DecomposeTypeError,
    QBit,
    QUInt,
    Register,
    Signature,
)
from qualtran.bloqs.basic_gates import CNOT, Rz
from qualtran.resource_counting import QubitCount

from estimator.bloqs._examples import bloq_example_of
from estimator.bloqs._params import (
    as_int_if_integral,
    check_domain_size,
    check_int_at_least,
    check_real,
    index_bits,
)
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


def _asin(x: Any) -> Any:
    if isinstance(x, sympy.Basic):
        return sympy.asin(x)
    return sympy.asin(sympy.nsimplify(x))  # exact (pi/2 for 1) inside symbolic formulas


def reduce_rz_angle(angle: Any) -> Any:
    """``angle`` modulo ``4 pi`` into ``[-2 pi, 2 pi]`` (``Rz(a + 4 pi) = Rz(a)``); symbols pass."""
    if is_symbolic(angle):
        return angle
    return math.remainder(float(angle), 4 * math.pi)


def element_sample_angle(nnz: Any, num_samples: Any, value: Any) -> Any:
    """``phi = nnz arcsin(A_ij) / M`` of one element sample.

    # haimengzhao/quantum-oracle-sketching qos_sampling.py::q_oracle_sketch_matrix_element,
    # t = nnz; phase += arcsin(value); phase *= t / num_samples
    """
    if any(is_symbolic(v) for v in (nnz, num_samples, value)):
        return nnz * _asin(value) / num_samples
    return int(nnz) * math.asin(value) / int(num_samples)


@frozen
class ElementSample(Bloq):
    r"""One element sample: $e^{i\phi Z_a |ij\rangle\langle ij|}$ times $e^{-i\phi Z_a/2}$.

    The ``e^{-i phi Z_a / 2}`` part is removed by the sketch's single correction rotation (see
    the module docstring), so ``MatrixElementSketch`` is exact.

    Args:
        n_row: Row-index qubits.
        n_col: Column-index qubits.
        phi: The sample's angle ``nnz arcsin(A_ij) / M`` (the rotation is ``Rz(phi)``).
        row: Classical row index ``i_t`` (``None`` for costing).
        col: Classical column index ``j_t`` (``None`` for costing).

    Registers:
        row: Row index ``QUInt(n_row)``.
        col: Column index ``QUInt(n_col)``.
        lcu: The LCU ancilla ``a``.
    """

    n_row: Any = field(converter=as_int_if_integral)
    n_col: Any = field(converter=as_int_if_integral)
    phi: Any
    row: int | None = None
    col: int | None = None

    def __attrs_post_init__(self) -> None:
        check_int_at_least("n_row", self.n_row, 1)
        check_int_at_least("n_col", self.n_col, 1)
        check_real("phi", self.phi)
        if (self.row is None) != (self.col is None):
            raise InvalidInputError("row/col", (self.row, self.col), "both given or both None")
        for name, v, w in (("row", self.row, self.n_row), ("col", self.col, self.n_col)):
            if v is not None and not is_symbolic(w) and not 0 <= v < 2**w:
                raise InvalidInputError(name, v, f"0 <= {name} < {2**w}")

    @cached_property
    def signature(self) -> Signature:
        return Signature(
            [
                Register("row", QUInt(self.n_row)),
                Register("col", QUInt(self.n_col)),
                Register("lcu", QBit()),
            ]
        )

    @property
    def bits(self) -> tuple[int, ...] | None:
        """Big-endian bits of ``(row, col)`` (``None`` for costing)."""
        if self.row is None or is_symbolic(self.n_row) or is_symbolic(self.n_col):
            return None
        return bits_of(self.row, self.n_row) + bits_of(self.col, self.n_col)

    @property
    def width(self) -> Any:
        """Bits compared: ``n_row + n_col``."""
        return self.n_row + self.n_col

    def build_composite_bloq(
        self, bb: BloqBuilder, row: Soquet, col: Soquet, lcu: Soquet
    ) -> dict[str, Soquet]:
        if is_symbolic(self.width):
            raise DecomposeTypeError(f"cannot decompose {self} with symbolic sizes")
        bits = self.bits if self.bits is not None else (1,) * self.width
        qs = flip_zeros(bb, [*bb.split(row), *bb.split(col)], bits)
        rest, c, junk = compute_and_ladder(bb, qs)
        c, lcu = bb.add(CNOT(), ctrl=c, target=lcu)
        lcu = bb.add(Rz(self.phi), q=lcu)
        c, lcu = bb.add(CNOT(), ctrl=c, target=lcu)
        qs = flip_zeros(bb, uncompute_and_ladder(bb, rest, c, junk), bits)
        row = bb.join(qs[: self.n_row], dtype=QUInt(self.n_row))
        col = bb.join(qs[self.n_row :], dtype=QUInt(self.n_col))
        return {"row": row, "col": col, "lcu": lcu}

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        counts = indicator_counts(self.width, self.bits)
        counts[CNOT()] = 2
        counts[Rz(self.phi)] = 1
        return counts

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount) and is_symbolic(self.width):
            return 2 * self.width  # indices + lcu + (width - 1) ladder ancillas
        return NotImplemented


def _triples(value: Any) -> tuple[tuple[int, int, float], ...] | None:
    if value is None:
        return None
    return tuple((int(i), int(j), float(a)) for i, j, a in value)


@frozen
class MatrixElementSketch(Bloq):
    r"""Sketch of $e^{i Z_a B}$, $B = \arcsin A$, from M streamed non-zero entries of A.

    Args:
        num_rows: Rows of A (``>= 2``); ``n_row = ceil(log2 num_rows)``.
        num_cols: Columns of A (``>= 2``).
        nnz: Non-zeros of A (the sampling distribution is uniform over them).
        num_samples: Samples M.
        max_abs_entry: ``max |A_ij| <= 1``; for costing, every sample angle is taken at its
            bound ``nnz arcsin(max_abs_entry) / M`` (real angles are data-dependent and no larger).
        stream: Optional concrete samples ``((i, j, A_ij), ...)`` for the explicit circuit.

    Registers:
        row: Row index. col: Column index. lcu: The LCU ancilla.

    References:
        [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
        Zhao et al. (2026). Code: haimengzhao/quantum-oracle-sketching
        ``qos.py::q_oracle_sketch_matrix_element`` ("Use 1 ancilla qubit").
    """

    #: Ancillas in the authors' code (qos.py::q_oracle_sketch_matrix_element, "Use 1 ancilla
    #: qubit"): the LCU ancilla; our circuit adds 2n - 1 And-ladder ancillas.
    code_ancillas: ClassVar[int] = 1

    num_rows: Any = field(converter=as_int_if_integral)
    num_cols: Any = field(converter=as_int_if_integral)
    nnz: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    max_abs_entry: Any = 1
    stream: tuple[tuple[int, int, float], ...] | None = field(default=None, converter=_triples)

    def __attrs_post_init__(self) -> None:
        check_domain_size("num_rows", self.num_rows)
        check_domain_size("num_cols", self.num_cols)
        check_int_at_least("nnz", self.nnz, 1)
        check_int_at_least("num_samples", self.num_samples, 1)
        if not is_symbolic(self.max_abs_entry) and not 0 < float(self.max_abs_entry) <= 1:
            raise InvalidInputError("max_abs_entry", self.max_abs_entry, "0 < max|A_ij| <= 1")
        if self.stream is not None:
            for i, j, a in self.stream:
                if not (0 <= i < self.num_rows and 0 <= j < self.num_cols and -1 <= a <= 1):
                    raise InvalidInputError("stream", (i, j, a), "0<=i<rows, 0<=j<cols, |A|<=1")

    @property
    def n_row(self) -> Any:
        """Row-index qubits."""
        return index_bits(self.num_rows)

    @property
    def n_col(self) -> Any:
        """Column-index qubits."""
        return index_bits(self.num_cols)

    @property
    def max_angle(self) -> Any:
        """Costing angle of every sample: ``nnz arcsin(max_abs_entry) / M``."""
        return element_sample_angle(self.nnz, self.num_samples, self.max_abs_entry)

    def correction_angle(self) -> Any:
        """``Rz`` angle ``-Phi = -sum_t phi_t`` of the once-per-sketch correction.

        Without a stream the bound ``-M max_angle = -nnz arcsin(max_abs_entry)`` is used.
        Numeric angles are reduced modulo ``4 pi`` (``Rz`` has period ``4 pi``, so exactly).
        """
        if self.stream is None:
            return reduce_rz_angle(-self.num_samples * self.max_angle)
        return reduce_rz_angle(
            -sum(element_sample_angle(self.nnz, self.num_samples, a) for _, _, a in self.stream)
        )

    @cached_property
    def signature(self) -> Signature:
        return Signature(
            [
                Register("row", QUInt(self.n_row)),
                Register("col", QUInt(self.n_col)),
                Register("lcu", QBit()),
            ]
        )

    def _samples(self) -> list[ElementSample]:
        if self.stream is None:
            raise DecomposeTypeError(f"{self}: no concrete stream")
        return [
            ElementSample(
                self.n_row,
                self.n_col,
                element_sample_angle(self.nnz, self.num_samples, a),
                i,
                j,
            )
            for i, j, a in self.stream
        ]

    def build_composite_bloq(
        self, bb: BloqBuilder, row: Soquet, col: Soquet, lcu: Soquet
    ) -> dict[str, Soquet]:
        if self.stream is None:
            raise DecomposeTypeError(f"{self}: the explicit circuit needs a concrete stream")
        for s in self._samples():
            row, col, lcu = bb.add(s, row=row, col=col, lcu=lcu)
        lcu = bb.add(Rz(self.correction_angle()), q=lcu)
        return {"row": row, "col": col, "lcu": lcu}

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        counts: dict[Any, Any]
        if self.stream is not None:
            counts = dict(Counter(self._samples()))
        else:
            counts = {ElementSample(self.n_row, self.n_col, self.max_angle): self.num_samples}
        correction = Rz(self.correction_angle())
        counts[correction] = counts.get(correction, 0) + 1
        return counts

    def __str__(self) -> str:
        size = f"{self.num_rows}x{self.num_cols}"
        return f"MatrixElementSketch({size}, nnz={self.nnz}, M={self.num_samples})"


@bloq_example_of(MatrixElementSketch)
def _matrix_element_sketch() -> MatrixElementSketch:
    matrix_element_sketch = MatrixElementSketch(
        num_rows=2,
        num_cols=4,
        nnz=3,
        num_samples=5,
        stream=((0, 1, 0.5), (1, 3, -0.8), (0, 1, 0.5)),
    )
    return matrix_element_sketch


@bloq_example_of(MatrixElementSketch)
def _matrix_element_sketch_symb() -> MatrixElementSketch:
    from estimator.bloqs.symbols import M, N, nnz

    matrix_element_sketch_symb = MatrixElementSketch(num_rows=N, num_cols=N, nnz=nnz, num_samples=M)
    return matrix_element_sketch_symb


@bloq_example_of(ElementSample)
def _element_sample() -> ElementSample:
    element_sample = ElementSample(n_row=1, n_col=2, phi=0.3, row=1, col=2)
    return element_sample


_MATRIX_ELEMENT_SKETCH_DOC = BloqDocSpec(
    bloq_cls=MatrixElementSketch,
    examples=[_matrix_element_sketch, _matrix_element_sketch_symb],
)
_ELEMENT_SAMPLE_DOC = BloqDocSpec(bloq_cls=ElementSample, examples=[_element_sample])

__all__ = ["ElementSample", "MatrixElementSketch", "element_sample_angle"]
