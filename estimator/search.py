"""The default search: a physical estimate that never gets worse when the budget grows.

Microsoft's resource estimator (QRE 1.31) picks, at each budget, the smallest code distance and
the T factory with the least qubit-time per state, and searches factories with more distillation
rounds only when fewer rounds reach nothing. Neither rule is monotone in the error budget. Pinned
case (tests/test_search.py, checked side by side with qsharp 1.31): 10 logical qubits, 10^10 T,
1,000 CCZ and 1,000 measurements on ``qubit_maj_ns_e4`` with the surface code need 4,752,740
physical qubits at a budget of 10^-5 but 25,507,500 at 10^-4 (d = 27 -> 25 and a 4-round ->
3-round factory: a 5.4x increase for ten times the budget).

Our default search (:func:`monotone_estimate`) keeps QRE's algorithm as its building block
(``physical.estimate`` in QRE-parity mode, or the STAR engine) and adds one rule on top, a
*walk* over budgets:

* the walk visits total budgets ``x0 < x1 < ...`` from :data:`LADDER_FLOOR` (1e-9) up. At each
  point it computes QRE's estimate; the *state* becomes that estimate if it costs no more qubits
  *and* no more time than the state, and otherwise stays the state (an estimate valid at a
  smaller budget is valid at a larger one: its achieved errors are already below the smaller
  budget). Where QRE is infeasible the state resets.
* The next point is the next budget at which QRE's plan can change
  (:func:`estimator.physical.estimate_with_next_budget`: where the rotation cost, the code
  distance, the factory list or the admission of a slower factory changes) when that is known;
  otherwise (a rotation scheme or magic-state source that cannot say, a plan found after QRE's
  loop lengthened the run, STAR engines, constraints) it is the next point of a fixed *ladder*
  of budgets ``m x 10^k`` with ``m`` in :data:`LADDER_MANTISSAS` (26 per decade from 1e-6 up,
  every step at most 12.5%) or :data:`LADDER_MANTISSAS_COARSE` (below 1e-6).
* The answer at budget ``b`` is the state at the last point ``<= b``, relabelled with budget
  ``b`` (its numbers unchanged).

Properties (tested with hypothesis and on random programs in tests/test_search.py and
tests/test_invariants.py):

1. **Monotone.** For ``b1 <= b2``: qubits(b2) <= qubits(b1) and runtime(b2) <= runtime(b1). The
   points depend only on the program and the machine, never on the budget asked for; the answer
   for ``b2`` comes from the same walk, further along, and the state is componentwise
   non-increasing along the walk.
2. **Never worse than QRE where QRE's plan changes are known.** If ``b`` lies between a point
   and the next budget at which QRE's plan can change, QRE's plan at ``b`` is the one the walk
   saw at that point, so QRE at ``b`` costs at least as much qubits or time as the answer (it
   can never be better in both). This covers QRE's own presets and the Clifford+T model files
   with QRE's rotation formula and 15-to-1 factories or cultivation (measured: QRE better in both
   in 0 of 150 random programs and budgets, against 1 in 3 with a plain 1, 2, 5 ladder).
   Elsewhere the guarantee holds at ladder points, and between them against QRE at the ladder
   point below ``b`` (at most 12.5% less budget from 1e-6 up).
3. **Valid.** Every answer is an estimate QRE's algorithm produced at a budget ``<= b``, so every
   achieved error fits in ``b`` and all invariants of ``assert_valid_estimate`` hold.

Both properties cannot hold componentwise against QRE at *every* budget: in the pinned case any
answer at 10^-4 must cost <= 4,752,740 qubits (monotonicity) and, to be no worse than QRE there
in both coordinates, run in <= 5.0e14 ns, which needs d = 25 and then at least 5.02 million
qubits with QRE's factory family. So property 2 is stated as Pareto non-domination.

Cost: one QRE estimate per point from the floor (or the first feasible point) to ``b``, 20 to 200
points, each kept: a first estimate takes 5 to 30 ms on gate-based presets and up to ~0.5 s on
Majorana presets with their 5% T error (3- and 4-round factory searches at every new factory
list); later budgets on the same program reuse the walk. ``benchmarks/run.py`` measures it.

A budget at which QRE's algorithm is infeasible, or refuses its input (a rotation precision
beyond a scheme's range, e.g. more than 128 phase-gradient bits), resets the walk there.

Edge: below the first feasible point (or below 1e-9) the answer is QRE's estimate at ``b``
itself; monotonicity holds from the first feasible point on. 1e-9 (one failure in a billion
runs) is far below the budgets of practice; QRE's default is 1e-3.
"""

