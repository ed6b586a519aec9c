"""The rotation-scheme chooser: per-scheme table, objective, reason, vectorized over histograms."""

from __future__ import annotations

import math
import time

import pytest
from attrs import frozen

from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.rotations.base import RotationCost, RotationScheme
from estimator.rotations.chooser import choose_rotation_scheme, default_schemes
from estimator.rotations.hamming import HammingWeightPhasing
from estimator.rotations.phase_gradient import PhaseGradientRotation
from estimator.rotations.synthesis import MixedFallbackFormula

L14 = math.log2(1e14)  # QOS-like stream: 1e12 rotations, budget 1e-2 -> 1e-14 per rotation

# QOS-like stream (issue 5): 10^12 rotations of theta = 6e-5, total rotation budget 1e-2.
# (scheme, T per rotation, Toffoli per rotation, extra logical qubits); spacetime order with
# 100 algorithm qubits.
QOS_TABLE = [
    ("mixed_fallback_formula", 0.53 * L14 + 4.86, 0, 0),  # arXiv:2203.10064 Table 1
    ("small_angle_mixing", 0.53 * L14 + 4.86, 0, 0),  # worst case = mixed fallback (tie, name)
    ("qre_formula", 30, 0, 0),  # ceil(0.53 log2(1e14) + 4.86), QRE
    ("fallback_formula", 1.03 * L14 + 5.75, 0, 0),  # arXiv:2203.10064 Table 1
    ("mixed_diagonal_formula", 1.52 * L14 - 0.01, 0, 0),  # arXiv:2203.10064 Table 1
    ("gridsynth_exact", 140, 0, 0),  # pygridsynth 2.0.0 at (6e-5, 1e-14)
    ("diagonal_formula", 3.02 * L14 + 1.77, 0, 0),  # arXiv:2203.10064 Table 1
    ("gridsynth_fit", 144, 0, 0),  # ceil(3.005 log2(1e14) + 3.39), our fit
    ("phase_gradient", 0, 48, 148),  # b = 50: 48 Toffolis; 2b + (b - 2) qubits
]


@pytest.fixture(scope="module")
def qos_choice():
    return choose_rotation_scheme(
        6e-5,
        n_rotations=10**12,
        rotation_budget=1e-2,
        schemes=default_schemes(),
        objective="spacetime",
        algorithm_logical_qubits=100,
    )


def test_qos_stream_table(qos_choice):
    assert [r.scheme for r in qos_choice.rows] == [name for name, *_ in QOS_TABLE]
    for (name, t, tof, extra), row in zip(QOS_TABLE, qos_choice.rows, strict=True):
        assert row.feasible, name
        assert row.t_per_rotation == pytest.approx(t, abs=1e-9), name
        assert row.toffoli_per_rotation == tof, name
        assert row.ancilla_qubits == extra, name
        assert row.precision == pytest.approx(1e-14)
        assert row.total_error <= 1e-2 * (1 + 1e-9)
    assert qos_choice.n_rotations == 10**12 and qos_choice.n_distinct_angles == 1


def test_qos_stream_choice_and_ratio(qos_choice):
    best = qos_choice.best
    assert best.scheme == "mixed_fallback_formula"
    assert best.total_time_steps == pytest.approx(1e12 * (0.53 * L14 + 4.86))
    assert best.spacetime == pytest.approx(100 * best.total_time_steps)
    # worst: phase gradient, (100 + 148) qubits x 144 steps vs 100 x 29.51
    assert qos_choice.worst.scheme == "phase_gradient"
    expected_ratio = (248 * 144) / (100 * (0.53 * L14 + 4.86))
    assert qos_choice.ratio_worst_to_best == pytest.approx(expected_ratio)
    assert qos_choice.ratio_worst_to_best == pytest.approx(12.10, abs=0.01)
    assert qos_choice.reason.startswith("mixed_fallback_formula has the lowest spacetime")
    assert "worst phase_gradient (12.1x)" in qos_choice.reason


