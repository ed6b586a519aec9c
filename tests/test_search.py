"""The default (monotone) search: pinned QRE non-monotonicity and the two properties."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estimator import physical
from estimator.architecture import Architecture
from estimator.errors import EstimatorError, InvalidInputError
from estimator.logical import LogicalCounts
from estimator.model_files import load_model
from estimator.search import (
    LADDER_FLOOR,
    dominates,
    ladder_index_below,
    ladder_value,
    monotone_estimate,
)
from estimator.testing import assert_valid_estimate

# Pinned: 10 qubits, 1e10 T, 1e3 CCZ, 1e3 measurements on QRE's qubit_maj_ns_e4 surface code.
# qsharp 1.31 side by side (test below): 4,752,740 qubits at 1e-5, 25,507,500 at 1e-4.
PINNED = LogicalCounts(num_qubits=10, t_count=10**10, ccz_count=1000, measurement_count=1000)
MAJ = Architecture.qre("qubit_maj_ns_e4")
GATE = Architecture.qre("qubit_gate_ns_e3")


def test_qre_parity_is_not_monotone_and_qsharp_agrees() -> None:
    lo = physical.estimate(PINNED, MAJ, 1e-5, search="qre")
    hi = physical.estimate(PINNED, MAJ, 1e-4, search="qre")
    assert (lo.physical_qubits, hi.physical_qubits) == (4_752_740, 25_507_500)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from qsharp.estimator import EstimatorParams, QECScheme, QubitParams
        from qsharp.estimator import LogicalCounts as QLC

    qc = QLC(PINNED.to_qre_json())
    for budget, qubits in ((1e-5, 4_752_740), (1e-4, 25_507_500)):
        p = EstimatorParams()
        p.qubit_params.name = QubitParams.MAJ_NS_E4
        p.qec_scheme.name = QECScheme.SURFACE_CODE
        p.error_budget = budget
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert qc.estimate(p)["physicalCounts"]["physicalQubits"] == qubits


@pytest.mark.slow
def test_default_search_is_monotone_on_the_pinned_case() -> None:
    lo, hi = monotone_estimate(PINNED, MAJ, 1e-5), monotone_estimate(PINNED, MAJ, 1e-4)
    assert dominates(hi, lo)
    assert hi.physical_qubits <= 4_752_740
    for e in (lo, hi):
        assert_valid_estimate(e)
    assert hi.budget == physical.estimate(PINNED, MAJ, 1e-4, search="qre").budget


def test_ladder() -> None:
    """Round budgets are ladder points exactly; steps are at most 12.5% from 1e-6 up."""
    for literal in (1e-9, 1e-6, 1e-4, 1e-3, 2e-3, 2.5e-3, 5e-3, 1e-2, 0.1, 1.0):
        assert ladder_value(ladder_index_below(literal)) == literal
    assert ladder_value(ladder_index_below(4.999e-3)) == 4.5e-3
    assert ladder_index_below(9.9e-10) == -1  # below the floor
    assert ladder_value(0) == LADDER_FLOOR
    steps = [
        ladder_value(i + 1) / ladder_value(i)
        for i in range(ladder_index_below(1e-6), ladder_index_below(1.0))
    ]
    assert max(steps) <= 1.125 + 1e-12


def test_invalid_input_is_ours() -> None:
    with pytest.raises(InvalidInputError, match="error_budget"):
        monotone_estimate(PINNED, GATE, 1.5)
    with pytest.raises(InvalidInputError, match="counts"):
        monotone_estimate("nope", GATE, 1e-3)  # type: ignore[arg-type]


_counts = st.builds(
    LogicalCounts,
    num_qubits=st.integers(1, 200),
    t_count=st.integers(0, 10**9),
    ccz_count=st.integers(0, 10**7),
    rotation_count=st.just(0),
    measurement_count=st.integers(0, 10**6),
)
_arch = st.sampled_from(
    [GATE, Architecture.qre("qubit_gate_ns_e4"), Architecture.qre("qubit_gate_us_e3")]
)
_budget = st.floats(1e-6, 0.3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=_counts, arch=_arch, b1=_budget, factor=st.floats(1.0, 1000.0))
def test_more_budget_never_costs_more(counts, arch, b1, factor) -> None:  # noqa: ANN001
    b2 = min(b1 * factor, 0.5)
    try:
        e1 = monotone_estimate(counts, arch, b1)
    except EstimatorError:
        return
    e2 = monotone_estimate(counts, arch, b2)  # feasible at b1 => feasible at b2
    assert_valid_estimate(e1)
    assert_valid_estimate(e2)
    assert e2.physical_qubits <= e1.physical_qubits
    assert e2.runtime_ns <= e1.runtime_ns


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=_counts, arch=_arch, b=_budget)
def test_never_dominated_by_qre_at_the_ladder_point(counts, arch, b) -> None:  # noqa: ANN001
    ladder = ladder_value(ladder_index_below(b))
    try:
        ours = monotone_estimate(counts, arch, ladder)
    except EstimatorError:
        return
    theirs = physical.estimate(counts, arch, ladder, search="qre")
    same = (ours.physical_qubits, ours.runtime_ns) == (theirs.physical_qubits, theirs.runtime_ns)
    strictly_better_somewhere = (
        ours.physical_qubits < theirs.physical_qubits or ours.runtime_ns < theirs.runtime_ns
    )
    assert same or strictly_better_somewhere


def test_estimate_search_switch() -> None:
    """``estimate(..., search=...)`` reaches both searches and rejects unknown names."""
    from estimator.architecture import Architecture
    from estimator.errors import InvalidInputError
    from estimator.logical import LogicalCounts
    from estimator.physical import estimate
    from estimator.search import monotone_estimate

    counts = LogicalCounts(num_qubits=100, rotation_count=112_110, rotation_depth=2_001)
    arch = Architecture.qre("qubit_gate_ns_e3")
    assert estimate(counts, arch, 1e-3, search="qre").physical_qubits == 7_929_620
    mono = estimate(counts, arch, 1e-3, search="monotone")
    assert mono == monotone_estimate(counts, arch, 1e-3)
    assert mono.physical_qubits <= 7_929_620 or mono.runtime_ns <= 1_156_188_000
    assert estimate(counts, arch, 1e-3) == mono  # the default search is the monotone one
    with pytest.raises(InvalidInputError, match="search"):
        estimate(counts, arch, 1e-3, search="fastest")


def test_a_ladder_budget_refused_as_input_counts_as_infeasible() -> None:
    """20 Newsgroups (3.4e33 rotations): at 1e-3 the phase gradient's precision is allowed; at
    1e-6 it would need more than the scheme's 128 bits, which the walk treats as infeasible
    (the gallery's 20news report lost this architecture before this rule)."""
    from estimator.examples import get_workload
    from estimator.model_files import load_model

    counts = get_workload("20news").counts()
    arch = load_model("clifford_t_phase_gradient_p1e-4")
    with pytest.raises(InvalidInputError, match="gradient bits"):
        physical.estimate(counts, arch, 1e-6, search="qre")
    est = physical.estimate(counts, arch, 1e-3)
    assert_valid_estimate(est)
    qre = physical.estimate(counts, arch, 1e-3, search="qre")
    assert (est.physical_qubits, est.runtime_ns) == (qre.physical_qubits, qre.runtime_ns)


def test_qre_at_the_budget_itself_never_beats_the_default() -> None:
    """Property 2 off the ladder: on QRE's presets the walk knows every budget where QRE's plan
    can change, so QRE at any budget is never better in both qubits and runtime (a plain 1, 2, 5
    ladder lost to it about 1 time in 3 here)."""
    import random

    rng = random.Random(5)
    presets = ["qubit_gate_ns_e3", "qubit_gate_ns_e4", "qubit_gate_us_e3", "qubit_maj_ns_e4"]
    archs = {p: Architecture.qre(p) for p in presets}
    compared = beaten = 0
    while compared < 60:
        arch = archs[rng.choice(presets)]
        counts = LogicalCounts(
            num_qubits=rng.randint(1, 300),
            t_count=int(10 ** rng.uniform(0, 12)),
            ccz_count=int(10 ** rng.uniform(0, 9)),
            rotation_count=int(10 ** rng.uniform(0, 9)) if rng.random() < 0.5 else 0,
            rotation_depth=None,
            measurement_count=int(10 ** rng.uniform(0, 8)),
        )
        b = 10 ** rng.uniform(-8, -1)
        try:
            ours = physical.estimate(counts, arch, b)
            qre = physical.estimate(counts, arch, b, search="qre")
        except EstimatorError:
            continue
        compared += 1
        better = (qre.physical_qubits, qre.runtime_ns) != (ours.physical_qubits, ours.runtime_ns)
        beaten += better and dominates(qre, ours)
    assert beaten == 0


_counts_with_rotations = st.builds(
    LogicalCounts,
    num_qubits=st.integers(1, 200),
    t_count=st.integers(0, 10**9),
    ccz_count=st.integers(0, 10**7),
    rotation_count=st.integers(0, 10**8),
    rotation_depth=st.none(),
    measurement_count=st.integers(0, 10**6),
)
_arch_all = st.sampled_from(
    [
        GATE,
        Architecture.qre("qubit_gate_ns_e4"),
        Architecture.qre("qubit_gate_us_e3"),
        MAJ,
        load_model("clifford_t_cultivation_p1e-4"),
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=_counts_with_rotations, arch=_arch_all, b=_budget)
def test_qre_plan_is_constant_up_to_the_next_budget(counts, arch, b) -> None:  # noqa: ANN001
    """The walk's step: QRE gives the same plan at every budget from ``b`` up to the reported
    next budget of change (checked at points inside, and just below its end)."""
    from estimator.physical import estimate_with_next_budget

    try:
        est, nxt = estimate_with_next_budget(counts, arch, b, b)
    except EstimatorError:
        return
    if nxt is None:
        return
    nxt = min(nxt, 0.99)  # budgets stay below 1
    for x in (b * (nxt / b) ** 0.25, b * (nxt / b) ** 0.5, b * (nxt / b) ** 0.9, nxt * (1 - 1e-9)):
        if not b < x < nxt:
            continue
        other = physical.estimate(counts, arch, x, search="qre")
        assert (other.physical_qubits, other.runtime_ns, other.code_distance) == (
            est.physical_qubits,
            est.runtime_ns,
            est.code_distance,
        ), (b, x, nxt)
