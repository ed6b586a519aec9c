"""Data statistics of a workload, from a matrix or from the files a researcher has.

:class:`DataStats` holds what the QOS cost formulas need from a data matrix X (N rows, D
features): N, D, nnz, row and column sparsity, the largest entry and, when cheap, the
singular values that set the condition number and the spectral gap. The sparsity is defined as
in the authors' code, ``s = max(max row nnz, max column nnz)``
(real_datasets/imdb_svm.py ``get_ridge_results_full``).

Loaders: scipy ``.npz`` (``scipy.sparse.save_npz``) or numpy ``.npz`` (arrays ``X`` and
optionally ``y``), svmlight/libsvm text, and numeric CSV. Every problem with a file raises
:class:`~estimator.errors.ModelFileError` naming the file, the line or key and the problem;
bad in-memory matrices raise :class:`~estimator.errors.InvalidInputError`.
"""

from __future__ import annotations

import csv
import math
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from attrs import frozen

from estimator.errors import InvalidInputError, ModelFileError
from estimator.validation import check_non_negative, check_positive, is_symbolic

#: Dense SVD of X when N * D is at most this many entries.
DENSE_SVD_ENTRIES = 4_000_000
#: Else the smaller Gram matrix (X^T X or X X^T) is diagonalized when its side is at most this.
DENSE_SPECTRUM_LIMIT = 2000
#: Above that, "auto" computes the spectrum only when nnz is at most this.
SPARSE_SPECTRUM_NNZ_LIMIT = 2_000_000


