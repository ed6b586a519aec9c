"""QRE's round-based 15-to-1 T factories: B1 factory, binomial quantile, search invariants."""

from __future__ import annotations

import time

import pytest
from scipy import stats
from scipy.special import ndtri

from estimator.errors import InvalidInputError
from estimator.hardware import PhysicalQubit
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
