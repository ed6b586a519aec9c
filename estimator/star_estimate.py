"""The physical estimate of STAR-family architectures (analog rotations with residual error).

A STAR-family machine (STAR v1/v2/v3, weak-transversal Clifford+phi) runs its Clifford gates on
surface-code patches by lattice surgery and its arbitrary-angle rotations by analog state
injection with repeat-until-success (RUS); the rotations leave an error that the code distance
does not remove. :func:`estimate_star` turns logical counts into physical qubits and runtime:

1. **Rotations**: every angle group (``counts.rotation_angles`` for angle-dependent schemes,
   else one generic group) is costed by the architecture's rotation scheme at the code distance
   under consideration (``RotationContext(p, d, t_cycle)``).
2. **T gates**: either injected as analog ``Rz(pi/4)`` states by the same scheme
   (``t_gates = "injection"``, STAR v1/v2: the architecture has no factories; a Toffoli/And is
   4 T gates, arXiv:2211.07629 Eq. (D4)), or taken from the architecture's magic-state source
   (``t_gates = "magic_source"``, STAR v3's cultivated T gates, weak transversal). A STAR v3
   rotation that mutates to T synthesis adds its expected T count to the magic states.
3. **Paying the residual error** (:func:`estimator.pec.pay_rotation_error`): the expected faults
   ``sum_g N_g P_g`` of rotations and injected T states fit the rotation budget, or PEC cancels
   them at a sampling overhead ``gamma^2`` (refused above ``max_sampling_overhead``).
4. **Runtime per shot** in logical cycles (:func:`estimator.star_layout.star_runtime`):
   ``D_R`` rotation layers, each as long as the slowest RUS ladder of its ``R / D_R`` parallel
   rotations (``E[max]`` of geometric step counts), plus one logical cycle per measurement and
   the T/Toffoli steps (PSSPC's 1 and 3 logical cycles, arXiv:2211.07629 Eq. (D3); an injected T
   costs one RUS step instead of one cycle).
5. **Code distance**: the smallest odd ``d`` whose Clifford (memory) error
   ``patches x cycles x P_L(d)`` fits the logical budget, ``P_L`` the QEC code's logical error
   per patch and logical cycle (the same code model as the Clifford+T presets, so the comparison
   is like for like). The rotation error is not part of this budget.
6. **Layout** (:func:`estimator.star_layout.star_layout`): one patch per data qubit plus routing
   and injection patches, plus any ancilla patches of the scheme; factory copies (magic-source
   mode) are sized as QRE does: ``ceil(n_T / (floor(T_alg / T_factory) n_out))``, stretching the
   run to one factory duration if the algorithm is shorter.
7. **Total runtime** = runtime per shot x ``gamma^2`` (1 without PEC).

The cost of the estimate does not grow with the number of rotations: it loops over angle groups,
RUS rungs (bounded) and code distances (bounded), never over rotations.

References:
    [Partially Fault-tolerant Quantum Computing Architecture with Error-corrected Clifford Gates
    and Space-time Efficient Analog Rotations](https://arxiv.org/abs/2303.13181).
    Akahoshi et al. (2023). PRX Quantum 5, 010337 (2024). The STAR architecture.

    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix D (PSSPC cycles per operation), Appendix E (factory copies).
"""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

import attrs
from attrs import frozen

from estimator.architecture import Architecture
from estimator.budget import ErrorBudget
from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.layout import Layout
from estimator.logical import LogicalCounts
from estimator.magic.base import MagicStateFactory
from estimator.pec import (
    DEFAULT_MAX_SAMPLING_OVERHEAD,
    RotationErrorPayment,
    fmt,
    pay_rotation_error,
)
from estimator.physical import Estimate, _numeric_counts, mean_rotation_cost
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.star_layout import (
    STAR_EXTRA_PATCHES,
    STAR_PATCHES_PER_DATA_QUBIT,
    StarLayout,
    expected_max_rus_steps,
    star_layout,
    star_runtime,
)
from estimator.validation import check_non_negative, check_positive, to_number

TGates = Literal["injection", "magic_source"]

