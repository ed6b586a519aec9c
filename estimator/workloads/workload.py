"""``Workload``: a data set (statistics) plus a QOS task, ready to estimate.

Build one from a matrix (``Workload.from_matrix(X, y)``), a file (``Workload.from_file``), a
preset of the paper (``Workload.from_preset("imdb")``) or explicit statistics, then call
:meth:`Workload.estimate` with the accuracy targets.

Condition number and gap from data [OURS]: the sparse-access block encoding divides the matrix
by ``sqrt(s_r s_c) max|A_ij|`` (utils.py ``block_encoding_from_sparse_oracles``, normalized by
``sqrt(row_sparsity * col_sparsity)``; Gilyen et al. 2019, Lemma 48, with entries scaled into
[-1, 1] for the element oracle). So the kappa that sets the QSVT degree is
``alpha / sigma_min`` with that normalization alpha, not ``sigma_max / sigma_min``; likewise the
PCA gap is ``(sigma_1 - sigma_2) / alpha``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from attrs import frozen

from estimator.errors import InvalidInputError, ModelFileError, UnknownNameError
from estimator.validation import check_non_negative
from estimator.workloads.baselines import ClassicalBaselines
from estimator.workloads.data import DataStats, load_matrix
from estimator.workloads.presets import DatasetPreset, get_preset
from estimator.workloads.qubits import authors_qubits_lssvm, authors_qubits_pca
from estimator.workloads.result import WorkloadResult
from estimator.workloads.tasks import LSSVMTask, PCATask

TASKS = ("lssvm", "pca")


@frozen(kw_only=True)
class Workload:
    """A data set and the QOS task to run on it.

    Attributes:
        stats: Data statistics.
        task: ``"lssvm"`` (classification) or ``"pca"`` (dimension reduction).
        regularization: Ridge lambda of the LS-SVM (used for kappa from data).
        name: Name for reports.
        preset: The paper preset it came from, if any.
        qubit_variant: Which of the authors' qubit formulas applies.
        labels: Optional label vector (kept for reference; costs do not depend on it).
    """

    stats: DataStats
    task: str = "lssvm"
    regularization: float = 1.0
    name: str = "workload"
    preset: DatasetPreset | None = None
    qubit_variant: str = "standard"
    labels: Any = None

    def __attrs_post_init__(self) -> None:
        if self.task not in TASKS:
            raise UnknownNameError("task", self.task, TASKS)
        check_non_negative("regularization", self.regularization)

    # ---- constructors --------------------------------------------------------------------
    @classmethod
    def from_matrix(
        cls,
        matrix: Any,
        y: Any = None,
        *,
        task: str = "lssvm",
        regularization: float = 1.0,
        spectrum: bool | str = "auto",
        name: str = "matrix",
    ) -> Workload:
        """A workload from a numpy array or scipy sparse matrix (rows = samples).

        Args:
            matrix: N x D data.
            y: Optional labels (length N).
            task: ``"lssvm"`` or ``"pca"``.
            regularization: Ridge lambda (LS-SVM).
            spectrum: Compute singular values (``True``/``False``/``"auto"``: only when cheap).
            name: Name for reports and errors.
        """
        stats = DataStats.from_matrix(matrix, source=name, spectrum=spectrum)
        if y is not None and len(y) != stats.num_rows:
            raise InvalidInputError("y", f"length {len(y)}", f"length N = {stats.num_rows}")
        return cls(stats=stats, task=task, regularization=regularization, name=name, labels=y)

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        task: str = "lssvm",
        regularization: float = 1.0,
        spectrum: bool | str = "auto",
        **loader_kwargs: Any,
    ) -> Workload:
        """A workload from a ``.npz``, svmlight/libsvm or CSV file (see ``data.load_matrix``)."""
        matrix, y = load_matrix(path, **loader_kwargs)
        try:
            stats = DataStats.from_matrix(matrix, source=str(path), spectrum=spectrum)
        except InvalidInputError as exc:
            raise ModelFileError(str(path), "", f"{exc.value}: need {exc.allowed}") from exc
        return cls(
            stats=stats, task=task, regularization=regularization, name=Path(path).name, labels=y
        )

    @classmethod
    def from_preset(cls, name: str, *, task: str | None = None) -> Workload:
        """A workload from one of the paper's data sets (published dimensions, see presets)."""
        p = get_preset(name)
        lam = p.regularization.value if p.regularization is not None else 1.0
        return cls(
            stats=p.stats(),
            task=task or p.task,
            regularization=lam,
            name=p.name,
            preset=p,
            qubit_variant=p.qubit_variant,
        )

    # ---- derived quantities ----------------------------------------------------------------
    def authors_logical_qubits(self, *, count_float: bool = True) -> Any:
        """The authors' logical-qubit formula for this workload's task."""
        st = self.stats
        if st.sparsity is None:
            raise InvalidInputError("sparsity", None, "a known sparsity")
        fn = authors_qubits_lssvm if self.task == "lssvm" else authors_qubits_pca
        return fn(
            st.num_rows,
            st.num_features,
            st.sparsity,
            variant=self.qubit_variant,  # type: ignore[arg-type]
            count_float=count_float,
        )

    def baselines(self, **kwargs: Any) -> ClassicalBaselines:
        """Classical memory/time baselines (D and nnz values; bits at ``bits_per_value``)."""
        return ClassicalBaselines.from_stats(self.stats, **kwargs)

    def block_encoding_normalization(self) -> float:
        """``alpha = sqrt(s_r' s_c') max|entry|`` of the block-encoded matrix [OURS, see module].

        For LS-SVM the matrix is ``[X; sqrt(lambda) I]`` (row sparsity ``max(s_r, 1)``, column
        sparsity ``s_c + 1``, largest entry ``max(max|X|, sqrt(lambda))``); for PCA it is X.
        """
        st = self.stats
        if st.max_abs_entry is None or st.row_sparsity is None or st.col_sparsity is None:
            raise InvalidInputError("stats", st.source, "max_abs_entry and row/column sparsity")
        if self.task == "lssvm":
            entry = max(float(st.max_abs_entry), math.sqrt(self.regularization))
            return math.sqrt(max(st.row_sparsity, 1) * (st.col_sparsity + 1)) * entry
        return math.sqrt(st.row_sparsity * st.col_sparsity) * float(st.max_abs_entry)

    def kappa(self) -> float:
        """Condition number of the block-encoded augmented matrix: ``alpha / sigma_min``."""
        st = self.stats
        st._need_spectrum("kappa")
        sigma_min = math.sqrt(st.sigma_min**2 + self.regularization)  # type: ignore[operator]
        if sigma_min <= 0:
            raise InvalidInputError(
                "regularization", self.regularization, "> 0 (X has a zero singular value)"
            )
        return max(1.0, self.block_encoding_normalization() / sigma_min)

    def gap(self) -> float:
        """Normalized gap ``(sigma_1 - sigma_2) / alpha`` of the block-encoded X (PCA)."""
        st = self.stats
        if st.sigma_max is None:
            st._need_spectrum("gap")
        if st.sigma_2 is None:
            raise InvalidInputError("spectrum", None, "at least two singular values")
        alpha = math.sqrt(st.row_sparsity * st.col_sparsity) * float(st.max_abs_entry)  # type: ignore[operator]
        return (st.sigma_max - st.sigma_2) / alpha  # type: ignore[operator]

    # ---- estimates -------------------------------------------------------------------------
    def lssvm(self, *, margin: Any, kappa: Any = None, **kwargs: Any) -> LSSVMTask:
        """The LS-SVM task (kappa from data if not given)."""
        if kappa is None:
            kappa = self.kappa()
        kwargs.setdefault("qubit_variant", self.qubit_variant)
        kwargs.setdefault("name", f"{self.name}/ls-svm")
        return LSSVMTask(stats=self.stats, margin=margin, kappa=kappa, **kwargs)

    def pca(self, *, overlap: Any, gap: Any = None, **kwargs: Any) -> PCATask:
        """The PCA task (gap from data if not given)."""
        if gap is None:
            gap = self.gap()
        kwargs.setdefault("qubit_variant", self.qubit_variant)
        kwargs.setdefault("name", f"{self.name}/pca")
        return PCATask(stats=self.stats, gap=gap, overlap=overlap, **kwargs)

    def estimate(self, **params: Any) -> WorkloadResult:
        """Estimate the workload's task; ``params`` go to :meth:`lssvm` or :meth:`pca`."""
        if self.task == "lssvm":
            return self.lssvm(**params).estimate()
        return self.pca(**params).estimate()
