"""Small validators shared by the value classes.

They raise :class:`~estimator.errors.InvalidInputError` (never ``assert``) and accept sympy
expressions where a quantity may stay symbolic: a symbolic value cannot be checked yet, so it is
let through (the check is *inconclusive*), and the numeric steps downstream check it again.
"""

from __future__ import annotations

import math
from numbers import Complex, Integral, Real
from typing import Any

import sympy

from estimator.errors import InvalidInputError, SymbolicValueError

#: Exact types that are plain numbers (checked by identity, the fast path of the checks below).
_PLAIN = frozenset({int, float})


def is_symbolic(value: Any) -> bool:
    """Whether ``value`` is a sympy expression that is not a plain number."""
    if type(value) in _PLAIN:  # the common case, without sympy's isinstance machinery
        return False
    return isinstance(value, sympy.Basic) and not value.is_number


def to_number(field: str, value: Any) -> float | int:
    """Return ``value`` as a Python int or float, raising on symbols, NaN and junk.

    Integral sympy numbers become ``int`` (exact, no overflow); other numbers become ``float``.
    """
    kind = type(value)
    if kind is int:
        return value
    if kind is float:
        if value != value:
            raise InvalidInputError(field, value, "a number, not NaN")
        return value
    if isinstance(value, bool):
        raise InvalidInputError(field, value, "a number, not a boolean")
    if isinstance(value, sympy.Basic):
        if not value.is_number:
            raise SymbolicValueError(field, value)
        if value.is_integer:
            return int(value)
        try:
            value = float(value)
        except TypeError as exc:  # complex values
            raise InvalidInputError(field, value, "a real number") from exc
    if isinstance(value, Integral):  # int, numpy integers: exact Python int, no wrap-around
        return int(value)
    if isinstance(value, complex) or (isinstance(value, Complex) and not isinstance(value, Real)):
        raise InvalidInputError(field, value, "a real number")
    if isinstance(value, Real):
        value = float(value)
        if math.isnan(value):
            raise InvalidInputError(field, value, "a number, not NaN")
        return value
    raise InvalidInputError(field, value, "a number")


def check_probability(field: str, value: Any, *, allow_zero: bool = False) -> None:
    """Check ``0 < value < 1`` (or ``0 <= value < 1``); symbols pass as inconclusive."""
    if is_symbolic(value):
        return
    x = to_number(field, value)
    low_ok = x >= 0 if allow_zero else x > 0
    if not (low_ok and x < 1) or math.isinf(x):
        raise InvalidInputError(field, value, ("0 <= " if allow_zero else "0 < ") + f"{field} < 1")


def check_non_negative(field: str, value: Any, *, integer: bool = False) -> None:
    """Check ``value >= 0`` and finite (and integral if asked); symbols pass as inconclusive."""
    if is_symbolic(value):
        if value.is_negative:
            raise InvalidInputError(field, value, f"{field} >= 0")
        return
    x = to_number(field, value)
    # math.isinf only for floats: it raises OverflowError on ints beyond the float range
    if (isinstance(x, float) and math.isinf(x)) or x < 0:
        raise InvalidInputError(field, value, f"0 <= {field} < inf")
    if integer and x != int(x):
        raise InvalidInputError(field, value, "a whole number")


def check_positive(field: str, value: Any, *, integer: bool = False) -> None:
    """Check ``value > 0`` and finite; symbols pass as inconclusive."""
    check_non_negative(field, value, integer=integer)
    if not is_symbolic(value) and to_number(field, value) == 0:
        raise InvalidInputError(field, value, f"{field} > 0")
