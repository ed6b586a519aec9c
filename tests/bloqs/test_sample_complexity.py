"""Sample complexity: exact expected-unitary error of the Boolean sketch, constants, M_q."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from estimator.bloqs import (
    C_EXPECTED_UNITARY,
    C_THEOREM_D16,
    boolean_sketch_error,
    samples_per_query,
    total_samples,
)
from estimator.bloqs.sample_complexity import (
    boolean_expected_diagonal,
    boolean_sketch_error_mp,
)
from estimator.bloqs.symbols import N, Q, eps
from estimator.errors import InvalidInputError


def test_named_constants():
    assert C_EXPECTED_UNITARY == pytest.approx(4.934802200544679)  # pi^2/2
    # arXiv:2604.07639v1 Thm D.16 / Eq. (D99) with t = pi N, p_max = 1/N, |X| = N (unverified)
    assert C_THEOREM_D16 == pytest.approx(18.7554, abs=1e-4)


@pytest.mark.parametrize("domain", [100, 1000])
@pytest.mark.parametrize("exponent", [5, 6, 7, 8, 9, 10, 11, 12])
def test_eps_m_over_n_tends_to_pi2_over_2(domain, exponent):
    num = 10**exponent
    err = boolean_sketch_error(domain, num)
    ratio = err * num / domain
    assert ratio == pytest.approx(math.pi**2 / 2, rel=0.03)
    # finer: the large-M limit is (pi^2/2)(N-1)/N [our expansion of M log(1 + w)]
    # (next-order terms are O(N/M) relative)
    limit = math.pi**2 / 2 * (domain - 1) / domain
    assert ratio == pytest.approx(limit, rel=5 * domain / num)


@pytest.mark.parametrize(
    "domain, num", [(100, 10**5), (1000, 10**7), (100, 10**12), (1000, 10**12)]
)
def test_stable_formula_matches_mpmath(domain, num):
    assert boolean_sketch_error(domain, num) == pytest.approx(
        boolean_sketch_error_mp(domain, num), rel=1e-9
    )


def test_naive_complex_power_loses_digits_where_ours_does_not():
    domain, num = 100, 10**12
    naive = abs((1 + (np.exp(1j * np.pi * domain / num) - 1) / domain) ** num + 1)
    exact = boolean_sketch_error_mp(domain, num)
    assert abs(naive - exact) / exact > 0.5  # float64 power is useless here
    assert boolean_sketch_error(domain, num) == pytest.approx(exact, rel=1e-9)


@pytest.mark.parametrize("domain, num", [(2, 1), (3, 2), (100, 3), (50, 50)])
def test_small_m_matches_mpmath(domain, num):
    assert boolean_sketch_error(domain, num) == pytest.approx(
        boolean_sketch_error_mp(domain, num), rel=1e-9, abs=1e-12
    )


def test_error_is_independent_of_which_f():
    """The closed form is the error for ANY f with >= 1 marked input (entries decouple)."""
    domain, num = 100, 10**5
    single = np.zeros(domain)
    single[17] = 1
    half = np.zeros(domain)
    half[: domain // 2] = 1
    full = np.ones(domain)
    closed = boolean_sketch_error(domain, num)
    for f in (single, half, full):
        diag = boolean_expected_diagonal(f, num)
        assert np.max(np.abs(diag - (1 - 2 * f))) == pytest.approx(closed, rel=1e-8)
    zero = boolean_expected_diagonal(np.zeros(domain), num)
    assert np.max(np.abs(zero - 1)) == 0


def test_expected_unitary_against_monte_carlo_mean():
    """E[V] of the explicit random streams (tiny N) equals the closed-form diagonal."""
    rng = np.random.default_rng(3)
    domain, num, trials = 4, 6, 40000
    f = np.array([0, 1, 0, 1])
    xs = rng.integers(0, domain, size=(trials, num))
    counts = np.stack([(xs == x).sum(axis=1) for x in range(domain)], axis=1)
    mean = np.exp(1j * math.pi * domain / num * counts * f).mean(axis=0)
    np.testing.assert_allclose(mean, boolean_expected_diagonal(f, num), atol=0.02)


def test_samples_per_query_numeric_and_symbolic():
    m_q = samples_per_query(2**20, 100, 1e-2)
    assert m_q == math.ceil(math.pi**2 / 2 * 2**20 * 100 / 1e-2)
    assert total_samples(2**20, 100, 1e-2) == 100 * m_q
    d16 = samples_per_query(1000, 10, 0.1, constant=C_THEOREM_D16, repetition=3)
    assert d16 == math.ceil(C_THEOREM_D16 * 1000 * 10 * 3 / 0.1)
    sym = samples_per_query(N, Q, eps)
    assert sympy.simplify(sym - sympy.pi**2 / 2 * N * Q / eps) == 0
    tot = total_samples(N, Q, eps, constant=C_THEOREM_D16)
    assert sympy.simplify(tot - (sympy.pi**2 + 2 * sympy.sqrt(2) * sympy.pi) * N * Q**2 / eps) == 0


@pytest.mark.parametrize(
    "args, kwargs, field",
    [
        ((1, 10, 0.1), {}, "N"),
        ((100, 0, 0.1), {}, "Q"),
        ((100, 10, 0.0), {}, "eps"),
        ((100, 10, 1.0), {}, "eps"),
        ((100, 10, -0.5), {}, "eps"),
        ((100, 10, 0.1), {"constant": -1.0}, "constant"),
        ((100, 10, 0.1), {"repetition": 0.5}, "repetition"),
    ],
)
def test_bad_parameters(args, kwargs, field):
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        samples_per_query(*args, **kwargs)


def test_error_bad_parameters():
    with pytest.raises(InvalidInputError, match="invalid N="):
        boolean_sketch_error(1, 10)
    with pytest.raises(InvalidInputError, match="invalid num_samples="):
        boolean_sketch_error(10, 0)
