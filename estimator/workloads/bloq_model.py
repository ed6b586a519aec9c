"""Workloads as composite Qualtran Bloqs built from the QOS sketch Bloqs of ``estimator.bloqs``.

:func:`workload_bloq` turns a :class:`~estimator.workloads.result.WorkloadResult` (its run plan)
into a :class:`QOSWorkloadBloq`: ``runs`` times a :class:`QOSRunBloq` whose call graph holds,
per run, the sketch Bloqs (``MatrixElementSketch``, ``RowIndexSketch``,
``ElementIndexOracle``, ``BooleanSketch``, ``StateSketch``) with their per-sketch sample
counts, the QSVT signal rotations the sketch Bloqs do not contain, and the cost of controlling
the run by the Hadamard-test ancilla (the sketch Bloqs are uncontrolled: one more ``And`` per
indicator-type sample, one more rotation per Pauli-rotation state sample) [OURS].

:func:`bloq_estimate` evaluates it with Qualtran's cost keys (``QECGatesCost``, our
``RotationsByAngle`` / ``RotationDepth``) and returns a ``WorkloadResult`` with
``source="bloqs"``. Its logical qubits are the run's registers (index registers, rank, search
output, LCU and Hadamard-test ancillas) plus the largest workspace any sketch Bloq needs
beyond its own registers (``QubitCount - signature qubits``): the sketches run one after the
other and share the registers.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs
import sympy
from attrs import frozen
from qualtran import Bloq, QAny, Register, Signature
from qualtran.bloqs.basic_gates import Rz
from qualtran.bloqs.mcmt import And
from qualtran.resource_counting import QubitCount, get_cost_value

from estimator.errors import InvalidInputError
from estimator.validation import is_symbolic

if TYPE_CHECKING:
    from qualtran.resource_counting import BloqCountDictT, CostKey, SympySymbolAllocator

    from estimator.workloads.result import WorkloadResult

#: Fixed-rotation categories that the sketch Bloqs already contain.
_COVERED_BY_BLOQS = {"index_sign_qsvt", "index_rank_phase", "state_arcsin_qsvt"}
#: Symbol for QSVT signal-rotation angles (data- and polynomial-dependent, from pyqsp).
PHI_MAIN_QSVT = sympy.Symbol("phi_main_QSVT", real=True)


def _workspace(bloq: Bloq) -> Any:
    return get_cost_value(bloq, QubitCount()) - bloq.signature.n_qubits()


@frozen
class QOSRunBloq(Bloq):
    """One run of a QOS task: sketch Bloqs and extra rotations, sharing ``registers`` qubits.

    Args:
        name: Task name.
        callees: ``((bloq, count), ...)`` per run.
        registers: Qubits held for the whole run.
    """

    name: str
    callees: tuple[tuple[Bloq, Any], ...]
    registers: Any

    @cached_property
    def signature(self) -> Signature:
        return Signature([Register("system", QAny(self.registers))])

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        out: dict[Bloq, Any] = {}
        for bloq, count in self.callees:
            out[bloq] = out.get(bloq, 0) + count
        return out

    def workspace(self) -> Any:
        """Largest workspace (beyond their registers) of the callees."""
        values = [_workspace(b) for b, _ in self.callees]
        if any(is_symbolic(v) for v in values):
            return sympy.Max(*values)
        return max(values) if values else 0

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount):
            return self.registers + self.workspace()
        return NotImplemented

    def __str__(self) -> str:
        return f"QOSRun({self.name})"


@frozen
class QOSWorkloadBloq(Bloq):
    """The whole workload: ``runs`` repetitions of :class:`QOSRunBloq` (fresh samples each)."""

    run: QOSRunBloq
    runs: Any

    @cached_property
    def signature(self) -> Signature:
        return self.run.signature

    def build_call_graph(self, ssa: SympySymbolAllocator) -> BloqCountDictT:
        return {self.run: self.runs}

    def my_static_costs(self, cost_key: CostKey) -> Any:
        if isinstance(cost_key, QubitCount):
            return get_cost_value(self.run, QubitCount())
        return NotImplemented

    def __str__(self) -> str:
        return f"QOSWorkload({self.run.name}, runs={self.runs})"


def _div(a: Any, b: Any) -> Any:
    if is_symbolic(a) or is_symbolic(b):
        return sympy.simplify(a / b)
    if a % b:
        raise InvalidInputError("group", b, f"a divisor of the call count {a}")
    return a // b


def _sketch_bloq(use: Any, m_unit: Any) -> Bloq:
    """The estimator.bloqs Bloq for one call of ``use`` with ``m_unit`` samples per sketch."""
    import estimator.bloqs as qb

    if use.bloq is None:
        raise InvalidInputError("sketch kind", use.kind, "a kind with a matching Bloq")
    name, kwargs = use.bloq
    return getattr(qb, name)(**dict(kwargs), num_samples=m_unit)


def run_bloq(result: WorkloadResult) -> QOSRunBloq:
    """The run of ``result`` as a composite of the QOS sketch Bloqs."""
    plan = result.run_plan
    if plan is None:
        raise InvalidInputError("result", result.name, "a result produced by a task estimate")
    callees: list[tuple[Bloq, Any]] = []
    for use, m_unit in zip(plan.uses, plan.unit_samples, strict=True):
        callees.append((_sketch_bloq(use, m_unit), _div(use.calls, use.group)))
        if use.controlled:
            samples = use.calls * m_unit
            if use.kind == "state":
                # controlled Pauli rotation = 2 half-angle rotations (the Bloq has 1)
                angle = use.angle_scale / m_unit
                callees.append((Rz(angle=angle), samples))
            else:
                # one more control on each sample's indicator: compute + uncompute one And
                per = use.rotations_per_sample if use.kind == "row_index" else 1
                callees.append((And(), samples * per))
                callees.append((And(uncompute=True), samples * per))
    for category, count in plan.fixed_rotations:
        if category not in _COVERED_BY_BLOQS:
            callees.append((Rz(angle=PHI_MAIN_QSVT), count))
    return QOSRunBloq(name=result.name, callees=tuple(callees), registers=plan.registers)


def workload_bloq(result: WorkloadResult) -> QOSWorkloadBloq:
    """The whole workload of ``result`` (all readout runs) as a Bloq."""
    return QOSWorkloadBloq(run=run_bloq(result), runs=result.runs)


def dropped_sample_rotations(result: WorkloadResult) -> tuple[Any, tuple[tuple[Any, Any], ...]]:
    """Sample rotations that Qualtran's ``QECGatesCost`` books as Cliffords, per run.

    Qualtran treats an ``Rz``/``ZPowGate`` whose angle is numerically close to a multiple of
    pi/2 as a Clifford gate (``bloq_is_clifford``); QOS sample angles ``~ N/M`` fall below that
    tolerance (~1e-12 rad) for large M and would silently vanish from the count. We detect it
    per sketch kind by comparing with the number of sample rotations the plan requires.

    Returns:
        ``(dropped rotations per run, ((angle, dropped count), ...))``.
    """
    from qualtran.resource_counting import QECGatesCost

    plan = result.run_plan
    if plan is None:
        raise InvalidInputError("result", result.name, "a result produced by a task estimate")
    dropped: Any = 0
    angles: list[tuple[Any, Any]] = []
    for use, m_unit in zip(plan.uses, plan.unit_samples, strict=True):
        bloq = _sketch_bloq(use, m_unit)
        count = _div(use.calls, use.group)
        per_sample = use.rotations_per_sample if use.kind == "row_index" else 1
        if use.kind == "state":
            per_sample = 1  # the Bloq's own (uncontrolled) Pauli rotation
        needed = m_unit * use.group * per_sample
        got = get_cost_value(bloq, QECGatesCost()).rotation
        if is_symbolic(got) or is_symbolic(needed) or got >= needed:
            continue
        # got < needed: the sample rotations were dropped (all samples of a sketch share one
        # angle, so they vanish together); what remains are the fixed rotations
        lost = needed
        dropped += lost * count
        angles.append((use.angle_scale / m_unit, lost * count))
    return dropped, tuple(angles)


def bloq_estimate(result: WorkloadResult) -> WorkloadResult:
    """Recount ``result`` from the Bloq decomposition (``source="bloqs"``).

    Samples, runs and depth stay those of the formula; gates, angles and logical qubits come
    from Qualtran's cost keys on :func:`workload_bloq`. Sample rotations that Qualtran books as
    Cliffords because their angle is tiny (see :func:`dropped_sample_rotations`) are added back
    and listed in ``assumptions``.
    """
    from estimator.logical import LogicalCounts

    bloq = workload_bloq(result)
    lc = LogicalCounts.from_bloq(bloq)
    dropped, dropped_angles = dropped_sample_rotations(result)
    notes: tuple[str, ...] = ()
    rotations, depth, angles = lc.rotation_count, lc.rotation_depth, lc.rotation_angles
    if dropped:
        total = dropped * result.runs
        rotations += total
        depth += total
        angles = tuple(angles) + tuple((a, c * result.runs) for a, c in dropped_angles)
        notes = (
            f"{total} sample rotations with angles below Qualtran's Clifford tolerance were "
            "booked as Cliffords by QECGatesCost and added back here",
        )
    workspace = bloq.run.workspace()
    breakdown = {k: v for k, v in result.qubit_breakdown.items() if k != "And-ladder workspace"}
    breakdown["sketch Bloq workspace (widest sketch)"] = workspace
    authors = result.authors_logical_qubits
    diff = (
        f"Bloq count {lc.num_qubits} = registers {bloq.run.registers} + {workspace} workspace "
        "qubits of the widest sketch Bloq (And ladders, comparators, rank indicators), run "
        "sequentially"
    )
    if authors is not None:
        diff += (
            f"; the authors' {authors} count one classical float and no compute workspace "
            "(20news_svm.py: '+ 3 qubits + 1 float')"
        )
    return attrs.evolve(
        result,
        source="bloqs",
        rotation_count=rotations,
        rotation_angles=angles,
        t_count=lc.t_count,
        toffoli_count=lc.ccz_count,
        and_count=lc.ccix_count,
        measurement_count=lc.measurement_count,
        rotation_depth=depth,
        logical_qubits=lc.num_qubits,
        assumptions=result.assumptions + notes,
        qubit_breakdown=breakdown,
        qubit_difference=diff,
    )
