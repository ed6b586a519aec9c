"""Classical memory and time baselines of the authors' code, and the memory ratios.

The authors' code puts three "machine sizes" on one axis (real_datasets/20news_svm.py
``get_ridge_results``, comments above ``space_stream`` and ``space_sparse``):

* classical streaming: ``D`` stored values (a streaming algorithm must at least hold the weight
  vector or principal component, "d floats");
* classical sparse / QRAM: ``nnz(X)`` stored values (an algorithm or QRAM that stores the matrix
  must hold every non-zero entry);
* quantum: logical qubits (:mod:`estimator.workloads.qubits`).

The code counts *values*, not bits. We report both, the bits at a stated precision
(default 64 bits: the code's TF-IDF matrices are float64, scikit-learn's ``TfidfVectorizer``
default dtype), so the ratio against qubits is explicit about what is compared.

The time side: one classical streaming pass touches every stored non-zero once; its duration
at an assumed throughput (default 1e9 values per second, an assumption, not a measurement) is
the classical time against which the quantum runtime of a physical estimate is compared.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from attrs import field, frozen

from estimator.errors import InvalidInputError
from estimator.validation import check_positive, is_symbolic
from estimator.workloads._symbolic import to_plain

#: Bits per stored value: float64, the dtype of the authors' TF-IDF matrices (scikit-learn
#: TfidfVectorizer default dtype=np.float64, used in real_datasets/imdb_svm.py).
DEFAULT_BITS_PER_VALUE = 64
#: Assumed classical streaming throughput in values per second (ASSUMPTION, overridable).
DEFAULT_VALUES_PER_SECOND = 1e9


class HasPhysicalQubits(Protocol):
    """Anything with ``physical_qubits`` (and optionally ``runtime_ns``), e.g. an Estimate."""

    physical_qubits: Any


@frozen(kw_only=True)
class ClassicalBaselines:
    """The classical machine sizes of the authors' code for one data set.

    Attributes:
        streaming_values: D, values a streaming algorithm must store.
        sparse_values: nnz(X), values a sparse/QRAM algorithm must store (None if unknown).
        bits_per_value: Precision used to convert values to bits.
        values_per_second: Assumed classical streaming throughput (values per second).
        stream_values: Values read by one streaming pass (default nnz, else N*D).
    """

    streaming_values: Any
    sparse_values: Any = None
    bits_per_value: int = field(default=DEFAULT_BITS_PER_VALUE)
    values_per_second: float = DEFAULT_VALUES_PER_SECOND
    stream_values: Any = None

    def __attrs_post_init__(self) -> None:
        check_positive("streaming_values", self.streaming_values, integer=True)
        if self.sparse_values is not None:
            check_positive("sparse_values", self.sparse_values, integer=True)
        check_positive("bits_per_value", self.bits_per_value, integer=True)
        check_positive("values_per_second", self.values_per_second)

    @classmethod
    def from_stats(cls, stats: Any, **kwargs: Any) -> ClassicalBaselines:
        """Baselines of a :class:`~estimator.workloads.data.DataStats` (D and nnz)."""
        stream = stats.nnz if stats.nnz is not None else stats.num_rows * stats.num_features
        return cls(
            streaming_values=stats.num_features,
            sparse_values=stats.nnz,
            stream_values=stream,
            **kwargs,
        )

    @property
    def streaming_bits(self) -> Any:
        """Streaming memory in bits."""
        return self.streaming_values * self.bits_per_value

    @property
    def sparse_bits(self) -> Any:
        """Sparse/QRAM memory in bits (values only, no index overhead), or None."""
        if self.sparse_values is None:
            return None
        return self.sparse_values * self.bits_per_value

    @property
    def streaming_pass_s(self) -> Any:
        """Seconds for one classical pass over the data at ``values_per_second``."""
        if self.stream_values is None:
            return None
        return self.stream_values / self.values_per_second


@frozen(kw_only=True)
class MemoryRatios:
    """Classical memory divided by quantum memory, in values and in bits.

    Attributes:
        quantum_size: The quantum memory compared against (logical or physical qubits).
        quantum_kind: ``"logical"`` or ``"physical"``.
        streaming_values: D / quantum_size.
        streaming_bits: D * bits_per_value / quantum_size.
        sparse_values: nnz / quantum_size (None if nnz unknown).
        sparse_bits: nnz * bits_per_value / quantum_size (None if nnz unknown).
        bits_per_value: The precision used.
    """

    quantum_size: Any
    quantum_kind: str
    streaming_values: Any
    streaming_bits: Any
    sparse_values: Any
    sparse_bits: Any
    bits_per_value: int

    def describe(self) -> str:
        """One line: each ratio and its order of magnitude."""
        parts = []
        for name, v in (
            ("streaming values", self.streaming_values),
            (f"streaming bits ({self.bits_per_value}-bit)", self.streaming_bits),
            ("sparse values", self.sparse_values),
            (f"sparse bits ({self.bits_per_value}-bit)", self.sparse_bits),
        ):
            parts.append(f"{name} {'n/a' if v is None else format(float(v), '.3g')}")
        return f"classical / {self.quantum_size} {self.quantum_kind} qubits: " + ", ".join(parts)

    def orders_of_magnitude(self) -> dict[str, float | None]:
        """``log10`` of each ratio (None where unknown); numbers only."""
        out: dict[str, float | None] = {}
        for name in ("streaming_values", "streaming_bits", "sparse_values", "sparse_bits"):
            v = getattr(self, name)
            out[name] = None if v is None else math.log10(float(v))
        return out

    def within_paper_claim(self) -> dict[str, bool | None]:
        """Which ratios fall in the paper's "four to six orders of magnitude" [1e4, 1e6].

        The claim is the abstract's: "four to six orders of magnitude reduction in size with
        fewer than 60 logical qubits" (arXiv:2604.07639 abstract).
        """
        return {
            k: (None if v is None else 4.0 <= v <= 6.0)
            for k, v in self.orders_of_magnitude().items()
        }


def memory_ratios(
    baselines: ClassicalBaselines, quantum_size: Any, *, kind: str = "logical"
) -> MemoryRatios:
    """Classical baseline memory over quantum memory (logical qubits, or physical qubits).

    Args:
        baselines: The classical baselines.
        quantum_size: Number of qubits (logical, or physical from a full estimate).
        kind: Label of what ``quantum_size`` counts.
    """
    check_positive("quantum_size", quantum_size)
    if kind not in ("logical", "physical"):
        raise InvalidInputError("kind", kind, "'logical' or 'physical'")

    def ratio(x: Any) -> Any:
        if x is None:
            return None
        if is_symbolic(x) or is_symbolic(quantum_size):
            return x / quantum_size
        return to_plain(x) / to_plain(quantum_size)

    return MemoryRatios(
        quantum_size=quantum_size,
        quantum_kind=kind,
        streaming_values=ratio(baselines.streaming_values),
        streaming_bits=ratio(baselines.streaming_bits),
        sparse_values=ratio(baselines.sparse_values),
        sparse_bits=ratio(baselines.sparse_bits),
        bits_per_value=baselines.bits_per_value,
    )


def physical_memory_ratios(
    baselines: ClassicalBaselines, estimate: HasPhysicalQubits
) -> MemoryRatios:
    """The memory ratios against the physical qubits of a full estimate (data and factories).

    Args:
        baselines: The classical baselines.
        estimate: Any object with ``physical_qubits`` (``estimator.physical.Estimate``).
    """
    qubits = getattr(estimate, "physical_qubits", None)
    if qubits is None:
        raise InvalidInputError("estimate", estimate, "an object with .physical_qubits")
    return memory_ratios(baselines, qubits, kind="physical")


def time_ratio(baselines: ClassicalBaselines, estimate: Any) -> float | None:
    """Quantum runtime over the classical streaming pass (``estimate.runtime_ns``).

    Returns None when either time is unknown.
    """
    runtime_ns = getattr(estimate, "runtime_ns", None)
    classical = baselines.streaming_pass_s
    if runtime_ns is None or classical is None:
        return None
    return float(runtime_ns) * 1e-9 / float(classical)
