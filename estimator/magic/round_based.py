"""QRE's round-based 15-to-1 T factories and their exhaustive search.

A factory is a pipeline of 1 to 3 *rounds* of distillation. Each round runs several copies of one
*distillation unit* ("15-to-1 space efficient" or "15-to-1 RM prep"), either on physical qubits
(first round only) or on surface-code patches of some code distance. The number of units per round
is chosen so that, with the units' failure (post-selection) probability, enough states reach the
next round with probability ``1 - 0.01/rounds`` per round (a binomial quantile). The search visits
unit types and distances per round and keeps the Pareto front of (qubits per output state,
duration) among factories that reach the required output error.

This module re-implements the algorithm of Microsoft's resource estimator (QRE 1.31,
``tfactory.rs``, ``round_based.rs``, ``tfactory_exhaustive.rs``, ``code_distance_iterators.rs``,
``distillation_units_map.rs``) so that it selects the same factories; rules that are QRE's own
modelling choices are marked "QRE rule". The binomial quantile follows the algorithm of the
``probability`` crate QRE uses (summation for n < 1000, Moorhead's normal expansion or Newton's
method otherwise), including its numerical quirks, so that unit counts agree exactly.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix C (T factories: units, rounds, the search).

    Efficient evaluation of the inverse binomial cumulative distribution function where the
    number of trials is large. Moorhead (2013), University of Oxford, p. 7 (normal expansion).

    Fast and accurate computation of binomial probabilities. Loader (2000) (saddle-point mass).

    Algorithm AS 241: the percentage points of the normal distribution. Wichura (1988), Applied
    Statistics 37(3).
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from attrs import field, frozen

from estimator.errors import InvalidInputError
from estimator.magic.base import MagicStateFactory, MagicStateSource
from estimator.qec import powi
from estimator.validation import check_positive

if TYPE_CHECKING:
    from estimator.hardware import PhysicalQubit
    from estimator.qec import QECCode

UnitType = Literal["combined", "physical", "logical"]

#: Probability that a factory run fails to deliver its states (QRE rule, Appendix C: 1%).
FACTORY_FAILURE_BUDGET = 0.01
#: Extra rounds tried when no factory with ``max_rounds`` rounds exists (QRE rule: up to 4).
MAX_EXTRA_ROUNDS = 4


# ------------------------------------------------------------------------------------------------
# Distillation units
# ------------------------------------------------------------------------------------------------
@frozen(kw_only=True, cache_hash=True)
class UnitFootprint:
    """Qubits and duration of one distillation unit.

    Attributes:
        qubits: Number of (physical or logical) qubits of the unit.
        cycles: Duration in qubit cycles (T gate times on physical qubits, logical cycles on
            logical qubits).
    """

    qubits: int
    cycles: int

    def __attrs_post_init__(self) -> None:
        check_positive("qubits", self.qubits, integer=True)
        check_positive("cycles", self.cycles, integer=True)


@frozen(kw_only=True, cache_hash=True)
class DistillationUnitTemplate:
    """A distillation protocol: ``n_in`` noisy T states to ``n_out`` better ones.

    Failure (rejection) probability ``f_z z + f_c c`` and output error ``o_z z^3 + o_c c``, with
    ``z`` the input T error and ``c`` the Clifford error of the qubits it runs on.

    Attributes:
        name: Unit name (as QRE prints it).
        num_input_states: T states consumed per unit.
        num_output_states: T states produced per unit.
        unit_type: ``"combined"`` (physical or logical qubits), ``"physical"`` or ``"logical"``.
        physical: Footprint on physical qubits (``None`` if not allowed).
        logical: Footprint on logical qubits (``None`` if not allowed).
        failure_input_coeff: ``f_z``.
        failure_clifford_coeff: ``f_c``.
        output_input_coeff: ``o_z``.
        output_clifford_coeff: ``o_c``.
    """

    name: str
    num_input_states: int = 15
    num_output_states: int = 1
    unit_type: UnitType = "combined"
    physical: UnitFootprint | None = None
    logical: UnitFootprint | None = None
    # arXiv:2211.07629, App. C (15-to-1 units): failure 15 z + 356 c, output 35 z^3 + 7.1 c, as
    # encoded in QRE's tfactory.rs (QRE rule; the table number in the paper is unverified)
    failure_input_coeff: float = 15.0
    failure_clifford_coeff: float = 356.0
    output_input_coeff: float = 35.0
    output_clifford_coeff: float = 7.1

    def __attrs_post_init__(self) -> None:
        if self.unit_type not in ("combined", "physical", "logical"):
            raise InvalidInputError("unit_type", self.unit_type, "combined, physical or logical")
        if self.unit_type != "logical" and self.physical is None:
            raise InvalidInputError("physical", None, f"a footprint for a {self.unit_type} unit")
        if self.unit_type != "physical" and self.logical is None:
            raise InvalidInputError("logical", None, f"a footprint for a {self.unit_type} unit")


#: "15-to-1 RM prep": 31 qubits; 24 T-gate times physically, 11 logical cycles (arXiv:2211.07629,
#: App. C; QRE rule, ``tfactory.rs``).
RM_PREP = DistillationUnitTemplate(
    name="15-to-1 RM prep",
    physical=UnitFootprint(qubits=31, cycles=24),
    logical=UnitFootprint(qubits=31, cycles=11),
)
#: "15-to-1 space efficient": 12 physical qubits for 45 T-gate times, 20 logical qubits for 13
#: logical cycles (arXiv:2211.07629, App. C; QRE rule, ``tfactory.rs``).
SPACE_EFFICIENT = DistillationUnitTemplate(
    name="15-to-1 space efficient",
    physical=UnitFootprint(qubits=12, cycles=45),
    logical=UnitFootprint(qubits=20, cycles=13),
)
#: QRE's default unit list, in QRE's order (the order matters for ties in the search).
QRE_UNITS: tuple[DistillationUnitTemplate, ...] = (RM_PREP, SPACE_EFFICIENT)


@frozen
class _Unit:
    """A unit template placed on concrete qubits (physical: distance 1)."""

    name: str
    num_input: int
    num_output: int
    qubits_first: int
    qubits_later: int
    duration_first: int
    duration_later: int
    code_distance: int
    clifford_error: float
    t_error: float
    fz: float
    fc: float
    oz: float
    oc: float

    def is_valid(self) -> bool:
        return _usable(self.clifford_error, self.t_error)


def _usable(clifford_error: float, t_error: float) -> bool:
    """QRE rule (tfactory.rs): a unit is usable only if ``c <= 0.1 p_T``."""
    return clifford_error <= 0.1 * t_error


def _place(
    template: DistillationUnitTemplate,
    *,
    physical: bool,
    qubits: int,
    cycle_ns: int,
    clifford_error: float,
    t_error: float,
    code_distance: int,
) -> _Unit:
    # QRE rule (TFactoryDistillationUnit::by_template): the first round uses the physical footprint
    # at distance 1, later rounds the logical footprint.
    if physical and template.unit_type != "logical":
        first = template.physical
    elif not physical and template.unit_type != "physical":
        first = template.logical
    else:
        first = None
    later = template.logical if template.unit_type != "physical" else None
    q1, t1 = (first.qubits * qubits, first.cycles * cycle_ns) if first else (0, 0)
    q2, t2 = (later.qubits * qubits, later.cycles * cycle_ns) if later else (0, 0)
    return _Unit(
        template.name,
        template.num_input_states,
        template.num_output_states,
        q1,
        q2,
        t1,
        t2,
        code_distance,
        clifford_error,
        t_error,
        template.failure_input_coeff,
        template.failure_clifford_coeff,
        template.output_input_coeff,
        template.output_clifford_coeff,
    )


# ------------------------------------------------------------------------------------------------
# The binomial quantile, as computed by the `probability` crate (v0.20) that QRE uses
# ------------------------------------------------------------------------------------------------
# Wichura (1988), Algorithm AS 241 (PPND16), coefficients of the rational approximations.
_AS241_A = (3.3871328727963666080e00, 1.3314166789178437745e02, 1.9715909503065514427e03,
            1.3731693765509461125e04, 4.5921953931549871457e04, 6.7265770927008700853e04,
            3.3430575583588128105e04, 2.5090809287301226727e03)  # fmt: skip
_AS241_B = (1.0, 4.2313330701600911252e01, 6.8718700749205790830e02, 5.3941960214247511077e03,
            2.1213794301586595867e04, 3.9307895800092710610e04, 2.8729085735721942674e04,
            5.2264952788528545610e03)  # fmt: skip
_AS241_C = (1.42343711074968357734e00, 4.63033784615654529590e00, 5.76949722146069140550e00,
            3.64784832476320460504e00, 1.27045825245236838258e00, 2.41780725177450611770e-01,
            2.27238449892691845833e-02, 7.74545014278341407640e-04)  # fmt: skip
_AS241_D = (1.0, 2.05319162663775882187e00, 1.67638483018380384940e00, 6.89767334985100004550e-01,
            1.48103976427480074590e-01, 1.51986665636164571966e-02, 5.47593808499534494600e-04,
            1.05075007164441684324e-09)  # fmt: skip
_AS241_E = (6.65790464350110377720e00, 5.46378491116411436990e00, 1.78482653991729133580e00,
            2.96560571828504891230e-01, 2.65321895265761230930e-02, 1.24266094738807843860e-03,
            2.71155556874348757815e-05, 2.01033439929228813265e-07)  # fmt: skip
_AS241_F = (1.0, 5.99832206555887937690e-01, 1.36929880922735805310e-01,
            1.48753612908506148525e-02, 7.86869131145613259100e-04, 1.84631831751005468180e-05,
            1.42151175831644588870e-07, 2.04426310338993978564e-15)  # fmt: skip


def _horner(c: tuple[float, ...], x: float) -> float:
    acc = c[7]
    for coeff in reversed(c[:7]):
        acc = coeff + x * acc
    return acc


@functools.lru_cache(maxsize=64)  # the search asks for a few levels u = 0.01 / rounds
def _normal_quantile(p: float) -> float:
    """Standard normal quantile by Wichura's AS 241."""
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    q = p - 0.5
    if abs(q) <= 0.425:
        x = 0.180625 - q * q
        return q * _horner(_AS241_A, x) / _horner(_AS241_B, x)
    x = math.sqrt(-math.log(p if q < 0.0 else 1.0 - p))
    if x <= 5.0:
        x -= 1.6
        x = _horner(_AS241_C, x) / _horner(_AS241_D, x)
    else:
        x -= 5.0
        x = _horner(_AS241_E, x) / _horner(_AS241_F, x)
    return -x if q < 0.0 else x


