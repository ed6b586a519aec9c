"""Fuzzing the library API with hypothesis: wide ranges, edge probabilities, symbols, junk.

Every outcome is a valid result (checked by :func:`estimator.testing.assert_valid_estimate`, no
NaN or inf) or one of our exceptions (:class:`estimator.errors.EstimatorError`).
"""

from __future__ import annotations

import math

import pytest
import sympy
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from estimator.architecture import Architecture
from estimator.budget import ErrorBudget
from estimator.errors import EstimatorError
from estimator.logical import LogicalCounts
from estimator.model_files import load_model
from estimator.physical import estimate
from estimator.star_estimate import estimate_any
from estimator.testing import assert_valid_estimate
from estimator.workloads import BooleanQueryTask

ARCHS = [
    Architecture.qre("qubit_gate_ns_e3"),
    Architecture.qre("qubit_gate_us_e4"),
    Architecture.qre("qubit_maj_ns_e6", "floquet_code"),
    load_model("clifford_t_cultivation_p1e-4"),
    load_model("star_v3_p1e-4"),
    load_model("clifford_t_phase_gradient_p1e-4"),
]
SETTINGS = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

_big = st.one_of(
    st.integers(0, 10),
    st.integers(0, 10**6),
    st.integers(0, 10**30),
    st.sampled_from([2**63 - 1, 2**63, 2**64 + 1, 10**30]),
)
_junk = st.one_of(
    st.just(sympy.Symbol("N")),
    st.just(sympy.Symbol("M") * 2),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**6), -1),
    st.sampled_from(["12", "", None, True, [1], 1.5]),
)
_count = st.integers(0, 39).flatmap(lambda k: _junk if k == 0 else _big)  # junk: 1 field in 40
_prob = st.one_of(
    st.floats(5e-324, 1e-250),  # denormal budgets divided by 1e30-scale counts underflow
    st.floats(1e-250, 1e-6),
    st.floats(1e-6, 0.5),
    st.floats(0.5, 1.0),
    st.sampled_from([0.0, 1.0, -0.0, 1 - 1e-16, 5e-324, math.nan, math.inf, -1e-3]),
    st.just(sympy.Symbol("eps")),
    st.sampled_from(["0.01", None, True]),
)


@st.composite
def counts(draw: st.DrawFn) -> LogicalCounts:
    rc = draw(_count)
    numeric = isinstance(rc, int) and not isinstance(rc, bool) and rc >= 0
    if numeric and draw(st.integers(0, 19)):
        rd: object = draw(st.integers(1, rc)) if rc > 0 else 0
    else:
        rd = draw(_count)
    kw = {
        "num_qubits": draw(st.one_of(st.integers(1, 10**4), _count)),
        "t_count": draw(_count),
        "ccz_count": draw(_count),
        "rotation_count": rc,
        "rotation_depth": rd,
        "measurement_count": draw(_count),
    }
    return LogicalCounts(**kw)


_budget = st.one_of(st.floats(1e-12, 0.5), st.floats(1e-30, 1e-12), _prob)


def _check(est: object) -> None:
    assert_valid_estimate(est)  # type: ignore[arg-type]
    for v in est.to_dict()["physicalCounts"].values():  # type: ignore[attr-defined]
        if isinstance(v, float):
            assert math.isfinite(v)


@SETTINGS
@given(data=st.data(), arch=st.sampled_from(ARCHS), budget=_budget)
def test_estimate_is_valid_or_our_error(data: st.DataObject, arch: Architecture, budget) -> None:  # noqa: ANN001
    try:
        c = data.draw(counts())
    except EstimatorError as exc:
        event(f"counts rejected: {type(exc).__name__}")
        return
    try:
        est = estimate_any(c, arch, budget)
    except EstimatorError as exc:
        event(f"error {type(exc).__name__}")
        return
    event("estimate")
    _check(est)


@SETTINGS
@given(
    logical=_prob,
    magic=_prob,
    rotations=_prob,
    t=st.integers(0, 10**30),
    r=st.integers(0, 10**30),
)
def test_error_budget_and_qre_estimate(logical, magic, rotations, t, r) -> None:  # noqa: ANN001
    try:
        b = ErrorBudget(logical=logical, magic_states=magic, rotations=rotations)
        c = LogicalCounts(num_qubits=10, t_count=t, rotation_count=r, rotation_depth=r)
        est = estimate(c, ARCHS[0], b)
    except EstimatorError:
        return
    _check(est)
    assert est.budget == b


_no_integral_float = _junk.filter(lambda v: not (isinstance(v, float) and v.is_integer()))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.one_of(st.integers(-5, 10**30), _no_integral_float),
    q=st.one_of(st.integers(-5, 10**12), _no_integral_float),
    eps=_prob,
)
def test_boolean_workload_counts(n, q, eps) -> None:  # noqa: ANN001
    try:
        result = BooleanQueryTask(num_items=n, queries=q, error=eps).estimate()
        c = result.to_logical_counts()
    except EstimatorError:
        return
    for name in ("t_count", "rotation_count", "measurement_count", "num_qubits"):
        value = getattr(c, name)
        if not isinstance(value, sympy.Basic):
            assert isinstance(value, int) and value >= 0, (name, value)


def test_tiny_budget_is_our_error() -> None:
    c = LogicalCounts(num_qubits=10, rotation_count=367_176, rotation_depth=367_176)
    b = ErrorBudget(logical=1e-300, magic_states=5.1e-7, rotations=1e-300)
    with pytest.raises(EstimatorError):
        estimate(c, ARCHS[0], b)


def test_integral_float_parameters_give_int_counts() -> None:
    c = BooleanQueryTask(num_items=2, queries=30210.0, error=1e-6).estimate().to_logical_counts()
    assert type(c.rotation_count) is int
