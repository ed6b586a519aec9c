"""The rotation-scheme contract: what a scheme declares about its inputs holds."""

from __future__ import annotations

import importlib

import pytest

from estimator.model_files import ROTATION_SCHEME_TYPES
from estimator.rotations.base import RotationContext, RotationScheme
from estimator.rotations.gridsynth import GridsynthExact
from estimator.rotations.hamming import HammingWeightPhasing
from estimator.rotations.synthesis import DiagonalExact


def _schemes() -> list[RotationScheme]:
    out: list[RotationScheme] = [
        GridsynthExact(),
        HammingWeightPhasing(batch_size=64),
        DiagonalExact(),
    ]
    for module, name in ROTATION_SCHEME_TYPES.values():
        out.append(getattr(importlib.import_module(module), name)())
    return out


@pytest.mark.parametrize("scheme", _schemes(), ids=lambda s: type(s).__name__)
def test_schemes_that_ignore_the_code_distance_do(scheme: RotationScheme) -> None:
    """``uses_code_distance = False`` lets the physical estimate skip its fixed-point loop, so
    such a scheme's cost must be the same at every distance and patch cycle time."""
    if scheme.uses_code_distance:
        pytest.skip("declares that it reads the code distance")
    for precision, angle in ((1e-6, None), (1e-9, 3e-5), (1e-4, 0.7)):
        if angle is None and scheme.angle_dependent:
            angle = 0.3
        costs = {
            scheme.cost(
                precision=precision,
                angle=angle,
                context=RotationContext(physical_error=1e-3, code_distance=d, code_cycle_time_ns=t),
            )
            for d, t in ((None, None), (3, 100.0), (25, 400.0), (51, 1e4))
        }
        assert len(costs) == 1
