"""Compare architectures on one workload, and find where the winner changes (crossovers).

:func:`compare` runs one physical estimate per architecture (QRE's algorithm for Clifford+T
architectures, :func:`estimator.star_estimate.estimate_star` for STAR-family ones), names the
winner per metric (physical qubits, runtime, space-time volume), gives every feasible
architecture's ratio to the winner, and keeps the infeasible ones with their binding constraint
in words and numbers.

:func:`crossover` finds the boundaries along one axis (rotation count, rotation angle or physical
error rate) where the winner of a metric changes: it evaluates a fixed log-spaced grid and refines
every change by bisection on a log scale. Its cost is ``grid_points + changes x iterations``
comparisons, independent of the number of rotations (counts are numbers, never loops).

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Space-time volume and the single-point estimate compared here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from attrs import frozen

from estimator.architecture import Architecture
from estimator.budget import ErrorBudget
from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.hardware import ERROR_FIELDS
from estimator.logical import LogicalCounts
from estimator.pec import fmt
from estimator.physical import Estimate
from estimator.star_estimate import estimate_any, is_star_architecture
from estimator.validation import check_positive, to_number

#: Metrics compared, with the Estimate quantity behind each.
METRICS: tuple[str, ...] = ("physical_qubits", "runtime", "spacetime")
#: Crossover axes.
AXES: tuple[str, ...] = ("rotation_count", "angle", "physical_error")

_UNITS = {"physical_qubits": "qubits", "runtime": "s", "spacetime": "qubit-s"}


def metric_value(estimate: Estimate, metric: str) -> int:
    """The value of ``metric`` for ``estimate`` (exact ints: qubits, ns, qubit-ns)."""
    if metric == "physical_qubits":
        return int(estimate.physical_qubits)
    if metric == "runtime":
        return int(estimate.runtime_ns)
    if metric == "spacetime":
        return int(estimate.physical_qubits) * int(estimate.runtime_ns)
    raise InvalidInputError("metric", metric, "one of " + ", ".join(METRICS))


def _display(metric: str, value: int) -> float:
    """Human units: qubits, seconds, qubit-seconds."""
    return float(value) if metric == "physical_qubits" else value / 1e9


@frozen(kw_only=True)
class ArchitectureResult:
    """One architecture's outcome in a comparison.

    Attributes:
        name: The architecture's name.
        architecture: The architecture.
        estimate: Its estimate, or ``None`` if infeasible.
        reason: Why it is infeasible (the binding constraint in numbers), else ``""``.
        constraint: Machine-readable tag of the binding constraint, else ``""``.
    """

    name: str
    architecture: Architecture
    estimate: Estimate | None
    reason: str = ""
    constraint: str = ""

    @property
    def feasible(self) -> bool:
        """Whether an estimate exists."""
        return self.estimate is not None

    def value(self, metric: str) -> int | None:
        """``metric`` of the estimate (None if infeasible)."""
        return None if self.estimate is None else metric_value(self.estimate, metric)


@frozen(kw_only=True)
class Comparison:
    """Estimates of one workload on several architectures.

    Attributes:
        counts: The logical counts compared.
        budget: The error budget given (a total or an :class:`ErrorBudget`).
        results: One entry per architecture, in the order given.
    """

    counts: LogicalCounts
    budget: Any
    results: tuple[ArchitectureResult, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Architecture names, in the order given."""
        return tuple(r.name for r in self.results)

    @property
    def feasible(self) -> tuple[ArchitectureResult, ...]:
        """Results with an estimate."""
        return tuple(r for r in self.results if r.feasible)

    @property
    def infeasible(self) -> tuple[ArchitectureResult, ...]:
        """Results without an estimate (with their reasons)."""
        return tuple(r for r in self.results if not r.feasible)

    def __getitem__(self, name: str) -> ArchitectureResult:
        for r in self.results:
            if r.name == name:
                return r
        raise KeyError(name)

    def ranking(self, metric: str = "runtime") -> tuple[ArchitectureResult, ...]:
        """Feasible results, best first (smallest ``metric``; ties by name)."""
        if metric not in METRICS:
            raise InvalidInputError("metric", metric, "one of " + ", ".join(METRICS))
        return tuple(sorted(self.feasible, key=lambda r: (r.value(metric), r.name)))

    def winner(self, metric: str = "runtime") -> ArchitectureResult | None:
        """The best feasible result for ``metric`` (None if nothing is feasible)."""
        ranked = self.ranking(metric)
        return ranked[0] if ranked else None

    @property
    def winners(self) -> dict[str, str | None]:
        """Winner's name per metric."""
        out: dict[str, str | None] = {}
        for m in METRICS:
            w = self.winner(m)
            out[m] = None if w is None else w.name
        return out

    def ratio(self, name: str, metric: str = "runtime") -> float | None:
        """``metric`` of ``name`` divided by the winner's (1 for the winner; None if infeasible)."""
        r = self[name]
        w = self.winner(metric)
        if not r.feasible or w is None:
            return None
        return r.value(metric) / w.value(metric)  # type: ignore[operator]

    def table(self, metric: str = "runtime") -> list[dict[str, Any]]:
        """Rows for reports: feasible ones ranked by ``metric``, then the infeasible ones.

        Each row: ``name``, ``rank`` (None if infeasible), ``feasible``, ``physical_qubits``,
        ``runtime_s``, ``spacetime_qubit_s``, ``code_distance``, ``ratio_<metric>`` for all
        metrics, ``reason``, ``constraint``.
        """
        rows = []
        for rank, r in enumerate(self.ranking(metric), start=1):
            e = r.estimate
            assert e is not None  # noqa: S101 - ranking holds feasible results only
            row: dict[str, Any] = {
                "name": r.name,
                "rank": rank,
                "feasible": True,
                "physical_qubits": e.physical_qubits,
                "runtime_s": e.runtime_ns / 1e9,
                "spacetime_qubit_s": metric_value(e, "spacetime") / 1e9,
                "code_distance": e.code_distance,
                "reason": "",
                "constraint": "",
            }
            for m in METRICS:
                row[f"ratio_{m}"] = self.ratio(r.name, m)
            rows.append(row)
        for r in self.infeasible:
            row = {
                "name": r.name,
                "rank": None,
                "feasible": False,
                "physical_qubits": None,
                "runtime_s": None,
                "spacetime_qubit_s": None,
                "code_distance": None,
                "reason": r.reason,
                "constraint": r.constraint,
            }
            for m in METRICS:
                row[f"ratio_{m}"] = None
            rows.append(row)
        return rows

    def to_dict(self, metric: str = "runtime") -> dict[str, Any]:
        """JSON-able data: the counts, the budget, the winners and :meth:`table` rows."""
        budget = self.budget
        if isinstance(budget, ErrorBudget):
            budget = {
                "logical": budget.logical,
                "magic_states": budget.magic_states,
                "rotations": budget.rotations,
            }
        return {
            "logicalCounts": self.counts.to_qre_json(),
            "budget": budget,
            "metric": metric,
            "winners": self.winners,
            "rows": self.table(metric),
        }

    def summary(self, metric: str = "runtime") -> str:
        """A plain-text table (ranked by ``metric``) and the winners."""
        lines = [
            f"{'rank':>4}  {'architecture':<34} {'qubits':>12} {'runtime [s]':>12} "
            f"{'qubit-s':>12}  {'x ' + metric:>10}"
        ]
        for row in self.table(metric):
            if row["feasible"]:
                lines.append(
                    f"{row['rank']:>4}  {row['name']:<34} {row['physical_qubits']:>12,} "
                    f"{row['runtime_s']:>12.4g} {row['spacetime_qubit_s']:>12.4g}  "
                    f"{row[f'ratio_{metric}']:>10.3g}"
                )
            else:
                lines.append(f"{'-':>4}  {row['name']:<34} infeasible: {row['reason']}")
        winners = ", ".join(f"{m}: {w}" for m, w in self.winners.items())
        lines.append(f"winners: {winners}")
        return "\n".join(lines)


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------
def as_counts(counts_or_workload: Any) -> LogicalCounts:
    """Logical counts from a :class:`LogicalCounts`, a workload result or a Qualtran Bloq."""
    if isinstance(counts_or_workload, LogicalCounts):
        return counts_or_workload
    to_counts = getattr(counts_or_workload, "to_logical_counts", None)
    if callable(to_counts):
        return to_counts()
    try:
        from qualtran import Bloq
    except ImportError:  # pragma: no cover - qualtran is a dependency
        Bloq = ()  # type: ignore[assignment,misc]  # noqa: N806
    if isinstance(counts_or_workload, Bloq):
        return LogicalCounts.from_bloq(counts_or_workload)
    raise InvalidInputError(
        "counts_or_workload",
        counts_or_workload,
        "a LogicalCounts, a workload result (to_logical_counts()) or a Qualtran Bloq",
    )


