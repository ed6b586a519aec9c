"""Sparse-access index oracles from streamed data: ``|i>|k>|0> -> |i>|k>|j(i, k)>``.

Two constructions from the authors' code:

* **Row samples** (:class:`RowIndexSketch`): each sample is a whole row ``i_t`` with its
  non-zero column indices ``j(i_t, 1..s)``. For every rank ``k`` and every 1-bit ``m`` of
  ``j(i_t, k)`` the sample applies the phase ``pi N_rows / M`` to ``|i_t>|k>|1>_m``; Hadamards on
  the column register turn the accumulated phase ``pi`` into the XOR ``|j(i, k)>``. Circuit per
  sample: ``[row == i_t]`` (And ladder), then for each rank ``k`` ``[rank == k]`` AND it
  (``ceil(log2 s)`` And), then for each 1-bit an And with the column qubit and one
  ``ZPowGate``. Rows with fewer than s non-zeros are padded with column ``2^{n_c} - 1``, as
  in the code, so a sample has at most ``s n_c`` rotations.
* **Element samples** (:class:`ElementIndexSketch`, :class:`ElementIndexOracle`): each sample
  ``(i_t, j_t)`` (uniform over the non-zeros) applies ``exp(i (t/M) Z_a [row == i_t][l > j_t])``
  with ``t = pi nnz / (2s + 1)`` (a "cumulative counter"), plus the fixed rank phase
  ``exp(-i (k - 1/2) pi/(2s+1) Z_a)``. An LCU turns the phase into ``sin``; a QSVT sign
  polynomial of degree d (51 in ``qos_sampling.py``, 101 in ``qos.py``) gives the phase oracle
  ``(-1)^{[C(i, l) < k]}``; an in-place binary search over the ``n_c`` bits of ``l`` applies it
  ``n_c`` times, each with d fresh sketches (``qos.py`` returns ``M d n_c`` samples).

Circuit choices [ours]: ``exp(i phi Z_a P) = exp(i phi Z_a/2) exp(-i phi Z_a Z_p/2)`` with ``p``
the computed predicate, so each element sample costs one ``Rz`` between two CNOTs and the
``exp(i phi Z_a/2)`` parts of all samples and the rank phase collapse into one ``Rz`` on ``a``
per sketch; ``[l > j_t]`` uses Qualtran's ``LessThanConstant(n_c, j_t + 1)`` and an ``X``. The
binary search needs the phase oracle controlled on its output qubit ``o``; we control it by a
controlled swap of ``l`` with a zeroed register (on ``l = 0``, ``C(i, 0) = 0 < k``, so the
oracle is the constant ``-1``, fixed by a ``Z`` on ``o``), costing ``2 n_c`` CSWAPs per step.
The code's ancilla count is 2 for both oracles ("Use 2 ancilla qubits"); our circuits add the
And-ladder/comparator ancillas.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Code: haimengzhao/quantum-oracle-sketching
    ``qos.py::q_oracle_sketch_matrix_row_index``, ``qos.py::q_oracle_sketch_matrix_index``,
    ``qos_sampling.py::q_oracle_sketch_matrix_index``.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
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
from qualtran.bloqs.arithmetic.comparison import LessThanConstant
from qualtran.bloqs.basic_gates import CNOT, Hadamard, Rz, TwoBitCSwap, XGate, ZGate, ZPowGate
from qualtran.bloqs.mcmt import And
from qualtran.resource_counting import QubitCount, get_cost_value

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
from estimator.bloqs.matrix_element_sketch import reduce_rz_angle
from estimator.bloqs.sample import zpow_exponent
from estimator.bloqs.symbols import phi_qsvt, phi_rank_bit
from estimator.errors import InvalidInputError
from estimator.validation import is_symbolic

if TYPE_CHECKING:
    from qualtran import Soquet
    from qualtran.resource_counting import BloqCountDictT, CostKey, SympySymbolAllocator

#: QSVT sign degree 51: haimengzhao/quantum-oracle-sketching
#: qos_sampling.py::q_oracle_sketch_matrix_index (`degree = 51`)
SIGN_DEGREE_SAMPLING: int = 51
#: QSVT sign degree 101: haimengzhao/quantum-oracle-sketching
#: qos.py::q_oracle_sketch_matrix_index (`degree=101`)
SIGN_DEGREE_EXPECTED_UNITARY: int = 101


def rank_bits(sparsity: Any) -> Any:
    """Qubits of the rank register ``k in [0, s)``: ``max(1, ceil(log2 s))``."""
    if is_symbolic(sparsity):
        return sympy.Max(1, sympy.ceiling(sympy.log(sparsity, 2)))
    return max(1, index_bits(int(sparsity)))


def _add(counts: dict[Any, Any], more: dict[Any, Any], times: Any = 1) -> None:
    for b, c in more.items():
        counts[b] = counts.get(b, 0) + times * c


def _drop_zero(counts: dict[Any, Any]) -> dict[Any, Any]:
    return {b: c for b, c in counts.items() if not (isinstance(c, int) and c == 0)}


# ---------------------------------------------------------------------------------------------
# Row samples
# ---------------------------------------------------------------------------------------------
@frozen
class RowIndexSample(Bloq):
    r"""One row sample: phase $\theta$ on $|i_t\rangle|k\rangle|1\rangle_m$ per 1-bit m of $j_k$.

    Args:
        n_row: Row-index qubits. n_rank: Rank-register qubits. n_col: Column-register qubits.
        theta: Phase ``pi N_rows / M``.
        row: Classical ``i_t`` (``None`` for costing).
        cols: Classical ``(j(i_t, 0), ..., j(i_t, s-1))`` (``None`` for costing).
        sparsity: s (needed when ``cols`` is ``None``).
        ones: Costing only: 1-bits per sample (default ``s n_col``, the worst case).

    Registers:
        row: ``QUInt(n_row)``. rank: ``QUInt(n_rank)``. col: ``QUInt(n_col)`` (Hadamard basis).
    """

    n_row: Any = field(converter=as_int_if_integral)
    n_rank: Any = field(converter=as_int_if_integral)
    n_col: Any = field(converter=as_int_if_integral)
    theta: Any
    row: int | None = None
    cols: tuple[int, ...] | None = field(
        default=None, converter=lambda v: None if v is None else tuple(int(x) for x in v)
    )
    sparsity: Any = None
    ones: Any = None

    def __attrs_post_init__(self) -> None:
        for name in ("n_row", "n_rank", "n_col"):
            check_int_at_least(name, getattr(self, name), 1)
        check_real("theta", self.theta)
        if (self.row is None) != (self.cols is None):
            raise InvalidInputError("row/cols", (self.row, self.cols), "both given or both None")
        if self.cols is None and self.sparsity is None:
            raise InvalidInputError("sparsity", None, "s >= 1 when cols is None")

    @cached_property
    def signature(self) -> Signature:
        return Signature(
            [
                Register("row", QUInt(self.n_row)),
                Register("rank", QUInt(self.n_rank)),
                Register("col", QUInt(self.n_col)),
            ]
        )

    @property
    def s(self) -> Any:
        """Sparsity (number of ranks)."""
        return len(self.cols) if self.cols is not None else self.sparsity

    @property
    def num_ones(self) -> Any:
        """Rotations in this sample: 1-bits of the column indices."""
        if self.cols is not None:
            return sum(sum(bits_of(j, self.n_col)) for j in self.cols)
        return self.ones if self.ones is not None else self.s * self.n_col

    def build_composite_bloq(
        self, bb: BloqBuilder, row: Soquet, rank: Soquet, col: Soquet
    ) -> dict[str, Soquet]:
        if self.cols is None:
            raise DecomposeTypeError(f"{self}: the explicit circuit needs a concrete sample")
        exponent = zpow_exponent(self.theta)
        rbits = bits_of(self.row, self.n_row)
        rq = flip_zeros(bb, list(bb.split(row)), rbits)
        r_rest, ci, r_junk = compute_and_ladder(bb, rq)
        kq = list(bb.split(rank))
        cq = list(bb.split(col))
        for k, j in enumerate(self.cols):
            kbits = bits_of(k, self.n_rank)
            kq = flip_zeros(bb, kq, kbits)
            k_rest, cik, k_junk = compute_and_ladder(bb, [ci, *kq])
            for m, bit in enumerate(bits_of(j, self.n_col)):
                if bit:
                    (cik, cq[m]), t = bb.add(And(), ctrl=np.array([cik, cq[m]]))
                    t = bb.add(ZPowGate(exponent=exponent), q=t)
                    cik, cq[m] = bb.add(And(uncompute=True), ctrl=np.array([cik, cq[m]]), target=t)
            ci, *kq = uncompute_and_ladder(bb, k_rest, cik, k_junk)
            kq = flip_zeros(bb, kq, kbits)
        rq = flip_zeros(bb, uncompute_and_ladder(bb, r_rest, ci, r_junk), rbits)
        return {
            "row": bb.join(rq, dtype=QUInt(self.n_row)),
            "rank": bb.join(kq, dtype=QUInt(self.n_rank)),
            "col": bb.join(cq, dtype=QUInt(self.n_col)),
        }

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        known = self.cols is not None and not is_symbolic(self.n_row)
        counts = indicator_counts(self.n_row, bits_of(self.row, self.n_row) if known else None)
        if known:
            for k in range(self.s):
                _add(counts, indicator_counts(self.n_rank + 1, (1, *bits_of(k, self.n_rank))))
        else:
            _add(counts, indicator_counts(self.n_rank + 1, None), self.s)
        w = self.num_ones
        _add(
            counts,
            {And(): w, And(uncompute=True): w, ZPowGate(exponent=zpow_exponent(self.theta)): w},
        )
        return _drop_zero(counts)

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount) and self.cols is None:
            # registers + row ladder (n_row - 1) + rank ladder (n_rank) + one And target
            return self.n_row + self.n_rank + self.n_col + (self.n_row - 1) + self.n_rank + 1
        return NotImplemented


def _row_stream(value: Any) -> tuple[tuple[int, tuple[int, ...]], ...] | None:
    if value is None:
        return None
    return tuple((int(i), tuple(int(j) for j in cols)) for i, cols in value)


@frozen
class RowIndexSketch(Bloq):
    """Row-index oracle sketched from row samples (``Hadamard`` + M row samples + ``Hadamard``).

    Args:
        num_rows: Rows N_rows (``>= 2``). num_cols: Columns (``>= 2``). sparsity: Row sparsity s.
        num_samples: Samples M (angle ``pi N_rows / M`` per phase).
        ones_per_sample: Costing only: 1-bits per sample (default ``s n_col``, worst case).
        stream: Optional ``((i_t, (j(i_t, 0), ..., j(i_t, s-1))), ...)``.

    Registers:
        row, rank, col (the output register, XOR target).

    References:
        Code: haimengzhao/quantum-oracle-sketching ``qos.py::q_oracle_sketch_matrix_row_index``
        (``t = pi * dims[0]``; "Use 2 ancilla qubits").
    """

    #: Ancillas in the authors' code (qos.py::q_oracle_sketch_matrix_row_index, "Use 2 ancilla
    #: qubits"); our circuit uses And-ladder ancillas instead (see ``RowIndexSample``).
    code_ancillas: ClassVar[int] = 2

    num_rows: Any = field(converter=as_int_if_integral)
    num_cols: Any = field(converter=as_int_if_integral)
    sparsity: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    ones_per_sample: Any = None
    stream: tuple[tuple[int, tuple[int, ...]], ...] | None = field(
        default=None, converter=_row_stream
    )

    def __attrs_post_init__(self) -> None:
        check_domain_size("num_rows", self.num_rows)
        check_domain_size("num_cols", self.num_cols)
        check_int_at_least("sparsity", self.sparsity, 1)
        check_int_at_least("num_samples", self.num_samples, 1)
        if self.stream is not None:
            for i, cols in self.stream:
                if not 0 <= i < self.num_rows or len(cols) != self.sparsity:
                    raise InvalidInputError("stream", (i, cols), "row < num_rows, s columns")

    @property
    def n_row(self) -> Any:
        """Row qubits."""
        return index_bits(self.num_rows)

    @property
    def n_rank(self) -> Any:
        """Rank qubits."""
        return rank_bits(self.sparsity)

    @property
    def n_col(self) -> Any:
        """Column qubits."""
        return index_bits(self.num_cols)

    @property
    def theta(self) -> Any:
        """``pi N_rows / M``: haimengzhao/quantum-oracle-sketching
        qos.py::q_oracle_sketch_matrix_row_index, ``t = pi * dims[0]``, phase ``t / M``."""
        if is_symbolic(self.num_rows) or is_symbolic(self.num_samples):
            return sympy.pi * self.num_rows / self.num_samples
        return math.pi * self.num_rows / self.num_samples

    @cached_property
    def signature(self) -> Signature:
        return Signature(
            [
                Register("row", QUInt(self.n_row)),
                Register("rank", QUInt(self.n_rank)),
                Register("col", QUInt(self.n_col)),
            ]
        )

    def _samples(self) -> list[RowIndexSample]:
        if self.stream is None:
            raise DecomposeTypeError(f"{self}: no concrete stream")
        return [
            RowIndexSample(self.n_row, self.n_rank, self.n_col, self.theta, i, cols)
            for i, cols in self.stream
        ]

    def build_composite_bloq(
        self, bb: BloqBuilder, row: Soquet, rank: Soquet, col: Soquet
    ) -> dict[str, Soquet]:
        if self.stream is None:
            raise DecomposeTypeError(f"{self}: the explicit circuit needs a concrete stream")
        cq = [bb.add(Hadamard(), q=q) for q in bb.split(col)]
        col = bb.join(np.array(cq), dtype=QUInt(self.n_col))
        for s in self._samples():
            row, rank, col = bb.add(s, row=row, rank=rank, col=col)
        cq = [bb.add(Hadamard(), q=q) for q in bb.split(col)]
        return {"row": row, "rank": rank, "col": bb.join(np.array(cq), dtype=QUInt(self.n_col))}

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        counts: dict[Any, Any] = {Hadamard(): 2 * self.n_col}
        if self.stream is not None:
            _add(counts, dict(Counter(self._samples())))
        else:
            sample = RowIndexSample(
                self.n_row,
                self.n_rank,
                self.n_col,
                self.theta,
                sparsity=self.sparsity,
                ones=self.ones_per_sample,
            )
            counts[sample] = self.num_samples
        return counts


# ---------------------------------------------------------------------------------------------
# Element samples
# ---------------------------------------------------------------------------------------------
@frozen
class ElementIndexSample(Bloq):
    r"""One element sample: $e^{i\phi Z_a [row=i_t][l>j_t]}\, e^{-i\phi Z_a/2}$.

    The ``e^{-i phi Z_a/2}`` factor is removed by the sketch's single correction rotation.

    Args:
        n_row: Row qubits. n_col: Column (``l``) qubits.
        phi: ``t / M`` with ``t = pi nnz/(2s+1)`` (the rotation is ``Rz(phi)``).
        row: Classical ``i_t``. col: Classical ``j_t`` (``None`` for costing).

    Registers:
        row: ``QUInt(n_row)``. col: ``QUInt(n_col)`` (the search register ``l``). lcu: ancilla.
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

    @cached_property
    def signature(self) -> Signature:
        return Signature(
            [
                Register("row", QUInt(self.n_row)),
                Register("col", QUInt(self.n_col)),
                Register("lcu", QBit()),
            ]
        )

    def _comparator(self) -> LessThanConstant:
        # [l > j] = NOT [l < j + 1]; costing placeholder constant 1 (costs do not depend on it
        # beyond Cliffords)
        val = self.col + 1 if self.col is not None else 1
        return LessThanConstant(self.n_col, val)

    def build_composite_bloq(
        self, bb: BloqBuilder, row: Soquet, col: Soquet, lcu: Soquet
    ) -> dict[str, Soquet]:
        if self.row is None or is_symbolic(self.n_row) or is_symbolic(self.n_col):
            raise DecomposeTypeError(f"{self}: the explicit circuit needs a concrete sample")
        rbits = bits_of(self.row, self.n_row)
        rq = flip_zeros(bb, list(bb.split(row)), rbits)
        r_rest, ci, r_junk = compute_and_ladder(bb, rq)
        g = bb.allocate(1)
        col, g = bb.add(self._comparator(), x=col, target=g)
        g = bb.add(XGate(), q=g)
        (ci, g), p = bb.add(And(), ctrl=np.array([ci, g]))
        p, lcu = bb.add(CNOT(), ctrl=p, target=lcu)
        lcu = bb.add(Rz(self.phi), q=lcu)
        p, lcu = bb.add(CNOT(), ctrl=p, target=lcu)
        ci, g = bb.add(And(uncompute=True), ctrl=np.array([ci, g]), target=p)
        g = bb.add(XGate(), q=g)
        col, g = bb.add(self._comparator(), x=col, target=g)
        bb.free(g)
        rq = flip_zeros(bb, uncompute_and_ladder(bb, r_rest, ci, r_junk), rbits)
        return {"row": bb.join(np.array(rq), dtype=QUInt(self.n_row)), "col": col, "lcu": lcu}

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        known = self.row is not None and not is_symbolic(self.n_row)
        counts = indicator_counts(self.n_row, bits_of(self.row, self.n_row) if known else None)
        _add(
            counts,
            {
                self._comparator(): 2,
                XGate(): 2,
                And(): 1,
                And(uncompute=True): 1,
                CNOT(): 2,
                Rz(self.phi): 1,
            },
        )
        return counts

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount) and (
            self.row is None or is_symbolic(self.n_row) or is_symbolic(self.n_col)
        ):
            # registers (n_row + n_col + 1) + row ladder (n_row - 1) + comparator output and
            # predicate (2) + LessThanConstant's ancillas (n_col); equals the decomposition's
            # width at concrete sizes (tests/bloqs/test_index_oracle.py)
            return self.n_row + self.n_col + 1 + (self.n_row - 1) + 2 + self.n_col
        return NotImplemented


