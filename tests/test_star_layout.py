"""STAR layout, Clifford distance, runtime and the STAR vs Clifford+T runtime window."""

from __future__ import annotations

import math

import pytest

from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.pec import log_sampling_overhead, pay_rotation_error
from estimator.rotations.base import RotationContext
from estimator.rotations.star import StarV1
from estimator.star_layout import (
    choose_clifford_code_distance,
    expected_max_rus_steps,
    star_clifford_logical_error,
    star_clifford_t_runtime_windows,
    star_layout,
    star_runtime,
    surface_code_patch_qubits,
    windows_summary,
)

# --- layout ------------------------------------------------------------------------------------


def test_headline_machine_size() -> None:
    # arXiv:2303.13181 abstract (as quoted): 64 logical qubits on 1e4 physical qubits at
    # p = 1e-4; d = 7 is the distance at which the Clifford fit gives 1/1.72e7 (see below).
    layout = star_layout(64, 7)
    assert layout.data_patches == 64
    assert layout.total_patches == math.ceil(1.5 * 64) + 3 == 99
    assert layout.qubits_per_patch == surface_code_patch_qubits(7) == 98
    assert layout.physical_qubits == 9702
    assert layout.physical_qubits == pytest.approx(1e4, rel=0.03)
    assert layout.physical_qubits_per_logical_qubit == pytest.approx(9702 / 64)


def test_quri_parts_ratio_and_overrides() -> None:
    # QURI Parts star_device.py: total/data patch ratio 4, 2 d^2 qubits per patch.
    layout = star_layout(10, 9, patches_per_data_qubit=4.0, extra_patches=0)
    assert (layout.data_patches, layout.ancilla_patches) == (10, 30)
    assert layout.physical_qubits == 40 * 2 * 81
    custom = star_layout(10, 9, qubits_per_patch=161, scheme_extra_patches=1)
    assert custom.total_patches == 15 + 3 + 1
    assert custom.physical_qubits == 19 * 161


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"logical_qubits": 0, "code_distance": 7}, "logical_qubits"),
        ({"logical_qubits": 4, "code_distance": 0}, "code_distance"),
        ({"logical_qubits": 4, "code_distance": 7, "patches_per_data_qubit": 0.5}, "patches_per"),
        ({"logical_qubits": 4, "code_distance": 7, "extra_patches": -1}, "extra_patches"),
        ({"logical_qubits": 4, "code_distance": 7, "qubits_per_patch": 2.5}, "qubits_per_patch"),
    ],
)
def test_layout_validation(kwargs: dict, field: str) -> None:
    with pytest.raises(InvalidInputError, match=field):
        star_layout(**kwargs)


# --- Clifford part ------------------------------------------------------------------------------


def test_clifford_fit_matches_abstract() -> None:
    # arXiv:2303.13181 abstract (as quoted): 1.72e7 Clifford operations at p = 1e-4;
    # fit constants from QURI Parts (citing the paper, pp. 11-14).
    assert 1 / star_clifford_logical_error(1e-4, 7) == pytest.approx(1.72e7, rel=3e-3)
    # (d+1)/2 exponent: two more distance steps multiply the error by (p/p_th) ~ 0.026
    ratio = star_clifford_logical_error(1e-4, 9) / star_clifford_logical_error(1e-4, 7)
    assert 0.023 < ratio < 0.027


def test_choose_code_distance_is_smallest_fitting() -> None:
    p = 1e-4

    def p_l(d: int) -> float:
        return star_clifford_logical_error(p, d)

    kwargs = {"patches": 99, "logical_cycles": 1e6, "logical_budget": 1e-2}
    d = choose_clifford_code_distance(logical_error_per_patch_cycle=p_l, **kwargs)
    assert d % 2 == 1
    assert 99 * 1e6 * d * p_l(d) <= 1e-2 < 99 * 1e6 * (d - 2) * p_l(d - 2)
    # runtime given as a function of d gives the same answer here
    same = choose_clifford_code_distance(
        patches=99,
        logical_cycles=lambda _d: 1e6,
        logical_budget=1e-2,
        logical_error_per_patch_cycle=p_l,
    )
    assert same == d


def test_choose_code_distance_infeasible() -> None:
    with pytest.raises(InfeasibleEstimateError, match="no code distance <= 9") as info:
        choose_clifford_code_distance(
            patches=99,
            logical_cycles=1e12,
            logical_budget=1e-3,
            logical_error_per_patch_cycle=lambda d: star_clifford_logical_error(1e-3, d),
            max_code_distance=9,
        )
    assert info.value.constraint == "code_distance"


