"""The STAR-family physical estimate: from the rotation scheme to qubits and runtime."""

from __future__ import annotations

import json
import math
import time

import attrs
import pytest

from estimator.budget import ErrorBudget
from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.logical import LogicalCounts
from estimator.model_files import load_model
from estimator.pec import log_sampling_overhead
from estimator.physical import Estimate
from estimator.star_estimate import (
    StarEstimate,
    StarLayoutModel,
    estimate_any,
    estimate_star,
    is_star_architecture,
)
from estimator.star_layout import expected_max_rus_steps
from estimator.testing import assert_valid_estimate

P4 = 1e-4


def _sequential(n: int, angle: float = 1e-3, qubits: int = 100) -> LogicalCounts:
    return LogicalCounts(num_qubits=qubits, rotation_count=n, rotation_angles=((angle, n),))


def _surface_error(p: float, d: int) -> float:
    # QRE's surface code (arXiv:1208.0928, Eq. (11)): 0.03 (p / 0.01)^((d+1)/2)
    return 0.03 * (p / 0.01) ** ((d + 1) // 2)


def test_star_v1_numbers_flow_through_the_estimate() -> None:
    """STAR v1 at p = 1e-4, 100 sequential rotations on 100 qubits, total budget 1e-2.

    Hand computation: per rotation 2 injections of error 2p/15 = 1.333e-5 (arXiv:2303.13181 via
    QURI Parts), so 4p/15 = 2.667e-5; 100 rotations give 2.667e-3 <= the rotation third 3.33e-3
    (paid by budget). Step = 1 merge + 2 code cycles = 1 + 2/d logical cycles; 2 steps per
    rotation. Patches ceil(1.5 x 100) + 3 = 153. Distance: smallest odd d with
    153 x cycles(d) x 0.03 (p/0.01)^((d+1)/2) <= 3.33e-3 -> d = 5 (d = 3 gives 0.153).
    """
    arch = load_model("star_v1_p1e-4")
    est = estimate_star(_sequential(100), arch, 1e-2)
    assert isinstance(est, StarEstimate) and isinstance(est, Estimate)
    budget = 1e-2 / 3
    assert est.budget == ErrorBudget(logical=budget, magic_states=budget, rotations=budget)
    # the rotation
    assert est.rotation.injections == pytest.approx(2.0, rel=1e-12)
    assert est.rotation.error == pytest.approx(4 * P4 / 15, rel=1e-12)  # 2.667e-5
    assert est.residual_rotation_error == pytest.approx(100 * 4 * P4 / 15, rel=1e-12)
    assert est.payment_mode == "budget" and est.sampling_overhead == 1.0
    assert est.rotation_error == est.residual_rotation_error
    # the distance
    patches = math.ceil(1.5 * 100) + 3
    cycles = {d: 100 * 2 * (1 + 2 / d) for d in (3, 5)}
    assert patches * cycles[3] * _surface_error(P4, 3) > budget
    assert patches * cycles[5] * _surface_error(P4, 5) <= budget
    assert est.code_distance == 5
    # layout: patches of 2 d^2 qubits, no factories (T gates would be injected)
    assert (est.data_patches, est.ancilla_patches) == (100, 53)
    assert est.logical_qubits == patches
    assert est.physical_qubits_per_logical == 2 * 5**2
    assert est.physical_qubits == patches * 50 == 7650
    assert est.factory is None and est.num_magic_states == 0
    # runtime: cycle (4 x 50 + 2 x 100) ns x d = 2000 ns per logical cycle
    assert est.logical_cycle_time_ns == 2000
    assert est.rotation_logical_cycles == pytest.approx(cycles[5])
    assert est.logical_depth == 280
    assert est.runtime_ns == est.runtime_per_shot_ns == 280 * 2000
    assert est.expected_injections == pytest.approx(200.0)
    assert_valid_estimate(est)


def test_pec_multiplies_the_runtime() -> None:
    arch = load_model("star_v1_p1e-4")
    est = estimate_star(_sequential(1000), arch, 1e-2)
    p_rot = est.rotation.error
    assert est.payment_mode == "pec"
    assert est.rotation_error == 0.0  # nothing charged to the budget
    assert est.residual_rotation_error == pytest.approx(1000 * p_rot)
    expected = log_sampling_overhead(p_rot, 1000)  # -2 N ln(1 - 2P)
    assert est.log_sampling_overhead == pytest.approx(expected, rel=1e-12)
    assert est.sampling_overhead == pytest.approx(math.exp(4 * 1000 * p_rot), rel=1e-3)
    assert est.runtime_ns == math.ceil(est.runtime_per_shot_ns * est.sampling_overhead)
    assert est.runtime_ns > est.runtime_per_shot_ns


def test_budget_mode_and_pec_bound_refuse_with_numbers() -> None:
    arch = load_model("star_v1_p1e-4")
    with pytest.raises(InfeasibleEstimateError, match="exceeds the rotation budget") as info:
        estimate_star(_sequential(1000), arch, 1e-2, payment="budget")
    assert "2.67e-5 x 1e3 rotations = 0.0267" in info.value.reason
    assert info.value.constraint == "rotation_budget"
    with pytest.raises(InfeasibleEstimateError, match="gamma") as info:
        estimate_star(_sequential(10**6), arch, 1e-2)
    assert "above the bound 100" in info.value.reason
    # a looser bound accepts it
    est = estimate_star(_sequential(10**5), arch, 1e-2, max_sampling_overhead=1e6)
    assert 100 < est.sampling_overhead <= 1e6


def test_injected_t_gates_and_toffolis() -> None:
    """STAR v1 has no factories: a T gate is an injected Rz(pi/4) (one step, error 2p/15; the
    failure branch Rz(pi/2) = S is a Clifford) and a Toffoli is 4 T (arXiv:2211.07629, (D4))."""
    arch = load_model("star_v1_p1e-4")
    counts = LogicalCounts(num_qubits=10, t_count=6, ccz_count=1, measurement_count=5)
    est = estimate_star(counts, arch, 1e-2)
    assert est.injected_t_states == 10
    assert est.num_magic_states == 0 and est.factory is None
    assert est.residual_rotation_error == pytest.approx(10 * 2 * P4 / 15)
    assert est.expected_injections == pytest.approx(10.0)
    d = est.code_distance
    step = 1 + 2 / d
    assert est.clifford_logical_cycles == pytest.approx(5 + 6 * step + 3 * step)
    assert est.rotation is None and est.rotation_logical_cycles == 0.0
    assert_valid_estimate(est)


def test_mixed_rotations_and_t_message_names_both() -> None:
    arch = load_model("star_v1_p1e-3")
    counts = LogicalCounts(num_qubits=10, rotation_count=10**6, ccix_count=10**6)
    with pytest.raises(InfeasibleEstimateError) as info:
        estimate_star(counts, arch, 1e-2)
    reason = info.value.reason
    assert "1e6 rotations at 0.000267" in reason
    assert "4e6 injected T states at 0.000133" in reason
    assert info.value.constraint == "rotation_error"


def test_star_v3_uses_cultivated_t_states() -> None:
    arch = load_model("star_v3_p1e-3")
    counts = LogicalCounts(num_qubits=20, rotation_count=1000, t_count=500)
    counts = attrs.evolve(counts, rotation_angles=((1e-3, 1000),))
    est = estimate_star(counts, arch, 1e-2)
    assert est.t_gates == "magic_source" and est.injected_t_states == 0
    assert est.factory is not None and "cultivation" in est.factory.name.lower()
    # T gates plus the expected T count of rotations that mutated to synthesis
    mutated = math.ceil(est.rotation.t_count * 1000)
    assert mutated > 0
    assert est.num_magic_states == 500 + mutated
    assert est.num_factories >= 1
    assert est.physical_qubits == (
        est.physical_qubits_for_algorithm + est.num_factories * est.factory.physical_qubits
    )
    assert_valid_estimate(est)


def test_weak_transversal_with_factories() -> None:
    arch = load_model("weak_transversal_p1e-4")
    counts = LogicalCounts(num_qubits=20, rotation_count=10, t_count=10**4)
    est = estimate_star(counts, arch, 1e-2)
    # calibrated point arXiv:2510.08290: 0.96 p per rotation, angle independent by default
    assert est.rotation.error == pytest.approx(0.96 * P4)
    assert est.factory is not None and est.num_magic_states == 10**4
    assert est.required_magic_state_error == pytest.approx((1e-2 / 3) / 10**4)
    assert_valid_estimate(est)


def test_parallel_rotation_layers_wait_for_the_slowest_ladder() -> None:
    arch = load_model("star_v1_p1e-4")
    counts = LogicalCounts(num_qubits=64, rotation_count=800, rotation_depth=100)
    est = estimate_star(counts, arch, 1e-2, payment="pec")
    step = est.rotation.logical_time_steps / 2  # 2 expected steps per ladder
    expected = 100 * expected_max_rus_steps(8.0, 0.5) * step
    assert est.rotation_logical_cycles == pytest.approx(expected)


def test_cost_does_not_grow_with_the_rotation_count() -> None:
    arch = attrs.evolve(
        load_model("star_v1_p1e-4"), layout=StarLayoutModel(max_sampling_overhead=1e300)
    )
    start = time.perf_counter()
    with pytest.raises(InfeasibleEstimateError):
        estimate_star(_sequential(10**15), arch, 1e-2)
    est = estimate_star(_sequential(10**6), arch, 1e-2, payment="pec")
    assert time.perf_counter() - start < 2.0
    assert est.runtime_ns > 2**63  # exact Python int beyond int64
    assert isinstance(est.runtime_ns, int)


def test_to_dict_has_star_section_and_is_json() -> None:
    est = estimate_star(_sequential(1000), load_model("star_v2_p1e-3"), 1e-2)
    data = est.to_dict()
    assert data["star"]["paymentMode"] == est.payment_mode
    assert data["star"]["runtimePerShot"] == est.runtime_per_shot_ns
    assert data["physicalCounts"]["physicalQubits"] == est.physical_qubits
    json.dumps(data)


def test_dispatch_and_validation() -> None:
    star = load_model("star_v1_p1e-3")
    qre = load_model("clifford_t_factories_p1e-3")
    assert is_star_architecture(star) and not is_star_architecture(qre)
    counts = _sequential(10)
    assert isinstance(estimate_any(counts, star, 1e-2), StarEstimate)
    plain = estimate_any(counts, qre, 1e-2)
    assert not isinstance(plain, StarEstimate)
    # the physical estimate dispatches on the layout
    from estimator.physical import Constraints, estimate

    assert estimate(counts, star, 1e-2) == estimate_star(counts, star, 1e-2)
    with pytest.raises(InvalidInputError, match="constraints"):
        estimate(counts, star, 1e-2, constraints=Constraints(max_t_factories=1))
    with pytest.raises(InvalidInputError, match="StarLayoutModel"):
        estimate_star(counts, qre, 1e-2)
    with pytest.raises(InvalidInputError, match="payment"):
        estimate_star(counts, star, 1e-2, payment="later")
    with pytest.raises(InvalidInputError, match="counts"):
        estimate_star(LogicalCounts(num_qubits=3), star, 1e-2)
    with pytest.raises(InvalidInputError, match="t_gates"):
        StarLayoutModel(t_gates="factories")
    with pytest.raises(InvalidInputError, match="patches_per_data_qubit"):
        StarLayoutModel(patches_per_data_qubit=0.5)


def test_layout_interface_is_consistent() -> None:
    model = StarLayoutModel()
    counts = LogicalCounts(num_qubits=64, t_count=3, ccz_count=2, measurement_count=4)
    assert model.logical_qubits(counts) == 99  # ceil(1.5 x 64) + 3
    assert model.logical_depth(counts) == 4 + 3 + 3 * 2
    assert model.num_magic_states(counts) == 0
    assert StarLayoutModel(t_gates="magic_source").num_magic_states(counts) == 3 + 4 * 2
