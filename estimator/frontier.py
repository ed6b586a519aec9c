"""The Pareto frontier of physical qubits against runtime (QRE's ``estimateType: "frontier"``).

For every code distance from the smallest sufficient one up to the maximum, every factory that
fits in the cycles the distance supports, and every number of factory copies from the fewest that
finish in time to the number that no longer shortens the run, one estimate is formed; the
non-dominated ones (fewer qubits or shorter runtime) make up the frontier. This re-implements
QRE 1.31's ``estimate_frontier.rs``; copy counts that only add qubits without shortening the
runtime (same number of factory runs) are skipped, which leaves the frontier unchanged.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix E (space-time trade-offs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from estimator.physical import Estimate, _Engine, _prepare

if TYPE_CHECKING:
    from estimator.architecture import Architecture
    from estimator.budget import ErrorBudget
    from estimator.logical import LogicalCounts
    from estimator.magic.base import MagicStateFactory


def estimate_frontier(
    counts: LogicalCounts,
    architecture: Architecture,
    budget: ErrorBudget | float,
) -> list[Estimate]:
    """Pareto-optimal estimates (physical qubits vs runtime), fastest first.

    Args:
        counts: Numeric logical counts.
        architecture: The machine model.
        budget: An :class:`~estimator.budget.ErrorBudget` or a total split as QRE does.

    Returns:
        Estimates sorted by increasing runtime (and so decreasing physical qubits). Where QRE's
        frontier search finds no point (every factory outlasts the longest run at the minimal
        code distance) the single-point estimate is returned alone.

    Raises:
        SymbolicValueError, InvalidInputError, InfeasibleEstimateError: As :func:`estimate`.
    """
    prep = _prepare(counts, architecture, budget)
    eng = _Engine(prep, None)
    min_cycles = eng.num_cycles()
    req_logical = eng.required_logical(min_cycles)
    n_magic = prep.num_magic
    d_min = eng.distance(req_logical)
    if n_magic == 0:
        return [eng.result(eng.patch(d_min), min_cycles, None, 0, req_logical, None)]
    req_magic = prep.budget.magic_states / float(n_magic)

    # candidate points: (qubits, runtime, patch, cycles, factory, copies)
    points: list[tuple[int, int, object, int, MagicStateFactory, int]] = []
    factories: list[MagicStateFactory] = []
    last_d: int | None = None
    q_l = prep.logical_qubits
    for d in eng._distances_down(d_min):
        if last_d is None or last_d > d:
            factories = eng.factories(req_magic, d)
            last_d = eng.highest_distance(factories)
        patch = eng.patch(d)
        max_cycles = eng.cycles_for(patch)
        if max_cycles < min_cycles:
            continue
        alg_qubits = q_l * patch.qubits
        for factory, _ in eng.with_num_cycles(factories, patch, max_cycles):
            copies = eng.copies(patch, factory, max_cycles)
            out = factory.output_states
            while True:
                runs = -(-n_magic // (copies * out))
                cycles_magic = -(-(runs * factory.duration_ns) // patch.cycle_ns)
                cycles = max(cycles_magic, min_cycles)
                qubits = alg_qubits + copies * factory.physical_qubits
                points.append((qubits, patch.cycle_ns * cycles, patch, cycles, factory, copies))
                if cycles_magic <= min_cycles or runs <= 1:
                    break
                # the next copy count that lowers the number of runs (others are dominated)
                copies = max(copies + 1, -(-n_magic // ((runs - 1) * out)))
    # strict 2-D Pareto filter; identical points are all kept, as in QRE
    points.sort(key=lambda p: (p[0], p[1]))
    kept: list[tuple[int, int, object, int, MagicStateFactory, int]] = []
    best_runtime: int | None = None
    for p in points:
        if best_runtime is None or p[1] < best_runtime:
            kept.append(p)
            best_runtime = p[1]
        elif kept and p[0] == kept[-1][0] and p[1] == kept[-1][1]:
            kept.append(p)
    kept.sort(key=lambda p: p[1])
    if not kept:
        # Every factory outlasts the longest run the minimal distance allows. QRE then returns
        # an empty frontier; the single-point search still finds a point by lengthening the
        # run (raising the code distance), and that point is the whole frontier here.
        return [eng.estimate()]
    return [
        eng.result(patch, cycles, factory, copies, req_logical, req_magic)  # type: ignore[arg-type]
        for _, _, patch, cycles, factory, copies in kept
    ]