@frozen(kw_only=True)
class DataStats:
    """Statistics of a data matrix X with N rows (samples) and D columns (features).

    Counts may be sympy expressions (a data set described only by formulas).

    Attributes:
        num_rows: N.
        num_features: D.
        nnz: Number of stored non-zero entries, or None if unknown.
        row_sparsity: Largest number of non-zeros in a row, or None if unknown.
        col_sparsity: Largest number of non-zeros in a column, or None if unknown.
        max_abs_entry: Largest ``|X_ij|`` (the element oracle needs entries in [-1, 1]).
        sigma_max: Largest singular value of X, if computed.
        sigma_2: Second-largest singular value of X, if computed.
        sigma_min: Smallest singular value among the D columns (0 when N < D or X is rank
            deficient), if computed (not computed for large matrices with N >= D).
        source: Where the data came from (file name or description).
    """

    num_rows: Any
    num_features: Any
    nnz: Any = None
    row_sparsity: Any = None
    col_sparsity: Any = None
    max_abs_entry: Any = None
    sigma_max: float | None = None
    sigma_2: float | None = None
    sigma_min: float | None = None
    source: str = "<stats>"

    def __attrs_post_init__(self) -> None:
        check_positive("num_rows", self.num_rows, integer=True)
        check_positive("num_features", self.num_features, integer=True)
        for name in ("nnz", "row_sparsity", "col_sparsity"):
            value = getattr(self, name)
            if value is not None:
                check_positive(name, value, integer=True)
        if self.max_abs_entry is not None:
            check_non_negative("max_abs_entry", self.max_abs_entry)
        numeric = not any(
            is_symbolic(v) for v in (self.num_rows, self.num_features, self.row_sparsity)
        )
        if numeric and self.row_sparsity is not None and self.row_sparsity > self.num_features:
            raise InvalidInputError(
                "row_sparsity",
                self.row_sparsity,
                f"row_sparsity <= num_features={self.num_features}",
            )

    @property
    def sparsity(self) -> Any:
        """``max(row_sparsity, col_sparsity)``, as the authors' code defines s (None if unknown)."""
        if self.row_sparsity is None or self.col_sparsity is None:
            return self.row_sparsity if self.col_sparsity is None else self.col_sparsity
        if is_symbolic(self.row_sparsity) or is_symbolic(self.col_sparsity):
            import sympy

            return sympy.Max(self.row_sparsity, self.col_sparsity)
        return max(self.row_sparsity, self.col_sparsity)

    @property
    def has_spectrum(self) -> bool:
        """Whether the singular values were computed."""
        return self.sigma_max is not None and self.sigma_min is not None

    def condition_number(self, regularization: float = 0.0) -> float:
        """Condition number of ``[X; sqrt(lambda) I]``: ``sqrt((smax^2+lambda)/(smin^2+lambda))``.

        Raises:
            InvalidInputError: If the spectrum was not computed or the matrix is singular.
        """
        self._need_spectrum("condition_number")
        lam = float(regularization)
        if lam < 0:
            raise InvalidInputError("regularization", regularization, "regularization >= 0")
        low = self.sigma_min**2 + lam  # type: ignore[operator]
        if low <= 0:
            raise InvalidInputError(
                "regularization", regularization, "> 0 (X has a zero singular value)"
            )
        return math.sqrt((self.sigma_max**2 + lam) / low)  # type: ignore[operator]

    def relative_gap(self) -> float:
        """Relative spectral gap of ``Sigma = X^T X / N``: ``(s1^2 - s2^2) / s1^2``."""
        if self.sigma_max is None:
            self._need_spectrum("relative_gap")
        if self.sigma_2 is None or not self.sigma_max:
            raise InvalidInputError("spectrum", None, "at least two singular values")
        return (self.sigma_max**2 - self.sigma_2**2) / self.sigma_max**2

    def _need_spectrum(self, what: str) -> None:
        if not self.has_spectrum:
            raise InvalidInputError(
                what,
                None,
                "a computed spectrum",
                hint=f"the spectrum of {self.source} was skipped; pass spectrum=True or give "
                "kappa/gap explicitly",
            )

    # ---- constructors --------------------------------------------------------------------
    @classmethod
    def from_matrix(
        cls, matrix: Any, *, source: str = "<matrix>", spectrum: bool | str = "auto"
    ) -> DataStats:
        """Compute the statistics of a numpy array or scipy sparse matrix.

        Args:
            matrix: 2-D array-like or scipy sparse matrix, N rows by D columns.
            source: Name used in error messages and reports.
            spectrum: ``True`` to compute singular values (dense SVD when small, ``svds`` for
                the largest two otherwise, plus the smallest via ``svds``), ``False`` to skip,
                ``"auto"`` to compute only when cheap (see module constants).

        Raises:
            InvalidInputError: Empty matrix, non-numeric or non-finite entries, or not 2-D.
        """
        csr = _as_csr(matrix, source)
        n, d = csr.shape
        row_nnz = np.diff(csr.indptr)
        col_nnz = np.bincount(csr.indices, minlength=d)
        nnz = int(csr.nnz)
        if nnz == 0:
            raise InvalidInputError("matrix", f"{source} ({n}x{d})", "at least one non-zero entry")
        max_abs = float(np.max(np.abs(csr.data)))
        want = _want_spectrum(spectrum, n, d, nnz)
        s_max = s_2 = s_min = None
        if want:
            s_max, s_2, s_min = _singular_values(csr)
        return cls(
            num_rows=int(n),
            num_features=int(d),
            nnz=nnz,
            row_sparsity=int(row_nnz.max()),
            col_sparsity=int(col_nnz.max()),
            max_abs_entry=max_abs,
            sigma_max=s_max,
            sigma_2=s_2,
            sigma_min=s_min,
            source=source,
        )

    @classmethod
    def from_file(
        cls, path: str | Path, *, spectrum: bool | str = "auto", **kwargs: Any
    ) -> DataStats:
        """Load a data file (see :func:`load_matrix`) and compute its statistics."""
        matrix, _ = load_matrix(path, **kwargs)
        try:
            return cls.from_matrix(matrix, source=str(path), spectrum=spectrum)
        except InvalidInputError as exc:
            problem = f"{exc.value}: need {exc.allowed}" if exc.field == "matrix" else str(exc)
            raise ModelFileError(str(path), "", problem) from exc


