"""Magic-state cultivation (Gidney, Shutty, Jones, arXiv:2409.17595)."""

from __future__ import annotations

import math

import pytest
from attrs import frozen

from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.hardware import PhysicalQubit
from estimator.magic.base import MagicStateFactory, MagicStateSource
from estimator.magic.cultivation import (
    COST_FACTOR_PER_HALVING,
    REFERENCE_QUBIT_ROUNDS,
    CultivationSource,
    cultivation_duration_ns,
    cultivation_expected_rounds,
    cultivation_factory,
    cultivation_output_error,
    cultivation_qubit_rounds,
)
from estimator.qec import SurfaceCodeGateBased


@frozen
class PublishedPoint:
    physical_error: float
    output_error: float


PUBLISHED = [
    PublishedPoint(1e-3, 2e-9),  # arXiv:2409.17595, abstract
    PublishedPoint(5e-4, 4e-11),  # arXiv:2409.17595, abstract
]


@pytest.mark.parametrize("case", PUBLISHED, ids=lambda c: f"p={c.physical_error:g}")
def test_published_output_errors(case):
    assert cultivation_output_error(case.physical_error) == case.output_error
    factory = cultivation_factory(case.physical_error, round_time_ns=1000)
    assert factory.output_error == case.output_error
    assert factory.output_states == 1 and factory.max_code_distance == 15
    assert not factory.extrapolated


def test_interpolation_is_a_power_law_between_the_points():
    k = math.log2(50)  # 2e-9 / 4e-11 over a factor 2 in p
    p = 7e-4
    assert cultivation_output_error(p) == pytest.approx(2e-9 * (p / 1e-3) ** k, rel=1e-12)
    assert 4e-11 < cultivation_output_error(p) < 2e-9
    low = cultivation_factory(2.5e-4, round_time_ns=1000)
    assert low.extrapolated and "extrapolated" in low.name
    assert low.output_error == pytest.approx(4e-11 / 50, rel=1e-9)


def test_cost_model_unverified_constants():
    # UNVERIFIED: ~3e4 qubit-rounds at p=1e-3, 10x cheaper when p halves
    assert (REFERENCE_QUBIT_ROUNDS, COST_FACTOR_PER_HALVING) == (3e4, 10.0)
    assert cultivation_qubit_rounds(1e-3) == pytest.approx(3e4)
    assert cultivation_qubit_rounds(5e-4) == pytest.approx(3e3)
    rounds = cultivation_expected_rounds(3e4, 450)
    assert rounds == pytest.approx(66.67, abs=0.01)  # 2 * 15^2 = 450 qubits
    assert cultivation_duration_ns(rounds, 1000.0) == 66667


def test_footprint_is_one_patch():
    f = cultivation_factory(1e-3, round_time_ns=400)
    assert f.physical_qubits == 2 * 15**2
    assert f.expected_qubit_rounds == pytest.approx(3e4)
    assert f.normalized_volume == pytest.approx(450 * math.ceil(3e4 / 450 * 400))
    assert isinstance(f, MagicStateFactory)


def test_source_with_qubit_and_code():
    qubit = PhysicalQubit.from_preset("qubit_gate_ns_e3")  # p = 1e-3, 50 ns gates, 100 ns meas
    qec = SurfaceCodeGateBased()
    source = CultivationSource()
    assert isinstance(source, MagicStateSource) and source.name == "cultivation"
    (f,) = source.find_factories(output_error=1e-8, qubit=qubit, qec=qec, max_code_distance=25)
    assert f.output_error == 2e-9
    assert f.physical_qubits == qec.physical_qubits_per_logical(15) == 450
    round_ns = qec.logical_cycle_time_ns(15, qubit) / 15  # (4*50 + 2*100) ns = 400 ns
    assert round_ns == 400
    assert f.duration_ns == math.ceil(3e4 / 450 * 400)
    # cannot reach 1e-9 at p = 1e-3; cannot fit below the escape distance
    assert (
        source.find_factories(output_error=1e-9, qubit=qubit, qec=qec, max_code_distance=25) == []
    )
    assert (
        source.find_factories(output_error=1e-8, qubit=qubit, qec=qec, max_code_distance=13) == []
    )


def test_source_at_half_noise():
    qubit = PhysicalQubit(
        name="p5e-4",
        one_qubit_measurement_time_ns=100,
        one_qubit_gate_time_ns=50,
        one_qubit_measurement_error=5e-4,
        one_qubit_gate_error=5e-4,
    )
    (f,) = CultivationSource().find_factories(
        output_error=1e-10, qubit=qubit, qec=SurfaceCodeGateBased(), max_code_distance=25
    )
    assert f.output_error == 4e-11


def test_source_refuses_noise_above_published_range():
    qubit = PhysicalQubit(
        name="p2e-3",
        one_qubit_measurement_time_ns=100,
        one_qubit_gate_time_ns=50,
        one_qubit_measurement_error=2e-3,
        one_qubit_gate_error=2e-3,
    )
    with pytest.raises(InfeasibleEstimateError, match="physical error <= 0.001.*has 0.002"):
        CultivationSource().find_factories(
            output_error=1e-8, qubit=qubit, qec=SurfaceCodeGateBased(), max_code_distance=25
        )
    with pytest.raises(InvalidInputError, match="physical_error"):
        cultivation_output_error(2e-3)


def test_bad_constants_and_inputs():
    with pytest.raises(InvalidInputError, match="low_physical_error"):
        CultivationSource(low_physical_error=2e-3)
    with pytest.raises(InvalidInputError, match="low_output_error"):
        CultivationSource(low_output_error=1e-8)
    with pytest.raises(InvalidInputError, match="reference_qubit_rounds"):
        CultivationSource(reference_qubit_rounds=0)
    with pytest.raises(InvalidInputError, match="round_time_ns"):
        cultivation_factory(1e-3, round_time_ns=0)
    with pytest.raises(InvalidInputError, match="physical_error"):
        cultivation_output_error(0)
