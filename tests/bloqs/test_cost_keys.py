"""RotationsByAngle and RotationDepth on Qualtran library bloqs, our bloqs, and symbols."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from qualtran import Bloq, BloqBuilder, QBit, Signature
from qualtran.bloqs.basic_gates import (
    CZPowGate,
    Hadamard,
    Rx,
    Ry,
    Rz,
    SGate,
    TGate,
    XPowGate,
    YPowGate,
    ZPowGate,
)
from qualtran.bloqs.mcmt import And
from qualtran.bloqs.rotations import HammingWeightPhasing
from qualtran.resource_counting import QECGatesCost, get_cost_value

from estimator.bloqs import (
    BooleanSketch,
    ParallelBooleanSketch,
    RotationDepth,
    RotationsByAngle,
    rotation_angle,
    total_rotations,
)
from estimator.logical import LogicalCounts


def hist(bloq: Bloq) -> dict:
    return get_cost_value(bloq, RotationsByAngle())


def assert_hist(h: dict, expected: dict) -> None:
    """Numeric angle histograms equal up to float rounding of the angles."""
    assert len(h) == len(expected), (h, expected)
    for angle, count in expected.items():
        match = [a for a in h if math.isclose(a, angle, rel_tol=1e-12, abs_tol=1e-15)]
        assert len(match) == 1, (h, expected)
        assert h[match[0]] == count


def depth(bloq: Bloq):
    return get_cost_value(bloq, RotationDepth())


@pytest.mark.parametrize(
    "bloq, angle",
    [
        (Rz(0.3), 0.3),
        (Rx(-0.2), -0.2),
        (Ry(1.1), 1.1),
        # ZPowGate(t) = diag(1, e^{i pi t}) = e^{i pi t/2} Rz(pi t)  (qualtran rotation.py docs)
        (ZPowGate(exponent=0.1), 0.1 * math.pi),
        (XPowGate(exponent=-0.3), -0.3 * math.pi),
        (YPowGate(exponent=0.05), 0.05 * math.pi),
    ],
)
def test_leaf_rotation_angles(bloq, angle):
    assert_hist(hist(bloq), {angle: 1})
    assert rotation_angle(bloq) == pytest.approx(angle)
    assert depth(bloq) == 1


def test_zpow_angle_matches_unitary_up_to_global_phase():
    t = 0.137
    u_zpow = ZPowGate(exponent=t).tensor_contract()
    u_rz = Rz(rotation_angle(ZPowGate(exponent=t))).tensor_contract()
    ratio = u_zpow @ np.linalg.inv(u_rz)
    assert np.allclose(ratio, ratio[0, 0] * np.eye(2))  # equal up to a global phase


@pytest.mark.parametrize("bloq", [TGate(), SGate(), Hadamard(), And(), ZPowGate(exponent=0.25)])
def test_clifford_and_t_are_not_rotations(bloq):
    assert hist(bloq) == {}
    assert depth(bloq) == 0


def test_controlled_rotation_angles():
    # CZPowGate decomposes to And + ZPowGate on the And target
    assert_hist(hist(CZPowGate(exponent=0.1)), {0.1 * math.pi: 1})
    # Controlled Rz (CRz) decomposes to two half-angle rotations
    h = hist(Rz(0.2).controlled())
    assert_hist(h, {-0.1: 1, 0.1: 1})
    assert total_rotations(h) == get_cost_value(Rz(0.2).controlled(), QECGatesCost()).rotation


def test_symbolic_angles():
    t = sympy.Symbol("t")
    assert hist(ZPowGate(exponent=t)) == {sympy.pi * t: 1}
    assert hist(Rz(t)) == {t: 1}


def test_hamming_weight_phasing_true_angles():
    # Qualtran's call graph lists bit_length x ZPowGate(t); the decomposition uses Z^(2^i t).
    b = HammingWeightPhasing(7, 0.01)
    h = hist(b)
    assert_hist(h, {0.01 * math.pi * 2**i: 1 for i in range(3)})
    assert total_rotations(h) == get_cost_value(b, QECGatesCost()).rotation == 3
    # the decomposition agrees
    dec = b.decompose_bloq()
    assert_hist(hist(dec), h)


class _TwoSerialRotations(Bloq):
    """A composite of a rotation twice and another once (generic bloq: serial depth)."""

    @property
    def signature(self) -> Signature:
        return Signature.build(q=1)

    def build_composite_bloq(self, bb: BloqBuilder, q):
        q = bb.add(Rz(0.5), q=q)
        q = bb.add(Rz(0.5), q=q)
        q = bb.add(ZPowGate(exponent=0.01), q=q)
        return {"q": q}

    def __hash__(self):
        return hash("_TwoSerialRotations")

    def __eq__(self, other):
        return isinstance(other, _TwoSerialRotations)


def test_aggregation_multiplies_and_depth_defaults_to_serial():
    b = _TwoSerialRotations()
    assert_hist(hist(b), {0.5: 2, 0.01 * math.pi: 1})
    assert depth(b) == 3 == get_cost_value(b, QECGatesCost()).rotation
    assert QBit() in [r.dtype for r in b.signature]


def test_histogram_sums_to_qec_rotation_count_on_sketches():
    for b in [
        BooleanSketch(N=1000, num_samples=10**6),
        ParallelBooleanSketch(N=1000, num_samples=10**6, k=8, batch_same_angle=True),
    ]:
        assert total_rotations(hist(b)) == get_cost_value(b, QECGatesCost()).rotation


def test_symbolic_sketch_histogram_and_depth():
    n_sym, m_sym, k_sym = sympy.symbols("N M k", positive=True, integer=True)
    b = BooleanSketch(N=n_sym, num_samples=m_sym)
    assert hist(b) == {sympy.pi * n_sym / m_sym: m_sym}
    assert depth(b) == m_sym
    p = ParallelBooleanSketch(N=n_sym, num_samples=m_sym, k=k_sym)
    assert sympy.simplify(depth(p) - sympy.ceiling(m_sym / k_sym)) == 0


def test_parallel_depth_override_numeric():
    p = ParallelBooleanSketch(N=64, num_samples=1000, k=7)
    assert depth(p) == math.ceil(1000 / 7)
    assert get_cost_value(p, QECGatesCost()).rotation == 1000


def test_logical_counts_carry_angles_and_depth():
    lc = LogicalCounts.from_bloq(ParallelBooleanSketch(N=2**10, num_samples=5000, k=4))
    assert lc.rotation_count == 5000
    assert lc.rotation_depth == 1250
    ((angle, count),) = lc.rotation_angles
    assert angle == pytest.approx(math.pi * 2**10 / 5000)
    assert count == 5000


def test_library_bloq_with_symbolic_size():
    from qualtran.bloqs.rotations.phase_gradient import PhaseGradientUnitary

    # concrete: Z^(1/2^i), i < 4 -> Z, S (Clifford), T (T gate), Z^(1/8) = one rotation pi/8
    assert_hist(hist(PhaseGradientUnitary(4)), {math.pi / 8: 1})
    n = sympy.Symbol("n", positive=True, integer=True)
    h = hist(PhaseGradientUnitary(n))
    assert h == {sympy.pi / 2**n: n}
    assert depth(PhaseGradientUnitary(n)) == n
    assert total_rotations(h) == get_cost_value(PhaseGradientUnitary(n), QECGatesCost()).rotation
