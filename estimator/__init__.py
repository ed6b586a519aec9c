"""qos-estimator: fault-tolerant resource estimates for quantum oracle sketching.

The public names are loaded lazily, so ``import estimator`` (and ``qose --help``) stays fast and
does not import Qualtran until a Bloq is needed.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: Public name -> module that defines it.
_EXPORTS: dict[str, str] = {
    "EstimatorError": "estimator.errors",
    "InvalidInputError": "estimator.errors",
    "InfeasibleEstimateError": "estimator.errors",
    "ModelFileError": "estimator.errors",
    "ErrorBudget": "estimator.budget",
    "LogicalCounts": "estimator.logical",
    "RotationScheme": "estimator.rotations.base",
    "RotationCost": "estimator.rotations.base",
    "RotationContext": "estimator.rotations.base",
    "PhysicalQubit": "estimator.hardware",
    "QECCode": "estimator.qec",
    "Architecture": "estimator.architecture",
    "Constraints": "estimator.physical",
    "Estimate": "estimator.physical",
    "estimate": "estimator.physical",
    "estimate_frontier": "estimator.frontier",
    "Workload": "estimator.workloads",
    "load_model": "estimator.model_files",
    "list_models": "estimator.model_files",
    "crossover": "estimator.compare",
    "Comparison": "estimator.compare",
    "StarEstimate": "estimator.star_estimate",
    "estimate_star": "estimator.star_estimate",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'estimator' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
