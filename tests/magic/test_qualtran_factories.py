"""Qualtran's factory models through our MagicStateFactory / MagicStateSource interface."""

from __future__ import annotations

import math

import pytest
from attrs import frozen
from qualtran.resource_counting import GateCounts
from qualtran.surface_code import (
    CCZ2TFactory,
    FifteenToOne,
    LogicalErrorModel,
    MultiFactory,
    QECScheme,
)

from estimator.errors import InvalidInputError
from estimator.logical import LogicalCounts
from estimator.magic.base import MagicStateFactory, MagicStateSource
from estimator.magic.qualtran_factories import (
    GidneyFowlerCCZ2T,
    GidneyFowlerSource,
    LitinskiFifteenToOne,
    LitinskiSource,
    QualtranMultiFactory,
    machine_parameters,
)


@frozen
class LitinskiRow:
    d_x: int
    d_z: int
    d_m: int
    physical_error: float
    output_error: str  # as printed in the paper, one significant digit
    qubits: int  # rounded to tens in the paper
    cycles: float  # expected code cycles per output state


# arXiv:1905.06903 (Litinski, "Magic state distillation: not as costly as you think"), Table 1,
# single-level 15-to-1 rows; the same rows are qualtran's fifteen_to_one_factory_test.py.
LITINSKI_TABLE_1 = [
    LitinskiRow(7, 3, 3, 1e-4, "4.4e-08", 810, 18.1),  # arXiv:1905.06903, Table 1, row 1
    LitinskiRow(9, 3, 3, 1e-4, "9.3e-10", 1150, 18.1),  # arXiv:1905.06903, Table 1, row 2
    LitinskiRow(11, 5, 5, 1e-4, "1.9e-11", 2070, 30.0),  # arXiv:1905.06903, Table 1, row 3
    LitinskiRow(17, 7, 7, 1e-3, "4.5e-08", 4620, 42.6),  # arXiv:1905.06903, Table 1, p=1e-3 row
]


def _litinski(row: LitinskiRow, cycle_time_ns: float = 1000.0) -> LitinskiFifteenToOne:
    return LitinskiFifteenToOne(
        d_x=row.d_x,
        d_z=row.d_z,
        d_m=row.d_m,
        physical_error=row.physical_error,
        cycle_time_ns=cycle_time_ns,
    )


@pytest.mark.parametrize("row", LITINSKI_TABLE_1, ids=lambda r: f"{r.d_x}-{r.d_z}-{r.d_m}")
def test_litinski_table_1(row: LitinskiRow) -> None:
    f = _litinski(row)
    assert f"{f.output_error:.1e}" == row.output_error
    assert round(f.physical_qubits, -1) == row.qubits
    assert round(f.expected_cycles, 1) == row.cycles
    assert f.output_states == 1
    assert f.max_code_distance == row.d_x


@pytest.mark.parametrize("row", LITINSKI_TABLE_1, ids=lambda r: f"{r.d_x}-{r.d_z}-{r.d_m}")
def test_litinski_matches_qualtran_side_by_side(row: LitinskiRow) -> None:
    f = _litinski(row, cycle_time_ns=400.0)
    q = FifteenToOne(d_X=row.d_x, d_Z=row.d_z, d_m=row.d_m)
    lem = LogicalErrorModel(
        qec_scheme=QECScheme.make_gidney_fowler(), physical_error=row.physical_error
    )
    one_t = LogicalCounts(num_qubits=1, t_count=1)
    assert f.output_error == q.factory_error(GateCounts(t=1), lem)
    assert f.physical_qubits == q.n_physical_qubits()
    # qualtran rounds the expected cycles of a workload up: ceil(N * 6 d_m / (1 - p_fail))
    assert f.cycles_for(one_t) == q.n_cycles(GateCounts(t=1), lem) == math.ceil(f.expected_cycles)
    many = LogicalCounts(num_qubits=1, t_count=10**6)
    assert f.cycles_for(many) == q.n_cycles(GateCounts(t=10**6), lem)
    assert f.error_for(many) == pytest.approx(10**6 * f.output_error, rel=1e-12)
    assert f.duration_ns_for(many) == f.cycles_for(many) * 400.0
    # one run: ceil(expected cycles * cycle time), in ns
    assert f.duration_ns == math.ceil(f.expected_cycles * 400.0)
    assert f.failure_probability == pytest.approx(1 - 6 * row.d_m / f.expected_cycles)


