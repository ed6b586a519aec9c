"""Data for the plots, reports and comparisons: every number comes from a library call here.

:mod:`estimator.plotting` only draws what these functions return, and :mod:`estimator.report`
only renders it. Each function is a thin loop over the library (estimates, rotation schemes,
Bloq counts); none re-derives a cost.

* :func:`run_estimate` / :func:`compare_architectures`: one workload on many architectures, with
  infeasible models kept and their reason recorded.
* :func:`synthesis_curves` (plot a), :func:`size_scaling` (plot b), :func:`frontiers` (plot c),
  :func:`crossover_map` (plot d), :func:`parallelism_scan` (plot e).
* :func:`sweep`: a grid over data size, error budget, physical error rate and architecture;
  :func:`with_physical_error` rescales a model's error rates.

Estimates go through :func:`estimator.compare.compare` (QRE's algorithm or the STAR path, with
the magic-state feasibility check), frontiers through :func:`estimator.frontier.estimate_frontier`,
crossover grids through :func:`estimator.compare.winner_grid`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from attrs import frozen

from estimator.errors import EstimatorError, InfeasibleEstimateError, InvalidInputError

#: The metrics of a comparison: (key, label, unit).
METRICS: tuple[tuple[str, str, str], ...] = (
    ("logical_qubits", "Logical qubits (after layout)", ""),
    ("physical_qubits", "Physical qubits", ""),
    ("magic_or_injections", "T states or injections", ""),
    ("logical_depth", "Logical depth", "logical cycles"),
    ("runtime_s", "Runtime", "s"),
)


@frozen(kw_only=True)
class Outcome:
    """The result of one estimate, or why there is none.

    Attributes:
        architecture: The architecture's name as given by the user.
        status: ``"ok"``, ``"infeasible"`` (the model cannot run it: reason in numbers) or
            ``"failed"`` (the library raised an arithmetic error; a bug to report).
        estimate: The :class:`~estimator.physical.Estimate` (None unless ``ok``).
        reason: One line: why there is no estimate.
    """

    architecture: str
    status: str
    estimate: Any = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Whether there is an estimate."""
        return self.status == "ok"

    def metric(self, key: str) -> Any:
        """One comparison metric (see :data:`METRICS`), None without an estimate."""
        e = self.estimate
        if e is None:
            return None
        if key == "runtime_s":
            return e.runtime_ns / 1e9
        if key == "magic_or_injections":
            injections = getattr(e, "expected_injections", 0.0) or 0.0
            return e.num_magic_states + injections
        return getattr(e, key)


def _load(arch: Any) -> tuple[str, Any]:
    if isinstance(arch, str):
        from estimator.model_files import load_model

        return arch, load_model(arch)
    return arch.name, arch


def run_estimate(
    counts: Any, architecture: Any, budget: Any, *, search: str = "monotone"
) -> Outcome:
    """Estimate ``counts`` on ``architecture`` (name, file or Architecture), never raising for an
    infeasible model.

    Goes through :func:`estimator.compare.compare` (one architecture), which checks first that
    the magic-state source can reach the required T-state error at all.

    Args:
        counts: Numeric :class:`~estimator.logical.LogicalCounts`.
        architecture: A model name (``estimator.model_files.load_model``) or an Architecture.
        budget: Total error budget or an :class:`~estimator.budget.ErrorBudget`.
        search: ``"monotone"`` (default) or ``"qre"`` (:func:`estimator.physical.estimate`).

    Raises:
        UnknownNameError, ModelFileError: For a bad architecture name or file (user error).
    """
    from estimator.compare import compare

    name, arch = _load(architecture)
    try:
        res = compare(counts, [arch], budget, search=search).results[0]
    except InfeasibleEstimateError as exc:
        return Outcome(architecture=name, status="infeasible", reason=_line(exc))
    except InvalidInputError as exc:
        # a scheme refusing the required precision (e.g. more gradient bits than it supports)
        return Outcome(architecture=name, status="infeasible", reason=_line(exc))
    except (ArithmeticError, EstimatorError) as exc:
        return Outcome(
            architecture=name,
            status="failed",
            reason=f"library error {type(exc).__name__}: {_line(exc)}",
        )
    if res.estimate is None:
        return Outcome(architecture=name, status="infeasible", reason=_line(res.reason))
    return Outcome(architecture=name, status="ok", estimate=res.estimate)


def _line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def compare_architectures(counts: Any, architectures: Sequence[Any], budget: Any) -> list[Outcome]:
    """One :class:`Outcome` per architecture, in the given order."""
    return [run_estimate(counts, a, budget) for a in architectures]