def _pairs(value: Any) -> tuple[tuple[int, int], ...] | None:
    if value is None:
        return None
    return tuple((int(i), int(j)) for i, j in value)


def element_index_angle(nnz: Any, sparsity: Any, num_samples: Any) -> Any:
    """``t / M`` with ``t = pi nnz / (2s + 1)``.

    # haimengzhao/quantum-oracle-sketching qos.py::q_oracle_sketch_matrix_index,
    # t = jnp.pi * nnz / (2 * sparsity + 1); phase t / unit_num_samples
    """
    if any(is_symbolic(v) for v in (nnz, sparsity, num_samples)):
        return sympy.pi * nnz / ((2 * sparsity + 1) * num_samples)
    return math.pi * nnz / ((2 * sparsity + 1) * num_samples)


@frozen
class ElementIndexSketch(Bloq):
    """One sketch of the cumulative counter ``exp(i Z_a theta(i, k, l))`` from element samples.

    ``theta(i, k, l) = (pi/(2s+1)) (sum_t [i_t = i][j_t < l] nnz/M - (k - 1/2))`` with the rank
    register holding ``r = k - 1``.

    Args:
        num_rows: Rows (``>= 2``). num_cols: Columns (``>= 2``). sparsity: s. nnz: Non-zeros.
        num_samples: Samples M.
        stream: Optional ``((i_t, j_t), ...)``.

    Registers:
        row, rank, col (``l``), lcu.

    References:
        Code: haimengzhao/quantum-oracle-sketching ``qos.py::q_oracle_sketch_matrix_index``
        (cumulative counter, ``k_phase_scale = pi / (2s+1)``).
    """

    num_rows: Any = field(converter=as_int_if_integral)
    num_cols: Any = field(converter=as_int_if_integral)
    sparsity: Any = field(converter=as_int_if_integral)
    nnz: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    stream: tuple[tuple[int, int], ...] | None = field(default=None, converter=_pairs)

    def __attrs_post_init__(self) -> None:
        check_domain_size("num_rows", self.num_rows)
        check_domain_size("num_cols", self.num_cols)
        check_int_at_least("sparsity", self.sparsity, 1)
        check_int_at_least("nnz", self.nnz, 1)
        check_int_at_least("num_samples", self.num_samples, 1)
        if self.stream is not None:
            for i, j in self.stream:
                if not (0 <= i < self.num_rows and 0 <= j < self.num_cols):
                    raise InvalidInputError("stream", (i, j), "0 <= i < rows, 0 <= j < cols")

    @property
    def n_row(self) -> Any:
        """Row qubits."""
        return index_bits(self.num_rows)

    @property
    def n_rank(self) -> Any:
        """Rank qubits."""
        return rank_bits(self.sparsity)

    @property
    def n_col(self) -> Any:
        """Column qubits (the code pads to ``2^{n_col}``)."""
        return index_bits(self.num_cols)

    @property
    def phi(self) -> Any:
        """Per-sample angle ``pi nnz / ((2s+1) M)``."""
        return element_index_angle(self.nnz, self.sparsity, self.num_samples)

    @property
    def alpha(self) -> Any:
        """Rank phase unit ``pi/(2s+1)`` (qos.py::q_oracle_sketch_matrix_index, k_phase_scale)."""
        if is_symbolic(self.sparsity):
            return sympy.pi / (2 * self.sparsity + 1)
        return math.pi / (2 * self.sparsity + 1)

    def correction_angle(self) -> Any:
        """``Rz`` angle on ``a``: ``alpha 2^{n_rank}`` (rank phase) ``- sum_t phi`` (samples)."""
        count = len(self.stream) if self.stream is not None else self.num_samples
        return reduce_rz_angle(self.alpha * 2**self.n_rank - count * self.phi)

    @cached_property
    def signature(self) -> Signature:
        return Signature(
            [
                Register("row", QUInt(self.n_row)),
                Register("rank", QUInt(self.n_rank)),
                Register("col", QUInt(self.n_col)),
                Register("lcu", QBit()),
            ]
        )

    def _rank_rz(self, b: int) -> Rz:
        # exp(i alpha 2^(b-1) Z_b Z_a) = CNOT(b->a) Rz_a(-alpha 2^b) CNOT(b->a)  [ours]
        return Rz(-self.alpha * 2**b)

    def build_composite_bloq(
        self, bb: BloqBuilder, row: Soquet, rank: Soquet, col: Soquet, lcu: Soquet
    ) -> dict[str, Soquet]:
        if self.stream is None or is_symbolic(self.n_rank):
            raise DecomposeTypeError(f"{self}: the explicit circuit needs a concrete stream")
        for i, j in self.stream:
            s = ElementIndexSample(self.n_row, self.n_col, self.phi, i, j)
            row, col, lcu = bb.add(s, row=row, col=col, lcu=lcu)
        kq = list(bb.split(rank))
        for b in range(self.n_rank):  # kq[-1 - b] carries weight 2^b (big-endian)
            kq[-1 - b], lcu = bb.add(CNOT(), ctrl=kq[-1 - b], target=lcu)
            lcu = bb.add(self._rank_rz(b), q=lcu)
            kq[-1 - b], lcu = bb.add(CNOT(), ctrl=kq[-1 - b], target=lcu)
        lcu = bb.add(Rz(self.correction_angle()), q=lcu)
        rank = bb.join(np.array(kq), dtype=QUInt(self.n_rank))
        return {"row": row, "rank": rank, "col": col, "lcu": lcu}

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount) and self.stream is None:
            sample = ElementIndexSample(self.n_row, self.n_col, self.phi)
            return self.n_rank + get_cost_value(sample, QubitCount())  # + the rank register
        return NotImplemented

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        counts: dict[Any, Any] = {}
        if self.stream is not None:
            for i, j in self.stream:
                s = ElementIndexSample(self.n_row, self.n_col, self.phi, i, j)
                counts[s] = counts.get(s, 0) + 1
        else:
            counts[ElementIndexSample(self.n_row, self.n_col, self.phi)] = self.num_samples
        counts[CNOT()] = 2 * self.n_rank
        if is_symbolic(self.n_rank):
            counts[Rz(-self.alpha * 2**phi_rank_bit)] = self.n_rank  # one per bit b < n_rank
        else:
            for b in range(self.n_rank):
                _add(counts, {self._rank_rz(b): 1})
        _add(counts, {Rz(self.correction_angle()): 1})
        return counts