def test_litinski_is_our_factory_type() -> None:
    f = _litinski(LITINSKI_TABLE_1[0])
    assert isinstance(f, MagicStateFactory)
    assert f.normalized_volume == f.physical_qubits * f.duration_ns
    assert "d_X=7" in f.name


@pytest.mark.parametrize(
    ("kwargs", "field_name"),
    [
        ({"d_x": 10, "d_z": 3, "d_m": 3}, "d_x"),  # d_x > 3 d_m (qualtran would assert)
        ({"d_x": 0, "d_z": 3, "d_m": 3}, "d_x"),
        ({"d_x": 7, "d_z": -1, "d_m": 3}, "d_z"),
        ({"d_x": 7, "d_z": 3, "d_m": True}, "d_m"),
        ({"d_x": 7.0, "d_z": 3, "d_m": 3}, "d_x"),
    ],
)
def test_litinski_rejects_bad_distances(kwargs: dict, field_name: str) -> None:
    with pytest.raises(InvalidInputError, match=field_name) as info:
        LitinskiFifteenToOne(physical_error=1e-4, **kwargs)
    assert info.value.field == field_name


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"physical_error": 1.5}, "physical_error"),
        ({"physical_error": float("nan")}, "physical_error"),
        ({"physical_error": 1e-4, "cycle_time_ns": 0}, "cycle_time_ns"),
        ({"physical_error": 1e-4, "cycle_time_ns": -5.0}, "cycle_time_ns"),
        ({"physical_error": 1e-4, "qec_scheme": "surface_code"}, "qec_scheme"),
    ],
)
def test_factory_rejects_bad_machine(kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        LitinskiFifteenToOne(d_x=7, d_z=3, d_m=3, **kwargs)
    with pytest.raises(InvalidInputError, match=match):
        GidneyFowlerCCZ2T(**kwargs)


def test_factories_refuse_rotations() -> None:
    f = GidneyFowlerCCZ2T()
    with pytest.raises(InvalidInputError, match="rotation_count"):
        f.cycles_for(LogicalCounts(num_qubits=2, rotation_count=5))
    with pytest.raises(InvalidInputError, match="rotation_count"):
        f.error_for(LogicalCounts(num_qubits=2, rotation_count=5))


# ---- Gidney-Fowler CCZ -> 2T -----------------------------------------------------------------

GF_LEM = LogicalErrorModel(qec_scheme=QECScheme.make_gidney_fowler(), physical_error=1e-3)


def test_ccz2t_default_matches_qualtran() -> None:
    """The spreadsheet factory (d1=15, d2=31) of arXiv:1812.01238, side by side with qualtran."""
    ours = GidneyFowlerCCZ2T(l1_distance=15, l2_distance=31, physical_error=1e-3)
    q = CCZ2TFactory(distillation_l1_d=15, distillation_l2_d=31)
    assert ours.physical_qubits == q.n_physical_qubits() == 6 * 64 * 15**2 + 64 * 31**2
    counts = LogicalCounts(num_qubits=100, t_count=10**8, ccz_count=10**8)
    gc = GateCounts(t=10**8, toffoli=10**8)
    assert ours.cycles_for(counts) == q.n_cycles(gc, GF_LEM)
    assert ours.error_for(counts) == q.factory_error(gc, GF_LEM)
    assert ours.level2_error == q.l2_error(GF_LEM)
    assert ours.max_code_distance == 31
    assert ours.distillation_distance == 31


@pytest.mark.parametrize(("d1", "d2"), [(15, 31), (7, 15), (17, 29), (13, 21)])
def test_ccz2t_per_run_numbers_reproduce_qualtran_totals(d1: int, d2: int) -> None:
    """N states from runs of our per-run numbers give qualtran's totals (even N, whole runs)."""
    t = GidneyFowlerCCZ2T(l1_distance=d1, l2_distance=d2, physical_error=1e-3, output="T")
    c = GidneyFowlerCCZ2T(l1_distance=d1, l2_distance=d2, physical_error=1e-3, output="CCZ")
    q = CCZ2TFactory(distillation_l1_d=d1, distillation_l2_d=d2)
    n = 2_000_000
    runs_t = n // t.output_states
    assert t.output_states == 2 and c.output_states == 1
    assert runs_t * t.cycles_per_run == q.n_cycles(GateCounts(t=n), GF_LEM)
    assert n * c.cycles_per_run == q.n_cycles(GateCounts(toffoli=n), GF_LEM)
    assert n * t.output_error == pytest.approx(q.factory_error(GateCounts(t=n), GF_LEM), rel=1e-12)
    assert n * c.output_error == pytest.approx(
        q.factory_error(GateCounts(toffoli=n), GF_LEM), rel=1e-12
    )
    assert t.duration_ns == math.ceil(6.5 * max(2 * d1 + 1, d2) * 1000)


def test_ccz2t_worse_factory_is_smaller_faster_noisier() -> None:
    """The ordering pinned by qualtran's ccz2t_factory_test.py, through our API."""
    good = GidneyFowlerCCZ2T(physical_error=1e-3)
    worse = GidneyFowlerCCZ2T(l1_distance=7, l2_distance=15, physical_error=1e-3)
    counts = LogicalCounts(num_qubits=100, t_count=10**8, ccz_count=10**8)
    assert worse.error_for(counts) > good.error_for(counts)
    assert worse.cycles_for(counts) < good.cycles_for(counts)
    assert worse.physical_qubits < good.physical_qubits


def test_ccz2t_rejects_bad_output_and_distance() -> None:
    with pytest.raises(InvalidInputError, match="output"):
        GidneyFowlerCCZ2T(output="Toffoli")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="l1_distance"):
        GidneyFowlerCCZ2T(l1_distance=1)


