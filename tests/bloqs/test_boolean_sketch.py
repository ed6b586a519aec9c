"""BooleanSketch: simulation against diag(exp(i theta m_x)), symbolic costs, speed, validation."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
import sympy
from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

from estimator.bloqs import BooleanSketch, RotationsByAngle, SketchSample
from estimator.bloqs.symbols import K, M, N
from estimator.errors import InvalidInputError
from estimator.logical import LogicalCounts


def expected_diagonal(domain: int, num_samples: int, stream) -> np.ndarray:
    width = (domain - 1).bit_length()
    m = np.bincount(np.asarray(stream, dtype=int), minlength=2**width)
    return np.exp(1j * math.pi * domain / num_samples * m)


def equal_up_to_global_phase(u: np.ndarray, v: np.ndarray) -> bool:
    k = np.unravel_index(np.argmax(np.abs(v)), v.shape)
    phase = u[k] / v[k]
    return abs(abs(phase) - 1) < 1e-9 and np.allclose(u, phase * v, atol=1e-9)


@pytest.mark.parametrize("domain", [2, 3, 4, 8, 11, 16])
def test_simulation_random_streams(domain):
    rng = np.random.default_rng(domain)
    for _ in range(2):
        num_samples = int(rng.integers(5, 12))
        length = int(rng.integers(1, num_samples + 1))
        stream = tuple(int(x) for x in rng.integers(0, domain, size=length))
        b = BooleanSketch(N=domain, num_samples=num_samples, stream=stream)
        u = b.tensor_contract()
        assert equal_up_to_global_phase(u, np.diag(expected_diagonal(domain, num_samples, stream)))


def test_stream_of_marked_samples_from_truth_table():
    # a full stream (x_t, f(x_t)): only marked samples carry a phase
    rng = np.random.default_rng(7)
    f = np.array([0, 1, 1, 0, 0, 0, 1, 0])
    xs = rng.integers(0, 8, size=9)
    marked = tuple(int(x) for x in xs if f[x])
    b = BooleanSketch(N=8, num_samples=9, stream=marked)
    phases = np.angle(np.diag(b.tensor_contract()) / np.exp(0j))
    m = np.bincount(xs, minlength=8) * f
    np.testing.assert_allclose(np.exp(1j * phases), np.exp(1j * math.pi * 8 / 9 * m), atol=1e-9)


def test_call_graph_groups_stream_by_value():
    b = BooleanSketch(N=8, num_samples=10, stream=(3, 5, 3, 3))
    theta = math.pi * 8 / 10
    assert b.bloq_counts() == {SketchSample(3, theta, 3): 3, SketchSample(3, theta, 5): 1}


def test_symbolic_costs_equal_hand_formula():
    b = BooleanSketch(N=N, num_samples=M)
    n = sympy.ceiling(sympy.log(N, 2))
    gc = get_cost_value(b, QECGatesCost())
    assert sympy.simplify(gc.rotation - M) == 0
    assert sympy.simplify(gc.and_bloq - M * (n - 1)) == 0
    assert sympy.simplify(gc.measurement - M * (n - 1)) == 0
    assert gc.t == 0 and gc.toffoli == 0
    assert get_cost_value(b, RotationsByAngle()) == {sympy.pi * N / M: M}
    q = get_cost_value(b, QubitCount())
    assert q.subs(N, 2**20) == 39  # 20 index + 19 And ancillas


def test_dropping_unmarked_samples_expected_count():
    b = BooleanSketch(N=N, num_samples=M, marked=K, drop_unmarked=True)
    gc = get_cost_value(b, QECGatesCost())
    assert sympy.simplify(gc.rotation - M * K / N) == 0
    num = BooleanSketch(N=1000, num_samples=10**6, marked=250, drop_unmarked=True)
    assert get_cost_value(num, QECGatesCost()).rotation == 250_000
    frac = BooleanSketch(N=3, num_samples=10, marked=1, drop_unmarked=True)
    assert get_cost_value(frac, QECGatesCost()).rotation == sympy.Rational(10, 3)


def test_numeric_counts_and_logical_counts():
    b = BooleanSketch(N=2**20, num_samples=10**9)
    lc = LogicalCounts.from_bloq(b)
    assert (lc.num_qubits, lc.rotation_count, lc.ccix_count) == (39, 10**9, 19 * 10**9)
    assert lc.rotation_depth == 10**9 and lc.t_count == 0
    ((angle, count),) = lc.rotation_angles
    assert angle == pytest.approx(math.pi * 2**20 / 10**9) and count == 10**9
    lcs = LogicalCounts.from_bloq(BooleanSketch(N=N, num_samples=M))
    assert lcs.is_symbolic() and sympy.simplify(lcs.rotation_count - M) == 0


def _cost_time(num_samples: int) -> float:
    t0 = time.perf_counter()
    for _ in range(5):
        get_cost_value(BooleanSketch(N=2**20, num_samples=num_samples), QECGatesCost())
    return (time.perf_counter() - t0) / 5


def test_costing_does_not_grow_with_num_samples():
    _cost_time(10**3)  # warm-up (imports, caches)
    small, huge = _cost_time(10**3), _cost_time(10**13)
    assert huge < 0.05
    assert huge < 5 * small + 0.005
    assert get_cost_value(BooleanSketch(N=2**20, num_samples=10**13), QECGatesCost()).rotation == (
        10**13
    )


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(N=1, num_samples=10), "N"),
        (dict(N=0, num_samples=10), "N"),
        (dict(N=8, num_samples=0), "num_samples"),
        (dict(N=8, num_samples=2.5), "num_samples"),
        (dict(N=8, num_samples=10, drop_unmarked=True), "marked"),
        (dict(N=8, num_samples=10, marked=9, drop_unmarked=True), "marked"),
        (dict(N=8, num_samples=10, stream=(8,)), "stream"),
        (dict(N=8, num_samples=2, stream=(1, 2, 3)), "stream"),
    ],
)
def test_bad_parameters(kwargs, field):
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        BooleanSketch(**kwargs)