def winners(outcomes: Sequence[Outcome]) -> dict[str, str | None]:
    """Metric key -> name of the architecture with the smallest value (None if none is ok)."""
    out: dict[str, str | None] = {}
    for key, _, _ in METRICS:
        vals = [(o.metric(key), o.architecture) for o in outcomes if o.ok]
        out[key] = min(vals, key=lambda v: (float(v[0]), v[1]))[1] if vals else None
    return out


def ratios(outcomes: Sequence[Outcome]) -> dict[str, dict[str, float | None]]:
    """Metric key -> architecture -> value divided by the best value of that metric."""
    out: dict[str, dict[str, float | None]] = {}
    for key, _, _ in METRICS:
        vals = [float(o.metric(key)) for o in outcomes if o.ok]
        best = min(vals) if vals else None
        row: dict[str, float | None] = {}
        for o in outcomes:
            v = o.metric(key)
            if v is None or best is None:
                row[o.architecture] = None
            elif best == 0:
                row[o.architecture] = 1.0 if float(v) == 0 else math.inf
            else:
                row[o.architecture] = float(v) / best
        out[key] = row
    return out


# ------------------------------------------------------------------------------------------------
# (a) T gates per rotation against precision
# ------------------------------------------------------------------------------------------------
def synthesis_curves(
    precisions: Sequence[float],
    *,
    exact_precisions: Sequence[float] = (),
    exact_angles: Sequence[float] = (0.3, 1.1),
) -> dict[str, Any]:
    """Expected T count per rotation against precision for each synthesis model.

    Args:
        precisions: Diamond-norm precisions for the model curves.
        exact_precisions: Precisions at which pygridsynth is run (exact T counts).
        exact_angles: Angles (rad) of the exact runs (one pygridsynth call per pair, cached).

    Returns:
        ``{"precisions": [...], "models": {label: [T, ...]}, "exact": [(eps, angle, T), ...]}``.
    """
    from estimator.rotations.gridsynth import GridsynthExact, GridsynthFit
    from estimator.rotations.synthesis import (
        DiagonalFormula,
        FallbackFormula,
        MixedDiagonalFormula,
        MixedFallbackFormula,
    )

    schemes = {
        "diagonal (arXiv:2203.10064)": DiagonalFormula(),
        "fallback (arXiv:2203.10064)": FallbackFormula(),
        "mixed diagonal (arXiv:2203.10064)": MixedDiagonalFormula(),
        "mixed fallback (arXiv:2203.10064)": MixedFallbackFormula(),
        "gridsynth fit (ours)": GridsynthFit(round_up=False),
    }
    eps = [float(e) for e in precisions]
    models = {
        label: [float(s.cost(precision=e).t_count) for e in eps] for label, s in schemes.items()
    }
    exact_scheme = GridsynthExact()
    exact = [
        (float(e), float(a), int(exact_scheme.t_count(a, e)))
        for e in exact_precisions
        for a in exact_angles
    ]
    return {"precisions": eps, "models": models, "exact": exact}


# ------------------------------------------------------------------------------------------------
# (b) runtime and physical qubits against data size N
# ------------------------------------------------------------------------------------------------
def size_scaling(
    spec: Any, sizes: Sequence[int], architectures: Sequence[Any], budget: Any
) -> dict[str, Any]:
    """Estimates of a workload at several data sizes N on several architectures.

    Args:
        spec: A :class:`~estimator.examples.WorkloadSpec` (data-set or Boolean workload).
        sizes: Values of N (``num_rows`` of a data set, ``num_items`` of a Boolean task).
        architectures: Model names or Architectures.
        budget: Total error budget.

    Returns:
        ``{"sizes": [...], "series": {arch: [Outcome per size]}}``.
    """
    key = "num_items" if spec.task == "boolean" else "num_rows"
    if spec.task == "counts":
        raise InvalidInputError("workload", spec.name, "a workload with a data size N")
    archs = [_load(a) for a in architectures]
    series: dict[str, list[Outcome]] = {name: [] for name, _ in archs}
    for n in sizes:
        counts = spec.counts(**{key: int(n)})
        for name, arch in archs:
            o = run_estimate(counts, arch, budget)
            series[name].append(
                Outcome(architecture=name, status=o.status, estimate=o.estimate, reason=o.reason)
            )
    return {"sizes": [int(n) for n in sizes], "series": series, "size_parameter": key}


