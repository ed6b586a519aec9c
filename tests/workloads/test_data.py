"""Data statistics and loaders against numpy/scipy/scikit-learn computed directly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.datasets import dump_svmlight_file, load_breast_cancer, load_digits, load_svmlight_file

from estimator.errors import EstimatorError, InvalidInputError, ModelFileError
from estimator.workloads import DataStats, Workload, load_csv, load_matrix, load_npz, load_svmlight


def direct_stats(x: np.ndarray | sp.spmatrix) -> dict:
    """The statistics computed straight with numpy/scipy (as the authors' code does)."""
    csr = sp.csr_matrix(x)
    csr.eliminate_zeros()
    dense = csr.toarray()
    sv = np.linalg.svd(dense, compute_uv=False)
    return {
        "num_rows": dense.shape[0],
        "num_features": dense.shape[1],
        "nnz": int(np.count_nonzero(dense)),
        "row_sparsity": int(csr.getnnz(axis=1).max()),  # imdb_svm.py X.getnnz(axis=1).max()
        "col_sparsity": int(csr.getnnz(axis=0).max()),  # imdb_svm.py X.getnnz(axis=0).max()
        "max_abs_entry": float(np.abs(dense).max()),
        "sigma_max": float(sv[0]),
        "sigma_2": float(sv[1]),
        "sigma_min": float(sv[-1]) if dense.shape[0] >= dense.shape[1] else 0.0,
    }


def assert_matches(stats: DataStats, expected: dict) -> None:
    for key, value in expected.items():
        got = getattr(stats, key)
        if isinstance(value, float):
            assert got == pytest.approx(value, rel=1e-9, abs=1e-9), key
        else:
            assert got == value, key
    assert stats.sparsity == max(expected["row_sparsity"], expected["col_sparsity"])


@pytest.mark.parametrize("loader", [load_breast_cancer, load_digits])
def test_sklearn_bundled_sets_match_numpy(loader) -> None:
    x, y = loader(return_X_y=True)
    w = Workload.from_matrix(x, y, name=loader.__name__)
    assert_matches(w.stats, direct_stats(x))
    assert w.stats.num_rows == len(y)


def test_known_bundled_dimensions() -> None:
    # scikit-learn documentation: digits 1797 x 64, breast cancer 569 x 30
    assert DataStats.from_matrix(load_digits().data).num_rows == 1797
    assert DataStats.from_matrix(load_breast_cancer().data).num_features == 30


def test_generated_scipy_npz_matches_scipy(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    x = sp.random(300, 120, density=0.05, random_state=rng, format="csr")
    path = tmp_path / "gen.npz"
    sp.save_npz(path, x)
    w = Workload.from_file(path)
    assert_matches(w.stats, direct_stats(x))
    assert w.stats.source == str(path)


def test_generated_numpy_npz_with_labels(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(50, 8)) * (rng.random((50, 8)) < 0.3)
    y = np.sign(rng.normal(size=50))
    path = tmp_path / "arrays.npz"
    np.savez(path, X=x, y=y)
    mat, labels = load_npz(path)
    assert np.array_equal(mat.toarray(), x)
    assert np.array_equal(labels, y)
    assert_matches(DataStats.from_file(path), direct_stats(x))


def test_svmlight_matches_sklearn(tmp_path: Path) -> None:
    rng = np.random.default_rng(11)
    x = sp.random(40, 25, density=0.2, random_state=rng, format="csr")
    y = rng.integers(0, 2, 40) * 2 - 1
    path = tmp_path / "data.svm"
    dump_svmlight_file(x, y, str(path), zero_based=False)
    ours, ours_y = load_svmlight(path)
    ref, ref_y = load_svmlight_file(str(path))
    assert ours.shape[0] == ref.shape[0]
    width = max(ours.shape[1], ref.shape[1])
    ours.resize(ours.shape[0], width)
    ref.resize(ref.shape[0], width)
    assert (ours != ref).nnz == 0
    assert np.array_equal(ours_y, ref_y)


def test_svmlight_zero_based_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "z.libsvm"
    path.write_text("# header comment\n+1 0:1.5 3:2 # trailing\n-1 qid:3 2:-4\n\n")
    x, y = load_matrix(path)
    assert x.shape == (2, 4)
    assert x[0, 0] == 1.5 and x[1, 2] == -4
    assert list(y) == [1.0, -1.0]


def test_csv_with_header_and_labels(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("a,b,label\n1,0,1\n0,2.5,-1\n3,,1\n")
    x, y = load_csv(path, label_column=-1)
    assert np.array_equal(x.toarray(), [[1, 0], [0, 2.5], [3, 0]])
    assert list(y) == [1, -1, 1]
    st = DataStats.from_file(path, label_column=-1)
    assert (st.num_rows, st.num_features, st.nnz) == (3, 2, 3)
    assert (st.row_sparsity, st.col_sparsity) == (1, 2)


def test_spectrum_can_be_skipped() -> None:
    x = load_digits().data
    st = DataStats.from_matrix(x, spectrum=False)
    assert st.sigma_max is None and not st.has_spectrum
    w = Workload(stats=st)
    with pytest.raises(InvalidInputError, match="spectrum"):
        w.kappa()
    # an explicit kappa still works
    assert w.estimate(margin=0.2, kappa=10).total_samples > 0


def test_sparse_spectrum_path_known_singular_values() -> None:
    # min(N, D) > 2000 and N*D > 4e6: the svds path; a scaled partial permutation matrix has
    # exactly its entries as singular values
    rng = np.random.default_rng(5)
    values = rng.uniform(0.1, 1.0, 2100)
    values[17], values[99] = 5.0, 3.0
    rows = rng.permutation(2500)[:2100]
    x = sp.csr_matrix((values, (rows, np.arange(2100))), shape=(2500, 2100))
    st = DataStats.from_matrix(x, spectrum=True)
    assert st.sigma_max == pytest.approx(5.0, rel=1e-9)
    assert st.sigma_2 == pytest.approx(3.0, rel=1e-9)
    assert st.sigma_min is None  # not computed on this path (N >= D)
    assert not st.has_spectrum
    with pytest.raises(InvalidInputError, match="kappa"):
        Workload(stats=st).kappa()
    # the PCA gap needs only the top two: alpha = sqrt(1 * 1) * 5
    assert Workload(stats=st, task="pca").gap() == pytest.approx((5.0 - 3.0) / 5.0)
    assert DataStats.from_matrix(x.T.tocsr(), spectrum=True).sigma_min == 0.0  # N < D


def test_condition_number_and_gap_from_data() -> None:
    x = np.diag([3.0, 2.0, 1.0])
    st = DataStats.from_matrix(x)
    assert st.condition_number() == pytest.approx(3.0)
    assert st.condition_number(regularization=1.0) == pytest.approx(np.sqrt(10 / 2))
    assert st.relative_gap() == pytest.approx((9 - 4) / 9)
    w = Workload(stats=st, task="pca")
    # alpha = sqrt(1 * 1) * 3 for a diagonal matrix; gap = (3 - 2) / 3
    assert w.gap() == pytest.approx(1 / 3)
    w = Workload(stats=st, regularization=0.0)
    # LS-SVM: [X; 0 I] has column sparsity 2 -> alpha = sqrt(1 * 2) * 3; sigma_min = 1
    assert w.kappa() == pytest.approx(np.sqrt(2) * 3)


# ---- bad data: one-line errors naming the file and the problem ---------------------------
def one_line(exc: EstimatorError) -> str:
    msg = str(exc)
    assert "\n" not in msg
    return msg


@pytest.mark.parametrize(
    ("matrix", "match"),
    [
        (np.zeros((0, 3)), "non-empty"),
        (np.zeros((4, 3)), "non-zero"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), r"entry \(0, 1\) = nan.*finite"),
        (np.array([[1.0, np.inf]]), "finite"),
        (np.array([1.0, 2.0]), "2-D"),
        (np.array([["a", "b"]]), "numeric"),
        ([[1.0, 2.0], [3.0]], "rectangular"),
    ],
)
def test_bad_matrices(matrix, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match) as info:
        Workload.from_matrix(matrix, name="mine")
    assert "mine" in one_line(info.value)


def test_label_length_mismatch() -> None:
    with pytest.raises(InvalidInputError, match="length N = 3"):
        Workload.from_matrix(np.eye(3), y=[1, -1])


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("ragged.csv", "1,2,3\n4,5\n", "line 2: ragged row: 2 fields, expected 3"),
        ("nan.csv", "1,2\nnan,4\n", "line 2, column 1: non-finite value 'nan'"),
        ("word.csv", "1,2\n3,x\n", "line 2, column 2: not a number: 'x'"),
        ("empty.csv", "\n\n", "empty file"),
        ("header.csv", "a,b\n", "only a header"),
        ("zeros.csv", "0,0\n0,0\n", "non-zero"),
        ("bad.svm", "+1 1:2 3\n", "line 1: bad feature '3'"),
        ("nan.svm", "+1 1:nan\n", "line 1: non-finite value"),
        ("label.svm", "pos 1:2\n", "line 1: bad label 'pos'"),
        ("none.svm", "# nothing\n", "no data rows"),
        ("garbage.npz", "this is not a zip archive", "not a readable .npz"),
        ("data.xyz", "1,2\n", "unknown file type"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: str, match: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ModelFileError, match=match) as info:
        Workload.from_file(path)
    assert name in one_line(info.value)


def test_nan_in_npz(tmp_path: Path) -> None:
    path = tmp_path / "nan.npz"
    np.savez(path, X=np.array([[1.0, np.nan]]))
    with pytest.raises(ModelFileError, match=r"nan\.npz.*finite") as info:
        Workload.from_file(path)
    one_line(info.value)


def test_npz_without_matrix_key(tmp_path: Path) -> None:
    path = tmp_path / "keys.npz"
    np.savez(path, a=np.eye(2), b=np.eye(2))
    with pytest.raises(ModelFileError, match="keys.npz: X: missing; the archive holds a, b"):
        load_npz(path)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="nope.csv: file not found"):
        Workload.from_file(tmp_path / "nope.csv")
    with pytest.raises(ModelFileError, match="nope.npz: file not found"):
        Workload.from_file(tmp_path / "nope.npz")
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    with pytest.raises(ModelFileError, match="dir.csv: is a directory"):
        Workload.from_file(folder)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(ModelFileError, match="bin.csv"):
        Workload.from_file(binary)


def test_gram_spectrum_path_matches_svds() -> None:
    from scipy.sparse.linalg import svds

    rng = np.random.default_rng(9)
    x = sp.random(5000, 1000, density=0.003, random_state=rng, format="csr")  # N*D > 4e6
    st = DataStats.from_matrix(x, spectrum=True)
    top = np.sort(svds(x, k=2, return_singular_vectors=False))[::-1]
    assert st.sigma_max == pytest.approx(top[0], rel=1e-8)
    assert st.sigma_2 == pytest.approx(top[1], rel=1e-8)
    assert st.sigma_min is not None and 0 <= st.sigma_min <= st.sigma_2
