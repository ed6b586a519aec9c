"""Small math helpers that serve numbers and sympy expressions with one formula.

Numbers stay exact where they are integers (Python ``int``, no float rounding of ``log2``);
sympy expressions stay symbolic. ``qualtran.symbolics.log2`` uses ``np.log2`` on numbers, which
rounds for integers above 2**53, so ``ceil_log2`` is our own exact version.
"""

from __future__ import annotations

import math
from typing import Any

import sympy

from estimator.errors import InvalidInputError
from estimator.validation import is_symbolic


def any_symbolic(*values: Any) -> bool:
    """Whether any argument is a sympy expression with free symbols."""
    return any(is_symbolic(v) for v in values)


def ceil_log2(x: Any) -> Any:
    """``ceil(log2(x))`` for ``x >= 1``; exact for Python ints of any size."""
    if is_symbolic(x):
        return sympy.ceiling(sympy.log(x, 2))
    if isinstance(x, sympy.Basic):
        x = int(x) if x.is_integer else float(x)
    if isinstance(x, int):
        return (x - 1).bit_length() if x > 1 else 0
    if x <= 1:
        return 0
    if x.is_integer() and x < 2**53:
        return (int(x) - 1).bit_length()
    return math.ceil(math.log2(x))


def _check_finite(x: Any) -> None:
    if isinstance(x, float) and not math.isfinite(x):
        raise InvalidInputError(
            "count",
            x,
            "a finite count",
            hint="a parameter is too extreme for floating point, e.g. an error of 1e-300",
        )


def _round(x: Any, symbolic: Any, numeric: Any) -> Any:
    if is_symbolic(x):
        return symbolic(x)
    if isinstance(x, sympy.Basic):
        if x.is_integer:
            return int(x)
        x = float(x)
    if isinstance(x, int):
        return x
    _check_finite(x)
    return numeric(x)


def sceil(x: Any) -> Any:
    """Ceiling that returns a Python int for numbers (exact for ints, any size)."""
    return _round(x, sympy.ceiling, math.ceil)


def sfloor(x: Any) -> Any:
    """Floor that returns a Python int for numbers."""
    return _round(x, sympy.floor, math.floor)


def sln(x: Any) -> Any:
    """Natural logarithm (sympy for symbols, ``math.log`` for numbers; ints of any size)."""
    if is_symbolic(x):
        return sympy.log(x)
    if isinstance(x, sympy.Basic):
        x = float(x)
    return math.log(x)


def ssqrt(x: Any) -> Any:
    """Square root for numbers or sympy expressions."""
    if is_symbolic(x):
        return sympy.sqrt(x)
    if isinstance(x, sympy.Basic):
        x = float(x)
    return math.sqrt(x)


def sasin(x: Any) -> Any:
    """Arcsine for numbers or sympy expressions."""
    if is_symbolic(x):
        return sympy.asin(x)
    if isinstance(x, sympy.Basic):
        x = float(x)
    return math.asin(x)


def smax(*values: Any) -> Any:
    """Maximum; ``sympy.Max`` when any value is symbolic."""
    if any_symbolic(*values):
        return sympy.Max(*values)
    return max(values)


def spi(*values: Any) -> Any:
    """``sympy.pi`` when any value is symbolic, else ``math.pi``."""
    return sympy.pi if any_symbolic(*values) else math.pi


def to_plain(x: Any) -> Any:
    """Turn a sympy number into a Python int/float; leave everything else alone."""
    if isinstance(x, sympy.Basic) and x.is_number:
        if x.is_integer:
            return int(x)
        return float(x)
    return x