def _binomial_quantile_normal(p: float, np_: float, v: float, u: float) -> float:
    """Moorhead (2013), p. 7: Cornish-Fisher-type expansion of the binomial quantile.

    Note: like the ``probability`` crate, the ``1/v`` term uses ``3 w^4 + 7 w^2 - 16/1620``
    (the crate's operator precedence) rather than ``(3 w^4 + 7 w^2 - 16)/1620``; we keep the
    crate's form to select the same factories as QRE.
    """
    w = _normal_quantile(u)
    w2 = w * w
    w3 = w2 * w
    w4 = w3 * w
    w5 = w4 * w
    w6 = w5 * w
    sd = math.sqrt(v)
    s1 = 1.0 / sd
    s2 = 1.0 / v
    s3 = s1 * s2
    s4 = s2 * s2
    p2 = p * p
    p3 = p2 * p
    p4 = p2 * p2
    t = np_ + sd * w
    t = t + (p + 1.0) / 3.0
    t = t - (2.0 * p - 1.0) * w2 / 6.0
    t = t + s1 * w3 * (2.0 * p2 - 2.0 * p - 1.0) / 72.0
    t = t - w * (7.0 * p2 - 7.0 * p + 1.0) / 36.0
    t = t + s2 * (2.0 * p - 1.0) * (p + 1.0) * (p - 2.0) * (3.0 * w4 + 7.0 * w2 - 16.0 / 1620.0)
    t = t + s3 * (
        w5 * (4.0 * p4 - 8.0 * p3 - 48.0 * p2 + 52.0 * p - 23.0) / 17280.0
        + w3 * (256.0 * p4 - 512.0 * p3 - 147.0 * p2 + 403.0 * p - 137.0) / 38880.0
        - w * (433.0 * p4 - 866.0 * p3 - 921.0 * p2 + 1354.0 * p - 671.0) / 38880.0
    )
    t = t + s4 * (
        w6 * (2.0 * p - 1.0) * (p2 - p + 1.0) * (p2 - p + 19.0) / 34020.0
        + w4 * (2.0 * p - 1.0) * (9.0 * p4 - 18.0 * p3 - 35.0 * p2 + 44.0 * p - 25.0) / 15120.0
        + w2
        * (2.0 * p - 1.0)
        * (923.0 * p4 - 1846.0 * p3 + 5271.0 * p2 - 4348.0 * p + 5189.0)
        / 408240.0
        - 4.0 * (2.0 * p - 1.0) * (p + 1.0) * (p - 2.0) * (23.0 * p2 - 23.0 * p + 2.0) / 25515.0
    )
    return t