from __future__ import annotations

import bisect
import functools
import math
from typing import Any

import attrs

from estimator.architecture import Architecture
from estimator.budget import ErrorBudget
from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.logical import LogicalCounts
from estimator.validation import is_symbolic

#: Mantissas of the fine part of the budget ladder (from 10^LADDER_FINE_FROM up): 26 per decade,
#: each step at most 12.5%, and the round budgets 1, 2, 2.5 and 5 x 10^k are points.
LADDER_MANTISSAS: tuple[float, ...] = (1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2.0, 2.2, 2.4, 2.5,
                                       2.8, 3.0, 3.3, 3.6, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5,
                                       8.0, 9.0)  # fmt: skip
#: Mantissas below 10^LADDER_FINE_FROM (budgets that small are rare): steps at most 1.67x.
LADDER_MANTISSAS_COARSE: tuple[float, ...] = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)
#: Decade exponent where the fine ladder starts.
LADDER_FINE_FROM = -6
#: The walk never goes below this absolute budget (keeps the cost bounded and the answer a
#: function of the budget alone, hence monotone for every budget above it).
LADDER_FLOOR = 1e-9

# The ladder points in increasing order, each from its decimal string (so 1e-3 and 5e-3 are
# exactly the literals a user types), from the floor up to 1.
_LADDER: tuple[float, ...] = tuple(
    float(f"{m!r}e{k}")
    for k in range(round(math.log10(LADDER_FLOOR)), 1)
    for m in (LADDER_MANTISSAS if k >= LADDER_FINE_FROM else LADDER_MANTISSAS_COARSE)
    if float(f"{m!r}e{k}") <= 1.0
)


# ------------------------------------------------------------------------------------------------
# The ladder
# ------------------------------------------------------------------------------------------------
def ladder_value(index: int) -> float:
    """The ladder point with integer ``index`` (0 is the floor; the last is 1.0)."""
    return _LADDER[index]


def ladder_index_below(total: float) -> int:
    """The index of the largest ladder point ``<= total`` (-1 below the floor)."""
    return bisect.bisect_right(_LADDER, total) - 1


#: The searches of :func:`estimator.physical.estimate` and the sweep, the default first.
SEARCHES: tuple[str, ...] = ("monotone", "qre")


def check_search(search: Any) -> None:
    """Raise :class:`InvalidInputError` unless ``search`` names one of :data:`SEARCHES`."""
    if search not in SEARCHES:
        raise InvalidInputError("search", search, "'monotone' or 'qre'")


def dominates(a: Any, b: Any) -> bool:
    """Whether estimate ``a`` costs no more qubits and no more time than ``b``."""
    return a.physical_qubits <= b.physical_qubits and a.runtime_ns <= b.runtime_ns


# ------------------------------------------------------------------------------------------------
# Budgets along a direction
# ------------------------------------------------------------------------------------------------
@attrs.frozen
class _Direction:
    """A budget as a total along a fixed split: ``None`` = QRE's split of a scalar."""

    shares: tuple[float, float, float] | None

    def budget(self, total: float) -> ErrorBudget | float:
        if self.shares is None:
            return total
        lo, ms, ro = self.shares
        return ErrorBudget(logical=lo * total, magic_states=ms * total, rotations=ro * total)


def _direction(budget: Any) -> tuple[_Direction, float]:
    if isinstance(budget, ErrorBudget):
        total = budget.total
        shares = (budget.logical / total, budget.magic_states / total, budget.rotations / total)
        return _Direction(shares), total
    if isinstance(budget, bool) or is_symbolic(budget) or not isinstance(budget, int | float):
        raise InvalidInputError("error_budget", budget, "0 < error_budget < 1")
    total = float(budget)
    if not 0.0 < total < 1.0:
        raise InvalidInputError("error_budget", budget, "0 < error_budget < 1")
    return _Direction(None), total


