"""Paying for residual rotation error: the rotation budget, or probabilistic error cancellation.

STAR-style rotations leave an error per rotation that the code distance does not remove. An
estimate pays for it in one of two ways:

* **budget**: the expected number of rotation faults ``sum_g N_g P_g`` must fit the rotation part
  of the error budget, else the estimate is infeasible (:func:`rotation_error_budget_check`);
* **PEC**: probabilistic error cancellation removes the bias of expectation values at the price of
  ``gamma^2`` times more shots (:func:`pec_overhead`), which multiplies the runtime. Above a user
  bound on ``gamma^2`` the estimate is refused with the numbers.

What is implemented, precisely. Each rotation's residual error is modelled as a Pauli-Z channel
``E(rho) = (1 - P) rho + P Z rho Z`` (STAR's injected-state error is Z-type). Its inverse is
``E^-1(rho) = [(1 - P) rho - P Z rho Z] / (1 - 2P)``, a quasi-probability mixture with one-norm

    gamma = 1 / (1 - 2P) = 1 + 2P / (1 - 2P),

so ``N`` such rotations cost ``gamma_total = (1 - 2P)^-N`` and the sampling overhead (the factor
on the number of shots for a fixed statistical error, from Hoeffding's bound) is

    gamma_total^2 = (1 - 2P)^(-2N) = exp(-2 N ln(1 - 2P)) ~= exp(4 P N)   (P << 1).

This module computes the exact form (with ``log1p``), never the approximation unless asked. The
notes' ``exp(8 P N_rot)`` is the same formula with ``P`` the error *per injected state* (2p/15 for
STAR v1) and two expected injections per rotation: ``P_rot = 2 P_inj``, ``exp(4 P_rot N) =
exp(8 P_inj N)``. Functions here take the error *per rotation* (RUS included), as produced by the
rotation schemes' ``RotationCost.error``.

Assumptions (stated in reports): the residual channel is known (characterized) and Pauli; PEC
applies to expectation-value outputs, not to single-shot sampling outputs.

References:
    [Error mitigation for short-depth quantum circuits](https://arxiv.org/abs/1612.02058).
    Temme, Bravyi, Gambetta (2017). PRL 119, 180509. Quasi-probability inverse, cost gamma^2.

    [Partially Fault-tolerant Quantum Computing Architecture with Error-corrected Clifford Gates
    and Space-time Efficient Analog Rotations](https://arxiv.org/abs/2303.13181).
    Akahoshi et al. (2023). PEC of the residual analog-rotation error (as cited by third parties).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Literal

from attrs import frozen

from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.validation import check_non_negative, check_positive, to_number

#: Default user bound on the PEC sampling overhead gamma^2 (a policy choice, not a physical
#: constant): 100x more shots.
DEFAULT_MAX_SAMPLING_OVERHEAD = 100.0

PaymentMode = Literal["budget", "pec", "auto"]

ErrorGroups = Iterable[tuple[Any, Any]]


def fmt(x: float) -> str:
    """Compact scientific notation for messages: ``2.67e-5``, ``1e10``, ``0.01``."""
    s = f"{float(x):.3g}"
    if "e" in s:
        mant, exp = s.split("e")
        return f"{mant}e{int(exp)}"
    return s


def _groups(
    error_per_rotation: Any, n_rotations: Any, groups: ErrorGroups | None
) -> list[tuple[float, float]]:
    """Normalize the (error per rotation, count) pairs and validate them."""
    if groups is None:
        if error_per_rotation is None or n_rotations is None:
            raise InvalidInputError(
                "error_per_rotation/n_rotations",
                (error_per_rotation, n_rotations),
                "both numbers, or groups=[(error_per_rotation, count), ...]",
            )
        pairs = [(error_per_rotation, n_rotations)]
    else:
        pairs = list(groups)
    out = []
    for error, count in pairs:
        e = float(to_number("error_per_rotation", error))
        n = float(to_number("n_rotations", count))
        check_non_negative("error_per_rotation", e)
        check_non_negative("n_rotations", n)
        if e >= 0.5:
            raise InvalidInputError(
                "error_per_rotation", e, "0 <= error_per_rotation < 0.5 for a cancellable Z error"
            )
        out.append((e, n))
    return out


def pec_gamma(error_per_rotation: float) -> float:
    """One-norm ``gamma = 1 / (1 - 2P)`` of the inverse of a Pauli-Z channel with probability ``P``.

    Args:
        error_per_rotation: ``0 <= P < 1/2``.
    """
    ((e, _),) = _groups(error_per_rotation, 1, None)
    return 1.0 / (1.0 - 2.0 * e)


def log_sampling_overhead(
    error_per_rotation: Any = None,
    n_rotations: Any = None,
    *,
    groups: ErrorGroups | None = None,
    approximate: bool = False,
) -> float:
    """Natural log of ``gamma_total^2``: ``-2 sum_g N_g ln(1 - 2 P_g)`` (or ``4 sum N P``).

    Args:
        error_per_rotation: Error ``P`` of one rotation (RUS included), if one group.
        n_rotations: Number ``N`` of such rotations, if one group.
        groups: Several ``(P_g, N_g)`` pairs (rotations grouped by angle), instead.
        approximate: Use ``4 sum N P`` (first order) instead of the exact form.
    """
    pairs = _groups(error_per_rotation, n_rotations, groups)
    if approximate:
        return 4.0 * sum(n * e for e, n in pairs)
    return -2.0 * sum(n * math.log1p(-2.0 * e) for e, n in pairs)


@frozen(kw_only=True)
class PECOverhead:
    """The cost of cancelling the residual rotation error by PEC.

    Attributes:
        n_rotations: Total number of rotations cancelled.
        expected_faults: ``sum_g N_g P_g``, the expected number of rotation faults.
        log_sampling_overhead: ``ln(gamma_total^2)``.
        max_sampling_overhead: The user bound it was checked against.
    """

    n_rotations: float
    expected_faults: float
    log_sampling_overhead: float
    max_sampling_overhead: float

    @property
    def sampling_overhead(self) -> float:
        """``gamma_total^2``, the factor on shots and runtime (finite: it is within the bound)."""
        return math.exp(self.log_sampling_overhead)

    @property
    def gamma(self) -> float:
        """``gamma_total``, the one-norm of the whole quasi-probability decomposition."""
        return math.exp(self.log_sampling_overhead / 2.0)


def _describe_overhead(log_overhead: float) -> str:
    if log_overhead < math.log(1e300):
        return f"gamma^2 = {fmt(math.exp(log_overhead))}"
    return f"gamma^2 = 10^{fmt(log_overhead / math.log(10))}"


def _overhead_sentence(pairs: list[tuple[float, float]], log_overhead: float, bound: float) -> str:
    n_total = sum(n for _, n in pairs)
    faults = sum(n * e for e, n in pairs)
    per = f" at error {fmt(pairs[0][0])} per rotation" if len(pairs) == 1 else ""
    return (
        f"sampling overhead {_describe_overhead(log_overhead)} for {fmt(n_total)} "
        f"rotations{per} ({fmt(faults)} expected faults), above the bound {fmt(bound)}"
    )


def pec_overhead(
    error_per_rotation: Any = None,
    n_rotations: Any = None,
    *,
    groups: ErrorGroups | None = None,
    max_sampling_overhead: float = DEFAULT_MAX_SAMPLING_OVERHEAD,
    scheme_name: str = "STAR",
) -> PECOverhead:
    """PEC sampling overhead of the residual rotation errors, refused above a bound.

    Args:
        error_per_rotation: Error ``P`` of one rotation (RUS included), if one group.
        n_rotations: Number ``N`` of such rotations, if one group.
        groups: Several ``(P_g, N_g)`` pairs instead (rotations grouped by angle).
        max_sampling_overhead: Largest acceptable ``gamma^2`` (>= 1, finite).
        scheme_name: Name used in the message.

    Raises:
        InfeasibleEstimateError: ``gamma^2`` exceeds ``max_sampling_overhead`` (constraint
            ``"pec_sampling_overhead"``); the message gives the numbers.
    """
    check_positive("max_sampling_overhead", max_sampling_overhead)
    bound = float(to_number("max_sampling_overhead", max_sampling_overhead))
    if bound < 1:
        raise InvalidInputError("max_sampling_overhead", bound, "1 <= max_sampling_overhead < inf")
    pairs = _groups(error_per_rotation, n_rotations, groups)
    log_overhead = log_sampling_overhead(groups=pairs)
    n_total = sum(n for _, n in pairs)
    faults = sum(n * e for e, n in pairs)
    if log_overhead > math.log(bound):
        raise InfeasibleEstimateError(
            f"{scheme_name} PEC {_overhead_sentence(pairs, log_overhead, bound)}",
            constraint="pec_sampling_overhead",
        )
    return PECOverhead(
        n_rotations=n_total,
        expected_faults=faults,
        log_sampling_overhead=log_overhead,
        max_sampling_overhead=bound,
    )


def max_rotations_for_overhead(error_per_rotation: float, max_sampling_overhead: float) -> float:
    """Largest ``N`` with ``(1 - 2P)^(-2N) <= bound``: ``ln(bound) / (-2 ln(1 - 2P))``.

    Raises:
        InvalidInputError: ``P`` is not in ``(0, 1/2)`` (at ``P = 0`` every ``N`` fits).
    """
    e = float(to_number("error_per_rotation", error_per_rotation))
    if e <= 0 or e >= 0.5:
        raise InvalidInputError("error_per_rotation", e, "0 < error_per_rotation < 0.5")
    check_positive("max_sampling_overhead", max_sampling_overhead)
    return math.log(float(max_sampling_overhead)) / (-2.0 * math.log1p(-2.0 * e))


def rotation_error_budget_check(
    *,
    rotation_budget: float,
    error_per_rotation: Any = None,
    n_rotations: Any = None,
    groups: ErrorGroups | None = None,
    scheme_name: str = "STAR",
) -> float:
    """Check that the expected rotation faults ``sum_g N_g P_g`` fit the rotation budget.

    Returns:
        The total rotation error ``sum_g N_g P_g`` (a union bound on the failure probability).

    Raises:
        InfeasibleEstimateError: ``"STAR rotation error 2.67e-5 x 1e10 rotations = 2.67e5 exceeds
            the rotation budget 0.01"`` (constraint ``"rotation_budget"``).
    """
    check_non_negative("rotation_budget", rotation_budget)
    budget = float(to_number("rotation_budget", rotation_budget))
    pairs = _groups(error_per_rotation, n_rotations, groups)
    total = sum(n * e for e, n in pairs)
    if total > budget:
        n_total = sum(n for _, n in pairs)
        if len(pairs) == 1:
            what = f"{fmt(pairs[0][0])} x {fmt(n_total)} rotations"
        else:
            what = f"summed over {len(pairs)} angle groups ({fmt(n_total)} rotations)"
        raise InfeasibleEstimateError(
            f"{scheme_name} rotation error {what} = {fmt(total)} exceeds the rotation budget "
            f"{fmt(budget)}",
            constraint="rotation_budget",
        )
    return total


@frozen(kw_only=True)
class RotationErrorPayment:
    """How the residual rotation error of an estimate is paid.

    Attributes:
        mode: ``"budget"`` (charged to the rotation budget) or ``"pec"`` (cancelled by PEC).
        total_error: ``sum_g N_g P_g`` before any cancellation.
        charged_error: Error charged to the rotation budget (``total_error`` or 0 under PEC).
        log_sampling_overhead: ``ln(gamma^2)`` (0 without PEC).
    """

    mode: Literal["budget", "pec"]
    total_error: float
    charged_error: float
    log_sampling_overhead: float = 0.0

    @property
    def sampling_overhead(self) -> float:
        """Factor on shots and on the runtime (1 without PEC)."""
        return math.exp(self.log_sampling_overhead)


def pay_rotation_error(
    *,
    rotation_budget: float,
    error_per_rotation: Any = None,
    n_rotations: Any = None,
    groups: ErrorGroups | None = None,
    mode: PaymentMode = "auto",
    max_sampling_overhead: float = DEFAULT_MAX_SAMPLING_OVERHEAD,
    scheme_name: str = "STAR",
) -> RotationErrorPayment:
    """Decide how the residual rotation error is paid, or say in numbers why it cannot be.

    Args:
        rotation_budget: The rotation part of the error budget.
        error_per_rotation: Error of one rotation (RUS included), if one group.
        n_rotations: Number of such rotations, if one group.
        groups: Several ``(P_g, N_g)`` pairs instead.
        mode: ``"budget"``: must fit the budget; ``"pec"``: always cancel by PEC; ``"auto"``: the
            budget if it fits, else PEC if ``gamma^2`` is within the bound.
        max_sampling_overhead: Largest acceptable ``gamma^2``.
        scheme_name: Name used in messages.

    Raises:
        InfeasibleEstimateError: Neither way works; under ``"auto"`` the message gives both the
            budget excess and the PEC overhead.
    """
    if mode not in ("budget", "pec", "auto"):
        raise InvalidInputError("mode", mode, "one of budget, pec, auto")
    pairs = _groups(error_per_rotation, n_rotations, groups)
    total = sum(n * e for e, n in pairs)
    if mode == "budget":
        rotation_error_budget_check(
            rotation_budget=rotation_budget, groups=pairs, scheme_name=scheme_name
        )
        return RotationErrorPayment(mode="budget", total_error=total, charged_error=total)
    if mode == "auto":
        try:
            rotation_error_budget_check(
                rotation_budget=rotation_budget, groups=pairs, scheme_name=scheme_name
            )
            return RotationErrorPayment(mode="budget", total_error=total, charged_error=total)
        except InfeasibleEstimateError as budget_exc:
            bound = float(to_number("max_sampling_overhead", max_sampling_overhead))
            log_overhead = log_sampling_overhead(groups=pairs)
            if log_overhead > math.log(bound):
                raise InfeasibleEstimateError(
                    f"{budget_exc.reason}; cancelling it by PEC needs a "
                    f"{_overhead_sentence(pairs, log_overhead, bound)}",
                    constraint="rotation_error",
                ) from None
    pec = pec_overhead(
        groups=pairs, max_sampling_overhead=max_sampling_overhead, scheme_name=scheme_name
    )
    return RotationErrorPayment(
        mode="pec",
        total_error=total,
        charged_error=0.0,
        log_sampling_overhead=pec.log_sampling_overhead,
    )
