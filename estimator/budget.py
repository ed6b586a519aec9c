"""The error budget of an estimate, split explicitly into its three parts.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix C (the three-way split of the total error budget).
"""

from __future__ import annotations

from attrs import field, frozen

from estimator.errors import InvalidInputError
from estimator.validation import check_non_negative, check_probability, to_number


def _short(x: float) -> str:
    return f"{x:g}"


@frozen(kw_only=True)
class ErrorBudget:
    """How much failure probability each error source may use.

    The total failure probability of the computation is bounded by the sum of the three parts
    (a union bound). Each part is a probability in ``[0, 1)``; the sum must be below 1.

    Attributes:
        logical: Budget for logical (Clifford/memory) errors of the code patches.
        magic_states: Budget for faulty magic (T/CCZ) states from factories or cultivation.
        rotations: Budget for approximating or injecting arbitrary-angle rotations (synthesis
            error for Clifford+T, residual analog error for STAR-style injection).
    """

    logical: float = field(repr=_short)
    magic_states: float = field(repr=_short)
    rotations: float = field(repr=_short)

    def __attrs_post_init__(self) -> None:
        for name in ("logical", "magic_states", "rotations"):
            value = getattr(self, name)
            to_number(f"error_budget.{name}", value)  # numbers only: symbols raise here
            check_non_negative(f"error_budget.{name}", value)
            check_probability(f"error_budget.{name}", value, allow_zero=True)
        if self.total <= 0 or self.total >= 1:
            raise InvalidInputError("error_budget.total", self.total, "0 < total < 1")

    @property
    def total(self) -> float:
        """The sum of the three parts."""
        return float(self.logical) + float(self.magic_states) + float(self.rotations)

    @classmethod
    def from_uniform(cls, total: float) -> ErrorBudget:
        """Split ``total`` into three equal parts (logical, magic states, rotations).

        Args:
            total: Total failure probability, ``0 < total < 1``.
        """
        check_probability("error_budget", total)
        part = to_number("error_budget", total) / 3
        return cls(logical=part, magic_states=part, rotations=part)

    @classmethod
    def qre_split(cls, total: float, *, has_magic_states: bool, has_rotations: bool) -> ErrorBudget:
        """Split ``total`` the way Microsoft's resource estimator does for a single number.

        QRE divides the total evenly among the error sources the program actually has: logical
        errors always, magic states only if there are T/CCZ/CCiX gates or rotations, rotations only
        if there are rotations. (Observed with ``qsharp`` 1.31: a T-only program gets
        ``{logical: 1/2, tstates: 1/2, rotations: 0}``; a Clifford-only program gets everything
        on ``logical``.)

        Args:
            total: Total failure probability, ``0 < total < 1``.
            has_magic_states: Whether the program consumes any magic state.
            has_rotations: Whether the program has arbitrary-angle rotations.
        """
        check_probability("error_budget", total)
        t = to_number("error_budget", total)
        has_magic_states = has_magic_states or has_rotations
        parts = 1 + int(has_magic_states) + int(has_rotations)
        return cls(
            logical=t / parts,
            magic_states=t / parts if has_magic_states else 0.0,
            rotations=t / parts if has_rotations else 0.0,
        )