# --- runtime ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "q", "expected"),
    [
        (1, 0.5, 2.0),  # geometric mean 1/q
        (1, 0.25, 4.0),
        # max over 8 ladders: 4.42 ("Fast and Parallel High-Rate STAR Architecture", Eq. (C2), [3P])
        (8, 0.5, 4.42),
    ],
)
def test_expected_max_rus_steps(k: float, q: float, expected: float) -> None:
    assert expected_max_rus_steps(k, q) == pytest.approx(expected, abs=5e-3)


def test_expected_max_rus_steps_asymptotics() -> None:
    # log2 k + gamma/ln 2 + 1/2 for large k (up to a tiny log-periodic wobble)
    for k in (1e4, 1e10, 1e15):
        asymptote = math.log2(k) + 0.5772156649 / math.log(2) + 0.5
        assert expected_max_rus_steps(k) == pytest.approx(asymptote, abs=1e-3)
    with pytest.raises(InvalidInputError, match="parallel_rotations"):
        expected_max_rus_steps(0.5)


def test_star_runtime_numbers() -> None:
    step = 1 + 2 / 7  # StarV1 at d = 7
    run = star_runtime(
        rotation_depth=10, step_logical_cycles=step, code_distance=7, code_cycle_time_ns=1000
    )
    assert run.logical_cycles == pytest.approx(10 * 2 * step)
    assert run.code_cycles == 180
    assert run.runtime_ns == 180_000
    assert run.runtime_s == pytest.approx(1.8e-4)
    assert run.total_runtime_ns == run.runtime_ns
    cliff = star_runtime(
        rotation_depth=10,
        step_logical_cycles=step,
        code_distance=7,
        code_cycle_time_ns=1000,
        clifford_logical_cycles=20,
        sampling_overhead=3.0,
    )
    assert cliff.code_cycles == 180 + 140
    assert cliff.total_runtime_ns == 3 * 320_000


def test_star_runtime_exact_big_numbers() -> None:
    run = star_runtime(
        rotation_depth=10**15, step_logical_cycles=2.0, code_distance=25, code_cycle_time_ns=1000
    )
    assert run.runtime_ns > 2**63
    assert isinstance(run.runtime_ns, int)
    assert run.runtime_ns == run.code_cycles * 1000


def test_star_runtime_validation() -> None:
    with pytest.raises(InvalidInputError, match="sampling_overhead"):
        star_runtime(
            rotation_depth=1,
            step_logical_cycles=1,
            code_distance=7,
            code_cycle_time_ns=1000,
            sampling_overhead=0.5,
        )
    with pytest.raises(InvalidInputError, match="code_cycle_time_ns"):
        star_runtime(rotation_depth=1, step_logical_cycles=1, code_distance=7, code_cycle_time_ns=0)


# --- STAR vs Clifford+T runtime window (peer finding, arXiv:2603.13093) ----------------------

D, CYCLE_NS, BUDGET = 15, 1000, 1e-2


def v1_window_inputs(p: float) -> tuple[float, float]:
    """STAR v1 per-rotation time (ns) and error at distance D."""
    cost = StarV1().cost(precision=0.5, context=RotationContext(physical_error=p, code_distance=D))
    return cost.logical_time_steps * D * CYCLE_NS, cost.error


def test_v1_at_1e3_beats_clifford_t_only_below_an_upper_edge() -> None:
    # One T gate per logical cycle (QRE's convention), STAR v1 at p = 1e-3.
    t_star, p_rot = v1_window_inputs(1e-3)
    windows = star_clifford_t_runtime_windows(
        star_time_per_rotation_ns=t_star,
        star_error_per_rotation=p_rot,
        t_gate_time_ns=D * CYCLE_NS,
        rotation_budget=BUDGET,
    )
    print("\nSTAR v1, p=1e-3, T = 1 logical cycle:", windows_summary(windows))
    (window,) = windows
    assert not window.lower_is_edge  # STAR's rotation (2.3 cycles) beats ~8+ T gates from N = 1
    assert window.upper == pytest.approx(1.71e3, rel=2e-3)
    # the edge solves exp(-2 N ln(1-2P)) = n_T(N) t_T / t_STAR
    n = window.upper
    n_t = 0.53 * math.log2(n / BUDGET) + 4.86
    assert log_sampling_overhead(p_rot, n) == pytest.approx(math.log(n_t * D * CYCLE_NS / t_star))
    # arXiv:2603.13093 finds STAR favourable for ~1e5-1e6 rotations: v1's 4p/15 at p = 1e-3
    # closes the window two orders of magnitude earlier.
    assert window.upper < 1e5


