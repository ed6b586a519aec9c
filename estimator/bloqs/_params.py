"""Parameter checks shared by the QOS bloqs (raise ``InvalidInputError`` naming the field).

Symbolic values pass (the check is inconclusive until numbers are substituted).
"""

from __future__ import annotations

import math
from typing import Any

import sympy

from estimator.errors import InvalidInputError
from estimator.validation import check_probability, is_symbolic, to_number


def check_int_at_least(field: str, value: Any, minimum: int) -> None:
    """Check that ``value`` is a whole number ``>= minimum`` (symbols pass)."""
    if is_symbolic(value):
        return
    allowed = f"a whole number {field} >= {minimum}"
    if isinstance(value, bool):
        raise InvalidInputError(field, value, allowed)
    try:
        x = to_number(field, value)
    except InvalidInputError:
        raise InvalidInputError(field, value, allowed) from None
    if isinstance(x, float) and (math.isinf(x) or not x.is_integer()):
        raise InvalidInputError(field, value, allowed)
    if x < minimum:
        raise InvalidInputError(field, value, allowed)


def check_domain_size(field: str, value: Any) -> None:
    """``N >= 2`` (a one-element domain needs no index register)."""
    check_int_at_least(field, value, 2)


def check_error(field: str, value: Any) -> None:
    """``0 < eps < 1``."""
    check_probability(field, value)


def check_real(field: str, value: Any) -> None:
    """A finite real number (or a sympy expression)."""
    if is_symbolic(value):
        return
    x = to_number(field, value)
    if isinstance(x, float) and math.isinf(x):
        raise InvalidInputError(field, value, "a finite real number")


def as_int_if_integral(value: Any) -> Any:
    """Turn integral floats/sympy integers into Python ints; leave the rest alone."""
    if isinstance(value, bool):
        return value
    if isinstance(value, sympy.Basic) and value.is_number and value.is_integer:
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def index_bits(domain_size: Any) -> Any:
    """``ceil(log2 N)`` qubits for an index in ``[0, N)``: exact int or sympy expression."""
    if is_symbolic(domain_size):
        return sympy.ceiling(sympy.log(domain_size, 2))
    return (int(domain_size) - 1).bit_length()


def check_stream(stream: Any, domain_size: Any, num_samples: Any) -> None:
    """A classical sample stream: indices in ``[0, N)``, at most ``num_samples`` of them."""
    bad = [x for x in stream if not 0 <= x < domain_size]
    if bad:
        raise InvalidInputError("stream", bad[0], f"indices 0 <= x < N = {domain_size}")
    if not is_symbolic(num_samples) and len(stream) > num_samples:
        raise InvalidInputError(
            "stream", f"{len(stream)} samples", f"at most num_samples={num_samples}"
        )
