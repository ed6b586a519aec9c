"""Choosing the cheapest rotation scheme for a stream of rotations.

Given the rotations of a program (one angle and a count, or a histogram ``{angle: count}`` such as
the QOS Bloqs' angle-aware cost key produces), a precision (per rotation, or a total rotation
budget), the machine and candidate :class:`~estimator.rotations.base.RotationScheme` objects,
:func:`choose_rotation_scheme` tabulates each scheme's cost and picks the cheapest under a stated
objective.

Cost is evaluated once per *distinct* angle and scheme, then weighted by the counts with numpy, so
the work never grows with the number of rotations (10^12 rotations of one angle is one call).

Objectives (all at the logical level, before code distance and factories are chosen):

* ``"runtime"``: total logical time steps of the rotations, assuming they run one after another
  and magic states arrive on time (QRE's convention: 1 step per T, 3 per Toffoli).
* ``"qubits"``: extra logical qubits the scheme holds (ancillas, catalysts).
* ``"spacetime"``: ``(algorithm_logical_qubits + extra qubits) * time steps`` plus
  ``magic_state_volume`` per T-state equivalent (a Toffoli counts 4 T states, QRE's convention).

Ties break on the other metrics, then on the scheme name, so the choice is deterministic.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix D (logical depth and T-state counts per CCZ).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
from attrs import frozen

from estimator.errors import EstimatorError, InfeasibleEstimateError, InvalidInputError
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.rotations.phase_gradient import T_STATES_PER_TOFFOLI
from estimator.validation import check_non_negative, check_probability, is_symbolic, to_number

Objective = Literal["runtime", "qubits", "spacetime"]
OBJECTIVES: tuple[str, ...] = ("runtime", "qubits", "spacetime")


@frozen(kw_only=True)
class SchemeRow:
    """One scheme's cost for the whole rotation stream (per-rotation values are count-weighted
    means over the histogram).

    Attributes:
        scheme: Scheme name.
        feasible: Whether the scheme can run this stream within the precision/budget.
        precision: Per-rotation precision handed to the scheme (in its own norm).
        norm: The scheme's norm (``"diamond"`` or ``"operator"``).
        t_per_rotation: Mean T states per rotation.
        toffoli_per_rotation: Mean Toffoli states per rotation.
        injections_per_rotation: Mean analog injections per rotation.
        magic_states_per_rotation: Mean T-state equivalents per rotation (T + 4 Toffoli).
        time_steps_per_rotation: Mean logical time steps per rotation.
        error_per_rotation: Mean error per rotation (``RotationCost.error``).
        ancilla_qubits: Extra logical qubits the scheme holds.
        one_off_t_count: T states spent once (catalyst preparation).
        identity_fraction: Fraction of the rotations replaced by the identity (0 T).
        total_t: Total T states (including one-off).
        total_toffoli: Total Toffoli states.
        total_magic_states: Total T-state equivalents (including one-off).
        total_time_steps: Total logical time steps.
        total_error: Total error of the stream (sum of per-rotation errors).
        spacetime: The ``"spacetime"`` objective value (logical qubit * time steps).
        notes: The scheme's remark, or why it is infeasible.
    """

    scheme: str
    feasible: bool
    precision: float = 0.0
    norm: str = ""
    t_per_rotation: float = 0.0
    toffoli_per_rotation: float = 0.0
    injections_per_rotation: float = 0.0
    magic_states_per_rotation: float = 0.0
    time_steps_per_rotation: float = 0.0
    error_per_rotation: float = 0.0
    ancilla_qubits: int = 0
    one_off_t_count: float = 0.0
    identity_fraction: float = 0.0
    total_t: float = 0.0
    total_toffoli: float = 0.0
    total_magic_states: float = 0.0
    total_time_steps: float = 0.0
    total_error: float = 0.0
    spacetime: float = 0.0
    notes: str = ""

    def metric(self, objective: str) -> float:
        """The value this row is ranked by under ``objective``."""
        if objective == "runtime":
            return self.total_time_steps
        if objective == "qubits":
            return float(self.ancilla_qubits)
        return self.spacetime


_UNITS = {"runtime": "logical time steps", "qubits": "extra logical qubits", "spacetime": ""}


@frozen(kw_only=True)
class RotationChoice:
    """The chooser's result: the per-scheme table and the choice.

    Attributes:
        objective: ``"runtime"``, ``"qubits"`` or ``"spacetime"``.
        n_rotations: Number of rotations in the stream.
        n_distinct_angles: Number of distinct angles evaluated.
        rows: One row per scheme, best first; infeasible schemes last.
        reason: Why the best scheme was chosen, in words and numbers.
    """

    objective: str
    n_rotations: int
    n_distinct_angles: int
    rows: tuple[SchemeRow, ...]
    reason: str

    @property
    def best(self) -> SchemeRow:
        """The chosen scheme's row."""
        return self.rows[0]

    @property
    def feasible_rows(self) -> tuple[SchemeRow, ...]:
        """Rows of feasible schemes, best first."""
        return tuple(r for r in self.rows if r.feasible)

    @property
    def worst(self) -> SchemeRow:
        """The feasible scheme ranked last."""
        return self.feasible_rows[-1]

    @property
    def ratio_worst_to_best(self) -> float:
        """Objective value of the worst feasible scheme over the best (inf if the best is 0)."""
        best, worst = self.best.metric(self.objective), self.worst.metric(self.objective)
        if best == 0:
            return 1.0 if worst == 0 else float("inf")
        return worst / best

    def row(self, scheme: str) -> SchemeRow:
        """The row of the named scheme."""
        for r in self.rows:
            if r.scheme == scheme:
                return r
        raise InvalidInputError(
            "scheme", scheme, "one of " + ", ".join(r.scheme for r in self.rows)
        )

    def as_dicts(self) -> list[dict[str, Any]]:
        """The table as plain dicts (for reports and JSON)."""
        from attrs import asdict

        return [asdict(r) for r in self.rows]