# ---- MultiFactory ----------------------------------------------------------------------------


def test_multi_factory_matches_qualtran() -> None:
    base = GidneyFowlerCCZ2T(l1_distance=17, l2_distance=29, physical_error=1e-3)
    multi = QualtranMultiFactory(base=base, copies=4)
    q = MultiFactory(
        base_factory=CCZ2TFactory(distillation_l1_d=17, distillation_l2_d=29), n_factories=4
    )
    counts = LogicalCounts(num_qubits=696, ccz_count=6_665_400_000)
    gc = GateCounts(toffoli=6_665_400_000)
    assert multi.physical_qubits == q.n_physical_qubits() == 4 * base.physical_qubits
    assert multi.cycles_for(counts) == q.n_cycles(gc, GF_LEM)
    assert multi.error_for(counts) == q.factory_error(gc, GF_LEM)
    assert multi.output_states == 8
    assert multi.duration_ns == base.duration_ns
    assert multi.output_error == base.output_error
    assert multi.max_code_distance == 29
    assert multi.name.startswith("4 x ")


def test_multi_factory_validation() -> None:
    with pytest.raises(InvalidInputError, match="copies"):
        QualtranMultiFactory(base=GidneyFowlerCCZ2T(), copies=0)
    with pytest.raises(InvalidInputError, match="base"):
        QualtranMultiFactory(base="ccz2t", copies=2)  # type: ignore[arg-type]


# ---- sources ---------------------------------------------------------------------------------


def _assert_pareto(factories: list[MagicStateFactory]) -> None:
    for a in factories:
        for b in factories:
            if a is b:
                continue
            ta, tb = a.duration_ns / a.output_states, b.duration_ns / b.output_states
            assert not (b.physical_qubits <= a.physical_qubits and tb <= ta)