# ---- helpers ------------------------------------------------------------------------------
def _as_csr(matrix: Any, source: str) -> sp.csr_matrix:
    if sp.issparse(matrix):
        csr = sp.csr_matrix(matrix)
    else:
        try:
            arr = np.asarray(matrix)
        except (ValueError, TypeError) as exc:  # ragged nested lists
            raise InvalidInputError("matrix", source, "a rectangular 2-D numeric array") from exc
        if arr.dtype == object:
            raise InvalidInputError("matrix", source, "a rectangular 2-D numeric array")
        if arr.ndim != 2:
            raise InvalidInputError("matrix", f"{source} (ndim={arr.ndim})", "a 2-D array")
        if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
            raise InvalidInputError("matrix", f"{source} (dtype={arr.dtype})", "numeric entries")
        csr = sp.csr_matrix(arr.astype(np.float64))
    if csr.shape[0] == 0 or csr.shape[1] == 0:
        raise InvalidInputError("matrix", f"{source} (shape {csr.shape})", "a non-empty matrix")
    if not np.issubdtype(csr.dtype, np.number) and csr.dtype != bool:
        raise InvalidInputError("matrix", f"{source} (dtype={csr.dtype})", "numeric entries")
    csr = csr.astype(np.float64)
    if csr.nnz and not np.all(np.isfinite(csr.data)):
        bad = int(np.flatnonzero(~np.isfinite(csr.data))[0])
        row = int(np.searchsorted(csr.indptr, bad, side="right") - 1)
        col = int(csr.indices[bad])
        raise InvalidInputError(
            "matrix",
            f"{source} entry ({row}, {col}) = {csr.data[bad]}",
            "finite entries (no NaN/inf)",
        )
    csr.eliminate_zeros()  # as the code does: X_all.eliminate_zeros() in imdb_svm.py
    csr.sum_duplicates()
    return csr


def _want_spectrum(spectrum: bool | str, n: int, d: int, nnz: int) -> bool:
    if spectrum is True or spectrum is False:
        return spectrum
    if spectrum != "auto":
        raise InvalidInputError("spectrum", spectrum, "True, False or 'auto'")
    return min(n, d) <= DENSE_SPECTRUM_LIMIT or nnz <= SPARSE_SPECTRUM_NNZ_LIMIT


def _singular_values(csr: sp.csr_matrix) -> tuple[float, float | None, float | None]:
    """(sigma_max, sigma_2, sigma_min over the D columns); sigma_min None if not computed.

    Dense SVD when N*D <= DENSE_SVD_ENTRIES; else the eigenvalues of the smaller Gram matrix
    when min(N, D) <= DENSE_SPECTRUM_LIMIT (squares the condition number: sigma_min loses
    relative accuracy below ~1e-8 sigma_max); else ``svds`` for the top two only.
    """
    n, d = csr.shape
    if n * d <= DENSE_SVD_ENTRIES:
        sv = np.linalg.svd(csr.toarray(), compute_uv=False)
    elif min(n, d) <= DENSE_SPECTRUM_LIMIT:
        gram = (csr.T @ csr) if d <= n else (csr @ csr.T)
        eig = np.linalg.eigvalsh(gram.toarray())
        sv = np.sqrt(np.clip(eig, 0.0, None))
    else:
        from scipy.sparse.linalg import svds

        top = np.sort(svds(csr, k=2, return_singular_vectors=False))[::-1]
        return float(top[0]), float(top[1]), (0.0 if n < d else None)
    sv = np.sort(sv)[::-1]
    s_min = float(sv[-1]) if n >= d else 0.0  # D columns: sigma_D = 0 when N < D
    s_2 = float(sv[1]) if sv.size > 1 else None
    return float(sv[0]), s_2, s_min


# ---- loaders ------------------------------------------------------------------------------
def load_matrix(
    path: str | Path, *, kind: str = "auto", **kwargs: Any
) -> tuple[sp.csr_matrix, Any]:
    """Load ``(X, y)`` from a ``.npz``, svmlight/libsvm or CSV file.

    Args:
        path: The file.
        kind: ``"npz"``, ``"svmlight"``, ``"csv"`` or ``"auto"`` (by suffix: ``.npz``;
            ``.svm``/``.svmlight``/``.libsvm``/``.txt``; ``.csv``/``.tsv``).
        **kwargs: Passed to the specific loader.

    Returns:
        ``(X as scipy CSR, y as numpy array or None)``.
    """
    p = Path(path)
    if kind == "auto":
        suffix = p.suffix.lower()
        if suffix == ".npz":
            kind = "npz"
        elif suffix in {".svm", ".svmlight", ".libsvm", ".txt", ".dat"}:
            kind = "svmlight"
        elif suffix in {".csv", ".tsv"}:
            kind = "csv"
        else:
            raise ModelFileError(
                str(p), "", f"unknown file type {suffix!r}; use .npz, .svm/.libsvm or .csv"
            )
    loaders = {"npz": load_npz, "svmlight": load_svmlight, "csv": load_csv}
    if kind not in loaders:
        raise InvalidInputError("kind", kind, "'npz', 'svmlight', 'csv' or 'auto'")
    return loaders[kind](p, **kwargs)