# ------------------------------------------------------------------------------------------------
# QRE-parity building block
# ------------------------------------------------------------------------------------------------
def _parity(
    counts: LogicalCounts,
    arch: Architecture,
    budget: ErrorBudget | float,
    constraints: Any,
    options: tuple[tuple[str, Any], ...],
) -> Any:
    """The building block: QRE's algorithm (or the STAR engine, with its ``options``)."""
    from estimator.star_estimate import estimate_any

    return estimate_any(
        counts, arch, budget, search="qre", constraints=constraints, **dict(options)
    )


def relabel(est: Any, budget: ErrorBudget) -> Any:
    """``est`` (valid at a smaller budget) reported at the larger ``budget``.

    The plan is unchanged (distance, factories, qubits, runtime); the budget and the required
    error rates derived from it are scaled to ``budget``.
    """
    old = est.budget
    if old == budget:
        return est
    req_magic = est.required_magic_state_error
    if req_magic is not None and old.magic_states > 0:
        req_magic = req_magic * (budget.magic_states / old.magic_states)
    return attrs.evolve(
        est,
        budget=budget,
        required_logical_error=est.required_logical_error * (budget.logical / old.logical),
        required_magic_state_error=req_magic,
    )


class _Walk:
    """The walk of the default search for one program, architecture and budget split.

    Points are visited in increasing total budget from the floor: at each point ``x`` QRE's
    estimate is computed and becomes the state if it costs no more qubits and no more time than
    the state (the state resets to None where QRE is infeasible). The next point is the next
    budget at which QRE's plan may change (:func:`estimator.physical.estimate_with_next_budget`)
    if that is known (ladder points before it would repeat the same plan), else the next ladder
    point. The points depend only on the program and the machine, never on the budget asked
    for, so the answers for two budgets come from one walk and the larger budget's is no worse
    in both.
    Where the next change is known, every budget between two points has QRE's plan of the point
    below it, which the walk has seen: the answer is then never worse than QRE's in both.
    """

    #: At most this many points per walk (then only ladder points): bounds pathological cases.
    MAX_POINTS = 2_000

    def __init__(
        self,
        counts: LogicalCounts,
        arch: Architecture,
        direction: _Direction,
        constraints: Any,
        options: tuple[tuple[str, Any], ...],
    ) -> None:
        from estimator.star_estimate import is_star_architecture

        self.counts, self.arch, self.direction = counts, arch, direction
        self.constraints, self.options = constraints, options
        # QRE's engine with change points: no constraints, not STAR, and a rotation cost that
        # does not need the fixed-point recount in the distance (physical.estimate)
        self.pieces = (
            constraints is None
            and not options
            and not is_star_architecture(arch)
            and not arch.rotation_scheme.uses_code_distance
        )
        self.xs: list[float] = []
        # the state after each point: (qubits, runtime) and the budget its plan comes from
        self.states: list[tuple[Any, float] | None] = []
        self.full: dict[float, Any] = {}  # full estimates of the plans returned so far
        self.known: list[bool] = []  # whether QRE's plan is constant up to the next point
        self.next_x = ladder_value(0)

    def _qre(self, x: float) -> tuple[Any, float | None]:
        """QRE at total budget ``x`` (None if infeasible) and the next budget it may change at.

        A budget below the user's can also be refused as input (a rotation precision beyond what
        the scheme supports, e.g. more than 128 phase-gradient bits): the user's inputs were
        valid at their own budget (checked first), so that counts as infeasible here too.
        """
        try:
            if self.pieces:
                from estimator.physical import estimate_with_next_budget

                budget = self.direction.budget(x)
                return estimate_with_next_budget(self.counts, self.arch, x, budget, light=True)
            return self._estimate(x), None
        except (InfeasibleEstimateError, InvalidInputError):
            return None, None

    def _estimate(self, x: float) -> Any:
        """The full estimate of the plan found at ``x`` (recomputed once, then kept)."""
        est = self.full.get(x)
        if est is None:
            budget = self.direction.budget(x)
            est = self.full[x] = _parity(
                self.counts, self.arch, budget, self.constraints, self.options
            )
        return est

    def state_at(self, total: float) -> Any:
        """The walk's state at ``total`` (None: no feasible point at or below it)."""
        while self.next_x <= total:
            x = self.next_x
            q, nxt = self._qre(x)
            prev = self.states[-1] if self.states else None
            if q is None:
                state = None
            elif prev is None or dominates(q, prev[0]):
                state = (q, x)
            else:
                state = prev
            self.xs.append(x)
            self.states.append(state)
            step = _next_point(x, nxt) if len(self.xs) < self.MAX_POINTS else None
            self.known.append(step is not None)
            if step is not None:
                self.next_x = step  # QRE's plan is the same up to it: no point in between
            else:
                i = ladder_index_below(x) + 1
                self.next_x = ladder_value(i) if i < len(_LADDER) else math.inf
        i = bisect.bisect_right(self.xs, total) - 1
        state = self.states[i] if i >= 0 else None
        return None if state is None else self._estimate(state[1])

    def plan_budget(self, total: float) -> float | None:
        """The budget at which QRE produced the plan that answers ``total`` (None: no plan)."""
        self.state_at(total)
        i = bisect.bisect_right(self.xs, total) - 1
        state = self.states[i] if i >= 0 else None
        return None if state is None else state[1]

    def covers(self, total: float) -> bool:
        """Whether QRE's plan at ``total`` is known to be that of the walk point below it
        (then QRE at ``total`` is feasible and the walk's state is the answer). Call after
        :meth:`state_at` for the same ``total``."""
        i = bisect.bisect_right(self.xs, total) - 1
        if i < 0 or not self.known[i]:
            return False
        end = self.xs[i + 1] if i + 1 < len(self.xs) else self.next_x
        return total < end


