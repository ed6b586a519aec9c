"""Hamming-weight phasing: k - popcount(k) Toffolis + bit_length(k) rotations per batch."""

from __future__ import annotations

import pytest

from estimator.errors import InvalidInputError
from estimator.rotations.hamming import (
    HammingWeightPhasing,
    hamming_weight_ancillas,
    hamming_weight_rotations,
    hamming_weight_toffolis,
)
from estimator.rotations.synthesis import DiagonalFormula, MixedFallbackFormula

# (k, Toffolis, rotations): star_and_rotations.md 8 / Qualtran HammingWeightPhasing formula
CASES = [(7, 4, 3), (8, 7, 4), (16, 15, 5), (1000, 994, 10)]


@pytest.mark.parametrize(("k", "toffolis", "rotations"), CASES)
def test_closed_forms(k, toffolis, rotations):
    assert hamming_weight_toffolis(k) == toffolis
    assert hamming_weight_rotations(k) == rotations


@pytest.mark.parametrize(("k", "toffolis", "rotations"), CASES[:3])
def test_against_qualtran_bloq(k, toffolis, rotations):
    from qualtran.bloqs.rotations import HammingWeightPhasing as QHWP
    from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

    bloq = QHWP(k, 0.1, eps=1e-10)
    gates = get_cost_value(bloq, QECGatesCost())
    assert gates.and_bloq + gates.toffoli == toffolis
    assert gates.rotation == rotations
    assert get_cost_value(bloq, QubitCount()) == k + hamming_weight_ancillas(k)


def test_scheme_per_rotation_cost():
    scheme = HammingWeightPhasing(batch_size=1000)
    cost = scheme.cost(precision=1e-14, angle=6e-5)
    assert cost.toffoli_count == pytest.approx(0.994)
    inner = MixedFallbackFormula().cost(precision=1e-14 * 1000 / 10).t_count
    assert cost.t_count == pytest.approx(10 * inner / 1000)
    assert cost.error == pytest.approx(1e-14)
    assert cost.extra_logical_qubits == 994 + 10
    assert cost.logical_time_steps == pytest.approx((3 * 994 + 10 * inner) / 1000)


def test_scheme_inherits_norm():
    assert HammingWeightPhasing(batch_size=4).coherent is False
    assert HammingWeightPhasing(batch_size=4, rotation=DiagonalFormula()).coherent is True
    assert HammingWeightPhasing(batch_size=4).norm == "diamond"


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_bad_batch(bad):
    with pytest.raises(InvalidInputError, match="batch_size"):
        HammingWeightPhasing(batch_size=bad)
