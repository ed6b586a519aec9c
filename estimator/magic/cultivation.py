"""Magic-state cultivation (Gidney, Shutty, Jones): T states grown inside one surface-code patch.

Cultivation injects a noisy T state into a small color code, checks it repeatedly while growing
the code (discarding on any detection), then escapes into a distance-15 surface code. One run
yields at most one T state; discarded attempts restart.

What is verified and what is not (every constant is an overridable field of
:class:`CultivationSource`):

======================================  =============================  ==========================
quantity                                value                          status
======================================  =============================  ==========================
output error at p = 1e-3                2e-9                           abstract (verified)
output error at p = 5e-4                4e-11                          abstract (verified)
escape code distance                    15                             abstract (verified)
footprint                               one surface-code patch         abstract (verified)
expected qubit-rounds per T, p = 1e-3   ~3e4                           UNVERIFIED (Fig. 1, 3rd
                                                                       party reading, +-2x)
cost reduction when p halves            ~10x                           UNVERIFIED (3rd party);
                                                                       consistent with the
                                                                       end-to-end discard rates
                                                                       99% (p=1e-3) and 90%
                                                                       (p=5e-4) of its table
======================================  =============================  ==========================

Between the two published points the output error is interpolated as a power law in ``p``
(exponent ``log2(2e-9 / 4e-11) = log2(50) ~ 5.64``); below ``p = 5e-4`` the same law is
extrapolated (flagged in the factory name); above ``p = 1e-3`` there is no data and the source
refuses. The qubit-round cost scales as ``(p / 1e-3)^log2(10)``.

The core is pure functions of ``p``, the round time and the footprint; :class:`CultivationSource`
adapts them to :class:`~estimator.magic.base.MagicStateSource` given a ``PhysicalQubit`` and a
``QECCode`` (round time = logical cycle time at ``d = 15`` divided by 15, footprint = the code's
physical qubits per logical patch at ``d = 15``).

References:
    [Magic state cultivation: growing T states as cheap as CNOT gates](https://arxiv.org/abs/2409.17595).
    Gidney, Shutty, Jones (2024). Abstract (2e-9 at p=1e-3, 4e-11 at p=5e-4, escape to d=15,
    fits in a patch); comparison table (discard rates); Fig. 1 (qubit-rounds, UNVERIFIED reading).
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from attrs import field, frozen

from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.magic.base import MagicStateFactory, MagicStateSource
from estimator.validation import check_positive, check_probability

if TYPE_CHECKING:
    from estimator.hardware import PhysicalQubit
    from estimator.qec import QECCode

# arXiv:2409.17595, abstract: T-state error 2e-9 at uniform depolarizing p = 1e-3.
REFERENCE_PHYSICAL_ERROR = 1e-3
REFERENCE_OUTPUT_ERROR = 2e-9
# arXiv:2409.17595, abstract: 4e-11 at p = 5e-4.
LOW_PHYSICAL_ERROR = 5e-4
LOW_OUTPUT_ERROR = 4e-11
# arXiv:2409.17595, abstract: "from injection to idling at distance 15".
ESCAPE_DISTANCE = 15
# UNVERIFIED: ~3e4 qubit-rounds per accepted T at p = 1e-3, read off arXiv:2409.17595 Fig. 1 by a
# third party (good to about 2x).
REFERENCE_QUBIT_ROUNDS = 3e4
# UNVERIFIED: ~10x lower cost when p halves (third-party quote of arXiv:2409.17595); consistent
# with its end-to-end discard rates 99% (p=1e-3) and 90% (p=5e-4): 100 vs 10 expected attempts.
COST_FACTOR_PER_HALVING = 10.0


def _power_law_exponent(p_hi: float, e_hi: float, p_lo: float, e_lo: float) -> float:
    return math.log(e_hi / e_lo) / math.log(p_hi / p_lo)


def cultivation_output_error(
    physical_error: float,
    *,
    reference: tuple[float, float] = (REFERENCE_PHYSICAL_ERROR, REFERENCE_OUTPUT_ERROR),
    low: tuple[float, float] = (LOW_PHYSICAL_ERROR, LOW_OUTPUT_ERROR),
) -> float:
    """T-state error of cultivation at uniform depolarizing noise ``physical_error``.

    Power law through the two published points (arXiv:2409.17595, abstract); exact at both.

    Raises:
        InvalidInputError: if ``physical_error`` is above the reference (1e-3): no data there.
    """
    check_probability("physical_error", physical_error)
    p = float(physical_error)
    (p_hi, e_hi), (p_lo, e_lo) = reference, low
    if p > p_hi * (1 + 1e-12):
        raise InvalidInputError(
            "physical_error",
            physical_error,
            f"<= {p_hi:g} for cultivation (arXiv:2409.17595 has no data above it)",
        )
    if p == p_hi:
        return e_hi
    if p == p_lo:
        return e_lo
    k = _power_law_exponent(p_hi, e_hi, p_lo, e_lo)
    return e_hi * (p / p_hi) ** k


def cultivation_qubit_rounds(
    physical_error: float,
    *,
    reference_qubit_rounds: float = REFERENCE_QUBIT_ROUNDS,
    cost_factor_per_halving: float = COST_FACTOR_PER_HALVING,
    reference_physical_error: float = REFERENCE_PHYSICAL_ERROR,
) -> float:
    """Expected physical qubit-rounds per accepted T state (UNVERIFIED constants).

    ``reference_qubit_rounds * (p / p_ref) ** log2(cost_factor_per_halving)``.
    """
    check_probability("physical_error", physical_error)
    check_positive("reference_qubit_rounds", reference_qubit_rounds)
    check_positive("cost_factor_per_halving", cost_factor_per_halving)
    k = math.log2(cost_factor_per_halving)
    return reference_qubit_rounds * (float(physical_error) / reference_physical_error) ** k


def cultivation_expected_rounds(qubit_rounds: float, footprint_qubits: int) -> float:
    """Expected syndrome rounds per accepted T state: qubit-rounds over the footprint."""
    check_positive("qubit_rounds", qubit_rounds)
    check_positive("footprint_qubits", footprint_qubits, integer=True)
    return qubit_rounds / footprint_qubits


def cultivation_duration_ns(expected_rounds: float, round_time_ns: float) -> int:
    """Expected time per accepted T state, in ns (rounded up)."""
    check_positive("expected_rounds", expected_rounds)
    check_positive("round_time_ns", round_time_ns)
    return math.ceil(expected_rounds * round_time_ns)


@frozen(kw_only=True)
class CultivationFactory(MagicStateFactory):
    """One cultivation patch at a given noise level: one T state per accepted run.

    Attributes:
        physical_error_rate: Uniform depolarizing noise ``p``.
        footprint_qubits: Physical qubits of the patch (the escape surface code at ``d = 15``).
        expected_rounds: Expected syndrome rounds per accepted T (discards included).
        round_time_ns: Duration of one syndrome round.
        state_error: Error of an accepted T state.
        escape_distance: Code distance the state escapes to (15).
        extrapolated: Whether ``p`` is below the published range (power-law extrapolation).
    """

    physical_error_rate: float
    footprint_qubits: int
    expected_rounds: float
    round_time_ns: float
    state_error: float
    escape_distance: int = ESCAPE_DISTANCE
    extrapolated: bool = False

    def __attrs_post_init__(self) -> None:
        check_probability("physical_error_rate", self.physical_error_rate)
        check_positive("footprint_qubits", self.footprint_qubits, integer=True)
        check_positive("expected_rounds", self.expected_rounds)
        check_positive("round_time_ns", self.round_time_ns)
        check_probability("state_error", self.state_error)
        check_positive("escape_distance", self.escape_distance, integer=True)

    @property
    def name(self) -> str:
        flag = ", extrapolated below p=5e-4" if self.extrapolated else ""
        return (
            f"cultivation (p={self.physical_error_rate:g}, escape d={self.escape_distance}, "
            f"{self.expected_rounds:.3g} expected rounds per T{flag})"
        )

    @property
    def physical_qubits(self) -> int:
        return self.footprint_qubits

    @property
    def duration_ns(self) -> int:
        return cultivation_duration_ns(self.expected_rounds, self.round_time_ns)

    @property
    def output_states(self) -> int:
        return 1

    @property
    def output_error(self) -> float:
        return self.state_error

    @property
    def max_code_distance(self) -> int:
        return self.escape_distance

    @property
    def expected_qubit_rounds(self) -> float:
        """Expected physical qubit-rounds per accepted T state."""
        return self.expected_rounds * self.footprint_qubits


def cultivation_factory(
    physical_error: float,
    *,
    round_time_ns: float,
    footprint_qubits: int = 2 * ESCAPE_DISTANCE**2,
    source: CultivationSource | None = None,
) -> CultivationFactory:
    """The cultivation factory at noise ``physical_error`` (pure: no qubit or code objects).

    Args:
        physical_error: Uniform depolarizing noise ``p`` (at most 1e-3).
        round_time_ns: Duration of one syndrome round.
        footprint_qubits: Physical qubits of the patch; default ``2 * 15^2`` (rotated surface
            code with measurement qubits at the escape distance).
        source: The constants to use (default :class:`CultivationSource`'s).
    """
    src = source if source is not None else CultivationSource()
    err = cultivation_output_error(
        physical_error,
        reference=(src.reference_physical_error, src.reference_output_error),
        low=(src.low_physical_error, src.low_output_error),
    )
    rounds = cultivation_expected_rounds(
        cultivation_qubit_rounds(
            physical_error,
            reference_qubit_rounds=src.reference_qubit_rounds,
            cost_factor_per_halving=src.cost_factor_per_halving,
            reference_physical_error=src.reference_physical_error,
        ),
        footprint_qubits,
    )
    return CultivationFactory(
        physical_error_rate=float(physical_error),
        footprint_qubits=int(footprint_qubits),
        expected_rounds=rounds,
        round_time_ns=float(round_time_ns),
        state_error=err,
        escape_distance=src.escape_distance,
        extrapolated=float(physical_error) < src.low_physical_error * (1 - 1e-12),
    )


@frozen(kw_only=True, cache_hash=True)
class CultivationSource(MagicStateSource):
    """Magic-state cultivation as a :class:`MagicStateSource` (one design per noise level).

    Attributes:
        reference_physical_error: ``p`` of the first published point (1e-3).
        reference_output_error: Output error there (2e-9); arXiv:2409.17595 abstract.
        low_physical_error: ``p`` of the second published point (5e-4).
        low_output_error: Output error there (4e-11); arXiv:2409.17595 abstract.
        escape_distance: Surface-code distance of the escape (15); arXiv:2409.17595 abstract.
        reference_qubit_rounds: Expected qubit-rounds per T at the reference ``p`` (3e4);
            UNVERIFIED.
        cost_factor_per_halving: Cost ratio when ``p`` halves (10); UNVERIFIED.
    """

    reference_physical_error: float = field(default=REFERENCE_PHYSICAL_ERROR)
    reference_output_error: float = field(default=REFERENCE_OUTPUT_ERROR)
    low_physical_error: float = field(default=LOW_PHYSICAL_ERROR)
    low_output_error: float = field(default=LOW_OUTPUT_ERROR)
    escape_distance: int = field(default=ESCAPE_DISTANCE)
    reference_qubit_rounds: float = field(default=REFERENCE_QUBIT_ROUNDS)
    cost_factor_per_halving: float = field(default=COST_FACTOR_PER_HALVING)

    def __attrs_post_init__(self) -> None:
        for name in (
            "reference_physical_error",
            "reference_output_error",
            "low_physical_error",
            "low_output_error",
        ):
            check_probability(name, getattr(self, name))
        if not self.low_physical_error < self.reference_physical_error:
            raise InvalidInputError(
                "low_physical_error", self.low_physical_error, "< reference_physical_error"
            )
        if not self.low_output_error < self.reference_output_error:
            raise InvalidInputError(
                "low_output_error", self.low_output_error, "< reference_output_error"
            )
        check_positive("escape_distance", self.escape_distance, integer=True)
        check_positive("reference_qubit_rounds", self.reference_qubit_rounds)
        check_positive("cost_factor_per_halving", self.cost_factor_per_halving)

    @property
    def name(self) -> str:
        return "cultivation"

    def find_factories(
        self,
        *,
        output_error: float,
        qubit: PhysicalQubit,
        qec: QECCode,
        max_code_distance: int,
    ) -> list[MagicStateFactory]:
        """The cultivation patch if it reaches ``output_error``; else an empty list.

        Raises:
            InfeasibleEstimateError: if the code's physical error is above 1e-3 (no data).
        """
        check_probability("output_error", output_error)
        factory = _patch(self, qubit, qec)
        if max_code_distance < self.escape_distance or factory.output_error > output_error:
            return []
        return [factory]

    def next_list_change(
        self,
        *,
        output_error: float,
        qubit: PhysicalQubit,
        qec: QECCode,
        max_code_distance: int,
    ) -> float | None:
        """The list changes once, where the required error reaches the patch's output error."""
        if max_code_distance < self.escape_distance:
            return math.inf
        state_error = _patch(self, qubit, qec).output_error
        return math.inf if state_error <= output_error else state_error


@functools.lru_cache(maxsize=1024)
def _patch(source: CultivationSource, qubit: PhysicalQubit, qec: QECCode) -> CultivationFactory:
    """The cultivation patch of ``source`` on one machine (the same for every target)."""
    p = qec.physical_error(qubit)
    if p > source.reference_physical_error * (1 + 1e-12):
        raise InfeasibleEstimateError(
            f"cultivation is modelled only for physical error <= "
            f"{source.reference_physical_error:g} (arXiv:2409.17595); {qubit.name} has {p:g}",
            constraint="physical_error",
        )
    d = source.escape_distance
    return cultivation_factory(
        p,
        round_time_ns=qec.logical_cycle_time_ns(d, qubit) / d,
        footprint_qubits=qec.physical_qubits_per_logical(d),
        source=source,
    )