_SFE = (0.0, 8.106146679532725822e-02, 4.134069595540929409e-02, 2.767792568499833915e-02,
        2.079067210376509311e-02, 1.664469118982119216e-02, 1.387612882307074800e-02,
        1.189670994589177010e-02, 1.041126526197209650e-02, 9.255462182712732918e-03,
        8.330563433362871256e-03, 7.757367548795184079e-03, 6.942840107209529866e-03,
        6.408994188004207068e-03, 5.951370112758847736e-03, 5.554733551962801371e-03)  # fmt: skip


def _stirlerr(n: float) -> float:
    """``ln(n!) - ln(sqrt(2 pi n) (n/e)^n)`` (Loader 2000, eq. 4 and table)."""
    if n < 16.0:
        return _SFE[int(n)]
    nn = n * n
    s0, s1, s2, s3, s4 = 1.0 / 12.0, 1.0 / 360.0, 1.0 / 1260.0, 1.0 / 1680.0, 1.0 / 1188.0
    if n > 500.0:
        return (s0 - s1 / nn) / n
    if n > 80.0:
        return (s0 - (s1 - s2 / nn) / nn) / n
    if n > 35.0:
        return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n


def _ln_d0(x: float, np_: float) -> float:
    """``x ln(x/np) + np - x`` with a series near ``x = np`` (Loader 2000)."""
    if abs(x - np_) < 0.1 * (x + np_):
        s = (x - np_) ** 2 / (x + np_)
        v = (x - np_) / (x + np_)
        ej = 2.0 * x * v
        j = 1
        while True:
            ej *= v * v
            s1 = s + ej / (2 * j + 1)
            if s1 == s:
                return s1
            s = s1
            j += 1
    return x * math.log(x / np_) + np_ - x


_FALLBACKS = [0]


@functools.cache
def _betainc() -> Any:
    from scipy.special import betainc  # imported on first use: scipy is slow to import

    return betainc


def newton_fallbacks() -> int:
    """How often the binomial quantile fell back to the exact value (where QRE would hang)."""
    return _FALLBACKS[0]


#: Where the crate's mass summation is expected to take more steps than this (about the mean
#: number of successes, or of failures, it sums over), it runs as NumPy accumulations, which do
#: the same floating-point operations in the same order as the loop (so the same result);
#: shorter sums stay a loop (NumPy's per-call overhead would dominate).
_VECTOR_SUM_MIN_STEPS = 48


def _sum_mass_up(a: float, u: float, ratio: float, n: int, vector: bool = False) -> int:
    """Smallest k with mass(0) + ... + mass(k) >= u, summed as the crate does.

    ``a`` is ``mass(0) = q^n`` and ``ratio`` is ``p / q``; each step multiplies the mass by
    ``ratio * (n - k + 1) / k``. The crate loops while the running sum minus ``u`` is negative.
    """
    s = a - u
    if not vector:
        k = 1
        while s < 0.0 and k <= n + 1:
            a *= ratio * ((n - k + 1) / k)
            s += a
            k += 1
        return k - 1
    if not s < 0.0:
        return 0
    import numpy as np

    ks = np.arange(1, n + 2, dtype=np.int64)
    steps = ratio * ((n - ks + 1) / ks)
    with np.errstate(over="ignore", invalid="ignore"):  # inf/NaN stop the loop as in the crate
        masses = np.multiply.accumulate(np.concatenate(([a], steps)))
        sums = np.add.accumulate(np.concatenate(([s], masses[1:])))[1:]
    stop = np.flatnonzero(~(sums < 0.0))
    return int(stop[0]) + 1 if stop.size else n + 1


def _sum_mass_down(a: float, u: float, ratio: float, n: int, vector: bool = False) -> int:
    """The crate's quantile summed from ``k = n`` downwards (``a = p^n``, ``ratio = q / p``)."""
    s = (1.0 - u) - a
    if not vector:
        k = 1
        while s >= 0.0 and k <= n + 1:
            a *= ratio * ((n - k + 1) / k)
            s -= a
            k += 1
        return max(0, n - k + 1)
    if not s >= 0.0:
        return n
    import numpy as np

    ks = np.arange(1, n + 2, dtype=np.int64)
    steps = ratio * ((n - ks + 1) / ks)
    with np.errstate(over="ignore", invalid="ignore"):  # inf/NaN stop the loop as in the crate
        masses = np.multiply.accumulate(np.concatenate(([a], steps)))
        sums = np.subtract.accumulate(np.concatenate(([s], masses[1:])))[1:]
    stop = np.flatnonzero(~(sums >= 0.0))
    return max(0, n - int(stop[0]) - 1) if stop.size else 0


def _at_most_cdf_half(n: int, q: float, u: float) -> bool:
    """``u <= cdf(n // 2)`` for Binomial(n, success 1 - q): the crate's summation direction.

    Where the Chernoff bound ``P(X <= k) <= exp(-n KL(k/n || p))`` (``k <= n p``) is below
    ``u / 2``, the answer is False whatever the rounding of an incomplete-beta evaluation, so
    that evaluation (the costliest step of a small-``n`` quantile) is skipped.
    """
    p = 1.0 - q
    k = n // 2
    if 0 < k and k < n * p and p < 1.0:
        a = k / n
        kl = a * math.log(a / p) + (1.0 - a) * math.log((1.0 - a) / q)
        if -n * kl < math.log(0.5 * u):
            return False
    return u <= _Binomial(n, q).cdf(float(k))


def _quantile(n: int, q: float, u: float) -> int:
    """The ``probability`` crate's quantile of Binomial(n, success 1 - q) at level ``u``."""
    p = 1.0 - q
    if u == 0.0:
        return 0
    if u == 1.0:
        return n
    if n < 1000:
        if _at_most_cdf_half(n, q, u):
            # sum the mass from 0 upwards
            return _sum_mass_up(powi(q, n), u, p / q, n, n * p > _VECTOR_SUM_MIN_STEPS)
        # sum the mass from n downwards
        return _sum_mass_down(powi(p, n), u, q / p, n, n * q > _VECTOR_SUM_MIN_STEPS)
    np_ = float(n) * p
    npq = np_ * q
    if npq > 80.0:
        return max(0, math.floor(_binomial_quantile_normal(p, np_, npq, u)))
    return _Binomial(n, q).newton_quantile(u)


