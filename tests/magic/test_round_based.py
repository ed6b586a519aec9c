"""QRE's round-based 15-to-1 T factories: B1 factory, binomial quantile, search invariants."""

from __future__ import annotations

import time

import pytest
from scipy import stats
from scipy.special import ndtri

from estimator.errors import InvalidInputError
from estimator.hardware import PhysicalQubit
from estimator.magic import round_based
from estimator.magic.round_based import (
    RM_PREP,
    DistillationUnitTemplate,
    RoundBasedFactory,
    RoundBasedFactorySource,
    UnitFootprint,
    _Binomial,
    _normal_quantile,
    newton_fallbacks,
)
from estimator.qec import QECCode

GATE = PhysicalQubit.from_preset("qubit_gate_ns_e3")
SURFACE = QECCode.from_name("surface_code", GATE)
SOURCE = RoundBasedFactorySource()

# peers.md B1 / QRE test_report.json: required T error 1.4866e-10 at d = 19 (qsharp 1.31 output)
B1_TARGET = 1.4866351500014866e-10
B1_FACTORY = {
    "physicalQubits": 33320,
    "runtime": 120000,
    "numTstates": 1,
    "numInputTstates": 255,
    "numRounds": 2,
    "numUnitsPerRound": [17, 1],
    "unitNamePerRound": ["15-to-1 space efficient", "15-to-1 RM prep"],
    "codeDistancePerRound": [7, 19],
    "physicalQubitsPerRound": [33320, 22382],
    "runtimePerRound": [36400, 83600],
    "logicalErrorRate": 2.1639895946963144e-11,
}


def _b1_factories() -> list[RoundBasedFactory]:
    return SOURCE.find_factories(
        output_error=B1_TARGET, qubit=GATE, qec=SURFACE, max_code_distance=19
    )


def test_b1_factory_is_found_exactly() -> None:
    """The factory QRE reports for B1, with every per-round number."""
    factories = _b1_factories()
    best = min(factories, key=lambda f: f.normalized_volume)
    assert best.to_dict() == B1_FACTORY
    assert best.physical_qubits == 33320 and best.duration_ns == 120000
    assert best.max_code_distance == 19
    assert RoundBasedFactory.from_dict(best.to_dict()).to_dict() == B1_FACTORY


def test_search_invariants() -> None:
    factories = _b1_factories()
    assert factories
    points = [(f.normalized_qubits, f.duration_ns) for f in factories]
    for f in factories:
        assert f.output_error <= B1_TARGET
        assert 1 <= f.num_rounds <= 3
        assert all(d <= 19 for d in f.code_distances)
        assert all(d % 2 == 1 for d in f.code_distances)
    for a in points:  # Pareto: nobody dominates anybody
        for b in points:
            assert not ((a[0] < b[0] and a[1] <= b[1]) or (a[0] <= b[0] and a[1] < b[1]))
    assert points == sorted(points, reverse=True)  # QRE's order


def test_search_is_cached() -> None:
    SOURCE.find_factories(output_error=3.3e-12, qubit=GATE, qec=SURFACE, max_code_distance=23)
    t0 = time.perf_counter()
    again = SOURCE.find_factories(
        output_error=3.3e-12, qubit=GATE, qec=SURFACE, max_code_distance=23
    )
    assert time.perf_counter() - t0 < 1e-3
    assert again


def test_trivial_factory_when_physical_t_suffices() -> None:
    """QRE rule: a requirement above p_T needs no distillation, only a patch at distance d."""
    (f,) = SOURCE.find_factories(output_error=2e-3, qubit=GATE, qec=SURFACE, max_code_distance=9)
    assert f.unit_names == ("trivial 1-to-1",)
    assert f.physical_qubits == SURFACE.physical_qubits_per_logical(9)
    assert f.duration_ns == SURFACE.logical_cycle_time_ns(9, GATE)
    assert f.output_error == GATE.t_gate_error


def test_unreachable_target_gives_no_factory() -> None:
    assert (
        SOURCE.find_factories(output_error=1e-40, qubit=GATE, qec=SURFACE, max_code_distance=3)
        == []
    )