def as_architectures(architectures: Any = None) -> list[Architecture]:
    """Architectures from objects, preset names, ``qre:`` names or file paths (None: presets)."""
    from estimator.model_files import list_models, load_model

    if architectures is None:
        architectures = list_models(include_qre=False)
    if isinstance(architectures, (str, Path, Architecture)):
        architectures = [architectures]
    out = []
    for a in architectures:
        out.append(a if isinstance(a, Architecture) else load_model(a))
    if not out:
        raise InvalidInputError("architectures", architectures, "at least one architecture")
    names = [a.name for a in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InvalidInputError("architectures", dupes, "distinct architecture names")
    return out


def _magic_source_check(counts: LogicalCounts, arch: Architecture, budget: Any) -> None:
    """Raise if the magic-state source cannot reach the T-state error at the largest distance.

    QRE's search (``estimator.physical``) would otherwise grow the code distance looking for a
    factory that does not exist; this states the binding constraint directly.
    """
    from estimator.physical import _prepare

    prep = _prepare(counts, arch, budget)
    if prep.num_magic == 0:
        return
    required = prep.budget.magic_states / prep.num_magic
    found = arch.magic_source.find_factories(
        output_error=min(required, 0.5),
        qubit=arch.qubit,
        qec=arch.qec,
        max_code_distance=arch.max_code_distance,
    )
    if not found:
        raise InfeasibleEstimateError(
            f"magic-state source {arch.magic_source.name} has no factory with T-state error <= "
            f"{fmt(required)} (magic budget {fmt(prep.budget.magic_states)} / "
            f"{prep.num_magic:,} T states) at code distance <= {arch.max_code_distance}",
            constraint="magic_states",
        )


def compare(
    counts_or_workload: Any,
    architectures: Iterable[Architecture | str | Path] | None = None,
    budget: ErrorBudget | float = 1e-2,
    *,
    payment: str | None = None,
    max_sampling_overhead: float | None = None,
    search: str = "monotone",
) -> Comparison:
    """Estimate one workload on several architectures and rank them.

    Args:
        counts_or_workload: :class:`LogicalCounts`, a workload result (anything with
            ``to_logical_counts()``) or a Qualtran Bloq.
        architectures: Architectures, preset names, ``qre:`` names or model-file paths;
            ``None`` for every preset in ``models/``.
        budget: Total failure probability (split as QRE does) or an :class:`ErrorBudget`.
        payment: Override how STAR-family architectures pay the residual rotation error.
        max_sampling_overhead: Override their PEC bound on ``gamma^2``.
        search: ``"monotone"`` (default) or ``"qre"`` (:func:`estimator.physical.estimate`).

    Returns:
        A :class:`Comparison`. Infeasible architectures are kept with their reason; other
        errors (bad input) are raised.
    """
    counts = as_counts(counts_or_workload)
    archs = as_architectures(architectures)
    star_kwargs: dict[str, Any] = {}
    if payment is not None:
        star_kwargs["payment"] = payment
    if max_sampling_overhead is not None:
        star_kwargs["max_sampling_overhead"] = max_sampling_overhead
    results = []
    for arch in archs:
        try:
            if is_star_architecture(arch):
                est = estimate_any(counts, arch, budget, search=search, **star_kwargs)
            else:
                _magic_source_check(counts, arch, budget)
                est = estimate_any(counts, arch, budget, search=search)
            results.append(ArchitectureResult(name=arch.name, architecture=arch, estimate=est))
        except InfeasibleEstimateError as exc:
            results.append(
                ArchitectureResult(
                    name=arch.name,
                    architecture=arch,
                    estimate=None,
                    reason=exc.reason,
                    constraint=exc.constraint,
                )
            )
    return Comparison(counts=counts, budget=budget, results=tuple(results))


# ------------------------------------------------------------------------------------------------
# Crossover search
# ------------------------------------------------------------------------------------------------
def with_rotation_count(
    counts: LogicalCounts, n_rotations: float, *, scale_all: bool = False
) -> LogicalCounts:
    """``counts`` with ``n_rotations`` rotations (depth and angle histogram scaled alike).

    Args:
        counts: The base counts (must have rotations unless ``scale_all`` is False and the
            rotations are new: then one sequential group at the generic angle is made).
        n_rotations: The new rotation count (rounded to an int >= 1).
        scale_all: Scale every other count by the same factor (a bigger instance of the same
            workload), instead of keeping them fixed.
    """
    n = max(1, round(float(n_rotations)))
    r0 = int(to_number("rotation_count", counts.rotation_count))
    if r0 == 0:
        return attrs.evolve(counts, rotation_count=n, rotation_depth=n, rotation_angles=())
    factor = n / r0
    d0 = int(to_number("rotation_depth", counts.rotation_depth))
    depth = min(n, max(1, round(d0 * factor)))
    angles = []
    if counts.rotation_angles:
        rest = n
        for i, (a, c) in enumerate(counts.rotation_angles):
            last = i == len(counts.rotation_angles) - 1
            k = rest if last else min(rest, round(int(to_number("count", c)) * factor))
            rest -= k
            if k > 0:
                angles.append((a, k))
    changes: dict[str, Any] = {
        "rotation_count": n,
        "rotation_depth": depth,
        "rotation_angles": tuple(angles),
    }
    if scale_all:
        for name in ("t_count", "ccz_count", "ccix_count", "measurement_count"):
            v = int(to_number(name, getattr(counts, name)))
            changes[name] = round(v * factor)
    return attrs.evolve(counts, **changes)


def with_angle(counts: LogicalCounts, angle: float) -> LogicalCounts:
    """``counts`` with every rotation at ``angle`` (radians)."""
    r = int(to_number("rotation_count", counts.rotation_count))
    if r == 0:
        raise InvalidInputError("counts.rotation_count", 0, "> 0 to vary the rotation angle")
    return attrs.evolve(counts, rotation_angles=((float(angle), r),))


def with_physical_error(arch: Architecture, physical_error: float) -> Architecture:
    """``arch`` with every error rate of its qubit scaled so that the code sees ``p``.

    Ratios between the qubit's error rates (e.g. a better T gate) are kept; rates are capped
    just below 1.
    """
    from estimator.hardware import PhysicalQubit

    p_old = arch.qec.physical_error(arch.qubit)
    factor = float(physical_error) / p_old
    data = arch.qubit.to_dict()
    for name in ERROR_FIELDS:
        if name in data:
            data[name] = min(data[name] * factor, 0.999999)
    return attrs.evolve(arch, qubit=PhysicalQubit(**data))


@frozen(kw_only=True)
class Crossover:
    """A boundary along one axis where the winner of a metric changes.

    Attributes:
        axis: ``"rotation_count"``, ``"angle"`` or ``"physical_error"``.
        metric: The metric compared.
        lower: Largest axis value found on the ``below`` side.
        upper: Smallest axis value found on the ``above`` side.
        below: Winner just below the boundary (None: nothing feasible).
        above: Winner just above the boundary (None: nothing feasible).
    """

    axis: str
    metric: str
    lower: float
    upper: float
    below: str | None
    above: str | None

    @property
    def value(self) -> float:
        """The boundary, ``sqrt(lower * upper)``."""
        return math.sqrt(self.lower * self.upper)

    def __str__(self) -> str:
        return (
            f"{self.metric} winner changes from {self.below} to {self.above} at "
            f"{self.axis} ~ {fmt(self.value)} (between {fmt(self.lower)} and {fmt(self.upper)})"
        )


def _apply_axis(
    axis: str,
    value: float,
    counts: LogicalCounts,
    archs: list[Architecture],
    scale_all: bool,
) -> tuple[LogicalCounts, list[Architecture]]:
    if axis == "rotation_count":
        return with_rotation_count(counts, value, scale_all=scale_all), archs
    if axis == "angle":
        return with_angle(counts, value), archs
    return counts, [with_physical_error(arch, value) for arch in archs]


@frozen(kw_only=True)
class WinnerGrid:
    """The winner of a metric on a 2-D grid of two axes (for crossover maps).

    Attributes:
        x_axis: Axis of the columns.
        y_axis: Axis of the rows.
        x_values: Column coordinates.
        y_values: Row coordinates.
        metric: The metric compared.
        winners: ``winners[i][j]`` is the winner's name at ``(x_values[j], y_values[i])``, or
            None where no architecture is feasible.
    """

    x_axis: str
    y_axis: str
    x_values: tuple[float, ...]
    y_values: tuple[float, ...]
    metric: str
    winners: tuple[tuple[str | None, ...], ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The architectures that win somewhere, sorted."""
        return tuple(sorted({w for row in self.winners for w in row if w is not None}))


def winner_grid(
    counts_or_workload: Any,
    architectures: Iterable[Architecture | str | Path] | None = None,
    budget: ErrorBudget | float = 1e-2,
    *,
    x_axis: str = "rotation_count",
    x_values: Sequence[float],
    y_axis: str = "physical_error",
    y_values: Sequence[float],
    metric: str = "runtime",
    scale_all: bool = False,
    **compare_kwargs: Any,
) -> WinnerGrid:
    """The winner of ``metric`` at every point of ``x_values x y_values`` (two distinct axes).

    Costs ``len(x_values) * len(y_values)`` comparisons; each is independent of the counts.
    """
    for name, axis in (("x_axis", x_axis), ("y_axis", y_axis)):
        if axis not in AXES:
            raise InvalidInputError(name, axis, "one of " + ", ".join(AXES))
    if x_axis == y_axis:
        raise InvalidInputError("y_axis", y_axis, f"an axis other than x_axis={x_axis!r}")
    if metric not in METRICS:
        raise InvalidInputError("metric", metric, "one of " + ", ".join(METRICS))
    xs = tuple(float(x) for x in x_values)
    ys = tuple(float(y) for y in y_values)
    if not xs or not ys:
        raise InvalidInputError("x_values/y_values", (xs, ys), "at least one value each")
    for v in xs + ys:
        check_positive("axis value", v)
    counts = as_counts(counts_or_workload)
    archs = as_architectures(architectures)
    rows = []
    for y in ys:
        c_y, a_y = _apply_axis(y_axis, y, counts, archs, scale_all)
        row = []
        for x in xs:
            c, a = _apply_axis(x_axis, x, c_y, a_y, scale_all)
            w = compare(c, a, budget, **compare_kwargs).winner(metric)
            row.append(None if w is None else w.name)
        rows.append(tuple(row))
    return WinnerGrid(
        x_axis=x_axis, y_axis=y_axis, x_values=xs, y_values=ys, metric=metric, winners=tuple(rows)
    )


def crossover(
    counts_or_workload: Any,
    architectures: Iterable[Architecture | str | Path] | None = None,
    budget: ErrorBudget | float = 1e-2,
    *,
    axis: str = "rotation_count",
    metric: str = "runtime",
    low: float,
    high: float,
    grid_points: int = 25,
    relative_tolerance: float = 1e-3,
    max_iterations: int = 60,
    scale_all: bool = False,
    **compare_kwargs: Any,
) -> tuple[Crossover, ...]:
    """Boundaries in ``[low, high]`` along ``axis`` where the winner of ``metric`` changes.

    The winner (or "nothing feasible") is evaluated on ``grid_points`` log-spaced values; each
    change between neighbours is bisected on a log scale until ``upper / lower <= 1 +
    relative_tolerance`` (or, for rotation counts, until they are adjacent integers). Changes
    narrower than the grid spacing can be missed; raise ``grid_points`` to resolve them.

    Args:
        counts_or_workload: As for :func:`compare` (the base point).
        architectures: As for :func:`compare`.
        budget: As for :func:`compare`.
        axis: ``"rotation_count"`` (other counts fixed unless ``scale_all``), ``"angle"``
            (every rotation at this angle, radians) or ``"physical_error"`` (each qubit's error
            rates scaled so the code sees this ``p``).
        metric: ``"physical_qubits"``, ``"runtime"`` or ``"spacetime"``.
        low: Lower end of the searched range (> 0).
        high: Upper end (> low).
        grid_points: Points of the initial log grid (>= 2).
        relative_tolerance: Bisection stops at this relative width.
        max_iterations: Bisection steps per boundary at most.
        scale_all: For ``rotation_count``: scale every count with the rotations.
        **compare_kwargs: ``payment``, ``max_sampling_overhead`` for :func:`compare`.
    """
    if axis not in AXES:
        raise InvalidInputError("axis", axis, "one of " + ", ".join(AXES))
    if metric not in METRICS:
        raise InvalidInputError("metric", metric, "one of " + ", ".join(METRICS))
    check_positive("low", low)
    check_positive("high", high)
    if not float(high) > float(low):
        raise InvalidInputError("high", high, f"high > low = {low}")
    check_positive("grid_points", grid_points, integer=True)
    if int(grid_points) < 2:
        raise InvalidInputError("grid_points", grid_points, "grid_points >= 2")
    check_positive("relative_tolerance", relative_tolerance)
    counts = as_counts(counts_or_workload)
    archs = as_architectures(architectures)

    def winner_at(x: float) -> str | None:
        c, a = _apply_axis(axis, x, counts, archs, scale_all)
        w = compare(c, a, budget, **compare_kwargs).winner(metric)
        return None if w is None else w.name

    def done(lo: float, hi: float) -> bool:
        if axis == "rotation_count" and round(hi) - round(lo) <= 1:
            return True
        return hi / lo <= 1.0 + float(relative_tolerance)

    grid = [float(x) for x in np.logspace(math.log10(low), math.log10(high), int(grid_points))]
    if axis == "rotation_count":
        grid = sorted({float(max(1, round(x))) for x in grid})
    winners = [winner_at(x) for x in grid]
    out = []
    for i in range(len(grid) - 1):
        if winners[i] == winners[i + 1]:
            continue
        lo, hi = grid[i], grid[i + 1]
        w_lo, w_hi = winners[i], winners[i + 1]
        for _ in range(int(max_iterations)):
            if done(lo, hi):
                break
            mid = math.sqrt(lo * hi)
            if axis == "rotation_count":
                mid = float(round(mid))
                if mid <= lo or mid >= hi:
                    break
            w_mid = winner_at(mid)
            if w_mid == w_lo:
                lo = mid
            elif w_mid == w_hi:
                hi = mid
            else:  # a third winner inside: follow the first change only
                hi, w_hi = mid, w_mid
        out.append(Crossover(axis=axis, metric=metric, lower=lo, upper=hi, below=w_lo, above=w_hi))
    return tuple(out)


def describe_crossovers(crossovers: Sequence[Crossover]) -> str:
    """One line per boundary (or a sentence saying there is none)."""
    if not crossovers:
        return "the winner does not change in the searched range"
    return "; ".join(str(c) for c in crossovers)


__all__ = [
    "AXES",
    "METRICS",
    "ArchitectureResult",
    "Comparison",
    "Crossover",
    "WinnerGrid",
    "as_architectures",
    "as_counts",
    "compare",
    "crossover",
    "describe_crossovers",
    "metric_value",
    "with_angle",
    "with_physical_error",
    "with_rotation_count",
    "winner_grid",
]