# ------------------------------------------------------------------------------------------------
# (c) physical qubits / runtime Pareto frontier
# ------------------------------------------------------------------------------------------------
def frontiers(counts: Any, architectures: Sequence[Any], budget: Any) -> dict[str, Any]:
    """The qubits-runtime Pareto frontier of each architecture.

    QRE-style architectures use :func:`estimator.frontier.estimate_frontier`; STAR-family ones
    have a single point (:func:`estimator.star_estimate.estimate_star`).

    Returns:
        ``{arch: {"points": [(physical_qubits, runtime_s), ...], "reason": str}}``.
    """
    from estimator.frontier import estimate_frontier
    from estimator.star_estimate import is_star_architecture

    out: dict[str, Any] = {}
    for a in architectures:
        name, arch = _load(a)
        points: list[tuple[int, float]] = []
        reason = ""
        if is_star_architecture(arch):
            o = run_estimate(counts, arch, budget)
            if o.ok:
                points = [(o.estimate.physical_qubits, o.estimate.runtime_ns / 1e9)]
            reason = o.reason
        else:
            try:
                ests = estimate_frontier(counts, arch, budget)
                points = [(e.physical_qubits, e.runtime_ns / 1e9) for e in ests]
            except (EstimatorError, ArithmeticError) as exc:
                reason = _line(exc)
            if not points and not reason:
                # estimate_frontier finds no point where estimate stretches the run past the
                # distance's cycle limit; show the single estimate then
                o = run_estimate(counts, arch, budget)
                if o.ok:
                    points = [(o.estimate.physical_qubits, o.estimate.runtime_ns / 1e9)]
                    reason = "frontier empty; the single estimate is shown"
                else:
                    reason = o.reason
        out[name] = {"points": points, "reason": reason}
    return out


def _family(name: str) -> str:
    """``"star_v3_p1e-4"`` -> ``"star_v3"`` (the preset without its error-rate suffix)."""
    import re

    return re.sub(r"_p\d+(\.\d+)?e-\d+$", "", str(name))


def one_per_family(names: Sequence[str]) -> list[str]:
    """The first preset of each family (name without its ``_p1e-N`` suffix), in order."""
    seen: set[str] = set()
    out = []
    for n in names:
        fam = _family(n)
        if fam not in seen:
            seen.add(fam)
            out.append(n)
    return out


# ------------------------------------------------------------------------------------------------
# (d) crossover map
# ------------------------------------------------------------------------------------------------
#: Axes of a crossover map and their labels (with units).
CROSSOVER_AXES: dict[str, str] = {
    "rotation_count": "rotations R (one angle, R sequential layers)",
    "angle": "rotation angle (rad)",
    "physical_error": "physical error rate p (per operation)",
}


def crossover_map(
    architectures: Sequence[Any],
    x_values: Sequence[float],
    y_values: Sequence[float],
    *,
    x_axis: str = "rotation_count",
    y_axis: str = "angle",
    counts: Any = None,
    num_qubits: int = 50,
    budget: Any = 1e-3,
    metric: str = "spacetime",
) -> dict[str, Any]:
    """Which architecture wins at each grid point (:func:`estimator.compare.winner_grid`).

    Args:
        architectures: Model names or Architectures.
        x_values: Values of the x axis (sorted ascending).
        y_values: Values of the y axis (sorted ascending).
        x_axis, y_axis: ``"rotation_count"``, ``"angle"`` or ``"physical_error"``.
        counts: Base logical counts; default ``num_qubits`` qubits and one sequential layer of
            rotations per rotation at angle 0.1 (the axes then set count and angle), so the map
            isolates how each model runs rotations.
        num_qubits: Logical qubits of the default program.
        budget: Total error budget.
        metric: ``"spacetime"`` (physical qubits x runtime), ``"runtime"`` or
            ``"physical_qubits"``.

    Returns:
        ``{"x_axis", "y_axis", "x_values", "y_values", "architectures", "winner": [[index or
        -1]] (rows = y values), "metric"}``; -1 where no architecture is feasible.
    """
    from estimator.compare import winner_grid
    from estimator.logical import LogicalCounts

    loaded = [_load(a) for a in architectures]
    if counts is None:
        counts = LogicalCounts(
            num_qubits=int(num_qubits),
            rotation_count=1,
            rotation_depth=1,
            rotation_angles=((0.1, 1),),
        )
    xs = sorted(float(x) for x in x_values)
    ys = sorted(float(y) for y in y_values)
    grid = winner_grid(
        counts,
        [a for _, a in loaded],
        budget,
        x_axis=x_axis,
        x_values=xs,
        y_axis=y_axis,
        y_values=ys,
        metric=metric,
    )
    arch_names = [a.name for _, a in loaded]
    winner = [[-1 if w is None else arch_names.index(w) for w in row] for row in grid.winners]
    labels = [name for name, _ in loaded]
    if "physical_error" in (x_axis, y_axis):
        # the axis replaces the model's own error rate: drop a "_p1e-4" style suffix
        labels = [_family(name) for name in labels]
    return {
        "labels": labels,
        "x_axis": x_axis,
        "y_axis": y_axis,
        "x_values": xs,
        "y_values": ys,
        "architectures": [name for name, _ in loaded],
        "winner": winner,
        "metric": metric,
    }