def _histogram(rotations: Any, n_rotations: Any) -> tuple[list[Any], np.ndarray, int]:
    """Distinct angles (None for generic), float weights, and the exact total count."""
    if isinstance(rotations, (list, tuple)):
        # LogicalCounts.rotation_angles: ((angle, count), ...)
        pairs: dict[Any, Any] = {}
        for item in rotations:
            if not (isinstance(item, (list, tuple)) and len(item) == 2):
                raise InvalidInputError("rotations", item, "(angle, count) pairs")
            pairs[item[0]] = pairs.get(item[0], 0) + item[1]
        rotations = pairs
    if isinstance(rotations, Mapping):
        if n_rotations is not None:
            raise InvalidInputError(
                "n_rotations", n_rotations, "None when rotations is a histogram {angle: count}"
            )
        merged: dict[Any, int] = {}
        for angle, count in rotations.items():
            check_non_negative(f"count of angle {angle!r}", count, integer=True)
            c = int(to_number("count", count))
            key = None if angle is None else float(to_number("angle", angle))
            if c:
                merged[key] = merged.get(key, 0) + c
        if not merged:
            raise InvalidInputError("rotations", rotations, "at least one rotation with count > 0")
        angles = sorted(merged, key=lambda a: (a is None, a if a is not None else 0.0))
        counts = [merged[a] for a in angles]
    else:
        n = 1 if n_rotations is None else n_rotations
        check_non_negative("n_rotations", n, integer=True)
        c = int(to_number("n_rotations", n))
        if c == 0:
            raise InvalidInputError("n_rotations", n_rotations, "n_rotations >= 1")
        if rotations is not None and is_symbolic(rotations):
            raise InvalidInputError("rotations", rotations, "a numeric angle or None")
        angles = [None if rotations is None else float(to_number("angle", rotations))]
        counts = [c]
    total = sum(counts)
    return angles, np.array(counts, dtype=float), total


def _label(schemes: Sequence[RotationScheme]) -> list[str]:
    seen: dict[str, int] = {}
    labels = []
    for s in schemes:
        seen[s.name] = seen.get(s.name, 0) + 1
        labels.append(s.name if seen[s.name] == 1 else f"{s.name}#{seen[s.name]}")
    return labels


