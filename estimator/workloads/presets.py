"""The paper's data sets as presets, from their published dimensions.

Every number carries its source and a ``verified`` flag. "Verified" means checked against a
primary source we could read (the authors' code at commit b5ee67b, or the data set's own
documentation as reproduced in the code); everything else is UNVERIFIED and should be replaced by
running :meth:`~estimator.workloads.data.DataStats.from_file` on the real data.

The paper's per-data-set numbers (N, D, s, qubits) were not available to us in primary form;
the secondary survey cited as [CN-REVIEW] in ../shared/research/oracle_sketching.md is
internally inconsistent (it gives N=25,000 for IMDb while the code uses all 50,000 reviews).

Where the sparsity s is unknown we use the safe upper bound ``s <= max(N, D)`` (a column has at
most N non-zeros, a row at most D), or a tighter bound where the data set's structure gives one;
the bound is marked as such. The authors' qubit formula depends on s only through
``ceil(log2(s))``, so a bound moves the count by at most a few qubits.
"""

from __future__ import annotations

from typing import Any, Literal

from attrs import frozen

from estimator.errors import UnknownNameError
from estimator.workloads.data import DataStats


@frozen(kw_only=True)
class Quantity:
    """One published number with its provenance.

    Attributes:
        value: The number (None if unknown).
        source: Where it comes from, specific enough to check.
        verified: Whether we checked it against a primary source.
        bound: True if ``value`` is an upper bound rather than the exact statistic.
    """

    value: Any
    source: str
    verified: bool = False
    bound: bool = False


@frozen(kw_only=True)
class DatasetPreset:
    """A data set of the paper, described by its published dimensions.

    Attributes:
        name: Short key (``"imdb"``).
        title: Human-readable name.
        task: The paper's task on it (``"lssvm"`` or ``"pca"``).
        num_rows: N.
        num_features: D.
        sparsity: s (max row/column nnz), possibly a bound.
        nnz: Non-zeros of X, if known.
        row_sparsity: Largest row nnz, if a tighter bound than ``min(s, D)`` is known.
        qubit_variant: Which of the code's qubit formulas the authors' script uses.
        regularization: The ridge alpha of the authors' script (LS-SVM lambda), if any.
        notes: Extra caveats.
    """

    name: str
    title: str
    task: Literal["lssvm", "pca"]
    num_rows: Quantity
    num_features: Quantity
    sparsity: Quantity
    nnz: Quantity
    qubit_variant: Literal["standard", "dorothea"] = "standard"
    regularization: Quantity | None = None
    row_sparsity: Quantity | None = None
    notes: str = ""

    @property
    def verified(self) -> bool:
        """Whether every number used (N, D, s) was verified and exact."""
        qs = (self.num_rows, self.num_features, self.sparsity)
        return all(q.verified and not q.bound for q in qs)

    def unverified_fields(self) -> tuple[str, ...]:
        """Names of the fields that are unverified or only bounds."""
        out = []
        for name in ("num_rows", "num_features", "sparsity", "nnz"):
            q: Quantity = getattr(self, name)
            if not q.verified or q.bound or q.value is None:
                out.append(name)
        return tuple(out)

    def stats(self) -> DataStats:
        """The preset as :class:`DataStats` (row/column sparsity both set to s)."""
        s = self.sparsity.value
        row = min(s, self.num_features.value)
        if self.row_sparsity is not None and self.row_sparsity.value is not None:
            row = min(row, self.row_sparsity.value)
        return DataStats(
            num_rows=self.num_rows.value,
            num_features=self.num_features.value,
            nnz=self.nnz.value,
            row_sparsity=row,
            col_sparsity=s,
            source=f"preset:{self.name}",
        )


_CODE = "github.com/haimengzhao/quantum-oracle-sketching@b5ee67b"

IMDB = DatasetPreset(
    name="imdb",
    title="IMDb movie reviews (aclImdb v1), TF-IDF, sentiment LS-SVM",
    task="lssvm",
    # real_datasets/imdb_utils.py load_imdb_data: train (25k) + test (25k) combined.
    num_rows=Quantity(
        value=50_000,
        source=f"{_CODE} real_datasets/imdb_utils.py load_imdb_data (train+test of aclImdb_v1, "
        "25,000 each per the aclImdb README)",
        verified=True,
    ),
    # Not in the code (TfidfVectorizer(min_df=2, stop_words='english') output is not published).
    num_features=Quantity(
        value=89_527,
        source="issue 7 / [CN-REVIEW] 'D up to 89,527'; UNVERIFIED (the code's D at min_df=2 is "
        "not published; the number may instead be the size of aclImdb's imdb.vocab)",
    ),
    # s = max(row nnz, col nnz) <= N: no word occurs in more than all 50,000 reviews and no
    # review has more than 50,000 distinct words [OURS].
    sparsity=Quantity(
        value=50_000,
        source="upper bound s <= N (column nnz <= N; reviews are far shorter than N words) [OURS]; "
        "[CN-REVIEW]'s S_Q <= 55 would imply 16,384 <= s <= 32,767",
        bound=True,
    ),
    nnz=Quantity(value=None, source="not published"),
    regularization=Quantity(
        value=10.0,
        source=f"{_CODE} real_datasets/imdb_svm.py RidgeClassifier(alpha=10)",
        verified=True,
    ),
)