def _open_text(p: Path) -> Any:
    if not p.exists():
        raise ModelFileError(str(p), "", "file not found")
    if p.is_dir():
        raise ModelFileError(str(p), "", "is a directory, not a file")
    try:
        return p.open("r", encoding="utf-8", newline="")
    except OSError as exc:
        raise ModelFileError(str(p), "", f"cannot be read ({exc.strerror})") from exc


def _check_finite_file(p: Path, csr: sp.csr_matrix) -> sp.csr_matrix:
    try:
        return _as_csr(csr, str(p))
    except InvalidInputError as exc:
        raise ModelFileError(str(p), "", f"{exc.value}: need {exc.allowed}") from exc


def load_npz(
    path: str | Path, *, key: str = "X", label_key: str = "y"
) -> tuple[sp.csr_matrix, Any]:
    """Load a scipy sparse ``.npz`` (``scipy.sparse.save_npz``) or a numpy ``.npz``.

    A numpy archive must hold the matrix under ``key`` (or exactly one array); the labels, if
    any, under ``label_key``.
    """
    p = Path(path)
    if not p.exists():
        raise ModelFileError(str(p), "", "file not found")
    try:
        archive = np.load(p, allow_pickle=False)
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise ModelFileError(str(p), "", f"not a readable .npz archive ({exc})") from exc
    if not hasattr(archive, "files"):
        raise ModelFileError(str(p), "", "not an .npz archive (a single .npy array?)")
    with archive:
        files = list(archive.files)
        if "format" in files and "shape" in files:  # scipy.sparse.save_npz layout
            try:
                matrix = sp.load_npz(p)
            except (ValueError, KeyError, OSError) as exc:
                raise ModelFileError(str(p), "format", f"bad scipy sparse archive ({exc})") from exc
            return _check_finite_file(p, sp.csr_matrix(matrix)), None
        if key in files:
            arr = archive[key]
        elif len(files) == 1:
            arr = archive[files[0]]
        else:
            raise ModelFileError(
                str(p), key, f"missing; the archive holds {', '.join(files) or 'nothing'}"
            )
        y = archive[label_key] if label_key in files and label_key != key else None
    if arr.ndim != 2:
        raise ModelFileError(str(p), key, f"expected a 2-D array, got shape {arr.shape}")
    if not np.issubdtype(arr.dtype, np.number) and arr.dtype != bool:
        raise ModelFileError(str(p), key, f"expected numbers, got dtype {arr.dtype}")
    return _check_finite_file(p, sp.csr_matrix(arr.astype(np.float64))), y


