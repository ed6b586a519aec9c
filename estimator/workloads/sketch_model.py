"""How a task run uses quantum oracle sketches, and what each sketch costs (formula level).

A task run (one state preparation plus its readout circuit) calls several oracles; in QOS every
call is a *fresh* sketch built from fresh samples. :class:`SketchUse` records one kind of call:
how many unit sketches a run needs, over which support the samples are drawn (N_eff), and the
gate each sample applies (width of its multi-control, rotations per sample, angle).

Error accounting (Lemma "D.17" per [CN-REVIEW], UNVERIFIED; also the bloqs' sample_complexity):
errors of the K unit sketches of a run add linearly, so each gets ``eps_sketch / K`` and a unit
sketch over support N_eff needs ``M_unit = c R_D N_eff K / eps_sketch`` samples; the run needs
``sum_k calls_k M_unit_k ~ c R_D N_eff K^2 / eps`` (the paper's ``N Q^2 / eps``).

Per-sample gate [OURS, matching estimator.bloqs.sample.SketchSample]: a phase on one basis state
of ``controls`` qubits = an And ladder of ``controls - 1`` And gates (4 T each, Gidney 2018),
one arbitrary-angle rotation, ``controls - 1`` measurements for the measurement-based
uncomputation, and ``controls - 1`` clean ancillas.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Code github.com/haimengzhao/quantum-oracle-sketching@b5ee67b, qos.py.

    [Quantum algorithm for systems of linear equations with exponentially improved dependence
    on precision](https://arxiv.org/abs/1511.02306). Childs, Kothari, Somma (2017). Lemmas 17-19
    (the 1/x polynomial; its degree as computed by pyqsp ``PolyOneOverX``).

    [Quantum amplitude amplification and estimation](https://arxiv.org/abs/quant-ph/0005055).
    Brassard, Hoyer, Mosca, Tapp (2002). Theorem 2 (floor(pi / (4 theta)) rounds).
"""

from __future__ import annotations

import math
from typing import Any

from attrs import frozen

from estimator.errors import InvalidInputError
from estimator.validation import check_positive, check_probability, is_symbolic
from estimator.workloads._symbolic import sasin, sceil, sfloor, sln, smax, spi, ssqrt

#: c = pi^2/2: exact large-M expected-unitary error of the Boolean sketch. Same constant as
#: estimator.bloqs.sample_complexity.C_EXPECTED_UNITARY (derived from qos.py
#: q_oracle_sketch_boolean's closed form).
C_EXPECTED_UNITARY = math.pi**2 / 2
#: c = pi^2 + 2 sqrt(2) pi: Theorem D.16 / Eq. (D99) of arXiv:2604.07639v1 for uniform IID data
#: (t = pi N, p_max = 1/N, |X| = N). UNVERIFIED (quoted by a secondary audit).
C_THEOREM_D16 = math.pi**2 + 2 * math.sqrt(2) * math.pi
#: Named choices.
SAMPLE_CONSTANTS = {"expected_unitary": C_EXPECTED_UNITARY, "theorem_d16": C_THEOREM_D16}

#: Degree of the QSVT sign polynomial inside the binary-search index oracle:
#: qos.py q_oracle_sketch_matrix_index(degree=101) default (qos_sampling.py uses 51).
DEFAULT_SIGN_DEGREE = 101
#: Degree of the arcsin polynomial of the general state sketch: qos.py q_state_sketch(degree=4).
DEFAULT_ARCSIN_DEGREE = 4
#: The state sketch's evolution time is t = dim / (5 ||b||): qos.py q_state_sketch ("/ 5").
STATE_SKETCH_TIME_DIVISOR = 5


def resolve_sample_constant(value: Any) -> Any:
    """Accept a number or a name from :data:`SAMPLE_CONSTANTS`."""
    if isinstance(value, str):
        if value not in SAMPLE_CONSTANTS:
            raise InvalidInputError(
                "sample_constant", value, "one of " + ", ".join(SAMPLE_CONSTANTS)
            )
        return SAMPLE_CONSTANTS[value]
    check_positive("sample_constant", value)
    return value


@frozen(kw_only=True)
class SketchUse:
    """One kind of sketched oracle call in a task run.

    Attributes:
        kind: Short name (``"element"``, ``"row_index"``, ``"index_search"``, ``"flat_state"``,
            ``"state"``, ``"boolean"``).
        calls: Unit sketches of this kind per run.
        support: N_eff, the size of the sampled support (rows, non-zeros, vector length).
        controls: Qubits the per-sample phase is conditioned on (its And ladder has
            ``controls - 1`` And gates).
        rotations_per_sample: Arbitrary-angle rotations per sample.
        angle_scale: The per-sample angle is ``angle_scale / M_unit`` (radians); for data-
            dependent angles this is the largest one.
        source: Where the structure comes from.
        group: Unit sketches bundled in one call of the matching Bloq (e.g. the ``d n_c``
            sketches inside one ``ElementIndexOracle``).
        bloq: ``(class name in estimator.bloqs, keyword arguments without num_samples)`` of
            the Bloq that implements one call of this kind, for the Bloq-composition path.
        controlled: Whether the run is controlled by the Hadamard-test ancilla (already counted
            in ``controls`` / ``rotations_per_sample``; the uncontrolled Bloqs need it added).
    """

    kind: str
    calls: Any
    support: Any
    controls: Any
    rotations_per_sample: Any = 1
    angle_scale: Any = None
    source: str = ""
    group: Any = 1
    bloq: tuple[str, tuple[tuple[str, Any], ...]] | None = None
    controlled: bool = False