@frozen
class ElementIndexOracle(Bloq):
    """Row (or column) index oracle from element samples: binary search with QSVT sign.

    Call graph only (the QSVT phases come from ``pyqsp``): for each of the ``n_col`` search
    steps, ``d`` fresh :class:`ElementIndexSketch` calls, ``d + 1`` signal rotations (symbol
    ``phi_QSVT``), ``2 n_col`` CSWAPs for the output-qubit control, and Cliffords
    (``X``, ``H``, ``Z``, a SWAP as 3 CNOT) on the step's bit and output qubit.

    Args:
        num_rows: Rows (of the oriented matrix, ``axis`` applied by the caller).
        num_cols: Columns (the searched index).
        sparsity: s. nnz: Non-zeros. num_samples: Samples per sketch M.
        degree: QSVT sign degree d (51 in ``qos_sampling.py``, 101 in ``qos.py``).

    Registers:
        row, rank, col (output ``j(i, k)``), lcu, out (the search's output qubit).

    References:
        Code: haimengzhao/quantum-oracle-sketching ``qos.py::q_oracle_sketch_matrix_index``
        (returns ``unit_num_samples * (len(angle_set) - 1) * bitlength_col`` samples).
    """

    #: Ancillas in the authors' code (qos.py::q_oracle_sketch_matrix_index, "Use 2 ancilla
    #: qubits"): the LCU ancilla and the binary-search output qubit (``lcu``, ``out`` here).
    code_ancillas: ClassVar[int] = 2

    num_rows: Any = field(converter=as_int_if_integral)
    num_cols: Any = field(converter=as_int_if_integral)
    sparsity: Any = field(converter=as_int_if_integral)
    nnz: Any = field(converter=as_int_if_integral)
    num_samples: Any = field(converter=as_int_if_integral)
    degree: Any = field(default=SIGN_DEGREE_SAMPLING, converter=as_int_if_integral)

    def __attrs_post_init__(self) -> None:
        check_int_at_least("degree", self.degree, 1)
        _ = self.sketch  # validates the sizes

    @classmethod
    def for_matrix(
        cls,
        matrix_rows: Any,
        matrix_cols: Any,
        *,
        axis: int,
        sparsity: Any,
        nnz: Any,
        num_samples: Any,
        degree: Any = SIGN_DEGREE_SAMPLING,
    ) -> ElementIndexOracle:
        """Row (``axis=0``: ``|i>|k> -> |j(i, k)>``) or column (``axis=1``) index oracle of an
        ``matrix_rows x matrix_cols`` matrix, as ``q_oracle_sketch_matrix_index(..., axis)``."""
        if axis not in (0, 1):
            raise InvalidInputError("axis", axis, "0 (row index oracle) or 1 (column index oracle)")
        rows, cols = (matrix_rows, matrix_cols) if axis == 0 else (matrix_cols, matrix_rows)
        return cls(rows, cols, sparsity, nnz, num_samples, degree)

    @property
    def sketch(self) -> ElementIndexSketch:
        """One sketched block-encoding call."""
        return ElementIndexSketch(
            self.num_rows, self.num_cols, self.sparsity, self.nnz, self.num_samples
        )

    @property
    def total_samples(self) -> Any:
        """``M d n_col`` samples (one fresh sketch per QSVT call and search step)."""
        return self.num_samples * self.degree * self.sketch.n_col

    @cached_property
    def signature(self) -> Signature:
        sk = self.sketch
        return Signature(
            [
                Register("row", QUInt(sk.n_row)),
                Register("rank", QUInt(sk.n_rank)),
                Register("col", QUInt(sk.n_col)),
                Register("lcu", QBit()),
                Register("out", QBit()),
            ]
        )

    def decompose_bloq(self) -> Any:
        raise DecomposeNotImplementedError(f"{self}: QSVT phases are not computed here")

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount):
            # one sketch's width + the output qubit + the zeroed partner of the controlled swap
            return get_cost_value(self.sketch, QubitCount()) + 1 + self.sketch.n_col
        return NotImplemented

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        steps = self.sketch.n_col
        return {
            self.sketch: steps * self.degree,
            Rz(phi_qsvt): steps * (self.degree + 1),
            TwoBitCSwap(): steps * 2 * self.sketch.n_col,
            XGate(): 2 * steps,
            Hadamard(): 2 * steps,
            ZGate(): steps,
            CNOT(): 3 * steps,
        }

    def __str__(self) -> str:
        size = f"{self.num_rows}x{self.num_cols}"
        return f"ElementIndexOracle({size}, s={self.sparsity}, d={self.degree})"


