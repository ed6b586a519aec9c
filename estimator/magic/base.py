"""The extension point for magic-state sources: factories and their search.

A :class:`MagicStateFactory` is one concrete design (a distillation pipeline at fixed code
distances, or a cultivation patch): its footprint, the duration of one run, how many states a run
yields and their error. A :class:`MagicStateSource` searches its design space for factories that
reach a required output error; the physical estimate then picks one and the number of copies.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix C.3 (T factories and their search).
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from estimator.hardware import PhysicalQubit
    from estimator.qec import QECCode


class MagicStateFactory(metaclass=abc.ABCMeta):
    """One magic-state factory design, ready to be copied onto the chip."""

    @property
    @abc.abstractmethod
    def name(self) -> str:
        """Human-readable description (units per round, code distances)."""

    @property
    @abc.abstractmethod
    def physical_qubits(self) -> int:
        """Physical qubits of one copy of the factory."""

    @property
    @abc.abstractmethod
    def duration_ns(self) -> int:
        """Duration of one run of the factory, in nanoseconds (expected, for post-selection)."""

    @property
    @abc.abstractmethod
    def output_states(self) -> int:
        """Magic states produced by one run."""

    @property
    @abc.abstractmethod
    def output_error(self) -> float:
        """Error probability of one output state."""

    @property
    def max_code_distance(self) -> int:
        """Largest code distance the factory uses (0 if it runs on physical qubits only)."""
        return 0

    @property
    def normalized_volume(self) -> float:
        """Qubit-nanoseconds per output state, the usual figure of merit."""
        return self.physical_qubits * self.duration_ns / self.output_states


class MagicStateSource(metaclass=abc.ABCMeta):
    """A family of magic-state factories and a search over it."""

    @property
    @abc.abstractmethod
    def name(self) -> str:
        """Short identifier for reports and model files."""

    @abc.abstractmethod
    def find_factories(
        self,
        *,
        output_error: float,
        qubit: PhysicalQubit,
        qec: QECCode,
        max_code_distance: int,
    ) -> list[MagicStateFactory]:
        """Candidate factories whose output error is at most ``output_error``.

        Args:
            output_error: Required error per output magic state.
            qubit: The physical qubit model.
            qec: The QEC code the factory's logical stages run on.
            max_code_distance: Largest code distance the factory may use.

        Returns:
            Pareto-optimal candidates (no candidate is worse in both qubits and duration than
            another); an empty list if none reaches ``output_error``.
        """

    def next_list_change(
        self,
        *,
        output_error: float,
        qubit: PhysicalQubit,
        qec: QECCode,
        max_code_distance: int,
    ) -> float | None:
        """The smallest required error above ``output_error`` whose factory list may differ.

        Lets the default search step from one budget to the next budget where a plan can change
        (:mod:`estimator.search`). None (the default): unknown, and the search steps along its
        budget ladder instead.
        """
        return None