def _evaluate(
    scheme: RotationScheme,
    label: str,
    angles: list[Any],
    weights: np.ndarray,
    total: int,
    precision: float | None,
    rotation_budget: float | None,
    context: RotationContext,
    algorithm_logical_qubits: int,
    magic_state_volume: float,
) -> SchemeRow:
    eps = (
        float(precision)
        if precision is not None
        else scheme.precision_per_rotation(float(rotation_budget), total)  # type: ignore[arg-type]
    )
    try:
        if not 0 < eps < 1:
            raise InvalidInputError("precision", eps, "0 < precision < 1")
        costs: list[RotationCost] = [
            scheme.cost(precision=eps, angle=a, context=context) for a in angles
        ]
    except EstimatorError as exc:
        return SchemeRow(
            scheme=label, feasible=False, precision=eps, norm=scheme.norm, notes=str(exc)
        )
    cols = np.array(
        [
            [
                float(c.t_count),
                float(c.toffoli_count),
                float(c.injections),
                float(c.logical_time_steps),
                float(c.error),
                float(c.t_count == 0 and c.toffoli_count == 0 and c.injections == 0),
            ]
            for c in costs
        ]
    )
    totals = weights @ cols  # one dot product per column: never a loop over rotations
    t_tot, tof_tot, inj_tot, steps_tot, err_tot, ident_tot = (float(x) for x in totals)
    ancilla = max(int(c.extra_logical_qubits) for c in costs)
    one_off = max(float(c.one_off_t_count) for c in costs)
    magic_tot = t_tot + T_STATES_PER_TOFFOLI * tof_tot + one_off
    spacetime = (algorithm_logical_qubits + ancilla) * steps_tot + magic_state_volume * magic_tot
    feasible, notes = True, "; ".join(sorted({c.notes for c in costs if c.notes}))
    if rotation_budget is not None and err_tot > float(rotation_budget) * (1 + 1e-9):
        feasible = False
        notes = (
            f"{label} rotation error {err_tot / total:.3g} x {total:.3g} rotations = "
            f"{err_tot:.3g} exceeds budget {float(rotation_budget):.3g}"
        )
    return SchemeRow(
        scheme=label,
        feasible=feasible,
        precision=eps,
        norm=scheme.norm,
        t_per_rotation=t_tot / total,
        toffoli_per_rotation=tof_tot / total,
        injections_per_rotation=inj_tot / total,
        magic_states_per_rotation=(t_tot + T_STATES_PER_TOFFOLI * tof_tot) / total,
        time_steps_per_rotation=steps_tot / total,
        error_per_rotation=err_tot / total,
        ancilla_qubits=ancilla,
        one_off_t_count=one_off,
        identity_fraction=ident_tot / total,
        total_t=t_tot + one_off,
        total_toffoli=tof_tot,
        total_magic_states=magic_tot,
        total_time_steps=steps_tot,
        total_error=err_tot,
        spacetime=spacetime,
        notes=notes,
    )


def _sort_key(row: SchemeRow, objective: str) -> tuple[Any, ...]:
    others = [o for o in OBJECTIVES if o != objective]
    return (
        not row.feasible,
        row.metric(objective) if row.feasible else 0.0,
        *(row.metric(o) if row.feasible else 0.0 for o in others),
        row.total_magic_states,
        row.scheme,
    )


def _reason(rows: Sequence[SchemeRow], objective: str, algorithm_logical_qubits: int) -> str:
    feasible = [r for r in rows if r.feasible]
    best = feasible[0]
    unit = _UNITS[objective] or (
        f"logical qubit x time steps, with {algorithm_logical_qubits} algorithm qubits"
    )
    parts = [
        f"{best.scheme} has the lowest {objective}: {best.metric(objective):.4g} {unit}",
        f"per rotation {best.t_per_rotation:.4g} T, {best.toffoli_per_rotation:.4g} Toffoli, "
        f"{best.time_steps_per_rotation:.4g} time steps, {best.ancilla_qubits} extra qubits, "
        f"error {best.error_per_rotation:.3g}",
    ]
    if best.identity_fraction > 0:
        parts.append(f"{best.identity_fraction:.3g} of the rotations are identities")
    if len(feasible) > 1:
        nxt, worst = feasible[1], feasible[-1]
        b = best.metric(objective)

        def ratio(r: SchemeRow) -> str:
            return "inf" if b == 0 else f"{r.metric(objective) / b:.3g}x"

        parts.append(f"next {nxt.scheme} ({ratio(nxt)})")
        parts.append(f"worst {worst.scheme} ({ratio(worst)})")
    infeasible = [r.scheme for r in rows if not r.feasible]
    if infeasible:
        parts.append("infeasible: " + ", ".join(infeasible))
    return "; ".join(parts)