#: ``Rz(pi/4) = T`` up to a phase: an injected T state is an analog rotation by pi/4.
T_ANGLE = math.pi / 4
#: T states per Toffoli/CCZ/CCiX (arXiv:2211.07629, Eq. (D4)).
T_PER_TOFFOLI = 4
#: Logical cycles per Toffoli/CCZ/CCiX in PSSPC (arXiv:2211.07629, Eq. (D3)).
CYCLES_PER_TOFFOLI = 3
#: Smallest code distance considered for the STAR patches.
MIN_CODE_DISTANCE = 3


def _as_int(name: str, value: Any) -> int:
    x = to_number(name, value)
    return x if isinstance(x, int) else math.ceil(x)


@frozen(kw_only=True)
class StarLayoutModel(Layout):
    """The STAR-family layout and execution policy, as a :class:`Layout` for an Architecture.

    An :class:`~estimator.architecture.Architecture` with this layout is estimated by
    :func:`estimate_star` (not by QRE's algorithm in :mod:`estimator.physical`).

    Attributes:
        patches_per_data_qubit: Patches per logical data qubit (data + routing/injection).
            UNVERIFIED, see :data:`estimator.star_layout.STAR_PATCHES_PER_DATA_QUBIT`.
        extra_patches: Fixed extra ancilla patches. UNVERIFIED.
        t_gates: ``"injection"`` (T gates as analog ``Rz(pi/4)`` injections by the rotation
            scheme) or ``"magic_source"`` (T states from the architecture's magic-state source).
        payment: How the residual rotation error is paid: ``"budget"``, ``"pec"`` or ``"auto"``
            (the budget if it fits, else PEC; see :func:`estimator.pec.pay_rotation_error`).
        max_sampling_overhead: Largest PEC sampling overhead ``gamma^2`` accepted (a policy).
        measurements_per_toffoli: Logical steps per Toffoli (PSSPC: 3, arXiv:2211.07629 (D3)).
    """

    name: ClassVar[str] = "star"

    patches_per_data_qubit: float = STAR_PATCHES_PER_DATA_QUBIT
    extra_patches: int = STAR_EXTRA_PATCHES
    t_gates: str = "injection"
    payment: str = "auto"
    max_sampling_overhead: float = DEFAULT_MAX_SAMPLING_OVERHEAD
    measurements_per_toffoli: int = CYCLES_PER_TOFFOLI

    def __attrs_post_init__(self) -> None:
        check_positive("patches_per_data_qubit", self.patches_per_data_qubit)
        if float(self.patches_per_data_qubit) < 1:
            raise InvalidInputError(
                "patches_per_data_qubit", self.patches_per_data_qubit, "patches_per_data_qubit >= 1"
            )
        check_non_negative("extra_patches", self.extra_patches, integer=True)
        if self.t_gates not in ("injection", "magic_source"):
            raise InvalidInputError("t_gates", self.t_gates, "'injection' or 'magic_source'")
        if self.payment not in ("budget", "pec", "auto"):
            raise InvalidInputError("payment", self.payment, "'budget', 'pec' or 'auto'")
        check_positive("max_sampling_overhead", self.max_sampling_overhead)
        if float(self.max_sampling_overhead) < 1:
            raise InvalidInputError(
                "max_sampling_overhead", self.max_sampling_overhead, "max_sampling_overhead >= 1"
            )
        check_positive("measurements_per_toffoli", self.measurements_per_toffoli, integer=True)

    # The Layout interface (distance-independent parts; the full model is estimate_star).
    def logical_qubits(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        n = max(1, _as_int("num_qubits", counts.num_qubits))
        extra = int(rotation.extra_logical_qubits) if rotation is not None else 0
        return math.ceil(float(self.patches_per_data_qubit) * n) + int(self.extra_patches) + extra

    def logical_depth(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        """Logical cycles with one rotation per layer (no RUS parallelism, no injection time)."""
        m = _as_int("measurement_count", counts.measurement_count)
        t = _as_int("t_count", counts.t_count)
        tof = _as_int("ccz_count", counts.ccz_count) + _as_int("ccix_count", counts.ccix_count)
        depth = m + t + self.measurements_per_toffoli * tof
        if rotation is not None:
            d_r = _as_int("rotation_depth", counts.rotation_depth)
            depth += math.ceil(float(rotation.logical_time_steps) * d_r)
        return depth

    def num_magic_states(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        """Magic states from the source (0 when T gates are injected, except mutated rotations)."""
        n = 0
        if self.t_gates == "magic_source":
            t = _as_int("t_count", counts.t_count)
            tof = _as_int("ccz_count", counts.ccz_count) + _as_int("ccix_count", counts.ccix_count)
            n = t + T_PER_TOFFOLI * tof
        if rotation is not None:
            r = _as_int("rotation_count", counts.rotation_count)
            n += math.ceil(float(rotation.t_count) * r)
        return n


@frozen(kw_only=True)
class StarEstimate(Estimate):
    """An :class:`~estimator.physical.Estimate` of a STAR-family architecture, with its extras.

    ``runtime_ns`` is the total runtime including the PEC sampling overhead; the runtime of one
    shot is ``runtime_per_shot_ns``. ``rotation_error`` is the error *charged to the budget*
    (0 under PEC); ``residual_rotation_error`` is the expected faults before cancellation.

    Attributes:
        payment_mode: ``"budget"`` or ``"pec"``.
        residual_rotation_error: ``sum_g N_g P_g`` over rotations and injected T states.
        log_sampling_overhead: ``ln(gamma^2)`` (0 without PEC).
        max_sampling_overhead: The bound ``gamma^2`` was checked against.
        runtime_per_shot_ns: Runtime of one shot (no PEC overhead).
        rotation_logical_cycles: Logical cycles of the rotation layers per shot.
        clifford_logical_cycles: Logical cycles of measurements, T gates and Toffolis per shot.
        expected_injections: Expected analog injections per shot (rotations and T gates).
        injected_t_states: T gates executed by analog injection.
        data_patches: Logical data patches.
        ancilla_patches: Routing, injection and scheme ancilla patches.
        t_gates: ``"injection"`` or ``"magic_source"``.
    """

    payment_mode: str = "budget"
    residual_rotation_error: float = 0.0
    log_sampling_overhead: float = 0.0
    max_sampling_overhead: float = DEFAULT_MAX_SAMPLING_OVERHEAD
    runtime_per_shot_ns: int = 0
    rotation_logical_cycles: float = 0.0
    clifford_logical_cycles: float = 0.0
    expected_injections: float = 0.0
    injected_t_states: int = 0
    data_patches: int = 0
    ancilla_patches: int = 0
    t_gates: str = "injection"

    @property
    def sampling_overhead(self) -> float:
        """PEC factor ``gamma^2`` on shots and runtime (1 without PEC)."""
        return math.exp(self.log_sampling_overhead)

    @property
    def runtime_per_shot_s(self) -> float:
        """Runtime of one shot in seconds."""
        return self.runtime_per_shot_ns / 1e9

    def to_dict(self) -> dict[str, Any]:
        """:meth:`Estimate.to_dict` plus a ``"star"`` section with the STAR quantities."""
        out = super().to_dict()
        out["star"] = {
            "paymentMode": self.payment_mode,
            "residualRotationError": self.residual_rotation_error,
            "logSamplingOverhead": self.log_sampling_overhead,
            "samplingOverhead": self.sampling_overhead,
            "maxSamplingOverhead": self.max_sampling_overhead,
            "runtimePerShot": self.runtime_per_shot_ns,
            "rotationLogicalCycles": self.rotation_logical_cycles,
            "cliffordLogicalCycles": self.clifford_logical_cycles,
            "expectedInjections": self.expected_injections,
            "injectedTStates": self.injected_t_states,
            "dataPatches": self.data_patches,
            "ancillaPatches": self.ancilla_patches,
            "tGates": self.t_gates,
        }
        return out


def is_star_architecture(architecture: Architecture) -> bool:
    """Whether ``architecture`` is estimated by :func:`estimate_star` (its layout is STAR's)."""
    return isinstance(getattr(architecture, "layout", None), StarLayoutModel)


# ------------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------------
def _rotation_groups(counts: LogicalCounts, scheme: RotationScheme) -> list[tuple[Any, int]]:
    """``(angle or None, count)`` pairs; the histogram only for angle-dependent schemes."""
    r = _as_int("rotation_count", counts.rotation_count)
    if r == 0:
        return []
    if counts.rotation_angles and scheme.angle_dependent:
        groups = [(a, _as_int("rotation_angles.count", n)) for a, n in counts.rotation_angles]
        groups = [(a, n) for a, n in groups if n > 0]
        rest = r - sum(n for _, n in groups)
        if rest > 0:  # rotations without a recorded angle: the scheme's generic angle
            groups.append((None, rest))
        return groups
    return [(None, r)]


def _split(budget: ErrorBudget | float, has_magic: bool, has_rotation_error: bool) -> ErrorBudget:
    if isinstance(budget, ErrorBudget):
        if not budget.logical > 0:
            raise InvalidInputError("error_budget.logical", budget.logical, "0 < logical < 1")
        if has_magic and not budget.magic_states > 0:
            raise InvalidInputError(
                "error_budget.magic_states",
                budget.magic_states,
                "0 < magic_states < 1 (the program consumes magic states)",
            )
        return budget
    if isinstance(budget, bool):
        raise InvalidInputError("error_budget", budget, "0 < error_budget < 1")
    return ErrorBudget.qre_split(
        budget, has_magic_states=has_magic, has_rotations=has_rotation_error
    )


@frozen(kw_only=True)
class _Point:
    """Everything computed at one code distance."""

    d: int
    rotation: RotationCost | None
    t_cost: RotationCost | None
    payment: RotationErrorPayment
    n_magic: int
    injected_t: int
    injections: float
    rotation_cycles: float
    clifford_cycles: float
    cycles: float
    layout: StarLayout
    cycle_ns: int
    logical_error: float


def _physical_error_field(p: float) -> dict[str, float]:
    """``physical_error=p`` if this version of :class:`Estimate` has that field."""
    names = {a.name for a in attrs.fields(Estimate)}
    return {"physical_error": p} if "physical_error" in names else {}


def _success_probability(scheme: RotationScheme) -> float:
    return float(getattr(scheme, "success_probability", 0.5))


class _StarEngine:
    def __init__(
        self,
        counts: LogicalCounts,
        arch: Architecture,
        budget: ErrorBudget | float,
        payment: str,
        max_sampling_overhead: float,
    ) -> None:
        self.counts = counts
        self.arch = arch
        self.model: StarLayoutModel = arch.layout  # type: ignore[assignment]
        self.scheme = arch.rotation_scheme
        self.payment = payment
        self.max_overhead = max_sampling_overhead
        self.p = arch.qec.physical_error(arch.qubit)
        c = counts
        self.n_rot = _as_int("rotation_count", c.rotation_count)
        self.depth_rot = _as_int("rotation_depth", c.rotation_depth) if self.n_rot else 0
        self.n_t = _as_int("t_count", c.t_count)
        self.n_tof = _as_int("ccz_count", c.ccz_count) + _as_int("ccix_count", c.ccix_count)
        self.n_meas = _as_int("measurement_count", c.measurement_count)
        self.groups = _rotation_groups(c, self.scheme)
        inject_t = self.model.t_gates == "injection"
        self.n_t_like = self.n_t + T_PER_TOFFOLI * self.n_tof
        self.injected_t = self.n_t_like if inject_t else 0
        # magic states known before costing (mutated STAR v3 rotations are added per distance)
        may_need_magic = (not inject_t and self.n_t_like > 0) or (
            self.n_rot > 0 and getattr(self.scheme, "synthesis", None) is not None
        )
        has_rot_error = self.n_rot > 0 or self.injected_t > 0
        self.budget = _split(budget, may_need_magic, has_rot_error)
        if self.n_rot == 0 and self.n_t_like == 0 and self.n_meas == 0:
            raise InvalidInputError(
                "counts", counts, "at least one operation (the program has none)"
            )

    # -- per-distance evaluation -------------------------------------------------------------
    def context(self, d: int) -> RotationContext:
        cycle_ns = self.arch.qec.logical_cycle_time_ns(d, self.arch.qubit)
        return RotationContext(
            physical_error=self.p, code_distance=d, code_cycle_time_ns=cycle_ns / d
        )

    def point(self, d: int) -> _Point:
        ctx = self.context(d)
        n_total = self.n_rot + self.injected_t
        precision = (
            self.scheme.precision_per_rotation(self.budget.rotations, n_total)
            if n_total and self.budget.rotations > 0
            else 1e-3  # only used for notes / a mutated synthesis, never charged
        )
        costs = [
            (n, self.scheme.cost(precision=precision, angle=a, context=ctx)) for a, n in self.groups
        ]
        rotation = mean_rotation_cost(costs) if costs else None
        t_cost = None
        if self.injected_t:
            t_cost = self.scheme.cost(precision=precision, angle=T_ANGLE, context=ctx)
        error_groups = [(c.error, n) for n, c in costs]
        if t_cost is not None:
            error_groups.append((t_cost.error, self.injected_t))
        payment = pay_rotation_error(
            rotation_budget=self.budget.rotations,
            groups=error_groups,
            mode=self.payment,  # type: ignore[arg-type]
            max_sampling_overhead=self.max_overhead,
            scheme_name=self._payment_label(costs, t_cost),
        )
        # magic states from the source
        n_magic = 0 if self.model.t_gates == "injection" else self.n_t_like
        n_magic += sum(math.ceil(float(c.t_count) * n) for n, c in costs)
        n_magic += sum(math.ceil(float(c.toffoli_count) * n) * T_PER_TOFFOLI for n, c in costs)
        if rotation is not None:
            n_magic += math.ceil(float(rotation.one_off_t_count))
        # cycles per shot
        rot_cycles = 0.0
        if rotation is not None and float(rotation.logical_time_steps) > 0:
            q = _success_probability(self.scheme)
            single = expected_max_rus_steps(1.0, q)
            runtime = star_runtime(
                rotation_depth=self.depth_rot,
                step_logical_cycles=float(rotation.logical_time_steps) / single,
                code_distance=d,
                code_cycle_time_ns=1.0,
                rotations_per_layer=max(1.0, self.n_rot / self.depth_rot),
                success_probability=q,
            )
            rot_cycles = runtime.logical_cycles
        t_step = float(t_cost.logical_time_steps) if t_cost is not None else 1.0
        cliff_cycles = float(self.n_meas) + self.n_t * t_step
        cliff_cycles += self.n_tof * self.model.measurements_per_toffoli * t_step
        injections = sum(float(c.injections) * n for n, c in costs)
        if t_cost is not None:
            injections += float(t_cost.injections) * self.injected_t
        extra = rotation.extra_logical_qubits if rotation is not None else 0
        layout = star_layout(
            max(1, _as_int("num_qubits", self.counts.num_qubits)),
            d,
            patches_per_data_qubit=self.model.patches_per_data_qubit,
            extra_patches=self.model.extra_patches,
            scheme_extra_patches=int(extra),
            qubits_per_patch=self.arch.qec.physical_qubits_per_logical(d),
        )
        return _Point(
            d=d,
            rotation=rotation,
            t_cost=t_cost,
            payment=payment,
            n_magic=n_magic,
            injected_t=self.injected_t,
            injections=injections,
            rotation_cycles=rot_cycles,
            clifford_cycles=cliff_cycles,
            cycles=rot_cycles + cliff_cycles,
            layout=layout,
            cycle_ns=self.arch.qec.logical_cycle_time_ns(d, self.arch.qubit),
            logical_error=self.arch.qec.logical_error(d, self.arch.qubit),
        )

    def _payment_label(
        self, costs: list[tuple[int, RotationCost]], t_cost: RotationCost | None
    ) -> str:
        """Scheme name for messages, naming the injected T states when there are any."""
        if t_cost is None:
            return self.scheme.name
        parts = []
        if self.n_rot:
            mean = sum(n * float(c.error) for n, c in costs) / self.n_rot
            parts.append(f"{fmt(self.n_rot)} rotations at {fmt(mean)}")
        parts.append(f"{fmt(self.injected_t)} injected T states at {fmt(t_cost.error)}")
        return f"{self.scheme.name} ({' + '.join(parts)} each)"

    # -- factories -----------------------------------------------------------------------------
    def factory(self, n_magic: int) -> tuple[MagicStateFactory, float]:
        if not self.budget.magic_states > 0:
            raise InvalidInputError(
                "error_budget.magic_states",
                self.budget.magic_states,
                "0 < magic_states < 1 (the program consumes magic states)",
            )
        required = self.budget.magic_states / float(n_magic)
        source = self.arch.magic_source
        found = source.find_factories(
            output_error=min(required, 0.5),
            qubit=self.arch.qubit,
            qec=self.arch.qec,
            max_code_distance=self.arch.max_code_distance,
        )
        if not found:
            raise InfeasibleEstimateError(
                f"magic-state source {source.name} has no factory with T-state error <= "
                f"{fmt(required)} (magic budget {fmt(self.budget.magic_states)} / "
                f"{n_magic:,} T states) at code distance <= {self.arch.max_code_distance}",
                constraint="magic_states",
            )
        # QRE's choice: least qubit-time per output state
        best = min(found, key=lambda f: f.normalized_volume)
        return best, required

    # -- the search ----------------------------------------------------------------------------
    def run(self) -> StarEstimate:
        last_payment_error: InfeasibleEstimateError | None = None
        last_point: _Point | None = None
        factory_cache: dict[int, tuple[MagicStateFactory, float]] = {}
        start = max(MIN_CODE_DISTANCE, 1) | 1
        for d in range(start, self.arch.max_code_distance + 1, 2):
            try:
                pt = self.point(d)
            except InfeasibleEstimateError as exc:
                if exc.constraint in ("rotation_budget", "rotation_error", "pec_sampling_overhead"):
                    last_payment_error = exc
                    continue
                raise
            factory = None
            required_magic = None
            cycles = pt.cycles
            if pt.n_magic > 0:
                if pt.n_magic not in factory_cache:
                    factory_cache[pt.n_magic] = self.factory(pt.n_magic)
                factory, required_magic = factory_cache[pt.n_magic]
                # stretch to one factory run if the algorithm is shorter (QRE rule)
                cycles = max(cycles, math.ceil(factory.duration_ns / pt.cycle_ns))
            last_point = pt
            patches = pt.layout.total_patches
            clifford_error = patches * cycles * pt.logical_error
            if clifford_error <= self.budget.logical:
                return self.result(pt, cycles, factory, required_magic)
        if last_point is None and last_payment_error is not None:
            raise last_payment_error
        if last_point is None:
            raise InfeasibleEstimateError(
                f"no code distance <= {self.arch.max_code_distance} available", "code_distance"
            )
        pt = last_point
        raise InfeasibleEstimateError(
            f"no code distance <= {self.arch.max_code_distance} keeps the Clifford error of "
            f"{pt.layout.total_patches:,} patches over {fmt(pt.cycles)} logical cycles within "
            f"the logical budget {fmt(self.budget.logical)} (error "
            f"{fmt(pt.layout.total_patches * pt.cycles * pt.logical_error)} at d = {pt.d})",
            constraint="code_distance",
        )

    def result(
        self,
        pt: _Point,
        cycles: float,
        factory: MagicStateFactory | None,
        required_magic: float | None,
    ) -> StarEstimate:
        logical_depth = math.ceil(cycles)
        shot_ns = logical_depth * pt.cycle_ns
        log_overhead = pt.payment.log_sampling_overhead
        total_ns = shot_ns if log_overhead == 0 else math.ceil(shot_ns * math.exp(log_overhead))
        copies = 0
        runs = 0
        f_qubits = 0
        if factory is not None:
            per_copy = (shot_ns // factory.duration_ns) * factory.output_states
            copies = -(-pt.n_magic // per_copy)
            runs = -(-pt.n_magic // (copies * factory.output_states))
            f_qubits = copies * factory.physical_qubits
        alg_qubits = pt.layout.physical_qubits
        patches = pt.layout.total_patches
        return StarEstimate(
            architecture=self.arch.name,
            counts=self.counts,
            budget=self.budget,
            code_distance=pt.d,
            logical_qubits=patches,
            algorithmic_logical_depth=math.ceil(pt.cycles),
            logical_depth=logical_depth,
            num_magic_states=pt.n_magic,
            rotation_scheme=self.scheme.name,
            rotation=pt.rotation,
            rotation_error=pt.payment.charged_error,
            factory=factory,
            num_factories=copies,
            num_factory_runs=runs,
            physical_qubits_per_logical=pt.layout.qubits_per_patch,
            physical_qubits_for_algorithm=alg_qubits,
            physical_qubits_for_factories=f_qubits,
            physical_qubits=alg_qubits + f_qubits,
            runtime_ns=total_ns,
            rqops=math.ceil(float(patches) * (1e9 / float(pt.cycle_ns))),
            logical_cycle_time_ns=pt.cycle_ns,
            logical_error_per_cycle=pt.logical_error,
            required_logical_error=self.budget.logical / (patches * max(cycles, 1.0)),
            required_magic_state_error=required_magic,
            clifford_error=self.arch.qubit.clifford_error,
            qubit_name=self.arch.qubit.name,
            qec=self.arch.qec.to_dict(),
            **_physical_error_field(self.p),
            payment_mode=pt.payment.mode,
            residual_rotation_error=pt.payment.total_error,
            log_sampling_overhead=log_overhead,
            max_sampling_overhead=float(self.max_overhead),
            runtime_per_shot_ns=shot_ns,
            rotation_logical_cycles=pt.rotation_cycles,
            clifford_logical_cycles=pt.clifford_cycles,
            expected_injections=pt.injections,
            injected_t_states=pt.injected_t,
            data_patches=pt.layout.data_patches,
            ancilla_patches=pt.layout.ancilla_patches,
            t_gates=self.model.t_gates,
        )


def estimate_star(
    counts: LogicalCounts,
    architecture: Architecture,
    budget: ErrorBudget | float,
    *,
    payment: str | None = None,
    max_sampling_overhead: float | None = None,
) -> StarEstimate:
    """Physical resources of ``counts`` on a STAR-family ``architecture`` within ``budget``.

    Args:
        counts: Numeric logical counts.
        architecture: An architecture whose layout is a :class:`StarLayoutModel`.
        budget: An :class:`ErrorBudget`, or a total split as QRE does among logical, magic-state
            and rotation errors (the rotation part pays the residual analog error).
        payment: Override the layout's ``payment`` (``"budget"``, ``"pec"``, ``"auto"``).
        max_sampling_overhead: Override the layout's PEC bound on ``gamma^2``.

    Raises:
        InfeasibleEstimateError: The residual rotation error fits neither the budget nor PEC
            within the bound (constraint ``"rotation_error"``/``"rotation_budget"``/
            ``"pec_sampling_overhead"``), no code distance fits the Clifford error
            (``"code_distance"``), or no factory reaches the T-state error (``"magic_states"``).
    """
    if not isinstance(architecture, Architecture):
        raise InvalidInputError("architecture", architecture, "an Architecture")
    if not is_star_architecture(architecture):
        raise InvalidInputError(
            "architecture.layout", architecture.layout.name, "a StarLayoutModel (layout 'star')"
        )
    model: StarLayoutModel = architecture.layout  # type: ignore[assignment]
    mode = model.payment if payment is None else payment
    if mode not in ("budget", "pec", "auto"):
        raise InvalidInputError("payment", mode, "'budget', 'pec' or 'auto'")
    bound = model.max_sampling_overhead if max_sampling_overhead is None else max_sampling_overhead
    check_positive("max_sampling_overhead", bound)
    counts = _numeric_counts(counts)
    return _StarEngine(counts, architecture, budget, mode, float(bound)).run()


def estimate_any(
    counts: LogicalCounts,
    architecture: Architecture,
    budget: ErrorBudget | float,
    *,
    search: str = "monotone",
    **kwargs: Any,
) -> Estimate:
    """Any architecture: :func:`estimate_star` for the STAR family, else QRE's algorithm.

    Args:
        counts: Numeric logical counts.
        architecture: The machine model.
        budget: Total failure probability or an :class:`ErrorBudget`.
        search: ``"monotone"`` (default): never more qubits or more time for a larger budget
            (:func:`estimator.search.monotone_estimate`); ``"qre"``: one run of the engine
            (QRE's algorithm, or the STAR estimate), which is not monotone in the budget.
        **kwargs: ``payment`` and ``max_sampling_overhead`` apply to STAR-family architectures
            only; ``constraints`` to the others.
    """
    from estimator.search import check_search, monotone_estimate

    check_search(search)
    if search == "monotone":
        return monotone_estimate(counts, architecture, budget, **kwargs)
    if is_star_architecture(architecture):
        kwargs.pop("constraints", None)
        return estimate_star(counts, architecture, budget, **kwargs)
    from estimator.physical import estimate

    return estimate(
        counts, architecture, budget, constraints=kwargs.get("constraints"), search="qre"
    )


__all__ = [
    "StarEstimate",
    "StarLayoutModel",
    "estimate_any",
    "estimate_star",
    "is_star_architecture",
]
