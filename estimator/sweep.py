"""A fast sweep over a grid: architectures x sizes N x error budgets x physical error rates.

The scalar :func:`~estimator.physical.estimate` builds a full :class:`Estimate` (about 30 fields,
report data). This module runs the same algorithm (QRE's, ``physical.py`` steps 1-4, no
constraints) on plain numbers and shares the expensive parts across the grid:

* the logical preparation (rotation cost, logical qubits, depth, magic states) once per
  (architecture, size, budget), and once for all physical error rates when the rotation scheme
  is QRE's formula (whose cost does not depend on the qubit);
* the factory searches: every target in an interval of equal searches is answered by one search
  (``magic/round_based.py``, ``_TargetClasses``), and factory lists are cached per target;
* the default (monotone) search's walk once per (architecture variant, size), shared by all
  budgets (the scalar path's own walk, :func:`estimator.search.walk_for`); where the walk knows
  QRE's plan at a budget, QRE is not rerun there;
* the grid over worker processes (``workers``; architectures x shares of the physical error
  rates), with results independent of the number of workers.

By default every point equals the scalar path number for number, in either search
(tests/test_sweep.py checks every point). With ``factory_targets_per_decade=K`` the factory
search target is rounded *down* to the grid ``10^(-j/K)``: every factory found still meets the
required error, so the estimate stays valid, but near a change of the factory list the choice
differs from the scalar path, by up to 2x in qubits when the rounding forces one more
distillation round. Use it for exploration only.

Counts stay Python ints (``object`` arrays): runtimes beyond 2^63 ns are exact, no int64
wrap-around. STAR-family architectures (their own engine) use the scalar path.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from attrs import field, frozen

from estimator.architecture import Architecture
from estimator.errors import EstimatorError, InfeasibleEstimateError, InvalidInputError
from estimator.logical import LogicalCounts
from estimator.rotations.qre_formula import QREFormulaSynthesis

_U64 = 2**64


@frozen(kw_only=True)
class SweepResult:
    """Grid results, one entry per point in C order over (architecture, size, budget, p).

    Attributes:
        architectures: Names, in grid order.
        sizes: The sizes (or counts indices), in grid order.
        budgets: The total error budgets.
        physical_errors: The physical error rates (None: the model's own).
        physical_qubits: ``object`` array of Python ints (None where infeasible).
        runtime_ns: ``object`` array of Python ints (None where infeasible).
        code_distance: ``object`` array of ints (None where infeasible).
        num_factories: ``object`` array of ints (None where infeasible).
        status: ``"ok"`` or ``"infeasible"`` per point.
        reason: Why a point is infeasible ("" if ok).
    """

    architectures: tuple[str, ...]
    sizes: tuple[Any, ...]
    budgets: tuple[float, ...]
    physical_errors: tuple[float | None, ...]
    physical_qubits: np.ndarray = field(eq=False)
    runtime_ns: np.ndarray = field(eq=False)
    code_distance: np.ndarray = field(eq=False)
    num_factories: np.ndarray = field(eq=False)
    status: np.ndarray = field(eq=False)
    reason: np.ndarray = field(eq=False)

    @property
    def shape(self) -> tuple[int, int, int, int]:
        """(architectures, sizes, budgets, physical errors)."""
        return (
            len(self.architectures),
            len(self.sizes),
            len(self.budgets),
            len(self.physical_errors),
        )

    def __len__(self) -> int:
        return int(self.status.size)

    def index(self, a: int, n: int, b: int, p: int) -> int:
        """Flat index of grid point (architecture a, size n, budget b, physical error p)."""
        return int(np.ravel_multi_index((a, n, b, p), self.shape))

    def runtime_s(self) -> np.ndarray:
        """Runtimes in seconds (float64; NaN where infeasible)."""
        return np.array([np.nan if r is None else r / 1e9 for r in self.runtime_ns])

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per point (for CSV/JSON)."""
        out = []
        for i, (a, n, b, p) in enumerate(np.ndindex(*self.shape)):
            out.append(
                {
                    "architecture": self.architectures[a],
                    "N": self.sizes[n],
                    "budget": self.budgets[b],
                    "physical_error": self.physical_errors[p],
                    "status": self.status[i],
                    "physical_qubits": self.physical_qubits[i],
                    "runtime_ns": self.runtime_ns[i],
                    "code_distance": self.code_distance[i],
                    "num_factories": self.num_factories[i],
                    "reason": self.reason[i],
                }
            )
        return out


# ------------------------------------------------------------------------------------------------
# The QRE algorithm on plain numbers
# ------------------------------------------------------------------------------------------------
class _Variant:
    """One architecture at one physical error rate, with its caches."""

    def __init__(self, arch: Architecture, per_decade: int | None) -> None:
        self.arch = arch
        self.per_decade = per_decade
        self.patches: dict[int, tuple[int, int, float]] = {}
        self.factories: dict[tuple[float, int], tuple[tuple[int, int, int, float, Any], ...]] = {}
        self.distances: dict[float, int | str] = {}

    def patch(self, d: int) -> tuple[int, int, float]:
        p = self.patches.get(d)
        if p is None:
            qec, qubit = self.arch.qec, self.arch.qubit
            p = (
                qec.physical_qubits_per_logical(d),
                qec.logical_cycle_time_ns(d, qubit),
                qec.logical_error(d, qubit),
            )
            self.patches[d] = p
        return p

    def distance(self, required: float) -> int | str:
        d = self.distances.get(required)
        if d is None:
            try:
                d = self.arch.qec.code_distance_for(
                    required, self.arch.qubit, self.arch.max_code_distance
                )
            except InfeasibleEstimateError as exc:
                d = str(exc)
            self.distances[required] = d
        return d

    def target(self, required: float) -> float:
        if self.per_decade is None or required <= 0:
            return required
        k = self.per_decade
        j = math.ceil(-math.log10(required) * k)
        t = 10.0 ** (-j / k)
        while t > required:  # float rounding: never search above the requirement
            j += 1
            t = 10.0 ** (-j / k)
        return t

    def factory_list(self, required: float, d: int) -> tuple[tuple[int, int, int, float, Any], ...]:
        key = (self.target(required), d)
        fl = self.factories.get(key)
        if fl is None:
            found = self.arch.magic_source.find_factories(
                output_error=key[0],
                qubit=self.arch.qubit,
                qec=self.arch.qec,
                max_code_distance=d,
            )
            fl = tuple(
                (f.physical_qubits, f.duration_ns, f.output_states, f.normalized_volume, f)
                for f in found
            )
            self.factories[key] = fl
        return fl


def _point(v: _Variant, q_l: int, depth: int, n_magic: int, b_log: float, b_t: float) -> Any:
    """QRE's single-point search (physical._Engine.estimate without constraints)."""
    cycles = depth
    if cycles == 0 and n_magic == 0:
        return "the program has no operations"
    while True:
        required = b_log / float(q_l * cycles)
        d = v.distance(required)
        if isinstance(d, str):
            return d
        pq, cycle_ns, p_l = v.patch(d)
        x = b_log / (float(q_l) * p_l)
        max_cycles = int(x) if x < 2.0**64 else _U64 - 1
        if n_magic == 0:
            return (q_l * pq, cycles * cycle_ns, d, 0)
        required_t = b_t / float(n_magic)
        fl = v.factory_list(required_t, d)
        if not fl and not v.factory_list(required_t, v.arch.max_code_distance):
            # as physical._Engine.estimate: nothing at the largest distance, nothing at all
            return (
                f"magic-state source {v.arch.magic_source.name} has no factory with T-state "
                f"error <= {required_t:.3g} at code distance <= {v.arch.max_code_distance}"
            )
        found = None
        if fl:
            duration = cycles * cycle_ns
            best = None
            for f in fl:
                if f[1] <= duration and (best is None or f[3] < best[3]):
                    best = f
            if best is not None:
                found = (best, cycles)
            else:
                cands = []
                for f in fl:
                    n = -(-f[1] // cycle_ns)
                    if n <= max_cycles:
                        cands.append((f, n))
                if cands:
                    found = min(cands, key=lambda fc: (fc[0][3], fc[1]))
        if found is not None:
            f, cyc = found
            per_run = ((cyc * cycle_ns) // f[1]) * f[2]
            copies = -(-n_magic // per_run)
            return (q_l * pq + copies * f[0], cyc * cycle_ns, d, copies)
        cycles = max(max_cycles + 1, cycles + 1)


def _numbers(est: Any) -> tuple[int, int, int, int]:
    """The sweep's numbers of a scalar estimate (as :func:`_point` returns them)."""
    return (est.physical_qubits, est.runtime_ns, est.code_distance, est.num_factories)


def _run(v: _Variant, prep: Any) -> Any:
    return _point(
        v,
        prep.logical_qubits,
        prep.depth,
        prep.num_magic,
        prep.budget.logical,
        prep.budget.magic_states,
    )


def _prep_key_shared(arch: Architecture) -> bool:
    from estimator.layout import PSSPCLayout

    # QRE's formula ignores the qubit and the code distance; PSSPC only reads the counts
    return type(arch.rotation_scheme) is QREFormulaSynthesis and type(arch.layout) is PSSPCLayout


def _variant_arch(arch: Architecture, p: float | None) -> Architecture:
    if p is None:
        return arch
    from estimator.compare import with_physical_error

    return with_physical_error(arch, p)


def sweep(
    counts: Sequence[LogicalCounts] | Callable[[Any], LogicalCounts],
    architectures: Sequence[Architecture],
    budgets: Sequence[float],
    physical_errors: Sequence[float | None] = (None,),
    *,
    sizes: Sequence[Any] | None = None,
    factory_targets_per_decade: int | None = None,
    search: str = "monotone",
    workers: int | None = None,
) -> SweepResult:
    """Estimates over architectures x sizes x budgets x physical errors (module docstring).

    Args:
        counts: Numeric logical counts per size, or a function ``size -> LogicalCounts``
            (then ``sizes`` is required).
        architectures: Machine models.
        budgets: Total error budgets (split as QRE does).
        physical_errors: Physical error rates the code sees (``None``: the model's own).
        sizes: The sizes N passed to ``counts`` (labels when ``counts`` is a sequence).
        factory_targets_per_decade: Round factory-search targets down to this grid (faster, not
            identical to the scalar path); ``None`` (default): exact targets.
        search: ``"monotone"`` (default, as :func:`~estimator.physical.estimate`): more budget
            never costs more qubits or more time; ``"qre"``: QRE's algorithm at each point.
        workers: Processes to share the grid (architectures x physical error rates); default:
            the cores available (sweeps under 20,000 points run in this process). Results do
            not depend on it.

    Raises:
        InvalidInputError: For bad arguments (a budget outside (0, 1), an empty grid).
    """
    if callable(counts):
        if sizes is None:
            raise InvalidInputError("sizes", None, "a list of sizes when counts is a function")
        count_list = [counts(n) for n in sizes]
    else:
        count_list = list(counts)
        sizes = tuple(range(len(count_list))) if sizes is None else tuple(sizes)
        if len(sizes) != len(count_list):
            raise InvalidInputError("sizes", sizes, f"{len(count_list)} labels, one per counts")
    budgets = tuple(float(b) for b in budgets)
    for b in budgets:
        if not 0.0 < b < 1.0:
            raise InvalidInputError("budgets", b, "0 < budget < 1")
    pes = tuple(physical_errors)
    archs = list(architectures)
    if not (archs and count_list and budgets and pes):
        raise InvalidInputError("grid", (len(archs), len(count_list), len(budgets)), "non-empty")
    if factory_targets_per_decade is not None and (
        isinstance(factory_targets_per_decade, bool)
        or not isinstance(factory_targets_per_decade, int)
        or factory_targets_per_decade < 1
    ):
        raise InvalidInputError(
            "factory_targets_per_decade", factory_targets_per_decade, "an integer >= 1 or None"
        )

    from estimator.search import check_search

    check_search(search)
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise InvalidInputError("workers", workers, "a positive integer or None")

    n_pts = len(archs) * len(count_list) * len(budgets) * len(pes)
    n_workers = default_workers() if workers is None else workers
    if n_pts < _PARALLEL_MIN_POINTS:
        n_workers = 1
    # tasks: each architecture with a contiguous share of the physical error rates
    tasks = []
    for a, arch in enumerate(archs):
        shares = min(n_workers, len(pes))
        for w in range(shares):
            lo, hi = w * len(pes) // shares, (w + 1) * len(pes) // shares
            if lo < hi:
                tasks.append((a, lo, hi, arch, pes[lo:hi]))
    args = [
        (arch, sub, count_list, budgets, factory_targets_per_decade, search)
        for _, _, _, arch, sub in tasks
    ]
    if n_workers > 1 and len(tasks) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(n_workers, len(tasks)), mp_context=ctx) as pool:
            outcomes = list(pool.map(_sweep_task, args))
    else:
        outcomes = [_sweep_task(a) for a in args]

    qubits = np.empty(n_pts, dtype=object)
    runtime = np.empty(n_pts, dtype=object)
    dist = np.empty(n_pts, dtype=object)
    copies = np.empty(n_pts, dtype=object)
    status = np.empty(n_pts, dtype=object)
    reason = np.full(n_pts, "", dtype=object)
    shape = (len(archs), len(count_list), len(budgets), len(pes))
    for (a, lo, hi, _, _), outs in zip(tasks, outcomes, strict=True):
        it = iter(outs)
        for n in range(shape[1]):
            for b in range(shape[2]):
                for p in range(lo, hi):
                    j = ((a * shape[1] + n) * shape[2] + b) * shape[3] + p
                    out = next(it)
                    if isinstance(out, str):
                        status[j] = "infeasible"
                        reason[j] = out
                    else:
                        qubits[j], runtime[j], dist[j], copies[j] = out
                        status[j] = "ok"
    return SweepResult(
        architectures=tuple(a.name for a in archs),
        sizes=tuple(sizes),
        budgets=budgets,
        physical_errors=pes,
        physical_qubits=qubits,
        runtime_ns=runtime,
        code_distance=dist,
        num_factories=copies,
        status=status,
        reason=reason,
    )


#: Below this many grid points a sweep runs in this process (starting workers costs ~0.1 s).
_PARALLEL_MIN_POINTS = 20_000


def _sweep_task(args: tuple[Any, ...]) -> list[Any]:
    """One architecture at some physical error rates, over all sizes and budgets.

    Returns one outcome per (size, budget, physical error), in that C order: a tuple
    (qubits, runtime_ns, distance, factories) or the reason the point is infeasible.
    """
    arch, pes, count_list, budgets, per_decade, search = args
    from estimator.physical import _prepare
    from estimator.search import walk_for
    from estimator.star_estimate import estimate_any, is_star_architecture

    monotone = search == "monotone"
    star = is_star_architecture(arch)
    engines = [_Variant(_variant_arch(arch, p), per_decade) for p in pes]
    shared = not star and _prep_key_shared(arch)
    outs: list[Any] = []
    for c in count_list:
        for b in budgets:
            prep_shared: Any = None
            for v in engines:
                try:
                    if star:
                        out: Any = _numbers(estimate_any(c, v.arch, b, search=search))
                    else:
                        # the default search: the walk's plan at b (one walk per program and
                        # variant, shared by every budget). Where the walk already passed b and
                        # knows QRE's plan there, QRE at b need not be computed; else QRE at b
                        # first (an infeasible b needs no walk).
                        walk = walk_for(c, v.arch) if monotone else None
                        state, covered = None, False
                        if walk is not None and walk.next_x > b:
                            state = walk.state_at(b)
                            covered = state is not None and walk.covers(b)
                        out = None
                        if not covered:
                            if shared and prep_shared is not None:
                                prep = prep_shared
                            else:
                                prep = _prepare(c, v.arch, b)
                                if shared:
                                    prep_shared = prep
                            out = _run(v, prep)
                            if walk is not None and state is None and not isinstance(out, str):
                                state = walk.state_at(b)
                        if state is not None and not isinstance(out, str):
                            out = _numbers(state)
                except (InfeasibleEstimateError, InvalidInputError) as exc:
                    out = " ".join(str(exc).split())
                except EstimatorError as exc:  # pragma: no cover - defensive
                    out = f"{type(exc).__name__}: {exc}"
                outs.append(out)
    return outs


def default_workers() -> int:
    """CPU cores available to this process."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