def choose_rotation_scheme(
    rotations: float | Mapping[Any, int] | Sequence[tuple[Any, Any]] | None,
    *,
    schemes: Sequence[RotationScheme],
    precision: float | None = None,
    rotation_budget: float | None = None,
    n_rotations: int | None = None,
    context: RotationContext | None = None,
    objective: str = "spacetime",
    algorithm_logical_qubits: int = 1,
    magic_state_volume: float = 0.0,
) -> RotationChoice:
    """Tabulate every candidate scheme for a rotation stream and choose the cheapest.

    Args:
        rotations: One angle in radians (``Rz(angle) = exp(-i angle Z/2)``; ``None`` for a
            generic angle) with ``n_rotations``; or a histogram ``{angle: count}`` (the QOS
            Bloqs' ``RotationsByAngle`` cost key); or ``((angle, count), ...)`` pairs
            (``LogicalCounts.rotation_angles``).
        schemes: Candidate schemes (at least one).
        precision: Per-rotation precision, used as given in each scheme's own norm. Give this or
            ``rotation_budget``.
        rotation_budget: Total error allowed for all rotations; each scheme turns it into a
            per-rotation precision with its own ``precision_per_rotation`` (norm and coherence
            aware), and a scheme whose total error exceeds it is infeasible.
        n_rotations: Number of rotations when ``rotations`` is a single angle (default 1).
        context: The machine (physical error rate, code distance).
        objective: ``"runtime"``, ``"qubits"`` or ``"spacetime"`` (module docstring).
        algorithm_logical_qubits: Logical qubits of the program besides the scheme's ancillas
            (for ``"spacetime"``); 1 counts only the rotated qubit.
        magic_state_volume: Logical qubit * time steps charged per T-state equivalent (for
            ``"spacetime"``); 0 leaves factories out.

    Returns:
        A :class:`RotationChoice` with the table (best first) and the reason.

    Raises:
        InvalidInputError: for a bad objective, precision, budget, count or empty scheme list.
        InfeasibleEstimateError: if no scheme is feasible (the message lists why per scheme).
    """
    if objective not in OBJECTIVES:
        raise InvalidInputError("objective", objective, "one of " + ", ".join(OBJECTIVES))
    if not schemes:
        raise InvalidInputError("schemes", schemes, "at least one RotationScheme")
    for s in schemes:
        if not isinstance(s, RotationScheme):
            raise InvalidInputError("schemes", s, "RotationScheme instances")
    if (precision is None) == (rotation_budget is None):
        raise InvalidInputError(
            "precision", precision, "exactly one of precision and rotation_budget"
        )
    if precision is not None:
        check_probability("precision", precision)
    if rotation_budget is not None:
        check_probability("rotation_budget", rotation_budget)
    check_non_negative("algorithm_logical_qubits", algorithm_logical_qubits, integer=True)
    check_non_negative("magic_state_volume", magic_state_volume)
    context = context if context is not None else RotationContext()
    angles, weights, total = _histogram(rotations, n_rotations)
    rows = [
        _evaluate(
            s,
            label,
            angles,
            weights,
            total,
            precision,
            rotation_budget,
            context,
            int(algorithm_logical_qubits),
            float(magic_state_volume),
        )
        for s, label in zip(schemes, _label(schemes), strict=True)
    ]
    rows.sort(key=lambda r: _sort_key(r, objective))
    if not rows[0].feasible:
        raise InfeasibleEstimateError(
            "no rotation scheme is feasible: " + "; ".join(f"{r.scheme}: {r.notes}" for r in rows),
            constraint="rotation_scheme",
        )
    return RotationChoice(
        objective=objective,
        n_rotations=total,
        n_distinct_angles=len(angles),
        rows=tuple(rows),
        reason=_reason(rows, objective, int(algorithm_logical_qubits)),
    )


def default_schemes() -> list[RotationScheme]:
    """Candidates that apply to any rotation stream (no Qualtran exact runs, no batching).

    QRE's formula, the gridsynth fit and exact counts, the four Kliuchnikov formulas,
    small-angle mixing and phase-gradient rotations. Add
    :class:`~estimator.rotations.hamming.HammingWeightPhasing` when the circuit has batches of
    same-angle commuting rotations, and the ``*Exact`` Qualtran protocols for per-angle counts.
    """
    from estimator.rotations.gridsynth import GridsynthExact, GridsynthFit
    from estimator.rotations.phase_gradient import PhaseGradientRotation
    from estimator.rotations.qre_formula import QREFormulaSynthesis
    from estimator.rotations.small_angle import SmallAngleMixing
    from estimator.rotations.synthesis import (
        DiagonalFormula,
        FallbackFormula,
        MixedDiagonalFormula,
        MixedFallbackFormula,
    )

    return [
        QREFormulaSynthesis(),
        GridsynthFit(),
        GridsynthExact(),
        DiagonalFormula(),
        FallbackFormula(),
        MixedDiagonalFormula(),
        MixedFallbackFormula(),
        SmallAngleMixing(),
        PhaseGradientRotation(),
    ]