# ------------------------------------------------------------------------------------------------
# (e) sketch parallelism k
# ------------------------------------------------------------------------------------------------
def parallelism_scan(
    ks: Iterable[int],
    *,
    num_items: int = 1024,
    num_samples: int = 100_000,
    architecture: Any = "clifford_t_factories_p1e-4",
    budget: Any = 1e-3,
    batch_same_angle: bool = False,
) -> dict[str, Any]:
    """Runtime and physical qubits of one Boolean sketch run with k parallel lanes.

    Counts come from the Bloq :class:`~estimator.bloqs.parallel_sketch.ParallelBooleanSketch`
    (``LogicalCounts.from_bloq``), one estimate per k.

    Returns:
        ``{"ks", "outcomes": [Outcome per k], "logical_qubits": [...], "architecture", ...}``.
    """
    from estimator.bloqs.parallel_sketch import ParallelBooleanSketch
    from estimator.logical import LogicalCounts

    name, arch = _load(architecture)
    ks = [int(k) for k in ks]
    outcomes = []
    logical = []
    for k in ks:
        bloq = ParallelBooleanSketch(
            N=int(num_items), num_samples=int(num_samples), k=k, batch_same_angle=batch_same_angle
        )
        counts = LogicalCounts.from_bloq(bloq)
        logical.append(int(counts.num_qubits))
        outcomes.append(run_estimate(counts, arch, budget))
    return {
        "ks": ks,
        "outcomes": outcomes,
        "logical_qubits": logical,
        "architecture": name,
        "num_items": int(num_items),
        "num_samples": int(num_samples),
    }


# ------------------------------------------------------------------------------------------------
# Architecture variants and sweeps
# ------------------------------------------------------------------------------------------------
def with_physical_error(architecture: Any, physical_error: float) -> Any:
    """The architecture with its error rates scaled so the code sees ``physical_error``
    (:func:`estimator.compare.with_physical_error`).

    Raises:
        InvalidInputError: For ``physical_error`` outside (0, 1) or at/above the threshold.
    """
    from estimator.compare import with_physical_error as _with_p
    from estimator.validation import check_probability

    _, arch = _load(architecture)
    check_probability("physical_error", physical_error)
    if not 0.0 < float(physical_error) < 1.0:
        raise InvalidInputError("physical_error", physical_error, "0 < physical_error < 1")
    return _with_p(arch, float(physical_error))


def sweep(
    spec: Any,
    architectures: Sequence[Any],
    *,
    sizes: Sequence[int | None] = (None,),
    budgets: Sequence[float] = (1e-3,),
    physical_errors: Sequence[float | None] = (None,),
    progress: Any = None,
    search: str = "monotone",
) -> list[dict[str, Any]]:
    """Estimates over the grid size x budget x physical error x architecture.

    Args:
        spec: A :class:`~estimator.examples.WorkloadSpec`.
        architectures: Model names or Architectures.
        sizes: Data sizes N (``None``: the workload's own).
        budgets: Total error budgets.
        physical_errors: Physical error rates (``None``: the model's own).
        progress: Optional callable ``progress(n)`` called after each estimate.
        search: ``"monotone"`` (default) or ``"qre"`` (:func:`estimator.physical.estimate`).

    Returns:
        One row per grid point (plain data, ready for CSV/JSON).
    """
    if spec.task == "counts" and any(n is not None for n in sizes):
        raise InvalidInputError("sizes", list(sizes), "no sizes for a fixed-counts workload")
    key = "num_items" if spec.task == "boolean" else "num_rows"
    loaded = [_load(a) for a in architectures]
    variants: dict[tuple[str, float | None], Any] = {}
    for name, arch in loaded:
        for p in physical_errors:
            variants[(name, p)] = arch if p is None else with_physical_error(arch, p)
    rows: list[dict[str, Any]] = []
    for n in sizes:
        counts = spec.counts() if n is None else spec.counts(**{key: int(n)})
        for budget in budgets:
            for p in physical_errors:
                for name, _ in loaded:
                    o = run_estimate(counts, variants[(name, p)], budget, search=search)
                    e = o.estimate
                    rows.append(
                        {
                            "workload": spec.name,
                            "N": n,
                            "budget": float(budget),
                            "physical_error": p,
                            "architecture": name,
                            "status": o.status,
                            "logical_qubits": None if e is None else e.logical_qubits,
                            "physical_qubits": None if e is None else e.physical_qubits,
                            "runtime_s": None if e is None else e.runtime_ns / 1e9,
                            "code_distance": None if e is None else e.code_distance,
                            "magic_or_injections": o.metric("magic_or_injections"),
                            "reason": o.reason,
                        }
                    )
                    if progress is not None:
                        progress(1)
    return rows
