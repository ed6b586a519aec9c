"""Sample complexity of quantum oracle sketching: ``M_q = c N Q R_D / eps`` per query.

A Q-query algorithm with total error ``eps`` gives each query a fresh sketch of error ``eps/Q``
(errors add linearly over queries). A Boolean sketch of ``M`` uniform IID samples has error
``~ c N / M``, so each sketch needs ``M_q = c N Q / eps`` samples and the run needs
``M_total = Q M_q = c N Q^2 / eps``; correlated streams multiply by the repetition number R_D.

Two named choices of ``c`` (pick one explicitly; neither is hidden as a default elsewhere):

* :data:`C_EXPECTED_UNITARY` ``= pi^2/2 ~ 4.93``: the exact large-M error of the *expected*
  unitary of the Boolean sketch (operator norm), computed from the closed form in
  :func:`boolean_sketch_error` (our derivation from the authors' expected-unitary code). Tight
  for the error metric the authors simulate.
* :data:`C_THEOREM_D16` ``= pi^2 + 2 sqrt(2) pi ~ 18.76``: the paper's sufficient condition,
  Theorem D.16 / Eq. (D99) of arXiv:2604.07639v1 (p. 49), ``M >= (t^2 p_max + 2 t
  sqrt(2 p_max |X|)) R_D / eps``, evaluated for uniform IID Boolean data (``t = pi N``,
  ``p_max = 1/N``, ``|X| = N``). **Unverified against the PDF**: quoted by a secondary audit;
  another secondary source prints it without the 2 under the square root.

**Which f the closed form describes.** Sampling is uniform over all N inputs, so the expected
per-sample gate is ``1 + (e^{i theta f(x)} - 1)/N`` on each diagonal entry independently. Entries
with ``f(x) = 0`` are exactly 1 = the target; every marked entry equals
``(1 + (e^{i pi N/M} - 1)/N)^M`` against the target ``-1``. The operator-norm error is
therefore the same for *any* f with at least one marked input (one marked element or half of
them marked give the same number) and 0 for ``f = 0``.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Theorem D.16, Eq. (D99) (sufficient sample complexity); Sec. D (Q
    queries with fresh sketches). Code: haimengzhao/quantum-oracle-sketching
    ``qos.py::q_oracle_sketch_boolean`` (expected-unitary closed form).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import sympy

from estimator.bloqs._params import check_domain_size, check_error, check_int_at_least
from estimator.errors import InvalidInputError
from estimator.validation import check_positive, is_symbolic

#: c = pi^2/2: exact large-M expected-unitary error of the Boolean sketch, eps ~ (pi^2/2)(N-1)/M.
#: Derived from haimengzhao/quantum-oracle-sketching qos.py::q_oracle_sketch_boolean,
#: log_diag = M log1p(p expm1(i t f / M)), t = pi N, p = 1/N (see boolean_sketch_error).
C_EXPECTED_UNITARY: float = math.pi**2 / 2

#: c = pi^2 + 2 sqrt(2) pi ~ 18.7618: arXiv:2604.07639v1 Theorem D.16, Eq. (D99) with t = pi N,
#: p_max = 1/N, |X| = N (uniform IID Boolean data). UNVERIFIED (quoted by a secondary audit).
C_THEOREM_D16: float = math.pi**2 + 2 * math.sqrt(2) * math.pi

#: Named choices of the constant c, for configuration files and the command line.
SAMPLE_CONSTANTS: dict[str, float] = {
    "expected_unitary": C_EXPECTED_UNITARY,
    "theorem_d16": C_THEOREM_D16,
}


def _check_common(domain_size: Any, num_queries: Any, error: Any, constant: Any, r_d: Any) -> None:
    check_domain_size("N", domain_size)
    check_int_at_least("Q", num_queries, 1)
    check_error("eps", error)
    check_positive("constant", constant)
    check_positive("repetition", r_d)
    if not is_symbolic(r_d) and r_d < 1:
        raise InvalidInputError("repetition", r_d, "R_D >= 1 (1 for IID samples)")


def samples_per_query(
    domain_size: Any,
    num_queries: Any,
    error: Any,
    *,
    constant: Any = C_EXPECTED_UNITARY,
    repetition: Any = 1,
) -> Any:
    """Samples ``M_q = c N Q R_D / eps`` in each of the Q fresh sketches.

    Each sketch gets error ``eps / Q`` (errors of the Q queries add linearly, arXiv:2604.07639
    Sec. D composition lemma). Numbers give a Python int (rounded up); symbols a sympy expression.

    Args:
        domain_size: N.
        num_queries: Q.
        error: Total error eps of the Q-query algorithm, ``0 < eps < 1``.
        constant: c, e.g. :data:`C_EXPECTED_UNITARY` or :data:`C_THEOREM_D16`.
        repetition: Repetition number R_D of a correlated stream (1 for IID).
    """
    _check_common(domain_size, num_queries, error, constant, repetition)
    args = (constant, domain_size, num_queries, repetition, error)
    if any(is_symbolic(a) for a in args):
        c = sympy.nsimplify(constant) if isinstance(constant, float) else constant
        if constant == C_EXPECTED_UNITARY:
            c = sympy.pi**2 / 2
        elif constant == C_THEOREM_D16:
            c = sympy.pi**2 + 2 * sympy.sqrt(2) * sympy.pi
        return c * domain_size * num_queries * repetition / error
    return math.ceil(constant * domain_size * num_queries * repetition / error)


def total_samples(
    domain_size: Any,
    num_queries: Any,
    error: Any,
    *,
    constant: Any = C_EXPECTED_UNITARY,
    repetition: Any = 1,
) -> Any:
    """``M_total = Q M_q = c N Q^2 R_D / eps`` (Q fresh sketches)."""
    m_q = samples_per_query(
        domain_size, num_queries, error, constant=constant, repetition=repetition
    )
    return num_queries * m_q


def boolean_sketch_error(domain_size: int, num_samples: int) -> float:
    """Exact operator-norm error of the Boolean sketch's expected unitary (float64, stable).

    ``|| E[V] - O_f || = |(1 + (e^{i pi N/M} - 1)/N)^M + 1|`` for any f with a marked input.
    Computed as ``1 - exp(M log(1 + w))`` with ``w = (e^{i theta} - 1)/N`` split into stable
    real pieces (``log1p``, ``expm1``, half-angle sines), so it keeps its digits down to
    ``~1e-15`` (the naive complex power loses them all near ``1e-10``).

    Args:
        domain_size: N >= 2.
        num_samples: M >= 1 (Python int; any size).
    """
    check_domain_size("N", domain_size)
    check_int_at_least("num_samples", num_samples, 1)
    n_dom, m = float(domain_size), int(num_samples)
    theta = math.pi * n_dom / m  # qos.py::q_oracle_sketch_boolean, t / num_samples = pi N / M
    # w = (e^{i theta} - 1)/N = (-2 sin^2(theta/2) + i sin(theta)) / N
    re_w = -2.0 * math.sin(theta / 2) ** 2 / n_dom
    im_w = math.sin(theta) / n_dom
    log_abs = 0.5 * math.log1p(2.0 * re_w + re_w * re_w + im_w * im_w)  # log|1 + w|
    arg = math.atan2(im_w, 1.0 + re_w)
    a = m * log_abs  # real part of M log(1 + w)
    # imaginary part of M log(1 + w) minus pi, reduced to (-pi, pi]
    delta = math.remainder(m * arg - math.pi, 2 * math.pi)
    # |e^{a + i(pi + delta)} + 1| = |1 - e^{a + i delta}| = |expm1(a + i delta)|
    re = math.expm1(a) * math.cos(delta) - 2.0 * math.sin(delta / 2) ** 2
    im = math.exp(a) * math.sin(delta)
    return math.hypot(re, im)


def boolean_sketch_error_mp(domain_size: int, num_samples: int, dps: int = 50) -> float:
    """The same error with ``mpmath`` at ``dps`` digits (reference for tests)."""
    import mpmath

    with mpmath.workdps(dps):
        n_dom = mpmath.mpf(domain_size)
        theta = mpmath.pi * n_dom / num_samples
        z = 1 + (mpmath.expj(theta) - 1) / n_dom
        return float(abs(mpmath.exp(num_samples * mpmath.log(z)) + 1))


def boolean_expected_diagonal(truth_table: np.ndarray, num_samples: int) -> np.ndarray:
    """Diagonal of the expected unitary ``E[V]`` for a 0/1 truth table (small N, for tests).

    # haimengzhao/quantum-oracle-sketching qos.py::q_oracle_sketch_boolean:
    # log_diag = M log1p(prob expm1(i t f / M)), prob = 1/N, t = pi N
    """
    f = np.asarray(truth_table, dtype=float)
    n_dom = f.shape[0]
    check_domain_size("N", n_dom)
    t = np.pi * n_dom
    log_diag = num_samples * np.log1p(np.expm1(1j * t / num_samples * f) / n_dom)
    return np.exp(log_diag)


__all__ = [
    "C_EXPECTED_UNITARY",
    "C_THEOREM_D16",
    "SAMPLE_CONSTANTS",
    "boolean_expected_diagonal",
    "boolean_sketch_error",
    "boolean_sketch_error_mp",
    "samples_per_query",
    "total_samples",
]
