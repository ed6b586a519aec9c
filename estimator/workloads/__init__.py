"""QOS applications as workloads: tasks, data statistics, data-set presets, baselines.

Public entry points: :class:`Workload` (``from_matrix``, ``from_file``, ``from_preset``),
the tasks :class:`LSSVMTask`, :class:`PCATask`, :class:`LinearSystemTask`,
:class:`BooleanQueryTask`, their :class:`WorkloadResult`, :class:`DataStats` and the loaders,
the presets, the authors' qubit formulas and the classical baselines.
"""

from estimator.workloads.baselines import (
    ClassicalBaselines,
    MemoryRatios,
    memory_ratios,
    physical_memory_ratios,
)
from estimator.workloads.data import DataStats, load_csv, load_matrix, load_npz, load_svmlight
from estimator.workloads.presets import PRESETS, DatasetPreset, Quantity, get_preset
from estimator.workloads.qubits import authors_qubits_lssvm, authors_qubits_pca
from estimator.workloads.readout import HadamardTestReadout, ShadowReadout
from estimator.workloads.result import WorkloadResult
from estimator.workloads.tasks import (
    BooleanQueryTask,
    ErrorSplit,
    LinearSystemTask,
    LSSVMTask,
    PCATask,
)
from estimator.workloads.workload import Workload

__all__ = [
    "PRESETS",
    "BooleanQueryTask",
    "ClassicalBaselines",
    "DataStats",
    "DatasetPreset",
    "ErrorSplit",
    "HadamardTestReadout",
    "LSSVMTask",
    "LinearSystemTask",
    "MemoryRatios",
    "PCATask",
    "Quantity",
    "ShadowReadout",
    "Workload",
    "WorkloadResult",
    "authors_qubits_lssvm",
    "authors_qubits_pca",
    "get_preset",
    "load_csv",
    "load_matrix",
    "load_npz",
    "load_svmlight",
    "memory_ratios",
    "physical_memory_ratios",
]