@frozen
class _Binomial:
    """Binomial(n, success 1-q), with the crate's CDF/quantile algorithms."""

    n: int
    q: float

    @property
    def p(self) -> float:
        return 1.0 - self.q

    def cdf(self, x: float) -> float:
        if x < 0.0:
            return 0.0
        k = int(x)
        if k == 0:
            return powi(self.q, self.n)
        if k >= self.n:
            return 1.0
        return float(_betainc()(float(self.n - k), float(k + 1), self.q))

    def mass(self, x: int) -> float:
        n = float(self.n)
        p, q = self.p, self.q
        if x == 0:
            return math.exp(n * math.log(q))
        if x == self.n:
            return math.exp(n * math.log(p))
        xf = float(x)
        n_m_x = n - xf
        ln_c = (
            _stirlerr(n)
            - _stirlerr(xf)
            - _stirlerr(n_m_x)
            - _ln_d0(xf, n * p)
            - _ln_d0(n_m_x, n * q)
        )
        return math.exp(ln_c) * math.sqrt(n / (2.0 * math.pi * xf * n_m_x))

    def _at_most_cdf_half(self, u: float) -> bool:
        return _at_most_cdf_half(self.n, self.q, u)

    def quantile(self, u: float) -> int:
        return _quantile(self.n, self.q, u)

    def newton_quantile(self, u: float) -> int:
        """The crate's quantile for ``n >= 1000`` and ``npq <= 80``: Newton from the mode."""
        n, p = self.n, self.p
        r = p * (n + 1)
        if r == 0.0:
            mode = 0
        elif p == 1.0:
            mode = n
        elif r != math.trunc(r):
            mode = math.floor(r)
        else:
            mode = int(r) - 1
        x = float(mode)
        alpha = 1.0
        for _ in range(10_000):
            delta = alpha * (u - self.cdf(x)) / self.mass(max(0, int(x)))
            if abs(delta) < 0.5:
                return max(0, int(x))
            x += delta
            alpha *= 0.999
            if not (x <= n):  # overshoot past n (or NaN): the crate loops forever here
                break
        _FALLBACKS[0] += 1
        return self.exact_quantile(u)

    def exact_quantile(self, u: float) -> int:
        """Smallest ``k`` with ``P(X <= k) >= u``.

        Used where the crate's Newton iteration overshoots past ``n`` and never terminates (QRE
        then hangs, e.g. qsharp 1.31 on ``numQubits=1, tCount=4448, rotationCount=115740,
        rotationDepth=1871, measurementCount=5``, ``qubit_gate_us_e4``, budget 9.7e-4).
        """
        from scipy.stats import binom

        return int(binom.ppf(u, self.n, self.p))


