"""Weak-transversal Clifford+phi rotations, calibrated to arXiv:2510.08290."""

from __future__ import annotations

import math

import pytest
from attrs import frozen

from estimator.errors import InvalidInputError
from estimator.rotations.base import RotationContext, RotationScheme
from estimator.rotations.weak_transversal import WeakTransversalRotation


@frozen
class PublishedPoint:
    angle: float
    code_distance: int
    physical_error: float
    logical_error: float


PUBLISHED = [
    # arXiv:2510.08290 v2 abstract (circuit-level): the calibration point
    PublishedPoint(angle=1e-3, code_distance=7, physical_error=1e-4, logical_error=9.6e-5),
    # arXiv:2510.08290 v1 abstract (phenomenological noise): an independent cross-check
    PublishedPoint(angle=3e-3, code_distance=7, physical_error=1e-4, logical_error=9.5e-5),
]


@pytest.mark.parametrize("point", PUBLISHED, ids=lambda c: f"theta={c.angle}")
def test_reproduces_published_points(point: PublishedPoint) -> None:
    cost = WeakTransversalRotation().cost(
        precision=0.5,
        angle=point.angle,
        context=RotationContext(
            physical_error=point.physical_error, code_distance=point.code_distance
        ),
    )
    assert cost.error == pytest.approx(point.logical_error, rel=0.10)


def test_calibration_constant() -> None:
    assert WeakTransversalRotation().coefficient == pytest.approx(9.6e-5 / 1e-4)


def test_rus_attempts_and_time() -> None:
    cost = WeakTransversalRotation().cost(
        precision=0.5, angle=1e-3, context=RotationContext(physical_error=1e-4, code_distance=7)
    )
    assert cost.injections == pytest.approx(2.0)
    assert cost.logical_time_steps == pytest.approx(2.0)
    assert cost.t_count == 0
    assert cost.extra_logical_qubits == 0


def test_clifford_angle_costs_nothing() -> None:
    cost = WeakTransversalRotation().cost(
        precision=0.5, angle=math.pi / 2, context=RotationContext(physical_error=1e-4)
    )
    assert cost.injections == 0
    assert cost.error == 0


def test_exponents_are_overridable() -> None:
    wt = WeakTransversalRotation(distance_exponent=1.0, angle_exponent=1.0)
    cost = wt.cost(
        precision=0.5, angle=2e-3, context=RotationContext(physical_error=1e-4, code_distance=14)
    )
    assert cost.error == pytest.approx(9.6e-5 * 2 * 2)
    with pytest.raises(InvalidInputError, match="code_distance"):
        wt.cost(precision=0.5, angle=1e-3, context=RotationContext(physical_error=1e-4))


def test_generic_angle_and_precision_note() -> None:
    cost = WeakTransversalRotation().cost(
        precision=1e-9, context=RotationContext(physical_error=1e-4, code_distance=7)
    )
    assert "generic angle" in cost.notes
    assert "exceeds the requested precision" in cost.notes


def test_class_attributes_and_validation() -> None:
    assert issubclass(WeakTransversalRotation, RotationScheme)
    assert WeakTransversalRotation.name == "weak_transversal"
    assert WeakTransversalRotation.norm == "diamond"
    assert WeakTransversalRotation.coherent is False
    with pytest.raises(InvalidInputError, match="coefficient"):
        WeakTransversalRotation(coefficient=-1.0)
    with pytest.raises(InvalidInputError, match="success_probability"):
        WeakTransversalRotation(success_probability=0.0)
    with pytest.raises(InvalidInputError, match="angle_exponent"):
        WeakTransversalRotation(angle_exponent=-1.0)
