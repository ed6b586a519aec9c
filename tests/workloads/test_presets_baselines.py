"""Presets of the paper's data sets, classical baselines and the memory claim."""

from __future__ import annotations

import math

import pytest
from attrs import frozen

from estimator.errors import InvalidInputError, UnknownNameError
from estimator.workloads import (
    PRESETS,
    ClassicalBaselines,
    Workload,
    get_preset,
    memory_ratios,
)


def test_every_preset_number_has_a_source() -> None:
    for p in PRESETS.values():
        for name in ("num_rows", "num_features", "sparsity", "nnz"):
            q = getattr(p, name)
            assert q.source, (p.name, name)
        # nothing in the presets is fully verified: the sparsities are bounds or unknown
        assert not p.verified
        assert "sparsity" in p.unverified_fields()


def test_imdb_preset_numbers() -> None:
    p = get_preset("IMDb")
    assert p.num_rows.value == 50_000 and p.num_rows.verified  # imdb_utils.py train + test
    assert p.num_features.value == 89_527 and not p.num_features.verified
    assert p.regularization is not None and p.regularization.value == 10.0  # imdb_svm.py alpha
    assert get_preset("20-newsgroups").name == "20news"


def test_unknown_preset() -> None:
    with pytest.raises(UnknownNameError, match="imdb"):
        get_preset("mnist")


def test_imdb_below_60_logical_qubits() -> None:
    w = Workload.from_preset("imdb")
    assert w.authors_logical_qubits() == 56  # s <= N bound; 55 for s in [16384, 32767]
    assert w.authors_logical_qubits() < 60  # abstract: "fewer than 60 logical qubits"


# The memory claim for IMDb (abstract: "four to six orders of magnitude reduction in size with
# fewer than 60 logical qubits"). Baselines as in the code (20news_svm.py): streaming = D values,
# sparse/QRAM = nnz values (unknown for IMDb: not published). Bits at float64.
def test_imdb_memory_ratio_logical_pinned() -> None:
    w = Workload.from_preset("imdb")
    result = w.estimate(margin=0.1, kappa=100)
    ratios = result.memory_ratios()  # against the authors' 56 qubits
    assert ratios.quantum_size == 56
    assert ratios.streaming_values == pytest.approx(89_527 / 56)  # 1.6e3: 3.2 orders
    assert ratios.streaming_bits == pytest.approx(89_527 * 64 / 56)  # 1.02e5: 5.0 orders
    claim = ratios.within_paper_claim()
    # the claim is reproduced when classical memory is counted in bits, not in values
    assert claim["streaming_bits"] is True
    assert claim["streaming_values"] is False
    assert claim["sparse_values"] is None  # nnz of IMDb TF-IDF not published
    orders = ratios.orders_of_magnitude()
    assert orders["streaming_bits"] == pytest.approx(math.log10(89_527 * 64 / 56))
    # against our own count (with And-ladder ancillas) the ratio is smaller
    ours = result.memory_ratios(against="ours")
    assert ours.quantum_size == result.logical_qubits > 56
    assert ours.streaming_bits < ratios.streaming_bits


@frozen
class FakeEstimate:
    """Stands in for estimator.physical.Estimate (only the two fields the hook reads)."""

    physical_qubits: int
    runtime_ns: int


def test_imdb_memory_ratio_physical_hook() -> None:
    result = Workload.from_preset("imdb").estimate(margin=0.1, kappa=100)
    est = FakeEstimate(physical_qubits=2_000_000, runtime_ns=10**18)
    phys = result.physical_memory_ratios(est)
    assert phys.quantum_kind == "physical"
    assert phys.streaming_bits == pytest.approx(89_527 * 64 / 2_000_000)
    # time side: IMDb stream of N * D values (nnz unknown) at 1e9 values/s
    assert result.baselines is not None
    assert result.baselines.streaming_pass_s == pytest.approx(50_000 * 89_527 / 1e9)
    assert result.time_ratio(est) == pytest.approx(1e9 / (50_000 * 89_527 / 1e9))


def test_baselines_from_matrix_and_bits() -> None:
    import numpy as np

    w = Workload.from_matrix(np.eye(4) * 0.5)
    b = w.baselines(bits_per_value=32)
    assert (b.streaming_values, b.sparse_values) == (4, 4)
    assert (b.streaming_bits, b.sparse_bits) == (128, 128)
    r = memory_ratios(b, 8)
    assert r.sparse_values == pytest.approx(0.5)


def test_bad_baselines() -> None:
    with pytest.raises(InvalidInputError, match="bits_per_value"):
        ClassicalBaselines(streaming_values=10, bits_per_value=0)
    with pytest.raises(InvalidInputError, match="quantum_size"):
        memory_ratios(ClassicalBaselines(streaming_values=10), 0)
    with pytest.raises(InvalidInputError, match="physical_qubits"):
        Workload.from_preset("imdb").estimate(margin=0.1, kappa=10).physical_memory_ratios(object())


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_estimates(name: str) -> None:
    w = Workload.from_preset(name)
    if w.task == "lssvm":
        r = w.estimate(margin=0.1, kappa=50)
    else:
        r = w.estimate(gap=0.05, overlap=0.3)
    assert r.authors_logical_qubits == w.authors_logical_qubits() < 60
    assert r.total_samples > 0 and r.rotation_count > 0


def test_imdb_memory_ratio_physical_estimate(capsys) -> None:
    """The physical ratio is whatever the physical estimate says; assumptions printed beside it."""
    import attrs

    from estimator.architecture import Architecture
    from estimator.errors import InfeasibleEstimateError
    from estimator.physical import estimate

    # the cheapest illustrative IMDb setting: margin 0.5, kappa 2 (both ASSUMED, not measured)
    result = Workload.from_preset("imdb").estimate(margin=0.5, kappa=2)
    counts = result.to_logical_counts()
    arch = Architecture.qre("qubit_gate_ns_e3")
    # QRE's distance cap of 50 is too small for ~1e29 rotations: the estimate says so, in numbers
    with pytest.raises(InfeasibleEstimateError, match="needs d ="):
        estimate(counts, arch, 0.01)
    label = "qre:qubit_gate_ns_e3 surface code, max distance raised to 200, budget 0.01"
    est = estimate(counts, attrs.evolve(arch, max_code_distance=200), 0.01)
    phys = result.physical_memory_ratios(est)
    assert phys.streaming_bits == pytest.approx(89_527 * 64 / est.physical_qubits)
    # at the time of writing: ~1.0e7 physical qubits (d = 69), so the physical machine holds
    # about half as many qubits as the classical streaming memory has bits (ratio ~0.55)
    assert phys.streaming_bits == pytest.approx(0.5547, rel=0.1)
    assert phys.streaming_bits < 1 < result.memory_ratios().streaming_bits
    for line in result.memory_claim(est, estimate_label=label):
        print(line)
    out = capsys.readouterr().out
    assert "physical qubits" in out and "assumption:" in out and label in out