@bloq_example_of(RowIndexSketch)
def _row_index_sketch() -> RowIndexSketch:
    row_index_sketch = RowIndexSketch(
        num_rows=2, num_cols=4, sparsity=2, num_samples=3, stream=((1, (0, 3)), (0, (1, 2)))
    )
    return row_index_sketch


@bloq_example_of(RowIndexSketch)
def _row_index_sketch_symb() -> RowIndexSketch:
    from estimator.bloqs.symbols import M, N, s

    row_index_sketch_symb = RowIndexSketch(num_rows=N, num_cols=N, sparsity=s, num_samples=M)
    return row_index_sketch_symb


@bloq_example_of(ElementIndexSketch)
def _element_index_sketch() -> ElementIndexSketch:
    element_index_sketch = ElementIndexSketch(
        num_rows=2, num_cols=4, sparsity=2, nnz=3, num_samples=4, stream=((0, 1), (1, 2), (0, 1))
    )
    return element_index_sketch


@bloq_example_of(ElementIndexOracle)
def _element_index_oracle_symb() -> ElementIndexOracle:
    from estimator.bloqs.symbols import M, N, nnz, s

    element_index_oracle_symb = ElementIndexOracle(
        num_rows=N, num_cols=N, sparsity=s, nnz=nnz, num_samples=M
    )
    return element_index_oracle_symb


_ROW_INDEX_SKETCH_DOC = BloqDocSpec(
    bloq_cls=RowIndexSketch, examples=[_row_index_sketch, _row_index_sketch_symb]
)
_ELEMENT_INDEX_SKETCH_DOC = BloqDocSpec(
    bloq_cls=ElementIndexSketch, examples=[_element_index_sketch]
)
_ELEMENT_INDEX_ORACLE_DOC = BloqDocSpec(
    bloq_cls=ElementIndexOracle, examples=[_element_index_oracle_symb]
)

__all__ = [
    "SIGN_DEGREE_EXPECTED_UNITARY",
    "SIGN_DEGREE_SAMPLING",
    "ElementIndexOracle",
    "ElementIndexSample",
    "ElementIndexSketch",
    "RowIndexSample",
    "RowIndexSketch",
    "element_index_angle",
    "rank_bits",
]