# ------------------------------------------------------------------------------------------------
# Factories
# ------------------------------------------------------------------------------------------------
@frozen(kw_only=True)
class RoundBasedFactory(MagicStateFactory):
    """One round-based T factory (QRE's ``TFactory``).

    Attributes:
        unit_names: Distillation unit name per round.
        units_per_round: Number of unit copies per round.
        code_distances: Code distance per round (1 for physical qubits).
        qubits_per_round: Physical qubits of each round (units times unit footprint).
        durations_per_round_ns: Duration of each round.
        input_t_states: Physical T states entering the first round per run.
        output_states_per_run: T states a run delivers (with probability >= 99%).
        output_error_rate: Error of each output T state.
        input_error_rates: T error before each round (and after the last one).
        failure_probabilities: Rejection probability of a unit in each round.
    """

    unit_names: tuple[str, ...]
    units_per_round: tuple[int, ...]
    code_distances: tuple[int, ...]
    qubits_per_round: tuple[int, ...]
    durations_per_round_ns: tuple[int, ...]
    input_t_states: int
    output_states_per_run: int
    output_error_rate: float
    # diagnostics (not serialized, not compared)
    input_error_rates: tuple[float, ...] = field(default=(), eq=False, repr=False)
    failure_probabilities: tuple[float, ...] = field(default=(), eq=False, repr=False)

    @property
    def name(self) -> str:
        parts = [
            f"{n} x {u} @ d={d}" if d > 1 else f"{n} x {u} (physical)"
            for u, n, d in zip(
                self.unit_names, self.units_per_round, self.code_distances, strict=True
            )
        ]
        return f"{self.num_rounds}-round T factory: " + "; ".join(parts)

    @property
    def num_rounds(self) -> int:
        """Number of distillation rounds."""
        return len(self.unit_names)

    @property
    def physical_qubits(self) -> int:
        # QRE rule (PhysicalQubitCalculation::Max): rounds reuse qubits, the largest round counts.
        return max(self.qubits_per_round)

    @property
    def duration_ns(self) -> int:
        return sum(self.durations_per_round_ns)

    @property
    def output_states(self) -> int:
        return self.output_states_per_run

    @property
    def output_error(self) -> float:
        return self.output_error_rate

    @property
    def max_code_distance(self) -> int:
        return self.code_distances[-1]

    @property
    def normalized_qubits(self) -> float:
        """Physical qubits per output state."""
        return self.physical_qubits / self.output_states_per_run

    @property
    def normalized_volume(self) -> float:
        return float(self.physical_qubits * self.duration_ns) / float(self.output_states_per_run)

    def to_dict(self) -> dict[str, object]:
        """QRE's ``tfactory`` JSON object (same keys)."""
        return {
            "physicalQubits": self.physical_qubits,
            "runtime": self.duration_ns,
            "numTstates": self.output_states_per_run,
            "numInputTstates": self.input_t_states,
            "numRounds": self.num_rounds,
            "numUnitsPerRound": list(self.units_per_round),
            "unitNamePerRound": list(self.unit_names),
            "codeDistancePerRound": list(self.code_distances),
            "physicalQubitsPerRound": list(self.qubits_per_round),
            "runtimePerRound": list(self.durations_per_round_ns),
            "logicalErrorRate": self.output_error_rate,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> RoundBasedFactory:
        """Inverse of :meth:`to_dict`."""
        return cls(
            unit_names=tuple(data["unitNamePerRound"]),  # type: ignore[arg-type]
            units_per_round=tuple(data["numUnitsPerRound"]),  # type: ignore[arg-type]
            code_distances=tuple(data["codeDistancePerRound"]),  # type: ignore[arg-type]
            qubits_per_round=tuple(data["physicalQubitsPerRound"]),  # type: ignore[arg-type]
            durations_per_round_ns=tuple(data["runtimePerRound"]),  # type: ignore[arg-type]
            input_t_states=int(data["numInputTstates"]),  # type: ignore[call-overload]
            output_states_per_run=int(data["numTstates"]),  # type: ignore[call-overload]
            output_error_rate=float(data["logicalErrorRate"]),  # type: ignore[arg-type]
        )


# Build errors (QRE's FactoryBuildError), in the order QRE tests them.
_LOW, _HIGH, _OUTPUT_HIGHER, _TOO_MANY = "low", "high", "output_higher", "too_many"


@functools.lru_cache(maxsize=1 << 16)
def _num_outputs(n_units: int, q: float, requirement: float, n_out: int) -> int:
    if q == 0.0 and requirement == 0.0:
        return n_units * n_out
    if n_units == 0:
        return 0  # the crate's quantile of Binomial(0, p) is 0 for every 0 <= u <= 1
    return _quantile(n_units, q, requirement) * n_out


@functools.lru_cache(maxsize=1 << 16)
def _adjust_units(needed: int, q: float, requirement: float, n_out: int) -> int | None:
    """Fewest units so that ``needed`` states come out with the required probability."""
    n = math.ceil(needed / n_out)
    while _num_outputs(n, q, requirement, n_out) < needed:
        n *= 2
        if n >= 10**18:  # QRE rule: "unreasonably high number of units"
            return None
    upper, lower = n, n // 2
    while lower < upper:
        n = (lower + upper) // 2
        if _num_outputs(n, q, requirement, n_out) >= needed:
            upper = n
        else:
            lower = n + 1
    return upper


# A unit placed at one position of a factory, as a plain tuple (the search's inner loop reads it
# millions of times in a sweep): (unit, n_in, n_out, qubits, duration_ns, o_z, o_c c, f_z, f_c c).
_Row = tuple[_Unit, int, int, int, int, float, float, float, float]


def _row(unit: _Unit, first: bool) -> _Row:
    return (
        unit,
        unit.num_input,
        unit.num_output,
        unit.qubits_first if first else unit.qubits_later,
        unit.duration_first if first else unit.duration_later,
        unit.oz,
        unit.oc * unit.clifford_error,
        unit.fz,
        unit.fc * unit.clifford_error,
    )


#: Builds whose rejection probabilities are all <= this and whose units consume at most
#: ``_LAZY_MAX_INPUTS`` states per output in total get their unit counts only when needed.
_LAZY_MAX_REJECTION = 0.9
_LAZY_MAX_INPUTS = 15**4


class _Build:
    """One candidate factory of the search (QRE's ``RoundBasedFactory::build``), built in two steps.

    The output error, the rejection probabilities and the duration are cheap and computed at
    once. The unit counts (binomial quantiles, the costly part) are computed by :meth:`complete`
    only when the search needs the factory's qubits per output state. Until then
    ``qubits_bound`` is a lower bound on them: every round delivers at most one output per unit
    output slot (``quantile <= n``), so round ``i`` has at least
    ``prod_{j >= i} n_in(j+1) / n_out(j)`` units per last-round unit, and a run delivers at most
    ``n_out`` states per last-round unit. A frontier point with fewer qubits per state and no
    longer duration than this bound dominates the factory whatever its counts; the search's
    decisions are the same as with the counts (tests/magic/test_round_based.py).
    """

    __slots__ = (
        "rows",
        "input_error",
        "errors",
        "fails",
        "output_error",
        "duration",
        "qubits_bound",
        "counts",
        "outputs",
        "point",
    )

    def __init__(
        self, rows: tuple[_Row, ...], input_error: float, output_error: float, duration: int
    ) -> None:
        self.rows = rows
        self.input_error = input_error
        self.output_error = output_error
        self.duration = duration
        self.qubits_bound = 0.0
        self.errors: tuple[float, ...] = ()
        self.fails: tuple[float, ...] = ()
        self.counts: tuple[int, ...] = ()
        self.outputs = 0
        self.point: tuple[float, int] | None = None

    def complete(self) -> str | None:
        """Unit counts per round, in QRE's order of checks; an error tag if the build fails."""
        rows = self.rows
        # the error entering each round and each round's rejection probability, recomputed with
        # the operations of _build (cheaper than keeping them for builds never completed)
        z = self.input_error
        errors = [z]
        fails = []
        for row in rows:
            fails.append(row[7] * z + row[8])
            z = row[5] * (z * (z * z)) + row[6]
            errors.append(z)
        self.errors = tuple(errors)
        self.fails = tuple(fails)
        length = len(rows)
        requirement = FACTORY_FAILURE_BUDGET / length
        counts = [1] * length
        needed = rows[-1][2]
        for idx in range(length - 1, -1, -1):
            row = rows[idx]
            q = fails[idx]
            if q <= 0.0:
                return _LOW
            if q >= 1.0:
                return _HIGH
            n = _adjust_units(needed, q, requirement, row[2])
            if n is None:
                return _TOO_MANY
            counts[idx] = n
            needed = row[1] * n
        self.outputs = _num_outputs(counts[-1], fails[-1], requirement, rows[-1][2])
        qubits = max([n * row[3] for n, row in zip(counts, rows)])  # noqa: B905 (same length)
        self.counts = tuple(counts)
        self.point = (qubits / self.outputs, self.duration)
        return None


def _build(rows: tuple[_Row, ...], input_error: float) -> _Build | str:
    """A candidate factory from its placed units (or QRE's error tag).

    Output error ``o_z z^3 + o_c c`` with ``z^3`` as Rust's ``powi(z, 3)`` (``z (z z)``), rejection
    probability ``f_z z + f_c c``: the same floating-point operations as QRE's ``tfactory.rs``.
    """
    z = input_error
    duration = 0
    inputs = 1
    lazy = True
    for row in rows:
        out = row[5] * (z * (z * z)) + row[6]
        if out > z:
            return _OUTPUT_HIGHER
        if lazy:
            q = row[7] * z + row[8]
            if not 0.0 < q <= _LAZY_MAX_REJECTION:
                lazy = False
        duration += row[4]
        inputs *= row[1]
        z = out
    build = _Build(rows, input_error, z, duration)
    if not lazy or inputs > _LAZY_MAX_INPUTS:
        # a build that may fail (or need huge unit counts): complete it now, in QRE's order
        tag = build.complete()
        return build if tag is None else tag
    # No error tag is possible here: q is in (0, 1), and with q <= 0.9 a round needs fewer than
    # ~240 units per state it must deliver (doubling search, binomial 1% quantile), so even
    # 15^4 inputs stay ~1e14 units, far below QRE's 1e18 limit. The counts can wait; meanwhile
    # the lower bound on qubits per output state (class docstring).
    last = len(rows) - 1
    num, den = 1, rows[last][2]
    bound = rows[last][3] / den
    for i in range(last - 1, -1, -1):
        num *= rows[i + 1][1]
        den *= rows[i][2]
        b = rows[i][3] * num / den
        if b > bound:
            bound = b
    build.qubits_bound = bound
    return build


def _factory(build: _Build) -> RoundBasedFactory:
    """The :class:`RoundBasedFactory` of a completed build."""
    rows, counts = build.rows, build.counts
    return RoundBasedFactory(
        unit_names=tuple(r[0].name for r in rows),
        units_per_round=counts,
        code_distances=tuple(r[0].code_distance for r in rows),
        qubits_per_round=tuple(n * r[3] for n, r in zip(counts, rows, strict=True)),
        durations_per_round_ns=tuple(r[4] for r in rows),
        input_t_states=rows[0][1] * counts[0],
        output_states_per_run=build.outputs,
        output_error_rate=build.output_error,
        input_error_rates=build.errors,
        failure_probabilities=build.fails,
    )


class _Frontier:
    """QRE's ``Population<Point2D>``: lazily filtered Pareto set (same order semantics)."""

    def __init__(self) -> None:
        self.points: list[tuple[float, int]] = []
        self.builds: list[_Build] = []
        self.attempts = 0

    def dominates(self, point: tuple[float, int]) -> bool:
        # Strict Pareto dominance, inlined: this is the innermost loop of the factory search.
        q, t = point
        for kq, kt in self.points:
            if (kq < q and kt <= t) or (kq <= q and kt < t):
                return True
        return False

    def push(self, point: tuple[float, int], built: _Build) -> None:
        self.points.append(point)
        self.builds.append(built)
        if self.attempts <= 1000:
            self.attempts += 1
        else:
            self.filter()

    def filter(self) -> None:
        points, builds = self.points, self.builds
        idx, length = 0, len(points)
        while idx < length:
            if self.dominates(points[idx]):
                last = length - 1
                points[idx], points[last] = points[last], points[idx]
                builds[idx], builds[last] = builds[last], builds[idx]
                length -= 1
            else:
                idx += 1
        self.attempts = 0
        del points[length:]
        del builds[length:]

    def sorted_factories(self) -> list[RoundBasedFactory]:
        self.filter()
        # descending by (qubits per state, duration); Python's reverse sort is stable like Rust's
        order = sorted(range(len(self.points)), key=self.points.__getitem__, reverse=True)
        return [_factory(self.builds[i]) for i in order]


class _Tables:
    """The units a search can place, per position and code distance (one per machine and max d)."""

    def __init__(
        self, source: RoundBasedFactorySource, qubit: PhysicalQubit, qec: QECCode, max_d: int
    ) -> None:
        templates = source.units
        combined = [t for t in templates if t.unit_type == "combined"]
        logical_only = [t for t in templates if t.unit_type == "logical"]
        physical_only = [t for t in templates if t.unit_type == "physical"]
        t_err = qubit.t_gate_error
        self.t_error = t_err

        def phys(t: DistillationUnitTemplate) -> _Unit:
            return _place(
                t,
                physical=True,
                qubits=1,
                cycle_ns=qubit.t_gate_time_ns,
                clifford_error=qubit.clifford_error,
                t_error=t_err,
                code_distance=1,
            )

        self.n_c, self.n_l = len(combined), len(logical_only)
        phys_units = [phys(t) for t in combined]
        extra = [u for u in (phys(t) for t in physical_only) if u.is_valid()]
        self.n_p = len(extra)
        self.physical_units = phys_units + extra
        self.valid_physical = [u.is_valid() for u in phys_units] + [True] * self.n_p
        self.distances = list(range(1, max_d + 1, 2))
        self.logical_templates = combined + logical_only
        self.qubit, self.qec = qubit, qec
        # units on logical qubits, per distance, placed when a search first needs that distance
        self.logical_units: dict[int, list[_Unit]] = {}
        n_lc = self.n_l + self.n_c
        # The smallest usable distance index; QRE rule: the default "no valid distance" index is
        # one past the last distance slot. Usability depends on the distance, not the template.
        self.min_valid = next(
            (
                i
                for i, d in enumerate(self.distances)
                if _usable(qec.logical_error(d, qubit), t_err)
            ),
            max_d + 1,
        )
        # rows per (position 0 or later, distance index, unit index), read by every build; a
        # distance's rows are placed on first use (a search visits a fraction of them)
        self.n_first = n_lc + self.n_p
        self.num_distances = len(self.distances)
        self.rows_first: list[list[_Row | None] | None] = [None] * self.num_distances
        self.rows_later: list[list[_Row | None] | None] = [None] * self.num_distances

    def fill(self, di: int) -> None:
        """Place the units of distance index ``di`` (both positions)."""
        self.rows_first[di] = [self._placed(0, di, ui) for ui in range(self.n_first)]
        self.rows_later[di] = [self._placed(1, di, ui) for ui in range(self.n_l + self.n_c)]

    def logical(self, d: int) -> list[_Unit]:
        units = self.logical_units.get(d)
        if units is None:
            qec, qubit = self.qec, self.qubit
            n_phys = qec.physical_qubits_per_logical(d)
            cycle = qec.logical_cycle_time_ns(d, qubit)
            err = qec.logical_error(d, qubit)
            units = self.logical_units[d] = [
                _place(
                    t,
                    physical=False,
                    qubits=n_phys,
                    cycle_ns=cycle,
                    clifford_error=err,
                    t_error=self.t_error,
                    code_distance=d,
                )
                for t in self.logical_templates
            ]
        return units

    def _placed(self, position: int, distance_index: int, idx: int) -> _Row | None:
        try:
            unit = self.unit(position, distance_index, idx)
        except (IndexError, KeyError):
            return None  # never visited: min_index/max_index keep the search away
        return _row(unit, first=position == 0)

    # -- unit map ----------------------------------------------------------------------------
    def unit(self, position: int, distance_index: int, idx: int) -> _Unit:
        distance = self.distances[distance_index]
        if distance == 1 and position == 0:
            return self.physical_units[idx if idx < self.n_c else idx - self.n_l]
        return self.logical(distance)[idx]

    def min_index(self, position: int, idx: int) -> int:
        n_lc = self.n_l + self.n_c
        if position == 0:
            if idx >= n_lc:
                return 0
            if idx < self.n_c and self.valid_physical[idx]:
                return 0
            return max(1, self.min_valid)
        return self.min_valid

    def max_index(self, position: int, idx: int) -> int:
        return 0 if idx >= self.n_l + self.n_c else len(self.distances) - 1


@functools.lru_cache(maxsize=256)
def _tables(
    source: RoundBasedFactorySource, qubit: PhysicalQubit, qec: QECCode, max_d: int
) -> _Tables:
    return _Tables(source, qubit, qec, max_d)


class _Search:
    """QRE's exhaustive search over unit types and code distances (2-D Pareto variant)."""

    def __init__(
        self, source: RoundBasedFactorySource, qubit: PhysicalQubit, qec: QECCode, max_d: int
    ) -> None:
        self.target = 0.0
        self.lowest_target = -math.inf
        self.highest_target = math.inf
        self.frontier = _Frontier()
        # distance index i is distance 2 i + 1 for every max_d, so builds are shared across
        # searches on the same (source, qubit, code)
        self.memo = _memo(source, qubit, qec)
        if len(self.memo) > 1_000_000:  # bound the memory of very long sweeps
            self.memo.clear()
        tables = self.tables = _tables(source, qubit, qec, max_d)
        self.t_error = tables.t_error
        self.num_distances = tables.num_distances
        self.rows_first = tables.rows_first
        self.rows_later = tables.rows_later

    # -- the check: build, compare with the frontier, decide whether to go to larger distances
    def check(self, dist_idx: list[int], unit_idx: tuple[int, ...]) -> bool:
        """Whether to try larger distances for this unit sequence (QRE's ``check``)."""
        if max(dist_idx) >= self.num_distances:
            # QRE would index out of range here (a panic); treat as "stop".
            return False
        key = (*dist_idx, *unit_idx)  # both have one entry per round: the key is unambiguous
        build = self.memo.get(key)
        if build is None:
            rows_first, rows_later = self.rows_first, self.rows_later
            for di in dist_idx:
                if rows_later[di] is None:
                    self.tables.fill(di)
            rows = [rows_first[dist_idx[0]][unit_idx[0]]]  # type: ignore[index]
            for pos in range(1, len(unit_idx)):
                rows.append(rows_later[dist_idx[pos]][unit_idx[pos]])  # type: ignore[index]
            build = self.memo[key] = _build(tuple(rows), self.t_error)  # type: ignore[arg-type]
        if build.__class__ is str:
            return build != _LOW
        # the only place the target enters the search: remember the nearest output errors on
        # either side of it (every target between them gives this same search, see _classes)
        error = build.output_error  # type: ignore[union-attr]
        below = error <= self.target
        if below:
            if error > self.lowest_target:
                self.lowest_target = error
        elif error < self.highest_target:
            self.highest_target = error
        point = build.point  # type: ignore[union-attr]
        if point is None:
            # counts not computed yet: decide with the duration and the qubit bound if possible
            t = build.duration  # type: ignore[union-attr]
            bound = build.qubits_bound  # type: ignore[union-attr]
            undecided = False
            for kq, kt in self.frontier.points:
                if kt <= t:
                    if kq < bound:
                        return False  # dominated (kq < bound <= q, kt <= t)
                    undecided = True
            if not undecided and not below:
                return True  # nothing on the frontier is as fast: not dominated
            tag = build.complete()  # type: ignore[union-attr]
            if tag is not None:  # not expected for a lazy build (see _build)
                self.memo[key] = tag
                return tag != _LOW
            point = build.point  # type: ignore[union-attr]
        # strict Pareto dominance by a frontier point (_Frontier.dominates, inlined)
        q, t = point  # type: ignore[misc]
        for kq, kt in self.frontier.points:
            if (kq < q and kt <= t) or (kq <= q and kt < t):
                return False
        if below:
            self.frontier.push(point, build)  # type: ignore[arg-type]
            return False
        return True

    def combination(self, unit_idx: tuple[int, ...]) -> None:
        rounds = len(unit_idx)
        left: list[int] = []
        state = 0
        for pos, ui in enumerate(unit_idx):
            state = max(state, self.tables.min_index(pos, ui))
            left.append(state)
        right = [self.tables.max_index(pos, ui) for pos, ui in enumerate(unit_idx)]
        start = _binary_search_distances(rounds, left, right, self.check, unit_idx)
        if start is not None:
            _iterate_distances(rounds, left, right, start, self.check, unit_idx)

    def rounds(self, num_rounds: int) -> None:
        n_first = self.tables.n_l + self.tables.n_c + self.tables.n_p
        n_later = self.tables.n_l + self.tables.n_c
        a = [0] * (num_rounds + 1)
        while True:
            self.combination(tuple(a[1:]))
            j = num_rounds
            while j > 0 and a[j] == (n_first - 1 if j == 1 else n_later - 1):
                a[j] = 0
                j -= 1
            if j == 0:
                break
            a[j] += 1


_Check = Callable[[list[int], tuple[int, ...]], bool]


def _binary_search_distances(
    rounds: int, left: list[int], right_in: list[int], check: _Check, units: tuple[int, ...]
) -> list[int] | None:
    """QRE's ``search_for_code_distances``: per round, bisect for the smallest sufficient index."""
    right = list(right_in)
    if check(right, units):
        return None  # not enough even at the largest distances
    if not check(left, units):
        return None  # already enough (or dominated) at the smallest distances
    mid = list(right)
    for cur in range(rounds):
        lo = list(mid)
        lo[cur] = left[cur] if cur == 0 else mid[cur - 1]
        while lo[cur] + 1 < right[cur]:
            mid[cur] = (lo[cur] + right[cur]) // 2
            if check(mid, units):
                lo[cur] = mid[cur] + 1
            else:
                right[cur] = mid[cur]
        if lo[cur] + 1 == right[cur]:
            mid[cur] = lo[cur]
            if check(mid, units):
                mid[cur] = right[cur]
        else:
            mid[cur] = right[cur]
    return mid


def _switch(cur: list[int], left: list[int], right: list[int], rounds: int) -> bool:
    """QRE's ``switch`` of ``iterate_for_code_distances``: the next non-comparable vector."""
    j = rounds - 1
    while j > 0 and (cur[j] <= cur[j - 1] + 1 or cur[j - 1] == right[j - 1]):
        j -= 1
    if j == 0:
        return False
    cur[j - 1] += 1
    while j < rounds:
        cur[j] = max(cur[j - 1], left[j])
        j += 1
    return True


def _iterate_distances(
    rounds: int,
    left: list[int],
    right: list[int],
    start: list[int],
    check: _Check,
    units: tuple[int, ...],
) -> None:
    """QRE's ``iterate_for_code_distances``: walk non-comparable distance vectors.

    After a check that asks for larger distances, QRE's ``increment`` (inlined here: it runs
    for most checks) raises the last index, carrying into earlier rounds past ``right``.
    """
    cur = [max(c, lo) for c, lo in zip(start, left, strict=True)]
    last = rounds - 1
    if not _switch(cur, left, right, rounds):
        return
    while True:
        if check(cur, units):
            i = last
            cur[i] += 1
            while cur[i] > right[i]:
                if i == 0:
                    return
                i -= 1
                cur[i] += 1
            while i < last:
                nxt = left[i + 1]
                cur[i + 1] = cur[i] if cur[i] > nxt else nxt
                i += 1
        elif not _switch(cur, left, right, rounds):
            return


# ------------------------------------------------------------------------------------------------
# The source
# ------------------------------------------------------------------------------------------------
def _check_rounds(instance: object, attribute: object, value: int) -> None:
    check_positive("max_rounds", value, integer=True)


@frozen(kw_only=True, cache_hash=True)
class RoundBasedFactorySource(MagicStateSource):
    """QRE's T-factory family: 15-to-1 units in 1 to ``max_rounds`` rounds.

    Attributes:
        max_rounds: Largest number of rounds searched first (QRE's ``maxDistillationRounds``,
            default 3). If no factory is found, up to 4 rounds are tried (QRE rule).
        units: Distillation unit templates, in search order (QRE's two 15-to-1 units).
    """

    max_rounds: int = field(default=3, validator=_check_rounds)
    units: tuple[DistillationUnitTemplate, ...] = field(default=QRE_UNITS, converter=tuple)

    @property
    def name(self) -> str:
        return "qre_round_based"

    def find_factories(
        self,
        *,
        output_error: float,
        qubit: PhysicalQubit,
        qec: QECCode,
        max_code_distance: int,
    ) -> list[MagicStateFactory]:
        """Pareto-optimal factories reaching ``output_error`` with distances <= the given one.

        The list is in QRE's order (descending qubits per state, then duration). If the
        requirement is above the physical T error, a trivial "factory" (one logical patch that
        injects a physical T state) is returned, as QRE does.
        """
        return list(_find(self, qubit, qec, float(output_error), int(max_code_distance)))

    def next_list_change(
        self,
        *,
        output_error: float,
        qubit: PhysicalQubit,
        qec: QECCode,
        max_code_distance: int,
    ) -> float | None:
        """The upper end of the interval of targets that give this target's search."""
        target, max_d = float(output_error), int(max_code_distance)
        if target != target:
            return None
        if target > qubit.t_gate_error:
            return math.inf  # the trivial factory, for every larger target too
        _find(self, qubit, qec, target, max_d)  # the search (and its interval) exists now
        classes = _classes(self, qubit, qec, max_d)
        i = bisect.bisect_right(classes.lows, target) - 1
        if i < 0 or not target < classes.highs[i]:
            return None  # forgotten (memory bound): unknown
        # above the physical T error the answer becomes the trivial factory
        return min(classes.highs[i], math.nextafter(qubit.t_gate_error, math.inf))


@functools.lru_cache(maxsize=64)
def _memo(
    source: RoundBasedFactorySource, qubit: PhysicalQubit, qec: QECCode
) -> dict[tuple[int, ...], _Build | str]:
    """Builds by (distance indices..., unit indices...), shared by all searches on one machine."""
    return {}


def clear_caches() -> None:
    """Forget every cached search, build, machine table and binomial quantile (a cold start)."""
    for cached in (_find, _classes, _memo, _tables, _num_outputs, _adjust_units, _normal_quantile):
        cached.cache_clear()


@functools.lru_cache(maxsize=4096)
def _find(
    source: RoundBasedFactorySource,
    qubit: PhysicalQubit,
    qec: QECCode,
    target: float,
    max_d: int,
) -> tuple[RoundBasedFactory, ...]:
    if target > qubit.t_gate_error:
        # QRE rule (default_t_factory): a physical T state, moved into a patch at distance max_d
        return (
            RoundBasedFactory(
                unit_names=("trivial 1-to-1",),
                units_per_round=(1,),
                code_distances=(max_d,),
                qubits_per_round=(qec.physical_qubits_per_logical(max_d),),
                durations_per_round_ns=(qec.logical_cycle_time_ns(max_d, qubit),),
                input_t_states=1,
                output_states_per_run=1,
                output_error_rate=qubit.t_gate_error,
                input_error_rates=(qubit.t_gate_error, qubit.t_gate_error),
                failure_probabilities=(0.0,),
            ),
        )
    if target != target:  # NaN: no factory reaches it (not cached in the classes below)
        return ()
    classes = _classes(source, qubit, qec, max_d)
    i = bisect.bisect_right(classes.lows, target) - 1
    if i >= 0 and target < classes.highs[i]:
        return classes.results[i]
    found, low, high = _search(source, qubit, qec, target, max_d)
    classes.add(low, high, found)
    return found


def _search(
    source: RoundBasedFactorySource,
    qubit: PhysicalQubit,
    qec: QECCode,
    target: float,
    max_d: int,
) -> tuple[tuple[RoundBasedFactory, ...], float, float]:
    """One search (QRE's ``find_nondominated_tfactories``) and the interval of equal targets."""
    search = _Search(source, qubit, qec, max_d)
    search.target = target
    for rounds in range(1, source.max_rounds + 1):
        search.rounds(rounds)
    if not search.frontier.points:
        for rounds in range(source.max_rounds + 1, MAX_EXTRA_ROUNDS + 1):
            search.rounds(rounds)
    found = tuple(search.frontier.sorted_factories())
    return found, search.lowest_target, search.highest_target


class _TargetClasses:
    """Search results per interval of targets, for one machine and largest distance.

    The target enters the search only through ``output_error <= target`` for the builds it visits
    (``_Search.check``). Let ``lo`` be the largest visited output error ``<= target`` and ``hi``
    the smallest one above it: every target in ``[lo, hi)`` answers every comparison of this
    search the same way, so by induction over the search's steps it visits the same builds and
    returns the same factories. Intervals of different searches are disjoint (two searches
    sharing a target are the same search), so one sorted list and a bisection find them. A
    sweep over 10^5 budgets then runs one search per interval, not one per target, with results
    identical to searching every target (tests/magic/test_round_based.py).
    """

    def __init__(self) -> None:
        self.lows: list[float] = []
        self.highs: list[float] = []
        self.results: list[tuple[RoundBasedFactory, ...]] = []

    def add(self, low: float, high: float, result: tuple[RoundBasedFactory, ...]) -> None:
        if len(self.lows) >= 100_000:  # bound the memory of very long sweeps
            self.lows.clear()
            self.highs.clear()
            self.results.clear()
        i = bisect.bisect_right(self.lows, low)
        self.lows.insert(i, low)
        self.highs.insert(i, high)
        self.results.insert(i, result)


@functools.lru_cache(maxsize=256)
def _classes(
    source: RoundBasedFactorySource, qubit: PhysicalQubit, qec: QECCode, max_d: int
) -> _TargetClasses:
    return _TargetClasses()
