"""Qualtran's published physical cost models, driven by our LogicalCounts and ErrorBudget.

Two models from ``qualtran.surface_code`` are wrapped:

* :func:`gidney_fowler_estimate` and :func:`gidney_fowler_grid_search`: the catalysed CCZ -> 2T
  factory plus a simple data block (Gidney and Fowler's spreadsheet), at a given physical error
  and cycle time; qualtran's ``get_ccz2t_costs_from_error_budget`` and
  ``get_ccz2t_costs_from_grid_search``.
* :func:`beverland_estimate`: the minimum number of logical time steps, the code distance and
  the number of T states of Beverland et al.'s Appendix D (qualtran's ``beverland_et_al_model``).

Budgets: qualtran's functions take one total and split it internally (the Beverland model uses
a third for rotations and a third for logical errors). Ours take an explicit
:class:`~estimator.budget.ErrorBudget` (or a float, split by ``ErrorBudget.from_uniform``) and
hand qualtran the total that reproduces each part, so no split is hidden.

References:
    [Efficient magic state factories with a catalyzed |CCZ> to 2|T> transformation](https://arxiv.org/abs/1812.01238).
    Gidney and Fowler (2019). Section 3 and the accompanying spreadsheet.

    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Eqs. (D1)-(D4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs
from attrs import frozen

from estimator.budget import ErrorBudget
from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.logical import LogicalCounts
from estimator.magic.qualtran_factories import (
    GidneyFowlerCCZ2T,
    QualtranBackedFactory,
    QualtranMultiFactory,
)
from estimator.validation import check_non_negative, check_positive, check_probability

if TYPE_CHECKING:
    from qualtran.surface_code import AlgorithmSummary, QECScheme, RotationCostModel

NS_PER_HOUR = 3_600_000_000_000


def _as_budget(error_budget: ErrorBudget | float) -> ErrorBudget:
    if isinstance(error_budget, ErrorBudget):
        return error_budget
    return ErrorBudget.from_uniform(error_budget)


def to_algorithm_summary(counts: LogicalCounts) -> AlgorithmSummary:
    """Qualtran's ``AlgorithmSummary`` of our counts (rotation depth -> ``n_rotation_layers``).

    Args:
        counts: Logical counts; symbolic values stay symbolic.
    """
    from qualtran.surface_code import AlgorithmSummary

    return AlgorithmSummary(
        n_algo_qubits=counts.num_qubits,
        n_logical_gates=counts.to_gate_counts(),
        n_rotation_layers=counts.rotation_depth,
    )


def _fold_rotations(counts: LogicalCounts, t_per_rotation: int | None) -> LogicalCounts:
    """Numeric counts with rotations replaced by ``t_per_rotation`` T gates each."""
    counts = counts.numeric()
    if counts.rotation_count == 0:
        return counts
    if t_per_rotation is None:
        raise InvalidInputError(
            "t_per_rotation",
            None,
            "a T count per rotation when the counts have rotations",
            hint="the Gidney-Fowler model has no synthesis model; qualtran would assume 11",
        )
    check_non_negative("t_per_rotation", t_per_rotation, integer=True)
    return attrs.evolve(
        counts,
        t_count=counts.t_count + int(t_per_rotation) * counts.rotation_count,
        rotation_count=0,
        rotation_depth=0,
        rotation_angles=(),
    )


# ---- Gidney-Fowler ---------------------------------------------------------------------------


@frozen(kw_only=True)
class GidneyFowlerEstimate:
    """Physical cost of an algorithm under the Gidney-Fowler CCZ -> 2T model.

    Attributes:
        physical_qubits: Footprint: factory qubits plus data-block qubits.
        factory_qubits: Qubits of all factory copies.
        data_qubits: Qubits of the data block, ``ceil((1 + routing) Q) * 2 d^2``.
        cycles: Surface-code cycles (the factory's, since the simple data block is never the
            bottleneck).
        runtime_ns: ``cycles * cycle_time_ns``.
        failure_probability: ``factory_error + data_error`` (first order; may exceed 1 for
            hopeless configurations).
        factory_error: Distillation error of all magic states.
        data_error: Memory error of the data block over the run.
        data_code_distance: Code distance of the data block.
        l1_distance: Level-1 factory distance.
        l2_distance: Level-2 factory distance.
        factory_copies: Number of factories run in parallel.
    """

    physical_qubits: int
    factory_qubits: int
    data_qubits: int
    cycles: int
    runtime_ns: float
    failure_probability: float
    factory_error: float
    data_error: float
    data_code_distance: int
    l1_distance: int
    l2_distance: int
    factory_copies: int

    @property
    def runtime_s(self) -> float:
        """Runtime in seconds."""
        return self.runtime_ns / 1e9

    @property
    def runtime_hours(self) -> float:
        """Runtime in hours (qualtran's ``duration_hr``)."""
        return self.runtime_ns / NS_PER_HOUR


def _gf_evaluate(
    *,
    alg: AlgorithmSummary,
    factory: Any,
    data_block: Any,
    physical_error: float,
    cycle_time_ns: float,
) -> GidneyFowlerEstimate:
    """Evaluate qualtran's PhysicalCostModel as ``get_ccz2t_costs`` does, keeping the parts."""
    from qualtran.surface_code import (
        CCZ2TFactory,
        MultiFactory,
        PhysicalCostModel,
        PhysicalParameters,
        QECScheme,
    )

    model = PhysicalCostModel(
        physical_params=PhysicalParameters(
            physical_error=physical_error, cycle_time_us=cycle_time_ns / 1000
        ),
        data_block=data_block,
        factory=factory,
        qec_scheme=QECScheme.make_gidney_fowler(),  # as qualtran's get_ccz2t_costs
    )
    lem = model.logical_error_model
    cycles = int(model.n_cycles(alg))
    factory_error = float(factory.factory_error(alg.n_logical_gates, lem))
    data_error = float(data_block.data_error(alg.n_algo_qubits, cycles, lem))
    base, copies = (
        (factory.base_factory, factory.n_factories)
        if isinstance(factory, MultiFactory)
        else (factory, 1)
    )
    if not isinstance(base, CCZ2TFactory):  # pragma: no cover - callers pass CCZ2T factories
        raise InvalidInputError("factory", factory, "a Gidney-Fowler CCZ2T factory")
    factory_qubits = int(factory.n_physical_qubits())
    data_qubits = int(data_block.n_physical_qubits(alg.n_algo_qubits))
    return GidneyFowlerEstimate(
        physical_qubits=factory_qubits + data_qubits,
        factory_qubits=factory_qubits,
        data_qubits=data_qubits,
        cycles=cycles,
        runtime_ns=cycles * cycle_time_ns,
        failure_probability=factory_error + data_error,
        factory_error=factory_error,
        data_error=data_error,
        data_code_distance=int(data_block.data_d),
        l1_distance=int(base.distillation_l1_d),
        l2_distance=int(base.distillation_l2_d),
        factory_copies=int(copies),
    )


def _gf_total_budget(error_budget: ErrorBudget | float) -> float:
    """The one number the Gidney-Fowler model splits itself (factory error first, then data).

    A float is that total; of an ErrorBudget, the logical and magic-state parts are.
    """
    if isinstance(error_budget, ErrorBudget):
        return float(error_budget.logical) + float(error_budget.magic_states)
    check_probability("error_budget", error_budget)
    return float(error_budget)


def _check_machine(physical_error: float, cycle_time_ns: float) -> None:
    check_probability("physical_error", physical_error)
    check_positive("cycle_time_ns", cycle_time_ns)


def gidney_fowler_estimate(
    counts: LogicalCounts,
    *,
    error_budget: ErrorBudget | float = 1e-2,
    physical_error: float = 1e-3,
    cycle_time_ns: float = 1000,
    factory: GidneyFowlerCCZ2T | QualtranMultiFactory | None = None,
    routing_overhead: float = 0.5,
    t_per_rotation: int | None = None,
) -> GidneyFowlerEstimate:
    """Gidney and Fowler's estimate: factory error first, the rest sets the data distance.

    The factory's distillation error over all magic states is subtracted from the budget; the
    data-block distance is the smallest whose memory error over ``ceil((1 + routing) Q)`` tiles
    and all cycles fits in what is left (qualtran's ``get_ccz2t_costs_from_error_budget``).

    Args:
        counts: Numeric logical counts (T, CCZ, CCiX; rotations need ``t_per_rotation``).
        error_budget: The total failure probability the model splits itself (a float), or an
            ErrorBudget whose ``logical`` plus ``magic_states`` parts form that total (its
            ``rotations`` part is the caller's, spent synthesizing rotations into
            ``t_per_rotation`` T gates each).
        physical_error: Physical error rate.
        cycle_time_ns: Duration of one surface-code cycle (Gidney-Fowler: 1 us).
        factory: The factory (its physical error and cycle time must match); by default the
            spreadsheet's ``GidneyFowlerCCZ2T(l1_distance=15, l2_distance=31)``.
        routing_overhead: Extra data tiles per algorithm qubit (0.5 in the spreadsheet).
        t_per_rotation: T gates per rotation, required when the counts have rotations.

    Raises:
        InfeasibleEstimateError: If the factory error alone exceeds the budget.
    """
    from qualtran.surface_code import QECScheme, SimpleDataBlock

    _check_machine(physical_error, cycle_time_ns)
    check_non_negative("routing_overhead", routing_overhead)
    total = _gf_total_budget(error_budget)
    counts = _fold_rotations(counts, t_per_rotation)
    if factory is None:
        factory = GidneyFowlerCCZ2T(physical_error=physical_error, cycle_time_ns=cycle_time_ns)
    if not isinstance(factory, (GidneyFowlerCCZ2T, QualtranMultiFactory)) or not isinstance(
        getattr(factory, "base", factory), GidneyFowlerCCZ2T
    ):
        raise InvalidInputError("factory", factory, "a GidneyFowlerCCZ2T (or copies of one)")
    _check_factory_machine(factory, physical_error, cycle_time_ns)

    alg = to_algorithm_summary(counts)
    qfactory = factory.qualtran_factory
    lem = factory.logical_error_model
    factory_error = float(qfactory.factory_error(alg.n_logical_gates, lem))
    left = total - factory_error
    if left <= 0:
        raise InfeasibleEstimateError(
            f"factory error {factory_error:.3g} of {factory.name} exceeds the budget {total:.3g}",
            constraint="magic_state_budget",
        )
    n_cycles = int(qfactory.n_cycles(alg.n_logical_gates, lem))
    # qualtran gidney_fowler_model.get_ccz2t_costs_from_error_budget: tiles * cycles * P(d) <= left
    tiles = SimpleDataBlock(data_d=3, routing_overhead=routing_overhead).n_tiles(counts.num_qubits)
    if tiles * n_cycles == 0:
        raise InvalidInputError(
            "counts", counts, "at least one qubit and one magic state for this model"
        )
    data_d = QECScheme.make_gidney_fowler().code_distance_from_budget(
        physical_error=physical_error, budget=left / (tiles * n_cycles)
    )
    data_block = SimpleDataBlock(data_d=data_d, routing_overhead=routing_overhead)
    return _gf_evaluate(
        alg=alg,
        factory=qfactory,
        data_block=data_block,
        physical_error=physical_error,
        cycle_time_ns=cycle_time_ns,
    )


def _check_factory_machine(factory: QualtranBackedFactory, perr: float, cycle: float) -> None:
    if factory.physical_error != perr:
        raise InvalidInputError(
            "factory.physical_error", factory.physical_error, f"physical_error = {perr}"
        )
    if factory.cycle_time_ns != cycle:
        raise InvalidInputError(
            "factory.cycle_time_ns", factory.cycle_time_ns, f"cycle_time_ns = {cycle}"
        )


def gidney_fowler_grid_search(
    counts: LogicalCounts,
    *,
    error_budget: ErrorBudget | float = 1e-2,
    physical_error: float = 1e-3,
    cycle_time_ns: float = 1000,
    factory_copies: int = 1,
    l1_distances: tuple[int, int] = (5, 25),
    l2_stop: int = 41,
    data_distances: tuple[int, int] = (7, 35),
    minimize: Literal["qubit_hours", "runtime"] = "qubit_hours",
    t_per_rotation: int | None = None,
) -> GidneyFowlerEstimate:
    """Best CCZ -> 2T factory and data distance by qualtran's grid search.

    Searches odd level-1 distances in ``range(*l1_distances, 2)``, odd level-2 distances from
    ``d1 + 2`` below ``l2_stop``, and odd data distances in ``range(*data_distances, 2)``
    (qualtran's defaults), keeping configurations whose failure probability is within the
    budget, and minimizing qubit-hours or runtime (qualtran's
    ``get_ccz2t_costs_from_grid_search``; Lee et al., PRX Quantum 2, 030305 (2021), Sec. IV.C).

    Args:
        counts: Numeric logical counts (rotations need ``t_per_rotation``).
        error_budget: As in :func:`gidney_fowler_estimate`.
        physical_error: Physical error rate.
        cycle_time_ns: Duration of one surface-code cycle.
        factory_copies: Number of factories run in parallel.
        l1_distances: ``(start, stop)`` of the level-1 distances.
        l2_stop: Exclusive upper bound of the level-2 distances.
        data_distances: ``(start, stop)`` of the data-block distances.
        minimize: ``"qubit_hours"`` (space-time volume) or ``"runtime"``.
        t_per_rotation: T gates per rotation, required when the counts have rotations.

    Raises:
        InfeasibleEstimateError: If no configuration meets the budget.
    """
    from qualtran.surface_code import (
        get_ccz2t_costs_from_grid_search,
        iter_ccz2t_factories,
        iter_simple_data_blocks,
    )

    _check_machine(physical_error, cycle_time_ns)
    check_positive("factory_copies", factory_copies, integer=True)
    if minimize not in ("qubit_hours", "runtime"):
        raise InvalidInputError("minimize", minimize, "'qubit_hours' or 'runtime'")
    total = _gf_total_budget(error_budget)
    counts = _fold_rotations(counts, t_per_rotation)
    alg = to_algorithm_summary(counts)
    cost_function = (
        (lambda pc: pc.qubit_hours) if minimize == "qubit_hours" else (lambda pc: pc.duration_hr)
    )
    try:
        _, best_factory, best_block = get_ccz2t_costs_from_grid_search(
            n_logical_gates=alg.n_logical_gates,
            n_algo_qubits=alg.n_algo_qubits,
            phys_err=physical_error,
            error_budget=total,
            cycle_time_us=cycle_time_ns / 1000,
            factory_iter=iter_ccz2t_factories(
                l1_distances[0], l1_distances[1], l2_stop, n_factories=int(factory_copies)
            ),
            data_block_iter=tuple(iter_simple_data_blocks(*data_distances)),
            cost_function=cost_function,
        )
    except ValueError as exc:  # qualtran: "No valid factories found!"
        raise InfeasibleEstimateError(
            f"no CCZ2T factory with d1 in {list(range(*l1_distances, 2))}, d2 < {l2_stop} and "
            f"data distance in {list(range(*data_distances, 2))} keeps the failure probability "
            f"within {total:.3g}",
            constraint="code_distance",
        ) from exc
    return _gf_evaluate(
        alg=alg,
        factory=best_factory,
        data_block=best_block,
        physical_error=physical_error,
        cycle_time_ns=cycle_time_ns,
    )


# ---- Beverland et al. ------------------------------------------------------------------------


@frozen(kw_only=True)
class BeverlandEstimate:
    """Beverland et al.'s logical-level estimate (Appendix D), via qualtran.

    The model has no factory: it gives the time steps, the code distance and the number of T
    states; factory qubits and the T-state error are left to a factory model.

    Attributes:
        min_time_steps: ``c_min = M_meas + M_R + M_T + 3 M_Tof + D_R * T_per_rotation``
            (arXiv:2211.07629, Eq. (D3)).
        time_steps: Time steps used for the code distance (``c_min`` unless overridden).
        code_distance: Smallest odd distance with ``Q * time_steps * P(d) <= logical budget``.
        t_states: ``M_T + 4 M_Tof + M_R * T_per_rotation`` (Eq. (D4)).
        t_per_rotation: T states per rotation from the rotation model (0 without rotations).
        logical_qubits: ``Q = ceil(2 n + sqrt(8 n) + 1)``, qualtran's ``FastDataBlock`` tiles
            (Litinski's fast block, arXiv:1808.02892, Fig. 13b), as used by its distance.
        physical_qubits: Data qubits ``Q * 2 d^2`` (factories not included).
        runtime_ns: ``time_steps * d * cycle_time_ns`` (one time step is ``d`` cycles).
        logical_error: ``Q * time_steps * P(d)``, the memory error actually reached.
        rotation_error: Synthesis error spent (the rotation budget if there are rotations).
        failure_probability: ``logical_error + rotation_error`` (T-state error not included).
    """

    min_time_steps: int
    time_steps: float
    code_distance: int
    t_states: float
    t_per_rotation: int
    logical_qubits: int
    physical_qubits: int
    runtime_ns: float
    logical_error: float
    rotation_error: float
    failure_probability: float

    @property
    def runtime_s(self) -> float:
        """Runtime in seconds."""
        return self.runtime_ns / 1e9


def beverland_estimate(
    counts: LogicalCounts,
    *,
    error_budget: ErrorBudget | float = 1e-3,
    physical_error: float = 1e-4,
    cycle_time_ns: float = 400,
    qec_scheme: QECScheme | None = None,
    rotation_model: RotationCostModel | None = None,
    time_steps: float | None = None,
) -> BeverlandEstimate:
    """Run qualtran's ``beverland_et_al_model`` on our counts.

    Qualtran's functions divide one total by 3 internally; we pass ``3 * budget.rotations`` to
    the rotation steps and ``3 * budget.logical`` to the distance, so each part is used as given.

    Args:
        counts: Numeric logical counts; ``rotation_depth`` is the number of rotation layers.
        error_budget: An ErrorBudget, or a total split into thirds. The magic-state part is not
            used by this model (it has no factory).
        physical_error: Physical error rate (Beverland's optimistic gate-based value: 1e-4).
        cycle_time_ns: One syndrome-extraction round, ``4 t_gate + 2 t_meas`` = 400 ns for
            Beverland's superconducting qubits (50 ns gates, 100 ns measurements; qualtran
            ``PhysicalParameters.make_beverland_et_al``).
        qec_scheme: Qualtran QEC scheme; Beverland's ``0.03 (p/0.01)^((d+1)/2)`` by default.
        rotation_model: Qualtran rotation model; by default ``BeverlandEtAlRotationCost``
            (``ceil(0.53 log2(1/eps) + 5.3)``, the constant before QRE's fix to 4.86).
        time_steps: Override of the time steps fed to the distance (to reproduce a paper's
            number); ``c_min`` by default.
    """
    from qualtran.surface_code import (
        BeverlandEtAlRotationCost,
        FastDataBlock,
        QECScheme,
        beverland_et_al_model,
    )

    check_probability("physical_error", physical_error)
    check_positive("cycle_time_ns", cycle_time_ns)
    budget = _as_budget(error_budget)
    counts = counts.numeric()
    if counts.num_qubits <= 0:
        raise InvalidInputError("counts.num_qubits", counts.num_qubits, "num_qubits >= 1")
    if counts.rotation_count > 0 and budget.rotations <= 0:
        raise InvalidInputError(
            "error_budget.rotations", budget.rotations, "> 0 when the counts have rotations"
        )
    if budget.logical <= 0:
        raise InvalidInputError("error_budget.logical", budget.logical, "> 0")
    scheme = qec_scheme if qec_scheme is not None else QECScheme.make_beverland_et_al()
    rot_model = rotation_model if rotation_model is not None else BeverlandEtAlRotationCost
    alg = to_algorithm_summary(counts)
    # qualtran divides the budget it is given by 3 (beverland_et_al_model.py: eps_syn = budget/3).
    rot_total = 3 * float(budget.rotations)
    log_total = 3 * float(budget.logical)
    c_min = int(
        beverland_et_al_model.minimum_time_steps(
            error_budget=rot_total, alg=alg, rotation_model=rot_model
        )
    )
    steps = c_min if time_steps is None else time_steps
    check_positive("time_steps", steps)
    d = int(
        beverland_et_al_model.code_distance(
            error_budget=log_total,
            time_steps=steps,
            alg=alg,
            qec_scheme=scheme,
            physical_error=physical_error,
        )
    )
    t_states = beverland_et_al_model.t_states(
        error_budget=rot_total, alg=alg, rotation_model=rot_model
    )
    t_per_rotation = 0
    if counts.rotation_count > 0:
        per = float(budget.rotations) / counts.rotation_count  # Eq. (D3): eps_syn / M_R
        t_per_rotation = int(rot_model.rotation_cost(per).t)
    q = int(FastDataBlock.get_n_tiles(n_algo_qubits=counts.num_qubits))
    logical_error = q * steps * scheme.logical_error_rate(d, physical_error)
    rotation_error = float(budget.rotations) if counts.rotation_count > 0 else 0.0
    return BeverlandEstimate(
        min_time_steps=c_min,
        time_steps=steps,
        code_distance=d,
        t_states=t_states,
        t_per_rotation=t_per_rotation,
        logical_qubits=q,
        physical_qubits=int(FastDataBlock(data_d=d).n_physical_qubits(counts.num_qubits)),
        runtime_ns=steps * d * cycle_time_ns,
        logical_error=logical_error,
        rotation_error=rotation_error,
        failure_probability=logical_error + rotation_error,
    )
