"""ParallelBooleanSketch: same unitary as the serial sketch, qubits ~k(2n-1), depth ceil(M/k)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from qualtran.bloqs.basic_gates import ZPowGate
from qualtran.bloqs.rotations import HammingWeightPhasing
from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

from estimator.bloqs import BooleanSketch, ParallelBooleanSketch, RotationDepth, RotationsByAngle
from estimator.bloqs.sample import zpow_exponent
from estimator.bloqs.symbols import M, N, k
from estimator.errors import InvalidInputError
from estimator.logical import LogicalCounts


def expected(domain: int, num_samples: int, stream) -> np.ndarray:
    width = (domain - 1).bit_length()
    m = np.bincount(np.asarray(stream, dtype=int), minlength=2**width)
    return np.diag(np.exp(1j * math.pi * domain / num_samples * m))


def up_to_phase(u: np.ndarray, v: np.ndarray) -> bool:
    phase = u[0, 0] / v[0, 0]
    return abs(abs(phase) - 1) < 1e-9 and np.allclose(u, phase * v, atol=1e-9)


@pytest.mark.parametrize(
    "domain, lanes, batch",
    [(4, 1, False), (4, 2, False), (4, 3, False), (3, 2, True), (4, 3, True), (8, 2, False)],
)
def test_simulation_random_streams(domain, lanes, batch):
    rng = np.random.default_rng(10 * domain + lanes)
    num_samples = 7
    stream = tuple(int(x) for x in rng.integers(0, domain, size=5))
    b = ParallelBooleanSketch(
        N=domain, num_samples=num_samples, k=lanes, batch_same_angle=batch, stream=stream
    )
    assert up_to_phase(b.tensor_contract(), expected(domain, num_samples, stream))


def test_qubits_grow_and_depth_falls():
    serial = BooleanSketch(N=2**10, num_samples=10**6)
    assert get_cost_value(serial, QubitCount()) == 19
    assert get_cost_value(serial, RotationDepth()) == 10**6
    for lanes in (1, 4, 16):
        p = ParallelBooleanSketch(N=2**10, num_samples=10**6, k=lanes)
        assert get_cost_value(p, QubitCount()) == lanes * 19
        assert get_cost_value(p, RotationDepth()) == math.ceil(10**6 / lanes)
        gc = get_cost_value(p, QECGatesCost())
        assert gc.rotation == 10**6 and gc.and_bloq == 9 * 10**6
        assert gc.clifford >= 2 * 10 * (lanes - 1)  # CNOT fan-out in and out


def test_batched_rotation_count_uses_hamming_weight_phasing():
    lanes, num = 16, 10**6
    p = ParallelBooleanSketch(N=2**10, num_samples=num, k=lanes, batch_same_angle=True)
    gc = get_cost_value(p, QECGatesCost())
    rounds = num // lanes
    # floor(log2 16) + 1 = 5 rotations per round instead of 16
    assert gc.rotation == 5 * rounds
    hwp_ands = get_cost_value(HammingWeightPhasing(lanes, 0.1), QECGatesCost()).and_bloq
    assert gc.and_bloq == 9 * num + hwp_ands * rounds
    h = get_cost_value(p, RotationsByAngle())
    theta = math.pi * 2**10 / num
    assert sorted(h) == pytest.approx([theta * 2**i for i in range(5)])
    assert get_cost_value(p, RotationDepth()) == rounds
    # qubits: k lanes plus the Hamming-weight register and adder ancillas
    assert get_cost_value(p, QubitCount()) > lanes * 19


def test_batched_partial_round():
    p = ParallelBooleanSketch(N=16, num_samples=10, k=4, batch_same_angle=True)
    counts = p.bloq_counts()
    t = zpow_exponent(p.theta)
    assert counts[HammingWeightPhasing(4, t)] == 2
    # the last round holds 2 samples: no gain from batching, two plain rotations
    assert counts[ZPowGate(exponent=t)] == 2
    assert HammingWeightPhasing(2, t) not in counts
    assert get_cost_value(p, QECGatesCost()).rotation == 2 * 3 + 2


def test_symbolic_parallel_costs():
    p = ParallelBooleanSketch(N=N, num_samples=M, k=k)
    n = sympy.ceiling(sympy.log(N, 2))
    lc = LogicalCounts.from_bloq(p)
    assert sympy.simplify(lc.num_qubits - k * (2 * n - 1)) == 0
    assert sympy.simplify(lc.rotation_depth - sympy.ceiling(M / k)) == 0
    assert sympy.simplify(lc.rotation_count - M) == 0
    sub = lc.subs(N=2**20, M=10**12, k=8)
    assert (sub.num_qubits, sub.rotation_depth) == (8 * 39, 125 * 10**9)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(N=8, num_samples=10, k=0), "k"),
        (dict(N=8, num_samples=10, k=-2), "k"),
        (dict(N=1, num_samples=10, k=2), "N"),
        (dict(N=8, num_samples=0, k=2), "num_samples"),
        (dict(N=8, num_samples=10, k=sympy.Symbol("k"), batch_same_angle=True), "k"),
        (dict(N=8, num_samples=10, k=2, stream=(9,)), "stream"),
    ],
)
def test_bad_parameters(kwargs, field):
    with pytest.raises(InvalidInputError, match=f"invalid {field}="):
        ParallelBooleanSketch(**kwargs)