def test_more_rounds_for_majorana_t_gates() -> None:
    """p_T = 5% (qubit_maj_ns_e4) needs a physical first round and several rounds."""
    maj = PhysicalQubit.from_preset("qubit_maj_ns_e4")
    factories = RoundBasedFactorySource().find_factories(
        output_error=1e-15,
        qubit=maj,
        qec=QECCode.from_name("floquet_code", maj),
        max_code_distance=21,
    )
    assert factories
    assert all(f.num_rounds >= 2 for f in factories)


@pytest.mark.parametrize("n", [1, 2, 5, 17, 64, 300, 999])
@pytest.mark.parametrize("q", [0.001, 0.05, 0.37, 0.6])
@pytest.mark.parametrize("u", [0.005, 0.0033, 0.5])
def test_binomial_quantile_small_n_matches_scipy(n: int, q: float, u: float) -> None:
    """For n < 1000 the crate sums the mass exactly: the quantile of successes at level u."""
    ours = _Binomial(n, q).quantile(u)
    assert ours == int(stats.binom.ppf(u, n, 1.0 - q))


@pytest.mark.parametrize(("n", "q"), [(1000, 0.37), (5000, 0.2), (20000, 0.05)])
def test_binomial_quantile_normal_expansion(n: int, q: float) -> None:
    """n >= 1000 with npq > 80: Moorhead's expansion is within one of the exact quantile."""
    for u in (0.005, 0.0025, 0.3):
        assert abs(_Binomial(n, q).quantile(u) - stats.binom.ppf(u, n, 1 - q)) <= 1


@pytest.mark.parametrize(("n", "q"), [(1000, 0.01), (4000, 0.005)])
def test_binomial_quantile_newton(n: int, q: float) -> None:
    """n >= 1000 with npq <= 80: the crate's damped Newton iteration, within one."""
    for u in (0.005, 0.0025):
        assert abs(_Binomial(n, q).quantile(u) - stats.binom.ppf(u, n, 1 - q)) <= 1


def test_normal_quantile_is_as241() -> None:
    for p in (1e-300, 1e-12, 0.001, 0.0033, 0.3, 0.5, 0.77, 0.999999):
        assert _normal_quantile(p) == pytest.approx(float(ndtri(p)), rel=1e-14, abs=1e-15)


def test_bad_source_and_units() -> None:
    with pytest.raises(InvalidInputError) as info:
        RoundBasedFactorySource(max_rounds=0)
    assert info.value.field == "max_rounds"
    with pytest.raises(InvalidInputError) as info:
        DistillationUnitTemplate(name="x", unit_type="logical")
    assert info.value.field == "logical"
    with pytest.raises(InvalidInputError):
        UnitFootprint(qubits=0, cycles=3)
    assert RM_PREP.physical == UnitFootprint(qubits=31, cycles=24)


def test_newton_overshoot_falls_back_to_exact_quantile() -> None:
    """The crate's Newton iteration overshoots past n here and never ends (qsharp 1.31 hangs on the
    program of test_physical.py::test_program_where_qsharp_hangs); we return the exact quantile."""
    before = newton_fallbacks()
    b = _Binomial(6750, 1.51068e-05)
    assert b.quantile(0.0025) == int(stats.binom.ppf(0.0025, 6750, 1 - 1.51068e-05))
    assert newton_fallbacks() == before + 1


# ------------------------------------------------------------------------------------------------
# Speed-ups that must not change a single result
# ------------------------------------------------------------------------------------------------
def _crate_sum_up(a: float, u: float, ratio: float, n: int) -> int:
    """The crate's summation from k = 0 upwards, as a plain loop (the specification)."""
    k, s = 1, a - u
    while s < 0.0 and k <= n + 1:
        a *= ratio * ((n - k + 1) / k)
        s += a
        k += 1
    return k - 1


def _crate_sum_down(a: float, u: float, ratio: float, n: int) -> int:
    k, s = 1, (1.0 - u) - a
    while s >= 0.0 and k <= n + 1:
        a *= ratio * ((n - k + 1) / k)
        s -= a
        k += 1
    return max(0, n - k + 1)


