"""The exception hierarchy of qos-estimator.

Every error a user can trigger with bad input derives from :class:`EstimatorError`, so callers
(and the ``qose`` command line) can catch one type and print one line. Messages name the field,
the value and the allowed range, or the binding constraint with its numbers.
"""

from __future__ import annotations

from typing import Any


class EstimatorError(Exception):
    """Base class of every error raised on purpose by qos-estimator."""


class InvalidInputError(EstimatorError, ValueError):
    """A parameter is outside its allowed range or of the wrong kind.

    Args:
        field: Name of the offending parameter, as the user spelled it (``"error_budget"``).
        value: The value that was given.
        allowed: The allowed range or options in words (``"0 < value < 1"``).
        hint: Optional extra sentence on how to fix it.
    """

    def __init__(self, field: str, value: Any, allowed: str, hint: str = "") -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        self.hint = hint
        msg = f"invalid {field}={value!r}: need {allowed}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class SymbolicValueError(InvalidInputError):
    """A numeric-only step (a search, a comparison) received a symbolic value."""

    def __init__(self, field: str, value: Any) -> None:
        super().__init__(
            field, value, "a number", hint="substitute numbers for the symbols first, e.g. .subs()"
        )


class InfeasibleEstimateError(EstimatorError):
    """No resource configuration meets the requirements.

    The message states the binding constraint with numbers, for example
    ``"no code distance <= 50 reaches logical error 3.2e-12"``.

    Args:
        reason: The binding constraint in words and numbers.
        constraint: A short machine-readable tag (``"code_distance"``, ``"rotation_budget"``).
    """

    def __init__(self, reason: str, constraint: str = "") -> None:
        self.reason = reason
        self.constraint = constraint
        super().__init__(reason)


class ModelFileError(EstimatorError):
    """An architecture or counts file is malformed or holds an out-of-range value.

    Args:
        file: Path of the file (or ``"<preset name>"``).
        key: The offending key (dotted path), or ``""`` for file-level problems.
        problem: What is wrong, in words.
    """

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: {key}" if key else str(file)
        super().__init__(f"{where}: {problem}")


class UnknownNameError(InvalidInputError):
    """A preset, workload or scheme name is not known.

    Args:
        field: What kind of name it is (``"qubit preset"``).
        value: The unknown name.
        options: The known names.
    """

    def __init__(self, field: str, value: str, options: list[str] | tuple[str, ...]) -> None:
        self.options = tuple(options)
        super().__init__(field, value, "one of " + ", ".join(sorted(self.options)))