@pytest.mark.parametrize(
    ("objective", "best", "ratio"),
    [
        ("runtime", "mixed_fallback_formula", 144 / (0.53 * L14 + 4.86)),  # 4.88
        ("qubits", "mixed_fallback_formula", float("inf")),  # 0 extra qubits vs 148
    ],
)
def test_qos_stream_other_objectives(objective, best, ratio):
    choice = choose_rotation_scheme(
        6e-5,
        n_rotations=10**12,
        rotation_budget=1e-2,
        schemes=default_schemes(),
        objective=objective,
    )
    assert choice.best.scheme == best
    assert choice.ratio_worst_to_best == pytest.approx(ratio)


def test_hamming_weight_batches_win_when_available():
    schemes = [*default_schemes(), HammingWeightPhasing(batch_size=1024)]
    choice = choose_rotation_scheme(
        6e-5, n_rotations=10**12, rotation_budget=1e-2, schemes=schemes, objective="runtime"
    )
    assert choice.best.scheme == "hamming_weight_phasing"
    # 1023 Toffolis (3 steps each) + 11 rotations at 1024e-14/11, per 1024 rotations
    inner = MixedFallbackFormula().cost(precision=1e-14 * 1024 / 11).t_count
    assert choice.best.time_steps_per_rotation == pytest.approx((3 * 1023 + 11 * inner) / 1024)


@frozen
class CountingScheme(RotationScheme):
    """Counts calls; T = 10 + |angle|."""

    calls: list
    name = "counting"
    angle_dependent = True

    def cost(self, *, precision, angle=None, context=None):
        self.calls.append(angle)
        return RotationCost(scheme=self.name, t_count=10 + abs(angle), logical_time_steps=1)


def test_histogram_evaluated_once_per_distinct_angle():
    calls: list = []
    hist = {0.1: 10**15, 0.2: 3, 0.30000000000000004: 0, 0.5: 7 * 10**14}
    start = time.perf_counter()
    choice = choose_rotation_scheme(hist, precision=1e-10, schemes=[CountingScheme(calls)])
    assert time.perf_counter() - start < 1
    assert sorted(calls) == [0.1, 0.2, 0.5]  # zero counts skipped, one call per angle
    n = 10**15 + 3 + 7 * 10**14
    assert choice.n_rotations == n and isinstance(choice.n_rotations, int)
    expected_t = (10.1 * 10**15 + 10.2 * 3 + 10.5 * 7 * 10**14) / n
    assert choice.best.t_per_rotation == pytest.approx(expected_t, rel=1e-12)


def test_identity_fraction_in_histogram():
    choice = choose_rotation_scheme(
        {1e-9: 99, 0.3: 1}, precision=1e-8, schemes=[MixedFallbackFormula()]
    )
    row = choice.best
    assert row.identity_fraction == pytest.approx(0.99)
    assert row.t_per_rotation == pytest.approx(0.01 * (0.53 * math.log2(1e8) + 4.86))
    assert "0.99 of the rotations are identities" in choice.reason


def test_budget_check_marks_infeasible():
    # a 20-bit gradient resolves 6e-6 rad: fine for precision 1e-5, not for a 1e-2 budget / 1e4
    choice = choose_rotation_scheme(
        0.1,
        n_rotations=10,
        rotation_budget=1e-3,
        schemes=[PhaseGradientRotation(bits=20), MixedFallbackFormula()],
    )
    assert [r.feasible for r in choice.rows] == [True, True]
    choice = choose_rotation_scheme(
        0.1,
        n_rotations=10**4,
        rotation_budget=1e-2,
        schemes=[PhaseGradientRotation(bits=20), MixedFallbackFormula()],
    )
    bad = choice.row("phase_gradient")
    assert not bad.feasible and "bits" in bad.notes
    assert choice.best.scheme == "mixed_fallback_formula"
    assert "infeasible: phase_gradient" in choice.reason


def test_no_feasible_scheme():
    with pytest.raises(InfeasibleEstimateError, match="gridsynth_exact: invalid angle=None"):
        choose_rotation_scheme(None, precision=1e-8, schemes=default_schemes()[2:3])


