"""The authors' logical-qubit formulas ("machine size") for the QOS applications.

These are the formulas of the authors' public code, reproduced exactly (with exact integer
``ceil(log2(.))`` instead of the code's float ``np.ceil(np.log2(.))``, which agree for every
realistic size). Symbols are accepted for every argument.

Where the ``+ 4`` comes from, per the comment in ``real_datasets/20news_svm.py``
(``get_ridge_results``): ``2 log2(n + 2d) + log2(s + 1) + 2`` qubits for the sparse index and
element oracles of the Hermitian dilation of the augmented matrix ``[X; sqrt(lambda) I]``
("+2": QSVT and binary-search output), the label-state and QSVT ancillas reused, one extra
ancilla for the interferometric (Hadamard-test) readout, "+ 1 float" for the running average:
``+ 3 qubits + 1 float``. Pass ``count_float=False`` for qubits only.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao et al. (2026). Appendix A (machine-size curves), via the public code
    github.com/haimengzhao/quantum-oracle-sketching at commit b5ee67b.
"""

from __future__ import annotations

from typing import Any, Literal

from estimator.errors import InvalidInputError
from estimator.validation import check_positive
from estimator.workloads._symbolic import ceil_log2

Variant = Literal["standard", "dorothea"]

#: Qubits beyond the index registers: QSVT/binary-search output (2) + Hadamard-test ancilla (1).
#: real_datasets/20news_svm.py, get_ridge_results (comment "+ 3 qubits + 1 float").
EXTRA_QUBITS = 3
#: The classical float of the running average, which the code counts as one unit of size.
#: real_datasets/20news_svm.py, get_ridge_results (comment "+ 3 qubits + 1 float").
EXTRA_FLOATS = 1


def _check(num_rows: Any, num_features: Any, sparsity: Any) -> None:
    check_positive("num_rows", num_rows, integer=True)
    check_positive("num_features", num_features, integer=True)
    check_positive("sparsity", sparsity, integer=True)


def _extra(count_float: bool) -> int:
    return EXTRA_QUBITS + (EXTRA_FLOATS if count_float else 0)


def authors_qubits_lssvm(
    num_rows: Any,
    num_features: Any,
    sparsity: Any,
    *,
    variant: Variant = "standard",
    count_float: bool = True,
) -> Any:
    """Logical qubits of the LS-SVM (ridge) classifier as the authors' code counts them.

    ``standard``: ``2*ceil(log2(N + 2D)) + ceil(log2(s + 1)) + 4``
    (real_datasets/imdb_svm.py ``get_ridge_results_full``; identical in 20news_svm.py,
    pbmc68k_svm.py, splice_svm.py).
    ``dorothea``: ``2*ceil(log2(N + D + 1)) + ceil(log2(s + 1)) + 4``
    (real_datasets/dorothea_svm.py ``get_svm_results_full``).

    Args:
        num_rows: N, the number of data rows (samples).
        num_features: D, the feature dimension.
        sparsity: s = max(max row nnz, max column nnz) of X (as in the code).
        variant: Which script's formula.
        count_float: Count the running-average float as one unit (the code does).
    """
    _check(num_rows, num_features, sparsity)
    if variant == "standard":
        index = ceil_log2(num_rows + 2 * num_features)  # imdb_svm.py: log2(N + 2D)
    elif variant == "dorothea":
        index = ceil_log2(num_rows + num_features + 1)  # dorothea_svm.py: log2(N + D + 1)
    else:
        raise InvalidInputError("variant", variant, "'standard' or 'dorothea'")
    # imdb_svm.py get_ridge_results_full: 2*ceil(log2(.)) + ceil(log2(s + 1)) + 4
    return 2 * index + ceil_log2(sparsity + 1) + _extra(count_float)


def authors_qubits_pca(
    num_rows: Any,
    num_features: Any,
    sparsity: Any,
    *,
    variant: Variant = "standard",
    count_float: bool = True,
) -> Any:
    """Logical qubits of QOS PCA (top principal component) as the authors' code counts them.

    ``standard``: ``2*ceil(log2(N + D)) + ceil(log2(s)) + 4``
    (real_datasets/imdb_pca.py ``get_pca_results_full``; identical in 20news_pca.py,
    pbmc68k_pca.py, splice_pca.py).
    ``dorothea``: ``2*ceil(log2(N + D + 1)) + ceil(log2(s + 1)) + 4``
    (real_datasets/dorothea_pca.py ``get_pca_results_full``).

    Args:
        num_rows: N, the number of data rows.
        num_features: D, the feature dimension.
        sparsity: s = max(max row nnz, max column nnz) of X.
        variant: Which script's formula.
        count_float: Count the running-average float as one unit (the code does).
    """
    _check(num_rows, num_features, sparsity)
    if variant == "standard":
        # imdb_pca.py get_pca_results_full: 2*ceil(log2(N + D)) + ceil(log2(s)) + 4
        return 2 * ceil_log2(num_rows + num_features) + ceil_log2(sparsity) + _extra(count_float)
    if variant == "dorothea":
        # dorothea_pca.py get_pca_results_full: 2*ceil(log2(N + D + 1)) + ceil(log2(s + 1)) + 4
        return (
            2 * ceil_log2(num_rows + num_features + 1)
            + ceil_log2(sparsity + 1)
            + _extra(count_float)
        )
    raise InvalidInputError("variant", variant, "'standard' or 'dorothea'")
