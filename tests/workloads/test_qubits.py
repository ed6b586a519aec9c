"""The authors' logical-qubit formulas (real_datasets/*_svm.py, *_pca.py at commit b5ee67b)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from estimator.errors import InvalidInputError
from estimator.workloads import authors_qubits_lssvm, authors_qubits_pca
from estimator.workloads._symbolic import ceil_log2

IMDB_N, IMDB_D = 50_000, 89_527  # issue 7: IMDb-sized LS-SVM (D UNVERIFIED, see presets)


def code_lssvm(n: int, d: int, s: int) -> float:
    # verbatim expression of real_datasets/imdb_svm.py get_ridge_results_full
    return 2 * np.ceil(np.log2(n + 2 * d)) + np.ceil(np.log2(s + 1)) + 4


def code_pca(n: int, d: int, s: int) -> float:
    # verbatim expression of real_datasets/imdb_pca.py get_pca_results_full
    return 2 * np.ceil(np.log2(n + d)) + np.ceil(np.log2(s)) + 4


def code_dorothea(n: int, d: int, s: int) -> float:
    # verbatim expression of real_datasets/dorothea_svm.py / dorothea_pca.py
    return 2 * np.ceil(np.log2(n + d + 1)) + np.ceil(np.log2(s + 1)) + 4


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 10**7), d=st.integers(1, 10**7), s=st.integers(1, 10**7))
def test_formulas_match_the_authors_code_expressions(n: int, d: int, s: int) -> None:
    assert authors_qubits_lssvm(n, d, s) == code_lssvm(n, d, s)
    assert authors_qubits_pca(n, d, s) == code_pca(n, d, s)
    assert authors_qubits_lssvm(n, d, s, variant="dorothea") == code_dorothea(n, d, s)
    assert authors_qubits_pca(n, d, s, variant="dorothea") == code_dorothea(n, d, s)


@settings(max_examples=100, deadline=None)
@given(s=st.integers(1, max(IMDB_N, IMDB_D)))
def test_imdb_sized_lssvm_stays_below_60_for_any_valid_sparsity(s: int) -> None:
    # s = max(row nnz, col nnz) <= max(N, D) for any N x D matrix
    q = authors_qubits_lssvm(IMDB_N, IMDB_D, s)
    assert q <= 57 < 60  # abstract of arXiv:2604.07639: "fewer than 60 logical qubits"


# (data set, N, D, s, task, expected): N, D, s computed from scikit-learn's bundled copies
# (tests/workloads/test_data.py checks those statistics against numpy directly).
PINNED = [
    # load_breast_cancer: 569 x 30, dense, column nnz 569 -> 2*ceil(log2 629) + ceil(log2 570) + 4
    ("breast_cancer", 569, 30, 569, "lssvm", 2 * 10 + 10 + 4),
    # load_digits: 1797 x 64, max column nnz 1785 -> 2*ceil(log2 1925) + ceil(log2 1786) + 4
    ("digits", 1797, 64, 1785, "lssvm", 2 * 11 + 11 + 4),
    # load_digits as PCA -> 2*ceil(log2 1861) + ceil(log2 1785) + 4
    ("digits", 1797, 64, 1785, "pca", 2 * 11 + 11 + 4),
    # IMDb preset: N = 50,000 (code), D = 89,527 (UNVERIFIED), s <= N bound
    # -> 2*ceil(log2 229,054) + ceil(log2 50,001) + 4
    ("imdb", 50_000, 89_527, 50_000, "lssvm", 2 * 18 + 16 + 4),
    # IMDb if s were in [16384, 32767] (the range [CN-REVIEW]'s "<= 55" implies)
    ("imdb-cn-review", 50_000, 89_527, 30_000, "lssvm", 55),
]


@pytest.mark.parametrize(("name", "n", "d", "s", "task", "expected"), PINNED)
def test_pinned_values(name: str, n: int, d: int, s: int, task: str, expected: int) -> None:
    fn = authors_qubits_lssvm if task == "lssvm" else authors_qubits_pca
    assert fn(n, d, s) == expected


def test_dorothea_variant_value() -> None:
    # dorothea_svm.py: N = 1,150 (train + valid), D = 100,000 (feature_dim), s <= D bound
    # -> 2*ceil(log2 101,151) + ceil(log2 100,001) + 4 = 34 + 17 + 4
    assert authors_qubits_lssvm(1150, 100_000, 100_000, variant="dorothea") == 55


def test_count_float_flag_removes_the_float() -> None:
    # 20news_svm.py comment: "+ 4  # + 3 qubits + 1 float"
    assert authors_qubits_lssvm(10, 10, 3, count_float=False) == authors_qubits_lssvm(10, 10, 3) - 1


def test_exact_log_for_huge_sizes() -> None:
    # float log2 rounds 2**60 + 1 down to 60; the exact count needs 61 bits
    assert ceil_log2(2**60 + 1) == 61
    assert math.ceil(math.log2(float(2**60 + 1))) == 60
    assert ceil_log2(2**60) == 60
    big = 10**30
    assert authors_qubits_pca(big, big, big) == 2 * ceil_log2(2 * big) + ceil_log2(big) + 4


def test_symbolic_formula_substitutes_to_the_numeric_one() -> None:
    n, d, s = sympy.symbols("N D s", positive=True, integer=True)
    expr = authors_qubits_lssvm(n, d, s)
    assert expr.free_symbols == {n, d, s}
    assert int(expr.subs({n: 50_000, d: 89_527, s: 30_000})) == 55


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"num_rows": 0, "num_features": 5, "sparsity": 1}, "num_rows"),
        ({"num_rows": 5, "num_features": -1, "sparsity": 1}, "num_features"),
        ({"num_rows": 5, "num_features": 5, "sparsity": 1.5}, "sparsity"),
    ],
)
def test_bad_sizes_raise(kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        authors_qubits_lssvm(**kwargs)


def test_unknown_variant_raises() -> None:
    with pytest.raises(InvalidInputError, match="variant"):
        authors_qubits_pca(5, 5, 1, variant="imdb")  # type: ignore[arg-type]
