"""The result of a workload: samples, rotations, gates, qubits and depth of the whole task.

Values are sympy expressions while any input is symbolic, numbers otherwise.
:meth:`WorkloadResult.evaluate` substitutes numbers by re-running the task's formulas on plain
Python numbers (exact ints where integral), so evaluating a symbolic workload at N = 10**30
takes the same time as at N = 100 (no loop over samples, no sympy evaluation).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import sympy
from attrs import field, frozen

from estimator.logical import LogicalCounts
from estimator.workloads._symbolic import to_plain
from estimator.workloads.baselines import (
    ClassicalBaselines,
    MemoryRatios,
    memory_ratios,
    physical_memory_ratios,
    time_ratio,
)

#: The result fields that are counts (may be sympy).
COUNT_FIELDS = (
    "runs",
    "samples_per_run",
    "total_samples",
    "sketch_calls_per_run",
    "block_encoding_calls_per_run",
    "rotation_count",
    "t_count",
    "toffoli_count",
    "and_count",
    "measurement_count",
    "rotation_depth",
    "logical_depth",
    "logical_qubits",
    "authors_logical_qubits",
)


@frozen(kw_only=True)
class RunPlan:
    """What one run is made of, kept for the Bloq-composition path.

    Attributes:
        uses: The sketched oracle calls (``SketchUse``).
        unit_samples: Samples of one unit sketch of each use (same order).
        fixed_rotations: ``((category, count), ...)`` rotations that are not samples.
        registers: Our logical qubits without the And-ladder workspace.
    """

    uses: tuple[Any, ...]
    unit_samples: tuple[Any, ...]
    fixed_rotations: tuple[tuple[str, Any], ...]
    registers: Any


@frozen(kw_only=True)
class WorkloadResult:
    """Logical resources of a whole QOS task (all runs of the readout).

    Attributes:
        name: Workload name (data set and task).
        task: The task object that produced this result (for :meth:`evaluate`).
        runs: T, circuit runs of the readout; each re-streams fresh samples.
        samples_per_run: Data samples streamed in one run.
        total_samples: ``runs * samples_per_run``.
        sketch_calls_per_run: Unit sketches (fresh oracle instances) in one run.
        block_encoding_calls_per_run: Block-encoding (matrix) queries in one run (0 if none).
        rotation_count: Arbitrary-angle rotations, all runs.
        rotation_angles: Histogram ``((angle_rad, count), ...)`` over all runs (largest angle of
            each sketch kind for data-dependent angles).
        t_count, toffoli_count, and_count, measurement_count: Gate counts, all runs.
        rotation_depth: Rotation layers, all runs (sequential sketches).
        logical_depth: Logical time steps, all runs [OURS: sequential And ladders].
        logical_qubits: Our count from the decomposition (index registers, ancillas, And
            workspace).
        authors_logical_qubits: The authors' formula (None for tasks they do not count).
        qubit_breakdown: Named parts of ``logical_qubits``.
        qubit_difference: Why ours differs from the authors' count, in words.
        baselines: Classical memory/time baselines (None if not applicable).
        assumptions: Unverified constants and modelling choices, one line each.
        parameters: The task parameters, for reports.
    """

    name: str
    task: Any = field(repr=False, eq=False)
    runs: Any
    samples_per_run: Any
    total_samples: Any
    sketch_calls_per_run: Any
    block_encoding_calls_per_run: Any
    rotation_count: Any
    rotation_angles: tuple[tuple[Any, Any], ...]
    t_count: Any
    toffoli_count: Any
    and_count: Any
    measurement_count: Any
    rotation_depth: Any
    logical_depth: Any
    logical_qubits: Any
    authors_logical_qubits: Any
    qubit_breakdown: dict[str, Any] = field(factory=dict, eq=False)
    qubit_difference: str = ""
    baselines: ClassicalBaselines | None = None
    assumptions: tuple[str, ...] = ()
    parameters: dict[str, Any] = field(factory=dict, eq=False)
    source: str = "formula"
    run_plan: RunPlan | None = field(default=None, repr=False, eq=False)

    # ---- symbolic / numeric ----------------------------------------------------------------
    def is_symbolic(self) -> bool:
        """Whether any count is still symbolic."""
        return any(
            isinstance(getattr(self, n), sympy.Basic) and not getattr(self, n).is_number
            for n in COUNT_FIELDS
            if getattr(self, n) is not None
        )

    @property
    def free_symbols(self) -> set[sympy.Symbol]:
        """Symbols the counts depend on."""
        out: set[sympy.Symbol] = set()
        for n in COUNT_FIELDS:
            v = getattr(self, n)
            if isinstance(v, sympy.Basic):
                out |= v.free_symbols
        return out

    def formulas(self) -> dict[str, Any]:
        """The counts as sympy expressions (numbers become sympy numbers)."""
        return {
            n: sympy.sympify(getattr(self, n)) for n in COUNT_FIELDS if getattr(self, n) is not None
        }

    def evaluate(self, values: Mapping[Any, Any] | None = None, **kwargs: Any) -> WorkloadResult:
        """Substitute numbers for symbols by re-running the task on numbers (fast, exact ints).

        Args:
            values: Mapping from symbols (or names) to numbers.
            **kwargs: Further values by symbol name.
        """
        mapping: dict[str, Any] = {}
        for k, v in dict(values or {}).items():
            mapping[k.name if isinstance(k, sympy.Symbol) else str(k)] = v
        mapping.update(kwargs)
        return self.task.subs(mapping).estimate()

    def numbers(self) -> dict[str, Any]:
        """The counts as plain Python numbers (raises if symbolic)."""
        from estimator.validation import to_number

        return {
            n: to_number(n, getattr(self, n)) for n in COUNT_FIELDS if getattr(self, n) is not None
        }

    # ---- hand-off to the physical estimate -----------------------------------------------------
    def to_logical_counts(self, *, with_angles: bool = True) -> LogicalCounts:
        """The counts in QRE's vocabulary, ready for ``estimator.physical.estimate``.

        And gates are CCiX, Toffolis are CCZ; rotations carry their angle histogram.
        """
        return LogicalCounts(
            num_qubits=self.logical_qubits,
            t_count=self.t_count,
            ccz_count=self.toffoli_count,
            ccix_count=self.and_count,
            rotation_count=self.rotation_count,
            rotation_depth=self.rotation_depth,
            measurement_count=self.measurement_count,
            rotation_angles=self.rotation_angles if with_angles else (),
        )

    # ---- the memory claim ------------------------------------------------------------------
    def memory_ratios(self, *, against: str = "authors") -> MemoryRatios:
        """Classical baseline memory over logical qubits.

        Args:
            against: ``"authors"`` (their formula, the paper's claim) or ``"ours"`` (our count
                with ancillas).
        """
        if self.baselines is None:
            from estimator.errors import InvalidInputError

            raise InvalidInputError("baselines", None, "a workload built from data statistics")
        q = self.authors_logical_qubits if against == "authors" else self.logical_qubits
        if q is None:
            q = self.logical_qubits
        return memory_ratios(self.baselines, q, kind="logical")

    def physical_memory_ratios(self, estimate: Any) -> MemoryRatios:
        """Classical baseline memory over the physical qubits of a full estimate.

        Args:
            estimate: The result of ``estimator.physical.estimate(counts, architecture, budget)``
                (anything with ``.physical_qubits``).
        """
        if self.baselines is None:
            from estimator.errors import InvalidInputError

            raise InvalidInputError("baselines", None, "a workload built from data statistics")
        return physical_memory_ratios(self.baselines, estimate)

    def memory_claim(self, estimate: Any = None, *, estimate_label: str = "") -> list[str]:
        """The memory comparison as text lines, with the assumptions beside it.

        Args:
            estimate: Optional physical estimate (``.physical_qubits``, ``.runtime_ns``), or an
                exception (e.g. ``InfeasibleEstimateError``) whose message is reported.
            estimate_label: What the estimate assumed (architecture, budget), printed with it.
        """
        lines = [f"{self.name}: {self.memory_ratios().describe()} (authors' formula)"]
        lines.append(f"{self.name}: {self.memory_ratios(against='ours').describe()} (our count)")
        if isinstance(estimate, BaseException):
            lines.append(
                f"{self.name}: physical estimate infeasible ({estimate_label}): {estimate}"
            )
        elif estimate is not None:
            lines.append(
                f"{self.name}: {self.physical_memory_ratios(estimate).describe()} "
                f"({estimate_label})"
            )
            ratio = self.time_ratio(estimate)
            if ratio is not None:
                lines.append(
                    f"{self.name}: quantum runtime / classical streaming pass = {ratio:.3g} "
                    f"(classical pass at {self.baselines.values_per_second:.3g} values/s, "  # type: ignore[union-attr]
                    "an assumption)"
                )
        lines += [f"  assumption: {a}" for a in self.assumptions]
        return lines

    def time_ratio(self, estimate: Any) -> float | None:
        """Quantum runtime (``estimate.runtime_ns``) over one classical streaming pass."""
        if self.baselines is None:
            return None
        return time_ratio(self.baselines, estimate)

    def to_bloq(self) -> Any:
        """The workload as a composite Qualtran Bloq of the QOS sketch Bloqs."""
        from estimator.workloads.bloq_model import workload_bloq

        return workload_bloq(self)

    def from_bloqs(self) -> WorkloadResult:
        """This result recounted from the Bloq decomposition (``source="bloqs"``)."""
        from estimator.workloads.bloq_model import bloq_estimate

        return bloq_estimate(self)

    def with_bloq_counts(self, **changes: Any) -> WorkloadResult:
        """A copy with some counts replaced (used when a Bloq decomposition refines them)."""
        return attrs.evolve(self, **{k: to_plain(v) for k, v in changes.items()})
