"""QEC codes: threshold model, distance search, cycle times and footprints (QRE parity)."""

from __future__ import annotations

import json
import math
import os

import pytest

from estimator.errors import InfeasibleEstimateError, InvalidInputError, UnknownNameError
from estimator.hardware import PhysicalQubit
from estimator.qec import (
    FloquetCode,
    QECCode,
    SurfaceCodeGateBased,
    SurfaceCodeMajorana,
    powi,
)

os.environ.setdefault("QDK_PYTHON_TELEMETRY", "none")  # no usage reports from tests

GATE = PhysicalQubit.from_preset("qubit_gate_ns_e3")
MAJ = PhysicalQubit.from_preset("qubit_maj_ns_e4")


def test_b1_patch_numbers() -> None:
    """peers.md B1 (QRE test_report.json): d = 19 -> 722 qubits, 7,600 ns, 3.0e-12 per cycle."""
    code = SurfaceCodeGateBased()
    assert code.physical_qubits_per_logical(19) == 722
    assert code.logical_cycle_time_ns(19, GATE) == 7600
    assert code.logical_error(19, GATE) == pytest.approx(3.0e-12, rel=1e-12)
    assert code.code_distance_for(9.526558616438839e-12, GATE) == 19


@pytest.mark.parametrize(
    ("code", "qubit", "d", "qubits", "cycle_ns"),
    [
        (SurfaceCodeGateBased(), GATE, 5, 50, 2000),  # (4*50 + 2*100) * 5
        (SurfaceCodeMajorana(), MAJ, 5, 50, 10000),  # 20 * 100 * 5
        (FloquetCode(), MAJ, 5, 132, 1500),  # 4*25 + 8*4 ; 3 * 100 * 5
    ],
)
def test_formulas(code: QECCode, qubit: PhysicalQubit, d: int, qubits: int, cycle_ns: int) -> None:
    assert code.physical_qubits_per_logical(d) == qubits
    assert code.logical_cycle_time_ns(d, qubit) == cycle_ns
    ratio = code.physical_error(qubit) / code.threshold
    assert code.logical_error(d, qubit) == pytest.approx(
        code.crossing_prefactor * ratio ** ((d + 1) // 2), rel=1e-14
    )


def test_powi_matches_pow() -> None:
    for base in (0.1, 0.0667, 0.3, 1.5):
        for e in range(0, 30):
            assert powi(base, e) == pytest.approx(base**e, rel=1e-14)
    assert powi(2.0, -2) == 0.25


@pytest.mark.parametrize("code", [SurfaceCodeGateBased(), SurfaceCodeMajorana(), FloquetCode()])
def test_distance_is_smallest_sufficient_odd(code: QECCode) -> None:
    qubit = GATE if code.instruction_set == "gate_based" else MAJ
    for k in range(4, 60):
        req = 10.0 ** (-k / 3)
        try:
            d = code.code_distance_for(req, qubit)
        except InfeasibleEstimateError:
            continue
        assert d % 2 == 1
        assert code.logical_error(d, qubit) <= req * (1 + 1e-12)
        if d > 1:
            assert code.logical_error(d - 2, qubit) > req * (1 - 1e-12)


def test_distance_search_with_distance_power_scans() -> None:
    code = SurfaceCodeGateBased(distance_power=1)
    d = code.code_distance_for(1e-10, GATE)
    assert code.logical_error(d, GATE) <= 1e-10 < code.logical_error(d - 2, GATE)


def test_infeasible_distance_names_the_numbers() -> None:
    with pytest.raises(InfeasibleEstimateError, match=r"no code distance <= 50 reaches") as info:
        SurfaceCodeGateBased().code_distance_for(1e-60, GATE)
    assert info.value.constraint == "code_distance"
    assert "1e-60" in str(info.value)
    with pytest.raises(InfeasibleEstimateError, match="<= 11"):
        SurfaceCodeGateBased().code_distance_for(1e-12, GATE, max_code_distance=11)


def test_from_name_picks_variant_by_instruction_set() -> None:
    assert isinstance(QECCode.from_name("surface_code", GATE), SurfaceCodeGateBased)
    assert isinstance(QECCode.from_name("surface_code", MAJ), SurfaceCodeMajorana)
    assert isinstance(QECCode.from_name("floquet_code", MAJ), FloquetCode)
    with pytest.raises(InvalidInputError, match="floquet_code needs Majorana"):
        QECCode.from_name("floquet_code", GATE)
    with pytest.raises(UnknownNameError, match="surface_code"):
        QECCode.from_name("color_code", GATE)


def test_code_rejects_wrong_qubits() -> None:
    with pytest.raises(InvalidInputError, match="majorana"):
        FloquetCode().logical_error(5, GATE)
    noisy = PhysicalQubit(
        one_qubit_measurement_time_ns=100,
        one_qubit_gate_time_ns=50,
        one_qubit_measurement_error=1e-3,
        one_qubit_gate_error=2e-2,
    )
    with pytest.raises(InvalidInputError, match="threshold 0.01") as info:
        SurfaceCodeGateBased().logical_error(5, noisy)
    assert info.value.field == "clifford_error"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"crossing_prefactor": 0.6}, "crossing_prefactor"),  # QRE rule: <= 0.5
        ({"crossing_prefactor": -0.1}, "crossing_prefactor"),
        ({"threshold": 0.0}, "threshold"),
        ({"threshold": 1.5}, "threshold"),
    ],
)
def test_bad_code_parameters(kwargs: dict, field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        SurfaceCodeGateBased(**kwargs)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("preset", "name", "cls"),
    [
        ("qubit_gate_ns_e3", "surface_code", SurfaceCodeGateBased),
        ("qubit_maj_ns_e4", "surface_code", SurfaceCodeMajorana),
        ("qubit_maj_ns_e6", "floquet_code", FloquetCode),
    ],
)
def test_constants_match_qsharp(preset: str, name: str, cls: type) -> None:
    native = pytest.importorskip("qdk._native")
    params = [{"qubitParams": {"name": preset}, "qecScheme": {"name": name}}]
    counts = json.dumps({"numQubits": 1, "tCount": 1})
    theirs = json.loads(native.physical_estimates(counts, json.dumps(params)))[0]["jobParams"][
        "qecScheme"
    ]
    code = cls()
    assert code.threshold == theirs["errorCorrectionThreshold"]
    assert code.crossing_prefactor == theirs["crossingPrefactor"]
    assert code.cycle_time_formula == theirs["logicalCycleTime"]
    assert code.qubits_formula == theirs["physicalQubitsPerLogicalQubit"]
    assert theirs["maxCodeDistance"] == 50


def test_inverse_formula_handles_easy_targets() -> None:
    """A requirement above the prefactor needs no protection: d = 1 (QRE's saturating cast)."""
    assert SurfaceCodeGateBased().code_distance_for(0.5, GATE) == 1
    assert math.isfinite(SurfaceCodeGateBased().logical_error(1, GATE))