def load_svmlight(
    path: str | Path, *, zero_based: bool | str = "auto", num_features: int | None = None
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Load an svmlight/libsvm file: ``label index:value ...`` per line, ``#`` comments.

    Args:
        path: The file.
        zero_based: Whether feature indices start at 0; ``"auto"`` assumes 1-based unless an
            index 0 occurs (the usual libsvm convention).
        num_features: Force D (default: largest index + 1).
    """
    p = Path(path)
    labels: list[float] = []
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    with _open_text(p) as fh:
        try:
            lines = fh.readlines()
        except UnicodeDecodeError as exc:
            raise ModelFileError(str(p), "", "not a UTF-8 text file") from exc
    for lineno, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        try:
            label = float(parts[0])
        except ValueError:
            raise ModelFileError(str(p), f"line {lineno}", f"bad label {parts[0]!r}") from None
        row = len(labels)
        labels.append(label)
        for token in parts[1:]:
            if token.startswith("qid:"):
                continue
            idx_s, sep, val_s = token.partition(":")
            try:
                if not sep:
                    raise ValueError
                idx, val = int(idx_s), float(val_s)
            except ValueError:
                raise ModelFileError(
                    str(p), f"line {lineno}", f"bad feature {token!r} (need index:value)"
                ) from None
            if idx < 0:
                raise ModelFileError(str(p), f"line {lineno}", f"negative feature index {idx}")
            if not math.isfinite(val):
                raise ModelFileError(str(p), f"line {lineno}", f"non-finite value {val_s!r}")
            rows.append(row)
            cols.append(idx)
            vals.append(val)
    if not labels:
        raise ModelFileError(str(p), "", "no data rows")
    col_arr = np.asarray(cols, dtype=np.int64)
    one_based = (zero_based is False) or (
        zero_based == "auto" and (col_arr.size == 0 or col_arr.min() > 0)
    )
    if one_based:
        if col_arr.size and col_arr.min() < 1:
            raise ModelFileError(str(p), "", "feature index 0 in a 1-based file")
        col_arr = col_arr - 1
    d = int(col_arr.max()) + 1 if col_arr.size else 0
    if num_features is not None:
        if num_features < d:
            raise ModelFileError(
                str(p), "", f"feature index {d - 1} >= num_features={num_features}"
            )
        d = num_features
    if d == 0:
        raise ModelFileError(str(p), "", "no feature values (empty matrix)")
    csr = sp.csr_matrix(
        (np.asarray(vals, dtype=np.float64), (np.asarray(rows), col_arr)), shape=(len(labels), d)
    )
    return _check_finite_file(p, csr), np.asarray(labels)


def load_csv(
    path: str | Path,
    *,
    label_column: int | None = None,
    delimiter: str | None = None,
    header: bool | str = "auto",
) -> tuple[sp.csr_matrix, Any]:
    """Load a numeric CSV (one data row per line); empty cells count as zeros.

    Args:
        path: The file.
        label_column: Column index holding labels (removed from X), e.g. ``-1``; None: no labels.
        delimiter: Field separator; default ``","`` (``"\\t"`` for ``.tsv``).
        header: Whether the first line is a header; ``"auto"``: yes if it is not numeric.

    Raises:
        ModelFileError: Ragged rows, non-numeric or non-finite cells (with the line number).
    """
    p = Path(path)
    if delimiter is None:
        delimiter = "\t" if p.suffix.lower() == ".tsv" else ","
    with _open_text(p) as fh:
        try:
            records = [r for r in csv.reader(fh, delimiter=delimiter)]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ModelFileError(str(p), "", f"not a readable CSV file ({exc})") from exc
    numbered = [(i, r) for i, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise ModelFileError(str(p), "", "empty file (no data rows)")

    def parse(lineno: int, row: list[str]) -> list[float]:
        out = []
        for col, cell in enumerate(row):
            cell = cell.strip()
            if not cell:
                out.append(0.0)
                continue
            try:
                value = float(cell)
            except ValueError:
                raise ModelFileError(
                    str(p), f"line {lineno}, column {col + 1}", f"not a number: {cell!r}"
                ) from None
            if not math.isfinite(value):
                raise ModelFileError(
                    str(p), f"line {lineno}, column {col + 1}", f"non-finite value {cell!r}"
                )
            out.append(value)
        return out

    first_line, first = numbered[0]
    if header == "auto":
        try:
            [float(c) for c in first if c.strip()]
            has_header = False
        except ValueError:
            has_header = True
    else:
        has_header = bool(header)
    if has_header:
        numbered = numbered[1:]
        if not numbered:
            raise ModelFileError(str(p), "", "only a header, no data rows")
    width = len(numbered[0][1])
    data = []
    for lineno, row in numbered:
        if len(row) != width:
            raise ModelFileError(
                str(p), f"line {lineno}", f"ragged row: {len(row)} fields, expected {width}"
            )
        data.append(parse(lineno, row))
    arr = np.asarray(data, dtype=np.float64)
    y = None
    if label_column is not None:
        if not -width <= label_column < width:
            raise ModelFileError(str(p), "label_column", f"{label_column} outside 0..{width - 1}")
        y = arr[:, label_column].copy()
        arr = np.delete(arr, label_column, axis=1)
    if arr.shape[1] == 0:
        raise ModelFileError(str(p), "", "no feature columns")
    return _check_finite_file(p, sp.csr_matrix(arr)), y