@pytest.mark.parametrize(
    ("physical_error", "target", "expected"),
    [
        # arXiv:1905.06903, Table 1: (17,7,7) is Litinski's choice at p=1e-3 for p_out ~ 4.5e-8
        (1e-3, 1e-7, (17, 7, 7)),
        # arXiv:1905.06903, Table 1: (11,5,5) reaches 1.9e-11 at p=1e-4
        (1e-4, 1e-10, (11, 5, 5)),
    ],
)
def test_litinski_source_finds_paper_configurations(
    physical_error: float, target: float, expected: tuple[int, int, int]
) -> None:
    found = LitinskiSource().search(
        output_error=target,
        physical_error=physical_error,
        cycle_time_ns=1000,
        max_code_distance=25,
    )
    assert [(f.d_x, f.d_z, f.d_m) for f in found] == [expected]
    assert all(f.output_error <= target for f in found)


def test_litinski_source_below_distillation_floor_is_empty() -> None:
    # one level of 15-to-1 at p = 1e-3 cannot go below ~1e-8 (the injection floor)
    assert (
        LitinskiSource().search(
            output_error=1e-10, physical_error=1e-3, cycle_time_ns=1000, max_code_distance=25
        )
        == []
    )


def test_gidney_fowler_source_pareto_and_target() -> None:
    src = GidneyFowlerSource()
    assert isinstance(src, MagicStateSource)
    found = src.search(
        output_error=1e-12, physical_error=1e-3, cycle_time_ns=1000, max_code_distance=35
    )
    assert found
    assert all(f.output_error <= 1e-12 and f.max_code_distance <= 35 for f in found)
    _assert_pareto(found)
    # a looser target never needs more qubits for the smallest candidate
    loose = src.search(
        output_error=1e-9, physical_error=1e-3, cycle_time_ns=1000, max_code_distance=35
    )
    assert min(f.physical_qubits for f in loose) <= min(f.physical_qubits for f in found)


def test_sources_reject_bad_targets() -> None:
    with pytest.raises(InvalidInputError, match="output_error"):
        GidneyFowlerSource().search(
            output_error=0, physical_error=1e-3, cycle_time_ns=1000, max_code_distance=25
        )
    with pytest.raises(InvalidInputError, match="max_code_distance"):
        LitinskiSource().search(
            output_error=1e-8, physical_error=1e-3, cycle_time_ns=1000, max_code_distance=0
        )


def test_find_factories_uses_our_qubit_and_code() -> None:
    from estimator.hardware import PhysicalQubit
    from estimator.qec import QECCode

    qubit = PhysicalQubit.from_preset("qubit_gate_ns_e4")
    code = QECCode.from_name("surface_code", qubit)
    perr, cycle_ns, scheme = machine_parameters(qubit, code)
    # QRE gate-based surface code: one round is 4 t_2q + 2 t_meas = 4*50 + 2*100 ns; a=0.03, p*=0.01
    assert (perr, cycle_ns) == (1e-4, 400)
    assert (scheme.error_rate_scaler, scheme.error_rate_threshold) == (0.03, 0.01)
    found = GidneyFowlerSource().find_factories(
        output_error=1e-12, qubit=qubit, qec=code, max_code_distance=25
    )
    assert found and all(f.output_error <= 1e-12 for f in found)
    assert all(f.qec_scheme == scheme and f.cycle_time_ns == 400 for f in found)
    same = GidneyFowlerSource(qec_scheme=scheme).search(
        output_error=1e-12, physical_error=1e-4, cycle_time_ns=400, max_code_distance=25
    )
    assert [f.name for f in found] == [f.name for f in same]


def test_machine_parameters_need_a_surface_code() -> None:
    from estimator.hardware import PhysicalQubit
    from estimator.qec import QECCode

    qubit = PhysicalQubit.from_preset("qubit_maj_ns_e4")
    floquet = QECCode.from_name("floquet_code", qubit)
    with pytest.raises(InvalidInputError, match="surface_code"):
        machine_parameters(qubit, floquet)
    surface = QECCode.from_name("surface_code", qubit)
    perr, cycle_ns, scheme = machine_parameters(qubit, surface)
    # QRE Majorana surface code: one round is 20 t_meas = 20 * 100 ns; a = 0.08, p* = 0.0015
    assert cycle_ns == 2000
    assert (scheme.error_rate_scaler, scheme.error_rate_threshold) == (0.08, 0.0015)
    assert perr == surface.physical_error(qubit)