def test_window_has_both_edges_when_star_steps_are_slow() -> None:
    # STAR rotation = 9.07 T gates: Clifford+T wins while n_T(N) < 9.07 (small N), STAR in the
    # middle, PEC closes the window.
    t_star, p_rot = v1_window_inputs(1e-3)
    windows = star_clifford_t_runtime_windows(
        star_time_per_rotation_ns=t_star,
        star_error_per_rotation=p_rot,
        t_gate_time_ns=D * CYCLE_NS / 4,
        rotation_budget=BUDGET,
    )
    print("\nSTAR v1, p=1e-3, T = 1/4 logical cycle:", windows_summary(windows))
    (window,) = windows
    assert window.lower_is_edge and window.upper_is_edge
    n_t_edge = t_star / (D * CYCLE_NS / 4)
    assert window.lower == pytest.approx(BUDGET * 2 ** ((n_t_edge - 4.86) / 0.53), rel=1e-3)
    assert window.lower == pytest.approx(2.45, rel=1e-2)
    assert window.upper == pytest.approx(323, rel=1e-2)
    assert 100 in window and 1 not in window and 1e4 not in window


def test_window_upper_edge_scales_inversely_with_error() -> None:
    uppers = []
    for p in (1e-3, 5e-4):
        t_star, p_rot = v1_window_inputs(p)
        (window,) = star_clifford_t_runtime_windows(
            star_time_per_rotation_ns=t_star,
            star_error_per_rotation=p_rot,
            t_gate_time_ns=D * CYCLE_NS,
            rotation_budget=BUDGET,
        )
        uppers.append(window.upper)
    assert 1.7 < uppers[1] / uppers[0] < 2.3


def test_window_respects_pec_bound_and_can_be_empty() -> None:
    t_star, p_rot = v1_window_inputs(1e-3)
    (bounded,) = star_clifford_t_runtime_windows(
        star_time_per_rotation_ns=t_star,
        star_error_per_rotation=p_rot,
        t_gate_time_ns=D * CYCLE_NS,
        rotation_budget=BUDGET,
        max_sampling_overhead=2.0,
    )
    assert bounded.upper == pytest.approx(math.log(2.0) / (-2 * math.log1p(-2 * p_rot)), rel=1e-3)
    never = star_clifford_t_runtime_windows(
        star_time_per_rotation_ns=t_star,
        star_error_per_rotation=p_rot,
        t_gate_time_ns=D * CYCLE_NS / 10,
        rotation_budget=BUDGET,
    )
    assert never == ()
    assert windows_summary(never) == "STAR is never faster in the searched range"


def test_window_validation() -> None:
    common = {"star_time_per_rotation_ns": 1.0, "t_gate_time_ns": 1.0, "rotation_budget": 1e-2}
    with pytest.raises(InvalidInputError, match="star_error_per_rotation"):
        star_clifford_t_runtime_windows(star_error_per_rotation=0.5, **common)
    with pytest.raises(InvalidInputError, match="n_max"):
        star_clifford_t_runtime_windows(star_error_per_rotation=1e-3, n_min=10, n_max=5, **common)


def test_pieces_plug_together_for_one_star_estimate() -> None:
    # The flow physical.estimate is expected to follow (numbers only, no hardware/qec modules):
    # rotation cost -> error payment -> layout -> distance -> runtime with the PEC factor.
    p, n_logical, n_rot, budget = 1e-4, 64, 30_000, 1e-2
    scheme = StarV1()
    payment = None
    d = 7
    for _ in range(3):  # distance and runtime depend on each other only weakly; iterate
        cost = scheme.cost(
            precision=budget / n_rot, context=RotationContext(physical_error=p, code_distance=d)
        )
        payment = pay_rotation_error(
            rotation_budget=budget,
            error_per_rotation=cost.error,
            n_rotations=n_rot,
            max_sampling_overhead=1e3,
        )
        layout = star_layout(n_logical, d)
        d = choose_clifford_code_distance(
            patches=layout.total_patches,
            logical_cycles=n_rot * cost.logical_time_steps,
            logical_budget=budget,
            logical_error_per_patch_cycle=lambda dd: star_clifford_logical_error(p, dd),
        )
    assert payment is not None and payment.mode == "pec"  # 30000 x 2.67e-5 = 0.8 > 0.01
    assert payment.sampling_overhead == pytest.approx(math.exp(8 * (2 * p / 15) * n_rot), rel=1e-3)
    run = star_runtime(
        rotation_depth=n_rot,
        step_logical_cycles=scheme.merge_logical_cycles + scheme.injection_code_cycles / d,
        code_distance=d,
        code_cycle_time_ns=1000,
        sampling_overhead=payment.sampling_overhead,
    )
    single = scheme.cost(precision=1e-6, context=RotationContext(physical_error=p, code_distance=d))
    assert run.logical_cycles == pytest.approx(n_rot * single.logical_time_steps)
    assert run.total_runtime_ns == pytest.approx(
        run.runtime_ns * payment.sampling_overhead, rel=1e-9
    )
    print(
        f"\nSTAR v1 example: d={d}, {star_layout(n_logical, d).physical_qubits} qubits, "
        f"gamma^2={payment.sampling_overhead:.3g}, {run.total_runtime_s:.3g} s"
    )
