"""Gridsynth: exact pygridsynth counts (pinned, cached) and our fit a*log2(1/eps)+b."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from attrs import frozen

from estimator.errors import InvalidInputError
from estimator.rotations import gridsynth
from estimator.rotations.gridsynth import (
    GRIDSYNTH_FIT_EPS_RANGE,
    GRIDSYNTH_FIT_MAX_RESIDUAL,
    GRIDSYNTH_FIT_OFFSET,
    GRIDSYNTH_FIT_RMS,
    GRIDSYNTH_FIT_SLOPE,
    GridsynthExact,
    GridsynthFit,
    fit_gridsynth_line,
    gridsynth_t_count,
)


@frozen
class ExactCase:
    angle: float
    precision: float
    t_count: int
    generic: bool  # False: within 30 eps of the identity threshold, where gridsynth costs more


EXACT_CASES = [
    # pygridsynth 2.0.0, seed 0, up_to_phase=False; measured 2026-11-25 (star_and_rotations.md 6)
    ExactCase(1e-4, 1e-8, 84, True),
    ExactCase(1e-3, 1e-10, 104, True),
    ExactCase(0.1, 1e-8, 82, True),
    ExactCase(0.5, 1e-10, 102, True),
    ExactCase(1e-5, 1e-6, 72, False),
    # pygridsynth 2.0.0, seed 0, up_to_phase=False; measured by us for the fit (2026-11-25)
    ExactCase(6e-5, 1e-14, 140, True),
    ExactCase(1e-3, 1e-4, 42, True),
    ExactCase(0.5, 1e-15, 152, True),
    ExactCase(1e-4, 1e-12, 122, True),
]


@pytest.mark.parametrize("case", EXACT_CASES, ids=lambda c: f"{c.angle:g}-{c.precision:g}")
def test_pygridsynth_exact_counts_pinned(case):
    start = time.perf_counter()
    assert GridsynthExact().cost(precision=case.precision, angle=case.angle).t_count == case.t_count
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    "case", [c for c in EXACT_CASES if c.generic], ids=lambda c: f"{c.angle:g}-{c.precision:g}"
)
def test_fit_within_6_of_pinned_exact_counts(case):
    fit = GridsynthFit(round_up=False).cost(precision=case.precision).t_count
    assert abs(fit - case.t_count) <= 6


def test_fit_near_identity_underestimates():
    # 2 sin(1e-5/2) = 1e-5 = 10 eps: gridsynth spends 8.7 T more than the line (docstring)
    fit = GridsynthFit(round_up=False).cost(precision=1e-6).t_count
    assert 72 - fit == pytest.approx(8.7, abs=0.1)


def test_fit_recorded():
    # Our fit to 1,454 pygridsynth runs (module docstring of estimator/rotations/gridsynth.py)
    assert (GRIDSYNTH_FIT_SLOPE, GRIDSYNTH_FIT_OFFSET) == (3.005, 3.39)
    assert GRIDSYNTH_FIT_EPS_RANGE == (1e-15, 1e-4)
    assert GRIDSYNTH_FIT_MAX_RESIDUAL == 14.2 and GRIDSYNTH_FIT_RMS == 2.37
    assert GridsynthFit().cost(precision=1e-10).t_count == math.ceil(3.005 * math.log2(1e10) + 3.39)


def test_pygridsynth_epsilon_is_diamond_norm():
    """pygridsynth 2.0 accepts the identity iff 2|sin(angle/2)| <= eps (diamond norm).

    At angle 1.9e-4, eps 1e-4 the operator-norm distance of the identity, 2 sin(angle/4) = 0.95e-4,
    is within eps but the diamond distance 1.9e-4 is not: pygridsynth synthesizes.
    """
    assert gridsynth._run_pygridsynth(1.9e-4, 1e-4, False, 0) > 0
    assert gridsynth._run_pygridsynth(0.9e-4, 1e-4, False, 0) == 0
    assert GridsynthExact.norm == "diamond" and GridsynthExact.coherent


def test_identity_shortcut_matches_pygridsynth(monkeypatch):
    calls = []
    monkeypatch.setattr(gridsynth, "_run_pygridsynth", lambda *a: calls.append(a) or 99)
    gridsynth.clear_gridsynth_cache()
    cost = GridsynthExact().cost(precision=1e-4, angle=6e-5)
    assert cost.t_count == 0 and cost.error == pytest.approx(6e-5) and not calls
    gridsynth.clear_gridsynth_cache()


def test_exact_synthesis_cached_once_per_pair(monkeypatch):
    """Many rotations over few distinct angles: pygridsynth runs once per (angle, eps)."""
    calls = []

    def fake(angle, precision, up_to_phase, seed):
        calls.append((angle, precision))
        return 50

    gridsynth.clear_gridsynth_cache()
    monkeypatch.setattr(gridsynth, "_run_pygridsynth", fake)
    rng = np.random.default_rng(7)
    distinct = rng.uniform(0.01, 3.0, size=40)
    stream = rng.choice(distinct, size=5000)
    scheme = GridsynthExact()
    counts = scheme.t_counts(stream, 1e-10)
    assert counts.shape == (5000,) and set(counts.tolist()) == {50}
    assert len(calls) == 40
    # again, other precision: one more run per angle; same precision: none
    scheme.t_counts(stream, 1e-12)
    scheme.t_counts(stream, 1e-10)
    for a in distinct[:5]:
        scheme.cost(precision=1e-10, angle=float(a))
        gridsynth_t_count(float(a), 1e-10)
    assert len(calls) == 80
    assert len(set(calls)) == 80
    assert gridsynth.gridsynth_cache_size() == 80
    gridsynth.clear_gridsynth_cache()


def test_exact_needs_an_angle():
    with pytest.raises(InvalidInputError, match="angle"):
        GridsynthExact().cost(precision=1e-8)
    with pytest.raises(InvalidInputError, match="precision"):
        GridsynthExact().cost(precision=0.0, angle=0.1)
    with pytest.raises(InvalidInputError, match="angle"):
        GridsynthExact().cost(precision=1e-8, angle=float("inf"))


@pytest.mark.slow
def test_fit_procedure_against_fresh_pygridsynth_runs():
    """Refit on 47 fresh runs (6 angles x 8 precisions, about 3 s) with the recorded procedure."""
    rng = np.random.default_rng(11)
    angles = [*rng.uniform(-math.pi, math.pi, 4), 3e-5, 2e-3]
    eps = [1e-4, 1e-6, 1e-8, 1e-9, 1e-10, 1e-12, 1e-14, 1e-15]
    fresh = fit_gridsynth_line(angles, eps)
    assert fresh.n_points == 47  # 48 runs; 3e-5 at eps 1e-4 is an identity (dropped)
    assert fresh.eps_range == (1e-15, 1e-4)
    assert fresh.slope == pytest.approx(GRIDSYNTH_FIT_SLOPE, abs=0.15)
    # the recorded line on these fresh runs
    res = [
        gridsynth_t_count(a, e) - (GRIDSYNTH_FIT_SLOPE * math.log2(1 / e) + GRIDSYNTH_FIT_OFFSET)
        for e in eps
        for a in angles
        if 2 * abs(math.sin(a / 2)) > e
    ]
    assert len(res) == 47
    assert max(abs(r) for r in res) <= GRIDSYNTH_FIT_MAX_RESIDUAL
    assert np.mean([abs(r) <= 6 for r in res]) >= 0.9


def test_fit_procedure_input_errors():
    with pytest.raises(InvalidInputError, match="precisions"):
        fit_gridsynth_line([1e-6], [1e-4])  # identity only
    with pytest.raises(InvalidInputError, match="angles"):
        GridsynthExact().t_counts([0.1, float("nan")], 1e-8)