@frozen(kw_only=True)
class RunCost:
    """The cost of one run from its sketch uses and its fixed (non-sketch) rotations."""

    sketch_calls: Any
    samples: Any
    rotations: Any
    ands: Any
    measurements: Any
    logical_depth: Any
    angles: tuple[tuple[Any, Any], ...]
    samples_by_kind: dict[str, Any]
    unit_samples_by_kind: dict[str, Any]
    unit_samples: tuple[Any, ...] = ()


def run_cost(
    uses: list[SketchUse],
    *,
    sketch_error: Any,
    sample_constant: Any,
    repetition: Any = 1,
    fixed_rotations: Any = 0,
) -> RunCost:
    """Samples and gates of one run.

    Args:
        uses: The sketched calls of the run.
        sketch_error: Total (diamond-norm) error budget of all sketches of the run.
        sample_constant: c of ``M = c N_eff / eps_unit``.
        repetition: R_D of a correlated stream (1 for IID).
        fixed_rotations: Rotations that are not sketch samples (QSVT phases, fixed phases).
    """
    check_probability("sketch_error", sketch_error)
    k_total: Any = sum(u.calls for u in uses)
    samples: Any = 0
    rotations: Any = fixed_rotations
    ands: Any = 0
    depth: Any = fixed_rotations
    angles: list[tuple[Any, Any]] = []
    by_kind: dict[str, Any] = {}
    unit_by_kind: dict[str, Any] = {}
    units: list[Any] = []
    for u in uses:
        # M_unit = c R_D N_eff / (eps_sketch / K)  (linear error accumulation over K sketches)
        m_unit = sceil(sample_constant * repetition * u.support * k_total / sketch_error)
        n_samples = u.calls * m_unit
        gates = n_samples * u.rotations_per_sample
        samples += n_samples
        rotations += gates
        ands += gates * (u.controls - 1)
        # And ladder in, rotation, ladder out (measurement-based, depth 1 per And) [OURS]
        depth += gates * (2 * (u.controls - 1) + 1)
        by_kind[u.kind] = by_kind.get(u.kind, 0) + n_samples
        unit_by_kind[u.kind] = m_unit
        units.append(m_unit)
        if u.angle_scale is not None:
            angles.append((u.angle_scale / m_unit, gates))
    return RunCost(
        sketch_calls=k_total,
        samples=samples,
        rotations=rotations,
        ands=ands,
        measurements=ands,
        logical_depth=depth,
        angles=tuple(angles),
        samples_by_kind=by_kind,
        unit_samples_by_kind=unit_by_kind,
        unit_samples=tuple(units),
    )


def inverse_polynomial_degree(kappa: Any, error: Any) -> Any:
    """Degree of the odd 1/x polynomial on ``[1/kappa, 1]`` to error ``eps`` (CKS, truncated).

    ``b = floor(kappa^2 ln(kappa/eps))``, ``j0 = floor(sqrt(b ln(4 b / eps)))``,
    degree ``2 j0 + 1`` (Childs-Kothari-Somma 2017 Lemmas 17-19; pyqsp PolyOneOverX computes the
    same ``b`` and ``j0``). Scales as ``O(kappa log(kappa/eps))``, the degree the paper states for
    its pseudo-inverse [CN-REVIEW]. ``b`` is clamped to at least 1.
    """
    check_positive("kappa", kappa)
    check_probability("polynomial error", error)
    if not is_symbolic(kappa) and kappa < 1:
        raise InvalidInputError("kappa", kappa, "kappa >= 1")
    b = smax(sfloor(kappa**2 * sln(kappa / error)), 1)  # CKS Lemma 17 / pyqsp: b
    j0 = sfloor(ssqrt(b * sln(4 * b / error)))  # CKS Lemma 19 / pyqsp: j0
    return 2 * j0 + 1


def amplification_rounds(amplitude: Any) -> Any:
    """Rounds ``floor(pi / (4 asin(a)))`` of amplitude amplification for success amplitude a.

    Brassard-Hoyer-Mosca-Tapp 2002, Theorem 2. The state preparation is used ``2 m + 1`` times.
    """
    check_positive("success amplitude", amplitude)
    if not is_symbolic(amplitude) and amplitude > 1:
        raise InvalidInputError("success amplitude", amplitude, "0 < a <= 1")
    return sfloor(spi(amplitude) / (4 * sasin(amplitude)))