def test_vectorized_mass_sums_equal_the_crate_loop() -> None:
    """NumPy accumulations do the loop's floating-point operations in its order: same k."""
    import random

    rng = random.Random(7)
    for _ in range(3000):
        n = rng.randint(1, 999)
        q = rng.choice([10 ** rng.uniform(-9, -1e-4), rng.random()])
        p = 1.0 - q
        u = rng.choice([0.01, 0.005, 1 / 300, 0.0025, rng.random(), 1e-300])
        for vector in (True, False):
            up = round_based._sum_mass_up(q**n, u, p / q, n, vector)
            down = round_based._sum_mass_down(p**n, u, q / p, n, vector)
            assert up == _crate_sum_up(q**n, u, p / q, n)
            assert down == _crate_sum_down(p**n, u, q / p, n)
    # overflowing steps (inf, then NaN) stop both versions at the same k
    n = 500
    up = round_based._sum_mass_up(1e-300, 0.5, 1e300, n, True)
    assert up == _crate_sum_up(1e-300, 0.5, 1e300, n)
    down = round_based._sum_mass_down(0.1, 0.5, 1e300, n, True)
    assert down == _crate_sum_down(0.1, 0.5, 1e300, n)


def test_chernoff_shortcut_picks_the_same_summation_direction() -> None:
    import random

    rng = random.Random(11)
    for _ in range(3000):
        n = rng.randint(1, 999)
        q = rng.choice([10 ** rng.uniform(-9, 0), rng.random()])
        u = rng.choice([0.01, 0.005, 1 / 300, 0.0025, rng.random()])
        b = _Binomial(n, q)
        assert b._at_most_cdf_half(u) == (u <= b.cdf(float(n // 2)))


MACHINES = [
    (GATE, SURFACE),
    (PhysicalQubit.from_preset("qubit_gate_us_e4"), None),
    (PhysicalQubit.from_preset("qubit_maj_ns_e4"), None),
    (PhysicalQubit.from_preset("qubit_maj_ns_e6"), "floquet_code"),
]


def _machines() -> list[tuple[PhysicalQubit, QECCode]]:
    out = []
    for qubit, code in MACHINES:
        name = code if isinstance(code, str) else "surface_code"
        out.append((qubit, code if isinstance(code, QECCode) else QECCode.from_name(name, qubit)))
    return out


def _all_searches() -> list[list[dict]]:
    results = []
    for qubit, qec in _machines():
        for target in (3e-5, 1e-7, 2.2e-9, 1e-11, 4e-14, 1e-17, 1e-21):
            for max_d in (9, 17, 31, 50):
                found = SOURCE.find_factories(
                    output_error=target, qubit=qubit, qec=qec, max_code_distance=max_d
                )
                results.append([f.to_dict() for f in found])
    return results


def test_lazy_unit_counts_do_not_change_any_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deciding dominance from the duration and the qubit bound, before the binomial counts,
    selects exactly the factories of the eager search (every count computed)."""
    round_based.clear_caches()
    lazy = _all_searches()
    round_based.clear_caches()
    monkeypatch.setattr(round_based, "_LAZY_MAX_REJECTION", -1.0)  # never lazy
    eager = _all_searches()
    round_based.clear_caches()
    assert lazy == eager
    assert sum(len(r) for r in lazy) > 100  # the comparison is not vacuous


def test_qubit_bound_never_exceeds_the_qubits_per_state() -> None:
    round_based.clear_caches()
    _all_searches()
    checked = 0
    for qubit, qec in _machines():
        for build in round_based._memo(SOURCE, qubit, qec).values():
            if isinstance(build, str) or build.qubits_bound == 0.0:
                continue
            assert build.complete() is None
            assert build.qubits_bound <= build.point[0]
            checked += 1
    assert checked > 1000


def test_target_classes_give_the_search_of_every_target() -> None:
    """A search answered from its interval of equal targets is the search at that target."""
    import random

    rng = random.Random(3)
    round_based.clear_caches()
    reused = 0
    for qubit, qec in _machines():
        classes = round_based._classes(SOURCE, qubit, qec, 25)
        for _ in range(150):
            target = 10 ** rng.uniform(-22, -1.5)
            known = len(classes.lows)
            found = SOURCE.find_factories(
                output_error=target, qubit=qubit, qec=qec, max_code_distance=25
            )
            reused += len(classes.lows) == known
            if target > qubit.t_gate_error:
                assert found[0].unit_names == ("trivial 1-to-1",)
                continue
            direct, low, high = round_based._search(SOURCE, qubit, qec, target, 25)
            assert low <= target < high
            assert [f.to_dict() for f in found] == [f.to_dict() for f in direct]
    assert reused > 100  # most targets were answered from an interval of an earlier search