def test_duplicate_names_are_labelled():
    choice = choose_rotation_scheme(
        0.1, precision=1e-8, schemes=[MixedFallbackFormula(), MixedFallbackFormula(offset=3.0)]
    )
    assert {r.scheme for r in choice.rows} == {"mixed_fallback_formula", "mixed_fallback_formula#2"}
    assert choice.best.scheme == "mixed_fallback_formula#2"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"precision": 1e-8, "objective": "speed"}, "objective"),
        ({"precision": 1e-8, "rotation_budget": 1e-2}, "exactly one"),
        ({}, "exactly one"),
        ({"precision": 1.5}, "precision"),
        ({"rotation_budget": 0.0}, "rotation_budget"),
        ({"precision": 1e-8, "n_rotations": -1}, "n_rotations"),
        ({"precision": 1e-8, "n_rotations": 0}, "n_rotations"),
        ({"precision": 1e-8, "algorithm_logical_qubits": -2}, "algorithm_logical_qubits"),
    ],
)
def test_bad_inputs(kwargs, match):
    with pytest.raises(InvalidInputError, match=match):
        choose_rotation_scheme(0.1, schemes=[MixedFallbackFormula()], **kwargs)


def test_bad_histograms_and_schemes():
    with pytest.raises(InvalidInputError, match="count"):
        choose_rotation_scheme({0.1: -1}, precision=1e-8, schemes=[MixedFallbackFormula()])
    with pytest.raises(InvalidInputError, match="at least one rotation"):
        choose_rotation_scheme({0.1: 0}, precision=1e-8, schemes=[MixedFallbackFormula()])
    with pytest.raises(InvalidInputError, match="n_rotations"):
        choose_rotation_scheme(
            {0.1: 1}, precision=1e-8, n_rotations=3, schemes=[MixedFallbackFormula()]
        )
    with pytest.raises(InvalidInputError, match="schemes"):
        choose_rotation_scheme(0.1, precision=1e-8, schemes=[])
    with pytest.raises(InvalidInputError, match="schemes"):
        choose_rotation_scheme(0.1, precision=1e-8, schemes=["gridsynth"])


@frozen
class FixedErrorScheme(RotationScheme):
    """An analog-injection-like scheme with a fixed error per rotation."""

    error: float
    name = "fixed_error"

    def cost(self, *, precision, angle=None, context=None):
        return RotationCost(
            scheme=self.name, injections=2.0, logical_time_steps=2.0, error=self.error
        )


def test_total_error_over_budget_is_infeasible_with_numbers():
    choice = choose_rotation_scheme(
        6e-5,
        n_rotations=10**10,
        rotation_budget=1e-2,
        schemes=[FixedErrorScheme(2.1e-4), MixedFallbackFormula()],
        objective="runtime",
    )
    bad = choice.row("fixed_error")
    assert not bad.feasible
    assert (
        bad.notes
        == "fixed_error rotation error 0.00021 x 1e+10 rotations = 2.1e+06 exceeds budget 0.01"
    )
    ok = choose_rotation_scheme(
        0.3,
        n_rotations=10,
        rotation_budget=1e-2,
        schemes=[FixedErrorScheme(2.1e-4), MixedFallbackFormula()],
        objective="runtime",
    )
    assert ok.best.scheme == "fixed_error" and ok.best.injections_per_rotation == 2.0


def test_histogram_from_rotations_by_angle_cost_key():
    """The QOS Bloqs' angle-aware cost key feeds the chooser directly (dict or pairs)."""
    from qualtran.bloqs.rotations import HammingWeightPhasing as QHWP
    from qualtran.resource_counting import get_cost_value

    from estimator.bloqs import RotationsByAngle

    hist = get_cost_value(QHWP(7, 0.001), RotationsByAngle())  # angles pi*0.001*2^i, i < 3
    assert len(hist) == 3
    by_dict = choose_rotation_scheme(hist, rotation_budget=3e-8, schemes=[MixedFallbackFormula()])
    by_pairs = choose_rotation_scheme(
        tuple(hist.items()), rotation_budget=3e-8, schemes=[MixedFallbackFormula()]
    )
    assert by_dict.rows == by_pairs.rows
    assert by_dict.n_rotations == 3 and by_dict.best.precision == pytest.approx(1e-8)
    assert by_dict.best.t_per_rotation == pytest.approx(0.53 * math.log2(1e8) + 4.86)
    with pytest.raises(InvalidInputError, match="pairs"):
        choose_rotation_scheme([0.1, 0.2], precision=1e-8, schemes=[MixedFallbackFormula()])
