"""The physical estimate: logical counts + architecture + error budget -> qubits and runtime.

:func:`estimate` re-implements the single-point estimate of Microsoft's resource estimator (QRE
1.31, ``physical_estimation.rs`` and ``estimate_without_restrictions.rs``), generic over the
rotation scheme, the magic-state source, the QEC code and the layout:

1. The rotation scheme costs one rotation at precision ``scheme.precision_per_rotation(eps_rot,
   R)``; the layout turns counts into logical qubits ``Q``, logical depth ``C`` and magic states.
2. The code distance is the smallest ``d`` with ``P_L(d) <= eps_log / (Q C)`` (arXiv:2211.07629,
   Eq. (E2)).
3. Factories are searched with output error ``eps_T / n_T`` and distances ``<= d``. If the best
   factory (least qubit-time per state) is slower than the algorithm, the algorithm is stretched
   up to the largest ``C`` that ``d`` still supports; if nothing fits, ``C`` grows past that
   limit and the distance increases (QRE rule).
4. Copies ``ceil(n_T / (floor(C t_cycle / t_factory) n_out))`` run in parallel (QRE rule).

With :class:`~estimator.rotations.qre_formula.QREFormulaSynthesis`,
:class:`~estimator.magic.round_based.RoundBasedFactorySource` and QRE's presets this reproduces
QRE's numbers exactly (tests/test_qre_parity.py).

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix E (the algorithm), Eqs. (E1)-(E5).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import attrs
from attrs import field, frozen

from estimator.architecture import Architecture
from estimator.budget import ErrorBudget
from estimator.errors import InfeasibleEstimateError, InvalidInputError, SymbolicValueError
from estimator.logical import _COUNT_FIELDS, LogicalCounts
from estimator.magic.base import MagicStateFactory
from estimator.magic.round_based import RoundBasedFactory
from estimator.rotations.base import RotationContext, RotationCost
from estimator.validation import is_symbolic, to_number

_U64 = 2**64


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------
def _opt_positive_int(name: str) -> Any:
    def check(instance: object, attribute: object, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidInputError(name, value, f"an integer {name} >= 1 (or None)")

    return check


def _check_depth_factor(instance: object, attribute: object, value: Any) -> None:
    if value is None:
        return
    x = to_number("logical_depth_factor", value)
    if not (x >= 1.0) or math.isinf(x):
        raise InvalidInputError("logical_depth_factor", value, "1 <= logical_depth_factor < inf")


@frozen(kw_only=True)
class Constraints:
    """QRE's optional constraints on a single-point estimate.

    Attributes:
        logical_depth_factor: Multiply the algorithm's logical depth by this factor (>= 1).
        max_t_factories: At most this many factory copies.
        max_duration_ns: Minimize qubits subject to a runtime of at most this.
        max_physical_qubits: Minimize runtime subject to at most this many qubits.
    """

    logical_depth_factor: float | None = field(default=None, validator=_check_depth_factor)
    max_t_factories: int | None = field(
        default=None, validator=_opt_positive_int("max_t_factories")
    )
    max_duration_ns: int | None = field(
        default=None, validator=_opt_positive_int("max_duration_ns")
    )
    max_physical_qubits: int | None = field(
        default=None, validator=_opt_positive_int("max_physical_qubits")
    )

    def __attrs_post_init__(self) -> None:
        # QRE rule: the two target constraints exclude each other
        if self.max_duration_ns is not None and self.max_physical_qubits is not None:
            raise InvalidInputError(
                "constraints",
                "max_duration_ns and max_physical_qubits",
                "at most one of max_duration_ns and max_physical_qubits",
            )

    def to_dict(self) -> dict[str, Any]:
        """QRE's ``constraints`` JSON keys (only the set ones)."""
        keys = {
            "logical_depth_factor": "logicalDepthFactor",
            "max_t_factories": "maxTFactories",
            "max_duration_ns": "maxDuration",
            "max_physical_qubits": "maxPhysicalQubits",
        }
        return {v: getattr(self, k) for k, v in keys.items() if getattr(self, k) is not None}


@frozen(kw_only=True)
class FactorySummary(MagicStateFactory):
    """A factory reduced to its numbers (used when an estimate is read back from JSON)."""

    label: str
    qubits: int
    runtime_ns: int
    outputs: int
    error: float
    top_distance: int = 0

    @property
    def name(self) -> str:
        return self.label

    @property
    def physical_qubits(self) -> int:
        return self.qubits

    @property
    def duration_ns(self) -> int:
        return self.runtime_ns

    @property
    def output_states(self) -> int:
        return self.outputs

    @property
    def output_error(self) -> float:
        return self.error

    @property
    def max_code_distance(self) -> int:
        return self.top_distance


def _factory_to_dict(factory: MagicStateFactory) -> dict[str, Any]:
    if isinstance(factory, RoundBasedFactory):
        return {"kind": "round_based", **factory.to_dict()}
    return {
        "kind": "summary",
        "name": factory.name,
        "physicalQubits": int(factory.physical_qubits),
        "runtime": int(factory.duration_ns),
        "numTstates": int(factory.output_states),
        "logicalErrorRate": float(factory.output_error),
        "maxCodeDistance": int(factory.max_code_distance),
    }


def _factory_from_dict(data: dict[str, Any]) -> MagicStateFactory:
    if data.get("kind", "round_based") == "round_based":
        return RoundBasedFactory.from_dict(data)
    return FactorySummary(
        label=data["name"],
        qubits=data["physicalQubits"],
        runtime_ns=data["runtime"],
        outputs=data["numTstates"],
        error=data["logicalErrorRate"],
        top_distance=data.get("maxCodeDistance", 0),
    )


# ------------------------------------------------------------------------------------------------
# The result
# ------------------------------------------------------------------------------------------------
@frozen(kw_only=True)
class ReportEntry:
    """One line of a report: a value with the formula that produced it, numbers filled in."""

    key: str
    label: str
    value: Any
    explanation: str