PBMC68K = DatasetPreset(
    name="pbmc68k",
    title="PBMC68k single-cell RNA-seq (scvelo), log1p, top principal component",
    task="pca",
    num_rows=Quantity(value=68_450, source="[CN-REVIEW] N=68,450 cells; UNVERIFIED"),
    num_features=Quantity(value=32_738, source="[CN-REVIEW] D=32,738 genes; UNVERIFIED"),
    sparsity=Quantity(
        value=68_450,
        source="upper bound s <= N (a gene is expressed in at most all cells) [OURS]",
        bound=True,
    ),
    nnz=Quantity(value=None, source="not published"),
    notes="The SVM script (pbmc68k_svm.py) uses random pairs of cell types, so its N is smaller.",
)

NEWS20 = DatasetPreset(
    name="20news",
    title="20 Newsgroups, TF-IDF, LS-SVM on category pairs (averaged over pairs)",
    task="lssvm",
    # sklearn fetch_20newsgroups: 11,314 train + 7,532 test = 18,846 documents (all categories);
    # the script uses one category pair at a time, so N here is an upper bound.
    num_rows=Quantity(
        value=18_846,
        source="all 20 categories, train 11,314 + test 7,532 (scikit-learn fetch_20newsgroups "
        "docs); the code (20news_svm.py load_data) uses two categories, so this is a bound; "
        "UNVERIFIED",
        bound=True,
    ),
    num_features=Quantity(value=50_000, source="[CN-REVIEW] 'D ~ 50,000+'; UNVERIFIED"),
    sparsity=Quantity(value=18_846, source="upper bound s <= N [OURS]", bound=True),
    nnz=Quantity(value=None, source="not published"),
    regularization=Quantity(
        value=1.0,
        source=f"{_CODE} real_datasets/20news_svm.py RidgeClassifier(alpha=1.0)",
        verified=True,
    ),
)

DOROTHEA = DatasetPreset(
    name="dorothea",
    title="Dorothea (NIPS 2003 feature selection), binary features, LS-SVM",
    task="lssvm",
    num_rows=Quantity(
        value=1_150,
        source=f"{_CODE} real_datasets/dorothea_utils.py load_dorothea_data(valid=True) merges "
        "train and valid (800 + 350 rows per the UCI Dorothea description; [CN-REVIEW] 1,150); "
        "row counts UNVERIFIED",
    ),
    num_features=Quantity(
        value=100_000,
        source=f"{_CODE} real_datasets/dorothea_utils.py load_dorothea_data(feature_dim=100000)",
        verified=True,
    ),
    sparsity=Quantity(value=100_000, source="upper bound s <= max(N, D) = D [OURS]", bound=True),
    nnz=Quantity(value=None, source="not published"),
    qubit_variant="dorothea",
    regularization=Quantity(
        value=200.0,
        source=f"{_CODE} real_datasets/dorothea_svm.py RidgeClassifier(alpha=200)",
        verified=True,
    ),
    notes="The code's D is the fixed feature_dim at min_df=1 (all columns kept even if empty).",
)

SPLICE = DatasetPreset(
    name="splice",
    title="UCI splice junctions (EI vs IE), 6-mer frequency features, LS-SVM",
    task="lssvm",
    num_rows=Quantity(
        value=1_535,
        source="EI (767) + IE (768) sequences of UCI data set 69 (splice_utils.py "
        "load_splice_data(binary=True)); class counts from the UCI description, UNVERIFIED",
    ),
    num_features=Quantity(
        value=4_096,
        source=f"{_CODE} real_datasets/splice_utils.py compute_kmer_features(k=6): at most "
        "4**6 = 4,096 distinct 6-mers; upper bound",
        verified=True,
        bound=True,
    ),
    sparsity=Quantity(
        value=1_535,
        source="upper bound: column nnz <= N = 1,535; row nnz <= 55 (60-base sequences, "
        "k=6) [OURS]",
        bound=True,
    ),
    nnz=Quantity(
        value=1_535 * 55,
        source="upper bound N x 55 distinct 6-mers per 60-base sequence [OURS]",
        bound=True,
    ),
    row_sparsity=Quantity(
        value=55,
        source="upper bound: a 60-base sequence (UCI splice) has at most 60 - 6 + 1 = 55 "
        "6-mers (splice_utils.py compute_kmer_features(k=6)) [OURS]",
        bound=True,
    ),
    regularization=Quantity(
        value=1.0,
        source=f"{_CODE} real_datasets/splice_svm.py RidgeClassifier(alpha=1)",
        verified=True,
    ),
)

PRESETS: dict[str, DatasetPreset] = {p.name: p for p in (IMDB, PBMC68K, NEWS20, DOROTHEA, SPLICE)}


def get_preset(name: str) -> DatasetPreset:
    """Look up a preset by name (case-insensitive).

    Raises:
        UnknownNameError: If the name is not known.
    """
    key = name.strip().lower().replace("_", "").replace("-", "")
    aliases = {"20newsgroups": "20news", "newsgroups": "20news", "pbmc": "pbmc68k"}
    key = aliases.get(key, key)
    if key not in PRESETS:
        raise UnknownNameError("data-set preset", name, list(PRESETS))
    return PRESETS[key]
