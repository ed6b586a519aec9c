"""The shared validators and the exception hierarchy: messages name field, value and range."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from estimator.errors import (
    EstimatorError,
    InfeasibleEstimateError,
    InvalidInputError,
    ModelFileError,
    SymbolicValueError,
    UnknownNameError,
)
from estimator.validation import (
    check_non_negative,
    check_positive,
    check_probability,
    is_symbolic,
    to_number,
)

N = sympy.Symbol("n", positive=True, integer=True)
X = sympy.Symbol("x")  # no assumptions: sign unknown

# ---- errors.py ---------------------------------------------------------------------------------


def test_invalid_input_error_message_and_fields() -> None:
    err = InvalidInputError("error_budget", 1.5, "0 < error_budget < 1", hint="try 1e-3")
    assert str(err) == "invalid error_budget=1.5: need 0 < error_budget < 1 (try 1e-3)"
    assert (err.field, err.value, err.allowed, err.hint) == (
        "error_budget",
        1.5,
        "0 < error_budget < 1",
        "try 1e-3",
    )
    assert isinstance(err, EstimatorError) and isinstance(err, ValueError)
    assert str(InvalidInputError("d", 4, "odd d")) == "invalid d=4: need odd d"


def test_symbolic_value_error() -> None:
    err = SymbolicValueError("t_count", N + 1)
    assert isinstance(err, InvalidInputError)
    assert err.field == "t_count" and err.allowed == "a number"
    assert "t_count=n + 1" in str(err) and ".subs()" in str(err)


def test_unknown_name_error_lists_sorted_options() -> None:
    err = UnknownNameError(
        "qubit preset", "qubit_gate_ns_e5", ["qubit_gate_us_e3", "qubit_gate_ns_e3"]
    )
    assert err.options == ("qubit_gate_us_e3", "qubit_gate_ns_e3")
    assert str(err) == (
        "invalid qubit preset='qubit_gate_ns_e5': need one of qubit_gate_ns_e3, qubit_gate_us_e3"
    )
    assert isinstance(err, InvalidInputError)


def test_infeasible_and_model_file_errors() -> None:
    err = InfeasibleEstimateError("no code distance <= 50 reaches 3.2e-12", "code_distance")
    assert str(err) == "no code distance <= 50 reaches 3.2e-12"
    assert (err.reason, err.constraint) == (
        "no code distance <= 50 reaches 3.2e-12",
        "code_distance",
    )
    assert not isinstance(err, ValueError) and isinstance(err, EstimatorError)
    mf = ModelFileError("arch.toml", "qec.threshold", "must be in (0, 1)")
    assert str(mf) == "arch.toml: qec.threshold: must be in (0, 1)"
    assert (mf.file, mf.key, mf.problem) == ("arch.toml", "qec.threshold", "must be in (0, 1)")
    assert str(ModelFileError("x.json", "", "not JSON")) == "x.json: not JSON"


# ---- is_symbolic / to_number ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(N, True), (2 * N + 1, True), (sympy.Integer(3), False), (sympy.pi, False), (3, False),
     (2.5, False), ("n", False)],
)  # fmt: skip
def test_is_symbolic(value: object, expected: bool) -> None:
    assert is_symbolic(value) is expected


@pytest.mark.parametrize(
    ("value", "expected", "kind"),
    [
        (7, 7, int),
        (2**80, 2**80, int),  # exact, no int64 wrap-around
        (np.int64(2**62), 2**62, int),
        (sympy.Integer(10**30), 10**30, int),
        (2.5, 2.5, float),
        (np.float32(0.5), 0.5, float),
        (Fraction(1, 4), 0.25, float),
        (sympy.Rational(1, 8), 0.125, float),
        (sympy.pi, math.pi, float),
    ],
)
def test_to_number_converts(value: object, expected: float, kind: type) -> None:
    got = to_number("x", value)
    assert got == expected and type(got) is kind


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (True, "not a boolean"),
        (math.nan, "not NaN"),
        (np.nan, "not NaN"),
        (sympy.nan, "not NaN"),
        (1 + 2j, "real number"),
        (sympy.I, "real number"),
        (sympy.zoo, "real number"),
        ("3", "a number"),
        (None, "a number"),
        ([1], "a number"),
    ],
)
def test_to_number_rejects(value: object, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match) as info:
        to_number("t_count", value)
    assert info.value.field == "t_count"
    assert "t_count=" in str(info.value)


def test_to_number_rejects_symbols() -> None:
    with pytest.raises(SymbolicValueError, match=r"invalid t_count=2\*n: need a number"):
        to_number("t_count", 2 * N)


# ---- check_probability ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1e-300, 1e-3, 0.5, 0.999999, np.float64(0.1)])
def test_probability_accepts(value: float) -> None:
    check_probability("p", value)


@pytest.mark.parametrize(
    "value", [0, 0.0, 1, 1.0, -1e-3, 2, math.inf, -math.inf, math.nan, True, 1j, "0.1"]
)
def test_probability_rejects(value: object) -> None:
    with pytest.raises(InvalidInputError, match="physical_error") as info:
        check_probability("physical_error", value)
    assert info.value.field == "physical_error"
    assert info.value.value is value or (isinstance(value, float) and math.isnan(value))


def test_probability_message_names_range() -> None:
    with pytest.raises(InvalidInputError, match=r"invalid p=1\.5: need 0 < p < 1"):
        check_probability("p", 1.5)
    with pytest.raises(InvalidInputError, match=r"need 0 <= p < 1"):
        check_probability("p", -0.5, allow_zero=True)
    check_probability("p", 0, allow_zero=True)


def test_probability_symbols_are_inconclusive() -> None:
    check_probability("p", X)
    check_probability("p", 1 / N)


# ---- check_non_negative / check_positive ---------------------------------------------------------


@pytest.mark.parametrize("value", [0, 0.0, 5, 2**100, 1e30, np.int64(3), N, N - 1, X])
def test_non_negative_accepts(value: object) -> None:
    check_non_negative("t_count", value)


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (-1, r"0 <= t_count < inf"),
        (-1e-9, r"0 <= t_count < inf"),
        (math.inf, r"0 <= t_count < inf"),
        (math.nan, "NaN"),
        (True, "boolean"),
        (2j, "real number"),
        (-N, r"t_count >= 0"),  # symbolic but provably negative
        (sympy.Integer(-3), r"0 <= t_count < inf"),
    ],
)
def test_non_negative_rejects(value: object, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match) as info:
        check_non_negative("t_count", value)
    assert info.value.field == "t_count"


def test_non_negative_integer_flag() -> None:
    check_non_negative("copies", 4.0, integer=True)
    with pytest.raises(InvalidInputError, match="whole number"):
        check_non_negative("copies", 2.5, integer=True)


def test_positive() -> None:
    check_positive("cycle_time_ns", 0.1)
    check_positive("cycle_time_ns", N)
    for bad in (0, 0.0, sympy.Integer(0)):
        with pytest.raises(InvalidInputError, match=r"cycle_time_ns > 0"):
            check_positive("cycle_time_ns", bad)
    with pytest.raises(InvalidInputError, match=r"0 <= cycle_time_ns < inf"):
        check_positive("cycle_time_ns", -2)
    with pytest.raises(InvalidInputError, match="whole number"):
        check_positive("copies", 1.5, integer=True)