@frozen(kw_only=True)
class Estimate:
    """The physical cost of one algorithm on one architecture (all counts are Python ints).

    Attributes:
        architecture: Name of the architecture.
        counts: The logical counts estimated.
        budget: The error budget used (after splitting a total as QRE does).
        code_distance: Code distance of the algorithm's patches.
        logical_qubits: Logical qubits after layout (QRE's ``algorithmicLogicalQubits``).
        algorithmic_logical_depth: Logical cycles required by the layout.
        logical_depth: Logical cycles performed (stretched if factories are slow).
        num_magic_states: T states consumed.
        rotation_scheme: Name of the rotation scheme.
        rotation: Per-rotation cost (count-weighted mean over the angle histogram), or None.
        rotation_error: Total error of all rotations.
        factory: The factory design, or None if no magic states are needed.
        num_factories: Factory copies running in parallel.
        num_factory_runs: Times all copies run.
        physical_qubits_per_logical: Footprint of one patch.
        physical_qubits_for_algorithm: Qubits of the laid-out algorithm.
        physical_qubits_for_factories: Qubits of all factory copies.
        physical_qubits: Total physical qubits.
        runtime_ns: Total runtime.
        rqops: Reliable quantum operations per second (QRE's rQOPS).
        logical_cycle_time_ns: Duration of one logical cycle.
        logical_error_per_cycle: Logical error per patch per logical cycle at ``code_distance``.
        required_logical_error: Required logical error per patch per cycle.
        required_magic_state_error: Required error per T state (None without magic states).
        clifford_error: The qubit's Clifford error rate.
        qubit_name: The physical qubit model's name.
        physical_error: The error rate the code sees, max(Clifford, readout) (QRE rule).
        qec: The QEC code's plain data (name, threshold, prefactor, formulas).
        constraints: The constraints used, if any.
    """

    architecture: str
    counts: LogicalCounts
    budget: ErrorBudget
    code_distance: int
    logical_qubits: int
    algorithmic_logical_depth: int
    logical_depth: int
    num_magic_states: int
    rotation_scheme: str
    rotation: RotationCost | None
    rotation_error: float
    factory: MagicStateFactory | None
    num_factories: int
    num_factory_runs: int
    physical_qubits_per_logical: int
    physical_qubits_for_algorithm: int
    physical_qubits_for_factories: int
    physical_qubits: int
    runtime_ns: int
    rqops: int
    logical_cycle_time_ns: int
    logical_error_per_cycle: float
    required_logical_error: float
    required_magic_state_error: float | None
    clifford_error: float
    qubit_name: str
    physical_error: float | None = None
    qec: dict[str, Any] = field(factory=dict, hash=False)
    constraints: Constraints | None = None

    # ---- derived --------------------------------------------------------------------------------
    @property
    def t_per_rotation(self) -> Any:
        """T states per rotation (QRE's ``numTsPerRotation``), or None without rotations."""
        return None if self.rotation is None else self.rotation.t_count

    @property
    def _search_cycles(self) -> int:
        """The logical cycles the code distance was chosen for (QRE may stretch them)."""
        return round(self.budget.logical / (self.logical_qubits * self.required_logical_error))

    @property
    def runtime_s(self) -> float:
        """Runtime in seconds."""
        return self.runtime_ns / 1e9

    @property
    def clock_frequency_hz(self) -> float:
        """Logical cycles per second."""
        return 1e9 / self.logical_cycle_time_ns

    @property
    def logical_error_total(self) -> float:
        """Achieved logical failure bound: ``Q * C * P_L(d)``."""
        return self.logical_qubits * self.logical_depth * self.logical_error_per_cycle

    @property
    def magic_state_error_total(self) -> float:
        """Achieved magic-state failure bound: ``n_T * eps_factory``."""
        if self.factory is None:
            return 0.0
        return self.num_magic_states * self.factory.output_error

    @property
    def total_error(self) -> float:
        """Sum of the achieved logical, magic-state and rotation error bounds."""
        return self.logical_error_total + self.magic_state_error_total + self.rotation_error

    # ---- serialization ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-able data with QRE's keys (``physicalCounts``, ``logicalQubit``, ``tfactory``,
        ``errorBudget``, ``logicalCounts``) plus ours (``architecture``, ``rotation``, ...).

        :meth:`from_dict` reads it back (exact for numeric counts).
        """
        rot = None
        if self.rotation is not None:
            rot = {
                "scheme": self.rotation.scheme,
                "tCount": self.rotation.t_count,
                "toffoliCount": self.rotation.toffoli_count,
                "injections": self.rotation.injections,
                "logicalTimeSteps": self.rotation.logical_time_steps,
                "error": self.rotation.error,
                "extraLogicalQubits": self.rotation.extra_logical_qubits,
                "oneOffTCount": self.rotation.one_off_t_count,
                "notes": self.rotation.notes,
            }
        return {
            "architecture": self.architecture,
            "physicalCounts": {
                "physicalQubits": self.physical_qubits,
                "runtime": self.runtime_ns,
                "rqops": self.rqops,
                "breakdown": {
                    "algorithmicLogicalQubits": self.logical_qubits,
                    "algorithmicLogicalDepth": self.algorithmic_logical_depth,
                    "logicalDepth": self.logical_depth,
                    "numTstates": self.num_magic_states,
                    "clockFrequency": self.clock_frequency_hz,
                    "numTfactories": self.num_factories,
                    "numTfactoryRuns": self.num_factory_runs,
                    "physicalQubitsForTfactories": self.physical_qubits_for_factories,
                    "physicalQubitsForAlgorithm": self.physical_qubits_for_algorithm,
                    "requiredLogicalQubitErrorRate": self.required_logical_error,
                    "requiredLogicalTstateErrorRate": self.required_magic_state_error,
                    "numTsPerRotation": self.t_per_rotation,
                    "cliffordErrorRate": self.clifford_error,
                },
            },
            "logicalQubit": {
                "codeDistance": self.code_distance,
                "physicalQubits": self.physical_qubits_per_logical,
                "logicalCycleTime": self.logical_cycle_time_ns,
                "logicalErrorRate": self.logical_error_per_cycle,
            },
            "tfactory": None if self.factory is None else _factory_to_dict(self.factory),
            "errorBudget": {
                "logical": self.budget.logical,
                "tstates": self.budget.magic_states,
                "rotations": self.budget.rotations,
            },
            "logicalCounts": self.counts.to_qre_json(),
            "rotationAngles": [[a, c] for a, c in self.counts.rotation_angles],
            "rotationScheme": self.rotation_scheme,
            "rotation": rot,
            "rotationError": self.rotation_error,
            "qubitName": self.qubit_name,
            "physicalErrorRate": self.physical_error,
            "qecScheme": dict(self.qec),
            "constraints": None if self.constraints is None else self.constraints.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Estimate:
        """Inverse of :meth:`to_dict`."""
        pc = data["physicalCounts"]
        bd = pc["breakdown"]
        lq = data["logicalQubit"]
        eb = data["errorBudget"]
        rot = data.get("rotation")
        rotation = None
        if rot is not None:
            rotation = RotationCost(
                scheme=rot["scheme"],
                t_count=rot["tCount"],
                toffoli_count=rot["toffoliCount"],
                injections=rot["injections"],
                logical_time_steps=rot["logicalTimeSteps"],
                error=rot["error"],
                extra_logical_qubits=rot["extraLogicalQubits"],
                one_off_t_count=rot["oneOffTCount"],
                notes=rot.get("notes", ""),
            )
        counts = LogicalCounts.from_qre_json(data["logicalCounts"])
        angles = data.get("rotationAngles") or ()
        if angles:
            counts = attrs.evolve(counts, rotation_angles=tuple((a, c) for a, c in angles))
        cons = data.get("constraints")
        constraints = None
        if cons is not None:
            constraints = Constraints(
                logical_depth_factor=cons.get("logicalDepthFactor"),
                max_t_factories=cons.get("maxTFactories"),
                max_duration_ns=cons.get("maxDuration"),
                max_physical_qubits=cons.get("maxPhysicalQubits"),
            )
        tf = data.get("tfactory")
        return cls(
            architecture=data["architecture"],
            counts=counts,
            budget=ErrorBudget(
                logical=eb["logical"], magic_states=eb["tstates"], rotations=eb["rotations"]
            ),
            code_distance=lq["codeDistance"],
            logical_qubits=bd["algorithmicLogicalQubits"],
            algorithmic_logical_depth=bd["algorithmicLogicalDepth"],
            logical_depth=bd["logicalDepth"],
            num_magic_states=bd["numTstates"],
            rotation_scheme=data["rotationScheme"],
            rotation=rotation,
            rotation_error=data["rotationError"],
            factory=None if tf is None else _factory_from_dict(tf),
            num_factories=bd["numTfactories"],
            num_factory_runs=bd["numTfactoryRuns"],
            physical_qubits_per_logical=lq["physicalQubits"],
            physical_qubits_for_algorithm=bd["physicalQubitsForAlgorithm"],
            physical_qubits_for_factories=bd["physicalQubitsForTfactories"],
            physical_qubits=pc["physicalQubits"],
            runtime_ns=pc["runtime"],
            rqops=pc["rqops"],
            logical_cycle_time_ns=lq["logicalCycleTime"],
            logical_error_per_cycle=lq["logicalErrorRate"],
            required_logical_error=bd["requiredLogicalQubitErrorRate"],
            required_magic_state_error=bd["requiredLogicalTstateErrorRate"],
            clifford_error=bd["cliffordErrorRate"],
            qubit_name=data["qubitName"],
            physical_error=data.get("physicalErrorRate"),
            qec=dict(data.get("qecScheme") or {}),
            constraints=constraints,
        )

    # ---- report -------------------------------------------------------------------------------
    def report_entries(self) -> list[ReportEntry]:
        """Each number with its formula and the actual numbers filled in (as QRE's report)."""
        c = self.counts
        f = self.factory
        f_qubits = f.physical_qubits if f else 0
        f_dur = f.duration_ns if f else 0
        f_out = f.output_states if f else 0
        q = self.qec
        a, pth = q.get("crossing_prefactor", "a"), q.get("threshold", "p*")
        p = self.physical_error if self.physical_error is not None else self.clifford_error
        rot = self.rotation
        steps = rot.logical_time_steps if rot else 0
        t_rot = rot.t_count if rot else 0
        entries = [
            ReportEntry(
                key="physicalCounts/runtime",
                label="Runtime",
                value=self.runtime_ns,
                explanation=(
                    f"logical cycle time x logical depth = {self.logical_cycle_time_ns:,} ns x "
                    f"{self.logical_depth:,} = {self.runtime_ns:,} ns (algorithmic depth "
                    f"{self.algorithmic_logical_depth:,}; a single factory run takes {f_dur:,} ns)"
                ),
            ),
            ReportEntry(
                key="physicalCounts/rqops",
                label="rQOPS",
                value=self.rqops,
                explanation=(
                    f"ceil(logical qubits x clock frequency) = ceil({self.logical_qubits:,} x "
                    f"{self.clock_frequency_hz:,.2f} /s) = {self.rqops:,}"
                ),
            ),
            ReportEntry(
                key="physicalCounts/physicalQubits",
                label="Physical qubits",
                value=self.physical_qubits,
                explanation=(
                    f"algorithm + factories = {self.physical_qubits_for_algorithm:,} + "
                    f"{self.physical_qubits_for_factories:,} = {self.physical_qubits:,}"
                ),
            ),
            ReportEntry(
                key="physicalCounts/breakdown/algorithmicLogicalQubits",
                label="Logical algorithmic qubits",
                value=self.logical_qubits,
                explanation=(
                    f"2 * Q + ceil(sqrt(8 * Q)) + 1 (+ rotation ancillas) with Q = "
                    f"{c.num_qubits:,}: {self.logical_qubits:,} (arXiv:2211.07629, Eq. (D1))"
                ),
            ),
            ReportEntry(
                key="physicalCounts/breakdown/algorithmicLogicalDepth",
                label="Algorithmic depth",
                value=self.algorithmic_logical_depth,
                explanation=(
                    f"(M + R + T) + 3 * (CCZ + CCiX) + steps per rotation * D_R = "
                    f"({c.measurement_count:,} + {c.rotation_count:,} + {c.t_count:,}) + 3 * "
                    f"({c.ccz_count:,} + {c.ccix_count:,}) + {steps:g} * {c.rotation_depth:,} = "
                    f"{self.algorithmic_logical_depth:,} (arXiv:2211.07629, Eq. (D3))"
                ),
            ),
            ReportEntry(
                key="physicalCounts/breakdown/logicalDepth",
                label="Logical depth",
                value=self.logical_depth,
                explanation=(
                    f"max(algorithmic depth {self.algorithmic_logical_depth:,}, cycles needed by "
                    f"the factories) = {self.logical_depth:,}"
                ),
            ),
            ReportEntry(
                key="physicalCounts/breakdown/numTstates",
                label="Number of T states",
                value=self.num_magic_states,
                explanation=(
                    f"T + 4 * (CCZ + CCiX) + T per rotation * R = {c.t_count:,} + 4 * "
                    f"({c.ccz_count:,} + {c.ccix_count:,}) + {t_rot:g} * {c.rotation_count:,} = "
                    f"{self.num_magic_states:,} (arXiv:2211.07629, Eq. (D4))"
                ),
            ),
            ReportEntry(
                key="physicalCounts/breakdown/numTsPerRotation",
                label="T states per rotation",
                value=self.t_per_rotation,
                explanation=(
                    f"{self.rotation_scheme} at precision eps_rot / R = {self.budget.rotations:.4g}"
                    f" / {c.rotation_count:,}: {t_rot:g} T states, {steps:g} logical steps"
                    if rot
                    else "no rotations"
                ),
            ),
            ReportEntry(
                key="logicalQubit/codeDistance",
                label="Code distance",
                value=self.code_distance,
                explanation=(
                    f"smallest odd d >= 2 ln({a} / {self.required_logical_error:.4g}) / "
                    f"ln({pth} / {p:g}) - 1 = {self.code_distance} "
                    "(arXiv:2211.07629, Eq. (E2))"
                ),
            ),
            ReportEntry(
                key="logicalQubit/logicalErrorRate",
                label="Logical error per cycle",
                value=self.logical_error_per_cycle,
                explanation=(
                    f"{a} * ({p:g} / {pth})^(({self.code_distance} + 1) / 2) = "
                    f"{self.logical_error_per_cycle:.4g} (arXiv:1208.0928, Eq. (11))"
                ),
            ),
            ReportEntry(
                key="physicalCounts/breakdown/requiredLogicalQubitErrorRate",
                label="Required logical error per cycle",
                value=self.required_logical_error,
                explanation=(
                    f"eps_log / (logical qubits x logical cycles) = {self.budget.logical:.4g} / "
                    f"({self.logical_qubits:,} x {self._search_cycles:,}) = "
                    f"{self.required_logical_error:.4g}"
                ),
            ),
            ReportEntry(
                key="logicalQubit/physicalQubits",
                label="Physical qubits per logical qubit",
                value=self.physical_qubits_per_logical,
                explanation=(
                    f"{q.get('physical_qubits_per_logical_qubit', '')} at d = "
                    f"{self.code_distance}: {self.physical_qubits_per_logical:,}"
                ),
            ),
            ReportEntry(
                key="logicalQubit/logicalCycleTime",
                label="Logical cycle time",
                value=self.logical_cycle_time_ns,
                explanation=(
                    f"{q.get('logical_cycle_time', '')} at d = {self.code_distance}: "
                    f"{self.logical_cycle_time_ns:,} ns"
                ),
            ),
            ReportEntry(
                key="physicalCounts/breakdown/physicalQubitsForAlgorithm",
                label="Physical algorithmic qubits",
                value=self.physical_qubits_for_algorithm,
                explanation=(
                    f"logical qubits x physical per logical = {self.logical_qubits:,} x "
                    f"{self.physical_qubits_per_logical:,} = {self.physical_qubits_for_algorithm:,}"
                ),
            ),
        ]
        if f is not None:
            entries += [
                ReportEntry(
                    key="physicalCounts/breakdown/requiredLogicalTstateErrorRate",
                    label="Required T state error",
                    value=self.required_magic_state_error,
                    explanation=(
                        f"eps_T / T states = {self.budget.magic_states:.4g} / "
                        f"{self.num_magic_states:,} = {self.required_magic_state_error:.4g}"
                    ),
                ),
                ReportEntry(
                    key="tfactory",
                    label="T factory",
                    value=f.name,
                    explanation=(
                        f"{f_qubits:,} qubits, {f_dur:,} ns per run, {f_out} T states per run "
                        f"with error {f.output_error:.4g} <= {self.required_magic_state_error:.4g}"
                    ),
                ),
                ReportEntry(
                    key="physicalCounts/breakdown/numTfactories",
                    label="Number of T factories",
                    value=self.num_factories,
                    explanation=(
                        f"ceil(T states / (floor(logical depth x cycle / factory duration) x "
                        f"states per run)) = ceil({self.num_magic_states:,} / (floor("
                        f"{self.logical_depth:,} x {self.logical_cycle_time_ns:,} ns / {f_dur:,} "
                        f"ns) x {f_out})) = {self.num_factories:,}"
                    ),
                ),
                ReportEntry(
                    key="physicalCounts/breakdown/numTfactoryRuns",
                    label="Number of T factory runs",
                    value=self.num_factory_runs,
                    explanation=(
                        f"ceil(T states / (copies x states per run)) = ceil("
                        f"{self.num_magic_states:,} / ({self.num_factories:,} x {f_out})) = "
                        f"{self.num_factory_runs:,}"
                    ),
                ),
                ReportEntry(
                    key="physicalCounts/breakdown/physicalQubitsForTfactories",
                    label="Physical T factory qubits",
                    value=self.physical_qubits_for_factories,
                    explanation=(
                        f"qubits per factory x copies = {f_qubits:,} x {self.num_factories:,} = "
                        f"{self.physical_qubits_for_factories:,}"
                    ),
                ),
            ]
        return entries


# ------------------------------------------------------------------------------------------------
# Preparation shared by the single-point estimate and the frontier
# ------------------------------------------------------------------------------------------------
@frozen(kw_only=True)
class _Prepared:
    arch: Architecture
    counts: LogicalCounts
    budget: ErrorBudget
    rotation: RotationCost | None
    rotation_error: float
    logical_qubits: int
    depth: int
    num_magic: int


def _numeric_counts(counts: LogicalCounts) -> LogicalCounts:
    if not isinstance(counts, LogicalCounts):
        raise InvalidInputError("counts", counts, "a LogicalCounts")
    try:
        return _numeric_cached(counts)
    except TypeError:  # unhashable contents: check without the cache
        return _numeric_checked(counts)


@functools.lru_cache(maxsize=4096)
def _numeric_cached(counts: LogicalCounts) -> LogicalCounts:
    """The checked numeric counts, once per counts (the default search prepares many budgets)."""
    return _numeric_checked(counts)


def _numeric_checked(counts: LogicalCounts) -> LogicalCounts:
    for name in _COUNT_FIELDS:
        value = getattr(counts, name)
        if is_symbolic(value):
            raise SymbolicValueError(f"counts.{name}", value)
    for angle, count in counts.rotation_angles:
        if is_symbolic(angle) or is_symbolic(count):
            raise SymbolicValueError("counts.rotation_angles", (angle, count))
    return counts.numeric()


def _as_int(name: str, value: Any) -> int:
    x = to_number(name, value)
    return x if isinstance(x, int) else math.ceil(x)


def _split_budget(budget: ErrorBudget | float, counts: LogicalCounts) -> ErrorBudget:
    has_rot = _as_int("rotation_count", counts.rotation_count) > 0
    has_magic = has_rot or any(
        _as_int(n, getattr(counts, n)) > 0 for n in ("t_count", "ccz_count", "ccix_count")
    )
    if isinstance(budget, ErrorBudget):
        # QRE rule (job_params.rs): each error source present needs a positive budget
        if not budget.logical > 0:
            raise InvalidInputError("error_budget.logical", budget.logical, "0 < logical < 1")
        if has_magic and not budget.magic_states > 0:
            raise InvalidInputError(
                "error_budget.magic_states",
                budget.magic_states,
                "0 < magic_states < 1 (the program consumes magic states)",
            )
        if has_rot and not budget.rotations > 0:
            raise InvalidInputError(
                "error_budget.rotations",
                budget.rotations,
                "0 < rotations < 1 (the program has rotations)",
            )
        return budget
    if isinstance(budget, bool) or is_symbolic(budget):
        raise InvalidInputError("error_budget", budget, "0 < error_budget < 1")
    return ErrorBudget.qre_split(budget, has_magic_states=has_magic, has_rotations=has_rot)


def mean_rotation_cost(
    costs: list[tuple[int, RotationCost]], total: int | None = None
) -> RotationCost:
    """Count-weighted mean of per-angle rotation costs (exact when all angles cost the same).

    Args:
        costs: ``(count, cost)`` per angle group; must not be empty.
        total: The number of rotations to average over (default: the sum of the counts).
    """
    first = costs[0][1]
    if all(c == first for _, c in costs):
        return first
    if total is None:
        total = sum(n for n, _ in costs)

    def mean(attr: str) -> float:
        return sum(n * float(getattr(c, attr)) for n, c in costs) / total

    return RotationCost(
        scheme=first.scheme,
        t_count=mean("t_count"),
        toffoli_count=mean("toffoli_count"),
        injections=mean("injections"),
        logical_time_steps=mean("logical_time_steps"),
        error=mean("error"),
        extra_logical_qubits=max(c.extra_logical_qubits for _, c in costs),
        one_off_t_count=max(c.one_off_t_count for _, c in costs),
        notes="count-weighted mean over the rotation-angle histogram",
    )


def _rotation_cost(
    arch: Architecture, counts: LogicalCounts, budget: ErrorBudget, code_distance: int | None
) -> tuple[RotationCost | None, float]:
    r = _as_int("rotation_count", counts.rotation_count)
    if r == 0:
        return None, 0.0
    scheme = arch.rotation_scheme
    precision = scheme.precision_per_rotation(budget.rotations, r)
    context = RotationContext(
        physical_error=arch.qec.physical_error(arch.qubit),
        code_distance=code_distance,
        code_cycle_time_ns=(
            None
            if code_distance is None
            else arch.qec.logical_cycle_time_ns(code_distance, arch.qubit) / code_distance
        ),
    )
    hist = [(_as_int("rotation_angles.count", n), a) for a, n in counts.rotation_angles]
    total = sum(n for n, _ in hist)
    if total > 0 and scheme.angle_dependent:
        # one cost per histogram bin, weighted by its count (never per rotation)
        costs = [(n, scheme.cost(precision=precision, angle=a, context=context)) for n, a in hist]
        if total < r:  # rotations missing from the histogram get the generic-angle cost
            costs.append((r - total, scheme.cost(precision=precision, angle=None, context=context)))
        error = sum(n * c.error for n, c in costs)
        cost = mean_rotation_cost(costs, max(total, r))
    else:
        cost = scheme.cost(precision=precision, angle=None, context=context)
        error = r * cost.error
    # allow float rounding of R * (eps / R)
    if error > budget.rotations * (1.0 + 1e-9):
        raise InfeasibleEstimateError(
            f"{scheme.name} rotation error {error / r:.3g} x {r:,} rotations = {error:.3g} "
            f"exceeds the rotation budget {budget.rotations:.3g}",
            constraint="rotation_budget",
        )
    return cost, error


def _prepare(
    counts: LogicalCounts,
    arch: Architecture,
    budget: ErrorBudget | float,
    code_distance: int | None = None,
) -> _Prepared:
    if not isinstance(arch, Architecture):
        raise InvalidInputError("architecture", arch, "an Architecture")
    counts = _numeric_counts(counts)
    split = _split_budget(budget, counts)
    rotation, rot_error = _rotation_cost(arch, counts, split, code_distance)
    layout = arch.layout
    return _Prepared(
        arch=arch,
        counts=counts,
        budget=split,
        rotation=rotation,
        rotation_error=rot_error,
        logical_qubits=layout.logical_qubits(counts, rotation),
        depth=layout.logical_depth(counts, rotation),
        num_magic=layout.num_magic_states(counts, rotation),
    )


# ------------------------------------------------------------------------------------------------
# The QRE algorithm
# ------------------------------------------------------------------------------------------------
@frozen
class _Patch:
    d: int
    qubits: int
    cycle_ns: int
    error: float


@frozen
class _Cost:
    """The two numbers of an estimate that the default search compares."""

    physical_qubits: int
    runtime_ns: int


@frozen
class _Piece:
    """What QRE's plan at one budget depends on, when it was found in the first pass.

    Attributes:
        d: The code distance.
        required_logical: The required logical error per cycle that gave ``d``.
        required_magic: The required T-state error (None: no magic states).
        max_cycles: The longest run the patch error allows (None: no magic states).
        waiting: Factories longer than the algorithm's runtime, if the plan had to stretch the
            runtime for one (their admission depends on ``max_cycles``); else empty.
    """

    d: int
    required_logical: float
    required_magic: float | None
    max_cycles: int | None
    waiting: list[MagicStateFactory] | None


class _Engine:
    """QRE's ``PhysicalResourceEstimation`` on prepared inputs."""

    def __init__(
        self, prep: _Prepared, constraints: Constraints | None, *, light: bool = False
    ) -> None:
        self.p = prep
        self.arch = prep.arch
        self.c = constraints or Constraints()
        self.piece: _Piece | None = None
        #: Return only (physical qubits, runtime) (:class:`_Cost`), not a full Estimate.
        self.light = light

    # -- helpers ----------------------------------------------------------------------------
    def patch(self, d: int) -> _Patch:
        qec, qubit = self.arch.qec, self.arch.qubit
        return _Patch(
            d,
            qec.physical_qubits_per_logical(d),
            qec.logical_cycle_time_ns(d, qubit),
            qec.logical_error(d, qubit),
        )

    def num_cycles(self) -> int:
        n = self.p.depth
        if self.c.logical_depth_factor is not None:
            n = math.ceil(n * float(self.c.logical_depth_factor))
        if n == 0 and self.p.num_magic == 0:
            raise InvalidInputError(
                "counts", self.p.counts, "at least one operation (the program has none)"
            )
        return n

    def required_logical(self, cycles: int) -> float:
        return self.p.budget.logical / float(self.p.logical_qubits * cycles)

    def distance(self, required: float) -> int:
        return self.arch.qec.code_distance_for(
            required, self.arch.qubit, self.arch.max_code_distance
        )

    def cycles_for(self, patch: _Patch) -> int:
        # floor(eps_log / (Q * P_L(d))) as QRE (f64, then saturating cast)
        x = self.p.budget.logical / (float(self.p.logical_qubits) * patch.error)
        return int(x) if x < 2.0**64 else _U64 - 1

    def factories(self, required: float, d: int) -> list[MagicStateFactory]:
        return self.arch.magic_source.find_factories(
            output_error=required,
            qubit=self.arch.qubit,
            qec=self.arch.qec,
            max_code_distance=d,
        )

    def copies(self, patch: _Patch, factory: MagicStateFactory, cycles: int) -> int:
        # QRE rule: ceil(n_T / (floor(C t_cycle / t_factory) n_out)). QRE switches to floating
        # point when C t_cycle overflows u64 (its runtime then wraps around too); Python ints
        # keep this exact, so the factories always finish within the runtime.
        total = cycles * patch.cycle_ns
        per_run = (total // factory.duration_ns) * factory.output_states
        return -(-self.p.num_magic // per_run)

    def cycles_for_magic(self, copies: int, factory: MagicStateFactory, patch: _Patch) -> int:
        runs = -(-self.p.num_magic // (copies * factory.output_states))
        return -(-(runs * factory.duration_ns) // patch.cycle_ns)

    def with_num_cycles(
        self, factories: list[MagicStateFactory], patch: _Patch, max_cycles: int
    ) -> list[tuple[MagicStateFactory, int]]:
        out = []
        for f in factories:
            n = -(-f.duration_ns // patch.cycle_ns)
            if n <= max_cycles:
                out.append((f, n))
        return out

    @staticmethod
    def highest_distance(factories: list[MagicStateFactory]) -> int | None:
        return max((f.max_code_distance for f in factories), default=None)

    def result(
        self,
        patch: _Patch,
        cycles: int,
        factory: MagicStateFactory | None,
        copies: int,
        required_logical: float,
        required_magic: float | None,
    ) -> Estimate:
        p = self.p
        q_l = p.logical_qubits
        alg_qubits = q_l * patch.qubits
        f_qubits = factory.physical_qubits * copies if factory is not None else 0
        if self.light:
            return _Cost(alg_qubits + f_qubits, patch.cycle_ns * cycles)  # type: ignore[return-value]
        runs = -(-p.num_magic // (copies * factory.output_states)) if factory is not None else 0
        return Estimate(
            architecture=self.arch.name,
            counts=p.counts,
            budget=p.budget,
            code_distance=patch.d,
            logical_qubits=q_l,
            algorithmic_logical_depth=p.depth,
            logical_depth=cycles,
            num_magic_states=p.num_magic,
            rotation_scheme=self.arch.rotation_scheme.name,
            rotation=p.rotation,
            rotation_error=p.rotation_error,
            factory=factory,
            num_factories=copies if factory is not None else 0,
            num_factory_runs=runs,
            physical_qubits_per_logical=patch.qubits,
            physical_qubits_for_algorithm=alg_qubits,
            physical_qubits_for_factories=f_qubits,
            physical_qubits=alg_qubits + f_qubits,
            runtime_ns=patch.cycle_ns * cycles,
            rqops=math.ceil(float(q_l) * (1e9 / float(patch.cycle_ns))),
            logical_cycle_time_ns=patch.cycle_ns,
            logical_error_per_cycle=patch.error,
            required_logical_error=required_logical,
            required_magic_state_error=required_magic if factory is not None else None,
            clifford_error=self.arch.qubit.clifford_error,
            qubit_name=self.arch.qubit.name,
            physical_error=self.arch.qec.physical_error(self.arch.qubit),
            qec=self.arch.qec.to_dict(),
            constraints=None if self.c == Constraints() else self.c,
        )

    # -- single point without duration/qubit targets -------------------------------------------
    def estimate(self) -> Estimate:
        if self.c.max_duration_ns is not None:
            return self.estimate_max_duration(self.c.max_duration_ns)
        if self.c.max_physical_qubits is not None:
            return self.estimate_max_qubits(self.c.max_physical_qubits)
        cycles = self.num_cycles()
        n_magic = self.p.num_magic
        self.piece = None  # set only for a plan found in the first pass
        first = True
        while True:
            required_logical = self.required_logical(cycles)
            d = self.distance(required_logical)
            max_cycles = self.cycles_for(self.patch(d))
            patch = self.patch(d)
            if n_magic == 0:
                if first:
                    self.piece = _Piece(d, required_logical, None, None, None)
                return self.result(patch, cycles, None, 0, required_logical, None)
            required_magic = self.p.budget.magic_states / float(n_magic)
            factories = self.factories(required_magic, d)
            if not factories and not self.factories(required_magic, self.arch.max_code_distance):
                # A factory allowed the largest distance is allowed every smaller one too, so
                # if none reaches the target there, no longer run can help: say so at once.
                raise InfeasibleEstimateError(
                    f"no magic-state factory of {self.arch.magic_source.name} reaches the "
                    f"required magic-state error {required_magic:.3g} at code distance <= "
                    f"{self.arch.max_code_distance}",
                    constraint="magic_state_error",
                )
            found = self.find_factory(factories, patch, cycles, max_cycles) if factories else None
            if found is not None:
                factory, cycles_needed = found
                if first:
                    # what the plan depends on (_next_budget); a plan that stretched the runtime
                    # for a factory depends on which slower factories the patch admits
                    runtime = cycles * patch.cycle_ns
                    stretched = cycles_needed != cycles
                    waiting = [f for f in factories if f.duration_ns > runtime] if stretched else []
                    self.piece = _Piece(d, required_logical, required_magic, max_cycles, waiting)
                copies = self.copies(patch, factory, cycles_needed)
                return self.result(
                    patch, cycles_needed, factory, copies, required_logical, required_magic
                )
            if max_cycles >= _U64 - 1:
                # The patch error is so small that no longer run raises the code distance, so
                # no later iteration can admit another factory: give up with the numbers.
                source = self.arch.magic_source.name
                why = (
                    f"no magic-state factory of {source} reaches the required magic-state "
                    f"error {required_magic:.3g} at code distance <= {d}"
                    if not factories
                    else f"every {source} factory reaching magic-state error "
                    f"{required_magic:.3g} outlasts the longest run the code allows at d = {d}"
                )
                raise InfeasibleEstimateError(why, constraint="magic_state_error")
            cycles = max(max_cycles + 1, cycles + 1)
            first = False

    def find_factory(
        self,
        factories: list[MagicStateFactory],
        patch: _Patch,
        min_cycles: int,
        max_cycles: int,
    ) -> tuple[MagicStateFactory, int] | None:
        duration = min_cycles * patch.cycle_ns
        max_f = self.c.max_t_factories
        best: MagicStateFactory | None = None
        for f in factories:
            if max_f is not None and self.copies(patch, f, min_cycles) > max_f:
                continue
            if f.duration_ns <= duration and (
                best is None or f.normalized_volume < best.normalized_volume
            ):
                best = f
        if best is not None:
            return best, min_cycles
        if max_f is None:
            cands = self.with_num_cycles(factories, patch, max_cycles)
        else:
            cands = []
            for f in factories:
                runs = -(-self.p.num_magic // (max_f * f.output_states))
                n = -(-(runs * f.duration_ns) // patch.cycle_ns)
                if n <= max_cycles:
                    cands.append((f, n))
        if not cands:
            return None
        # first minimum by (normalized volume, cycles), as Rust's Iterator::min
        return min(cands, key=lambda fc: (fc[0].normalized_volume, fc[1]))

    # -- targets -------------------------------------------------------------------------------
    def initial(self) -> tuple[int, int, float, float]:
        cycles = self.num_cycles()
        n = self.p.num_magic
        req_magic = self.p.budget.magic_states / float(n) if n else math.inf
        req_logical = self.required_logical(cycles)
        return self.distance(req_logical), cycles, req_logical, req_magic

    def _distances_down(self, d_min: int) -> list[int]:
        return list(range(d_min, self.arch.max_code_distance + 1, 2))[::-1]

    def estimate_max_duration(self, max_duration: int) -> Estimate:
        d_min, cycles0, req_logical, req_magic = self.initial()
        if self.p.num_magic == 0:
            patch = self.patch(d_min)
            if cycles0 * patch.cycle_ns <= max_duration:
                return self.result(patch, cycles0, None, 0, req_logical, None)
            raise self._too_small("max_duration_ns", max_duration)
        best: Estimate | None = None
        factories: list[MagicStateFactory] = []
        last_d: int | None = None
        for d in self._distances_down(d_min):
            patch = self.patch(d)
            by_duration = math.floor(float(max_duration) / float(patch.cycle_ns))
            if by_duration < cycles0:
                continue
            by_error = self.cycles_for(patch)
            if by_error < cycles0:
                continue
            allowed = min(by_duration, by_error)
            if last_d is None or last_d > d:
                factories = self.factories(req_magic, d)
                last_d = self.highest_distance(factories)
            for f, _ in self.with_num_cycles(factories, patch, allowed):
                copies = self.copies(patch, f, allowed)
                cycles = max(self.cycles_for_magic(copies, f, patch), cycles0)
                if self.c.max_t_factories is not None and copies > self.c.max_t_factories:
                    continue
                r = self.result(patch, cycles, f, copies, req_logical, req_magic)
                if best is None or r.physical_qubits < best.physical_qubits:
                    best = r
        if best is None:
            raise self._too_small("max_duration_ns", max_duration)
        return best

    def estimate_max_qubits(self, max_qubits: int) -> Estimate:
        d_min, cycles0, req_logical, req_magic = self.initial()
        q_l = self.p.logical_qubits
        if self.p.num_magic == 0:
            patch = self.patch(d_min)
            if q_l * patch.qubits <= max_qubits:
                return self.result(patch, cycles0, None, 0, req_logical, None)
            raise self._too_small("max_physical_qubits", max_qubits)
        best: Estimate | None = None
        factories: list[MagicStateFactory] = []
        last_d: int | None = None
        for d in self._distances_down(d_min):
            patch = self.patch(d)
            alg = q_l * patch.qubits
            if max_qubits <= alg:
                continue
            allowed_qubits = max_qubits - alg
            by_error = self.cycles_for(patch)
            if by_error < cycles0:
                continue
            if last_d is None or last_d > d:
                factories = self.factories(req_magic, d)
                last_d = self.highest_distance(factories)
            fitting = [f for f in factories if f.physical_qubits <= allowed_qubits]
            if not fitting:
                continue
            f = min(fitting, key=lambda x: x.normalized_volume)
            copies = allowed_qubits // f.physical_qubits
            if copies == 0:
                continue
            cycles = max(self.cycles_for_magic(copies, f, patch), cycles0)
            if cycles > by_error:
                continue
            if self.c.max_t_factories is not None and copies > self.c.max_t_factories:
                continue
            r = self.result(patch, cycles, f, copies, req_logical, req_magic)
            if best is None or r.runtime_ns < best.runtime_ns:
                best = r
        if best is None:
            raise self._too_small("max_physical_qubits", max_qubits)
        return best

    def _too_small(self, name: str, value: int) -> InfeasibleEstimateError:
        return InfeasibleEstimateError(
            f"no configuration of {self.arch.name} meets {name} = {value:,} for these counts "
            f"(logical qubits {self.p.logical_qubits:,}, depth {self.p.depth:,}, "
            f"{self.p.num_magic:,} magic states)",
            constraint=name,
        )


def estimate_with_next_budget(
    counts: LogicalCounts,
    architecture: Architecture,
    total: float,
    budget: ErrorBudget | float,
    *,
    light: bool = False,
) -> tuple[Estimate, float | None]:
    """QRE's estimate at ``budget`` and the next total budget at which its plan may change.

    ``budget`` is the total ``total`` itself (QRE's split) or an :class:`ErrorBudget` along a
    fixed split summing to ``total``. Every part of the budget grows in proportion to the total,
    so each budget-dependent input of QRE's plan changes at a computable total: the rotation cost
    (the scheme's :meth:`~estimator.rotations.base.RotationScheme.next_cost_change`), the code
    distance (where the required error per cycle reaches the logical error of the next smaller
    distance), the factory list (the source's
    :meth:`~estimator.magic.base.MagicStateSource.next_list_change`) and, where the runtime was
    stretched for a factory, the longest run the patch allows (factory admission). The smallest
    of these is returned; None where any of them is unknown (schemes or sources without the
    hook, a rotation cost that depends on the distance, or a plan found only after QRE's loop
    lengthened the run, whose runtime then moves with the budget).

    Used by the default search (:mod:`estimator.search`); QRE-parity numbers, no constraints,
    Clifford+T architectures only. ``light``: return only the physical qubits and the runtime.
    """
    prep = _prepare(counts, architecture, budget)
    engine = _Engine(prep, None, light=light)
    result = engine.estimate()
    return result, _next_budget(engine, float(total))


def _next_budget(engine: _Engine, total: float) -> float | None:
    piece = engine.piece
    if piece is None or not total > 0:
        return None
    p, arch = engine.p, engine.arch
    qec, qubit = arch.qec, arch.qubit
    nexts = [math.inf]
    if p.rotation is not None:
        scheme = arch.rotation_scheme
        r = _as_int("rotation_count", p.counts.rotation_count)
        if scheme.uses_code_distance or (scheme.angle_dependent and p.counts.rotation_angles):
            return None
        precision = scheme.precision_per_rotation(p.budget.rotations, r)
        nxt = scheme.next_cost_change(precision)
        if nxt is None:
            return None
        nexts.append(total * (nxt / precision))
    if piece.d >= 3:
        # distances are odd; the next smaller one is admitted once its error is reached
        lower = qec.logical_error(piece.d - 2, qubit)
        nexts.append(total * (lower / piece.required_logical))
    if piece.required_magic is not None:
        nxt = arch.magic_source.next_list_change(
            output_error=piece.required_magic, qubit=qubit, qec=qec, max_code_distance=piece.d
        )
        if nxt is None:
            return None
        nexts.append(total * (nxt / piece.required_magic))
        if piece.waiting:
            patch = engine.patch(piece.d)
            for f in piece.waiting:
                n = -(-f.duration_ns // patch.cycle_ns)
                if n > piece.max_cycles:
                    # admitted once floor(eps_log / (Q P_L)) >= n
                    need = float(n) * float(p.logical_qubits) * patch.error
                    nexts.append(total * (need / p.budget.logical))
    return min(nexts)


def estimate(
    counts: LogicalCounts,
    architecture: Architecture,
    budget: ErrorBudget | float,
    *,
    constraints: Constraints | None = None,
    search: str = "monotone",
) -> Estimate:
    """Physical resources of ``counts`` on ``architecture`` within ``budget``.

    Args:
        counts: Numeric logical counts (substitute symbols first).
        architecture: The machine model, e.g. ``Architecture.qre("qubit_gate_ns_e3")``.
        budget: An :class:`ErrorBudget`, or a total failure probability split as QRE does
            (evenly among the error sources the program has; :meth:`ErrorBudget.qre_split`).
        constraints: Optional QRE constraints.
        search: ``"monotone"`` (default) never costs more qubits or more time for a larger
            budget (:func:`estimator.search.monotone_estimate`); ``"qre"`` reproduces Microsoft's
            estimator number for number, including its factory search, which is not monotone in
            the budget (for STAR-family models: one run of the STAR estimate).

    An architecture whose layout is :class:`~estimator.star_estimate.StarLayoutModel` is
    estimated by :func:`estimator.star_estimate.estimate_star` (a ``StarEstimate``).

    Raises:
        SymbolicValueError: If a count is symbolic (names the field).
        InvalidInputError: For a budget outside (0, 1) or an empty program.
        InfeasibleEstimateError: If no code distance, factory or rotation precision fits.
    """
    if constraints is not None and not isinstance(constraints, Constraints):
        raise InvalidInputError("constraints", constraints, "a Constraints or None")
    # STAR-family architectures (analog rotations, residual error paid by budget or PEC) have
    # their own estimate; imported lazily (star_estimate imports this module).
    from estimator.star_estimate import estimate_star, is_star_architecture

    star = is_star_architecture(architecture)
    if star and constraints is not None:
        raise InvalidInputError(
            "constraints", constraints, "None for a STAR-family architecture (layout 'star')"
        )
    from estimator.search import check_search, monotone_estimate

    check_search(search)
    if search == "monotone":
        return monotone_estimate(counts, architecture, budget, constraints=constraints)
    if star:
        return estimate_star(counts, architecture, budget)
    prep = _prepare(counts, architecture, budget)
    result = _Engine(prep, constraints).estimate()
    # schemes whose cost depends on the code distance: iterate to a fixed point
    for _ in range(5):
        if prep.rotation is None or not architecture.rotation_scheme.uses_code_distance:
            break
        again = _prepare(counts, architecture, budget, code_distance=result.code_distance)
        if again.rotation == prep.rotation:
            break
        prep = again
        result = _Engine(prep, constraints).estimate()
    return result