#: Relative margin below a computed change of QRE's plan (float rounding of the boundary).
_MARGIN = 1e-12


def _next_point(x: float, change: float | None) -> float | None:
    """The walk's next point after ``x`` when QRE's plan may change at ``change`` (None: unknown).

    The change is computed in floating point and may sit a few ulps above the true boundary.
    Round budgets often sit exactly on a boundary (a distance threshold), so a ladder point
    within that margin below ``change`` is visited first; elsewhere the walk steps to ``change``
    (a budget within a few ulps of a boundary may then see QRE's new plan a step late).
    """
    if change is None or not change > x:
        return None
    i = ladder_index_below(change)
    if i >= 0:
        rung = ladder_value(i)
        if x < rung and rung >= change * (1.0 - _MARGIN):
            return rung
    return change


@functools.lru_cache(maxsize=4096)
def _walk(
    counts: LogicalCounts,
    arch: Architecture,
    direction: _Direction,
    constraints: Any,
    options: tuple[tuple[str, Any], ...],
) -> _Walk:
    return _Walk(counts, arch, direction, constraints, options)


def walk_for(counts: LogicalCounts, arch: Architecture) -> _Walk:
    """The default search's walk for a total budget split as QRE does (for the sweep)."""
    return _walk(counts, arch, _Direction(None), None, ())


def monotone_estimate(
    counts: LogicalCounts,
    architecture: Architecture,
    budget: ErrorBudget | float,
    *,
    constraints: Any = None,
    **options: Any,
) -> Any:
    """The default search: QRE's algorithm made monotone in the budget (module docstring).

    Args:
        counts: Numeric logical counts.
        architecture: The machine model (STAR-family models walk the STAR engine's estimates).
        budget: A total failure probability (split as QRE does) or an :class:`ErrorBudget`
            (the ladder then scales all three parts together).
        constraints: Optional :class:`~estimator.physical.Constraints`.
        **options: STAR-engine options (``payment``, ``max_sampling_overhead``).

    Returns:
        An estimate whose budget is ``budget``.

    Raises:
        The QRE-parity estimate's errors at ``budget`` (invalid input, infeasible).
    """
    opts = tuple(sorted(options.items()))
    # QRE at b validates every input and reports infeasibility exactly as the parity path
    at_b = _parity(counts, architecture, budget, constraints, opts)
    direction, total = _direction(budget)
    state = _walk(counts, architecture, direction, constraints, opts).state_at(total)
    if state is None or dominates(state, at_b) and dominates(at_b, state):
        return at_b  # (the same numbers: QRE's estimate at b itself, with its exact budget)
    return relabel(state, at_b.budget)


def clear_cache() -> None:
    """Forget the cached walks (e.g. after registering new models)."""
    _walk.cache_clear()
