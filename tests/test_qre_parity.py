"""Differential tests against Microsoft's resource estimator (the installed ``qsharp`` 1.31).

Each case runs the same logical counts through qsharp's native estimator and through
:func:`estimator.physical.estimate` on :meth:`Architecture.qre`, and requires identical code
distance, factory (rounds, units, unit names, distances, qubits and runtime per round), factory
copies and runs, physical qubits, runtime and rQOPS; error rates agree to rel 1e-9.

Known QRE deviation: QRE multiplies in u64 with wrap-around. When ``logical qubits x depth`` or the
runtime exceed 2^64 (~584 years in ns), QRE's code distance or runtime are wrong; those cases are
checked separately (``test_qre_wraps_runtime_beyond_u64``), not required to agree.
"""

from __future__ import annotations

import json
import os
import random
from typing import Any

import pytest

from estimator import physical
from estimator.architecture import Architecture
from estimator.errors import InfeasibleEstimateError
from estimator.frontier import estimate_frontier
from estimator.hardware import PhysicalQubit
from estimator.logical import LogicalCounts
from estimator.physical import Constraints, Estimate
from estimator.qec import QECCode
from estimator.testing import assert_valid_estimate


def estimate(*args: object, **kwargs: object) -> Estimate:
    """QRE-parity mode: these tests pin Microsoft's algorithm (the default search is monotone)."""
    kwargs.setdefault("search", "qre")
    return physical.estimate(*args, **kwargs)  # type: ignore[arg-type]


os.environ.setdefault("QDK_PYTHON_TELEMETRY", "none")  # no usage reports from the test suite
native = pytest.importorskip("qdk._native")

PRESETS = (
    "qubit_gate_ns_e3",
    "qubit_gate_ns_e4",
    "qubit_gate_us_e3",
    "qubit_gate_us_e4",
    "qubit_maj_ns_e4",
    "qubit_maj_ns_e6",
)
U64 = 2**64


def _qubit_params(qubit: PhysicalQubit) -> dict[str, Any]:
    if qubit.name in PRESETS:
        return {"name": qubit.name}
    out: dict[str, Any] = {"name": qubit.name}
    if qubit.instruction_set == "gate_based":
        out.update(
            instructionSet="GateBased",
            oneQubitMeasurementTime=f"{qubit.one_qubit_measurement_time_ns} ns",
            oneQubitGateTime=f"{qubit.one_qubit_gate_time_ns} ns",
            twoQubitGateTime=f"{qubit.two_qubit_gate_time_ns} ns",
            tGateTime=f"{qubit.t_gate_time_ns} ns",
            oneQubitMeasurementErrorRate=qubit.one_qubit_measurement_error,
            oneQubitGateErrorRate=qubit.one_qubit_gate_error,
            twoQubitGateErrorRate=qubit.two_qubit_gate_error,
            tGateErrorRate=qubit.t_gate_error,
            idleErrorRate=qubit.idle_error,
        )
    else:
        out.update(
            instructionSet="Majorana",
            oneQubitMeasurementTime=f"{qubit.one_qubit_measurement_time_ns} ns",
            twoQubitJointMeasurementTime=f"{qubit.two_qubit_joint_measurement_time_ns} ns",
            tGateTime=f"{qubit.t_gate_time_ns} ns",
            oneQubitMeasurementErrorRate={
                "process": qubit.one_qubit_measurement_error,
                "readout": qubit.one_qubit_measurement_readout_error,
            },
            twoQubitJointMeasurementErrorRate={
                "process": qubit.two_qubit_joint_measurement_error,
                "readout": qubit.two_qubit_joint_measurement_readout_error,
            },
            tGateErrorRate=qubit.t_gate_error,
            idleErrorRate=qubit.idle_error,
        )
    return out


def run_qre(counts: LogicalCounts, arch: Architecture, budget: float, **extra: Any) -> dict:
    params = {
        "qubitParams": _qubit_params(arch.qubit),
        "qecScheme": {"name": arch.qec.name},
        "errorBudget": budget,
        **extra,
    }
    text = native.physical_estimates(json.dumps(counts.to_qre_json()), json.dumps([params]))
    return json.loads(text)[0]


def assert_same(ours: Estimate, theirs: dict) -> None:
    """Every integer identical, every error rate within rel 1e-9."""
    assert theirs.get("status") == "success", theirs
    pc, bd, lq = (
        theirs["physicalCounts"],
        theirs["physicalCounts"]["breakdown"],
        theirs["logicalQubit"],
    )
    got = ours.to_dict()
    assert got["logicalQubit"]["codeDistance"] == lq["codeDistance"]
    assert got["logicalQubit"]["physicalQubits"] == lq["physicalQubits"]
    assert got["logicalQubit"]["logicalCycleTime"] == lq["logicalCycleTime"]
    assert got["logicalQubit"]["logicalErrorRate"] == pytest.approx(
        lq["logicalErrorRate"], rel=1e-9
    )
    for key in ("physicalQubits", "runtime", "rqops"):
        assert got["physicalCounts"][key] == pc[key], key
    for key in (
        "algorithmicLogicalQubits",
        "algorithmicLogicalDepth",
        "logicalDepth",
        "numTstates",
        "numTfactories",
        "numTfactoryRuns",
        "physicalQubitsForTfactories",
        "physicalQubitsForAlgorithm",
        "numTsPerRotation",
    ):
        assert got["physicalCounts"]["breakdown"][key] == bd.get(key), key
    for key in ("requiredLogicalQubitErrorRate", "requiredLogicalTstateErrorRate"):
        if bd.get(key) is None:
            assert got["physicalCounts"]["breakdown"][key] is None
        else:
            assert got["physicalCounts"]["breakdown"][key] == pytest.approx(bd[key], rel=1e-9)
    tf = theirs.get("tfactory")
    if tf is None:
        assert got["tfactory"] is None
    else:
        mine = got["tfactory"]
        for key, value in tf.items():
            if key == "logicalErrorRate":
                assert mine[key] == pytest.approx(value, rel=1e-9)
            else:
                assert mine[key] == value, key
    for key, value in theirs["errorBudget"].items():
        assert got["errorBudget"][key] == pytest.approx(value, rel=1e-15)


# ---- B1 ----------------------------------------------------------------------------------------
def test_b1_fixture_against_qsharp() -> None:
    counts = LogicalCounts(num_qubits=100, rotation_count=112110, rotation_depth=2001)
    arch = Architecture.qre("qubit_gate_ns_e3")
    theirs = run_qre(counts, arch, 1e-3)
    ours = estimate(counts, arch, 1e-3)
    assert_same(ours, theirs)
    assert theirs["physicalCounts"]["physicalQubits"] == 7_929_620  # peers.md B1
    assert theirs["physicalCounts"]["runtime"] == 1_156_188_000  # peers.md B1


@pytest.mark.parametrize("max_rounds", [1, 2])
def test_max_distillation_rounds_match_qsharp(max_rounds: int) -> None:
    """QRE's maxDistillationRounds; with 1 round B1 needs QRE's extra-rounds fallback."""
    counts = LogicalCounts(num_qubits=100, rotation_count=112110, rotation_depth=2001)
    arch = Architecture.qre("qubit_gate_ns_e3", max_rounds=max_rounds)
    theirs = run_qre(counts, arch, 1e-3, constraints={"maxDistillationRounds": max_rounds})
    assert_same(estimate(counts, arch, 1e-3), theirs)


# ---- random differential cases ----------------------------------------------------------------
def _random_cases(seed: int, n: int) -> list[tuple[LogicalCounts, str, str, float]]:
    rng = random.Random(seed)
    kinds = ("t_only", "rotation_heavy", "ccz_heavy", "mixed")
    archs = [(p, "surface_code") for p in PRESETS] + [
        ("qubit_maj_ns_e4", "floquet_code"),
        ("qubit_maj_ns_e6", "floquet_code"),
    ]

    def big(lo: float = 0.0) -> int:
        return int(10 ** rng.uniform(lo, 15))

    out = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        preset, qec = archs[i % len(archs)]
        q = int(10 ** rng.uniform(0, 4))
        kw: dict[str, int] = {"num_qubits": q}
        if kind == "t_only":
            kw["t_count"] = big()
        elif kind == "rotation_heavy":
            r = big()
            kw.update(rotation_count=r, rotation_depth=max(1, int(r * rng.random())))
            kw["t_count"] = rng.choice([0, big()])
        elif kind == "ccz_heavy":
            kw.update(
                ccz_count=big(), ccix_count=rng.choice([0, big()]), t_count=rng.choice([0, 8])
            )
        else:
            r = big()
            kw.update(
                t_count=big(),
                rotation_count=r,
                rotation_depth=max(1, int(r * rng.random())),
                ccz_count=big(),
                ccix_count=big(),
                measurement_count=big(),
            )
        budget = 10 ** rng.uniform(-5, -2)
        out.append((LogicalCounts(**kw), preset, qec, budget))
    return out


CASES = _random_cases(seed=20261125, n=72)


def _overflows_u64(ours: Estimate) -> bool:
    return (
        ours.logical_qubits * ours.logical_depth >= U64
        or ours.runtime_ns >= U64
        or ours.logical_qubits * ours.algorithmic_logical_depth >= U64
    )


def test_random_counts_match_qsharp() -> None:
    """72 seeded programs, all presets, both codes: identical results (or both infeasible)."""
    compared = 0
    for counts, preset, qec, budget in CASES:
        arch = Architecture.qre(preset, qec)
        theirs = run_qre(counts, arch, budget)
        if theirs.get("status") != "success":
            with pytest.raises(InfeasibleEstimateError):
                estimate(counts, arch, budget)
            continue
        ours = estimate(counts, arch, budget)
        assert_valid_estimate(ours)
        if _overflows_u64(ours):
            continue
        assert_same(ours, theirs)
        compared += 1
    assert compared >= 50


def test_cases_cover_the_requested_space() -> None:
    kinds = {("t" if c.t_count else "") + ("r" if c.rotation_count else "") for c, *_ in CASES}
    assert {"t", "r", "tr", ""} <= kinds | {""}
    assert {p for _, p, _, _ in CASES} == set(PRESETS)
    assert {q for _, _, q, _ in CASES} == {"surface_code", "floquet_code"}
    assert max(c.t_count + c.ccz_count + c.rotation_count for c, *_ in CASES) > 10**14
    assert min(c.num_qubits for c, *_ in CASES) < 10 and max(c.num_qubits for c, *_ in CASES) > 1000


# ---- custom qubits, infeasible cases, constraints ---------------------------------------------
CUSTOM = (
    PhysicalQubit(
        name="custom_gate",
        one_qubit_measurement_time_ns=200,
        one_qubit_gate_time_ns=30,
        one_qubit_measurement_error=2e-3,
        one_qubit_gate_error=5e-4,
        t_gate_error=5e-4,
    ),
    PhysicalQubit(
        name="custom_majorana",
        instruction_set="majorana",
        one_qubit_measurement_time_ns=150,
        one_qubit_measurement_error=3e-5,
        one_qubit_measurement_readout_error=1e-4,
        t_gate_error=0.02,
    ),
)
PROGRAMS = (
    LogicalCounts(num_qubits=100, rotation_count=112110, rotation_depth=2001),
    LogicalCounts(num_qubits=50, t_count=10**9, ccz_count=10**7),
)


@pytest.mark.parametrize("qubit", CUSTOM, ids=lambda q: q.name)
@pytest.mark.parametrize("counts", PROGRAMS, ids=("b1", "t_ccz"))
def test_custom_qubits_match_qsharp(qubit: PhysicalQubit, counts: LogicalCounts) -> None:
    name = "surface_code" if qubit.instruction_set == "gate_based" else "floquet_code"
    arch = Architecture(name="custom", qubit=qubit, qec=QECCode.from_name(name, qubit))
    assert_same(estimate(counts, arch, 1e-3), run_qre(counts, arch, 1e-3))


def test_infeasible_where_qsharp_fails() -> None:
    noisy = PhysicalQubit(
        name="noisy",
        one_qubit_measurement_time_ns=100,
        one_qubit_gate_time_ns=50,
        one_qubit_measurement_error=9e-3,
        one_qubit_gate_error=9e-3,
        t_gate_error=9e-3,
    )
    arch = Architecture(name="noisy", qubit=noisy, qec=QECCode.from_name("surface_code", noisy))
    theirs = run_qre(PROGRAMS[0], arch, 1e-3)
    assert theirs["code"] == "Qdk.Qsc.Estimates.CodeParameterComputationFailed"
    assert "415" in theirs["message"]
    with pytest.raises(InfeasibleEstimateError, match=r"needs d = 415") as info:
        estimate(PROGRAMS[0], arch, 1e-3)
    assert info.value.constraint == "code_distance"


_CONSTRAINTS = [
    ({"maxTFactories": 10}, Constraints(max_t_factories=10)),
    ({"maxTFactories": 1}, Constraints(max_t_factories=1)),
    ({"logicalDepthFactor": 2.5}, Constraints(logical_depth_factor=2.5)),
    (
        {"maxTFactories": 5, "logicalDepthFactor": 1.5},
        Constraints(max_t_factories=5, logical_depth_factor=1.5),
    ),
    ({"maxDuration": "10 s"}, Constraints(max_duration_ns=10**10)),
    (
        {"maxDuration": "100 s", "maxTFactories": 3},
        Constraints(max_duration_ns=10**11, max_t_factories=3),
    ),
    ({"maxPhysicalQubits": 300_000}, Constraints(max_physical_qubits=300_000)),
    ({"maxPhysicalQubits": 2_000_000}, Constraints(max_physical_qubits=2_000_000)),
]


@pytest.mark.parametrize(("qre_constraints", "ours"), _CONSTRAINTS)
@pytest.mark.parametrize("counts", PROGRAMS, ids=("b1", "t_ccz"))
def test_constraints_match_qsharp(
    qre_constraints: dict, ours: Constraints, counts: LogicalCounts
) -> None:
    arch = Architecture.qre("qubit_gate_ns_e3")
    theirs = run_qre(counts, arch, 1e-3, constraints=qre_constraints)
    if theirs.get("status") != "success":
        assert "Max" in theirs["code"]  # MaxDurationTooSmall / MaxPhysicalQubitsTooSmall
        with pytest.raises(InfeasibleEstimateError):
            estimate(counts, arch, 1e-3, constraints=ours)
        return
    est = estimate(counts, arch, 1e-3, constraints=ours)
    assert_valid_estimate(est)
    assert_same(est, theirs)


# ---- frontier ---------------------------------------------------------------------------------
_FRONTIER_CASES = [
    (PROGRAMS[0], "qubit_gate_ns_e3", "surface_code", 1e-3),
    (
        LogicalCounts(num_qubits=50, t_count=10**9, ccz_count=10**7),
        "qubit_gate_us_e4",
        "surface_code",
        1e-4,
    ),
    (
        LogicalCounts(num_qubits=1000, t_count=10**12, measurement_count=10**6),
        "qubit_maj_ns_e4",
        "floquet_code",
        1e-2,
    ),
    (LogicalCounts(num_qubits=12, t_count=3000), "qubit_maj_ns_e6", "surface_code", 1e-3),
]


@pytest.mark.parametrize(("counts", "preset", "qec", "budget"), _FRONTIER_CASES)
def test_frontier_matches_qsharp(
    counts: LogicalCounts, preset: str, qec: str, budget: float
) -> None:
    arch = Architecture.qre(preset, qec)
    theirs = run_qre(counts, arch, budget, estimateType="frontier")["frontierEntries"]
    ours = estimate_frontier(counts, arch, budget)
    assert len(ours) == len(theirs)
    for mine, entry in zip(ours, theirs, strict=True):
        pc = entry["physicalCounts"]
        assert (mine.physical_qubits, mine.runtime_ns) == (pc["physicalQubits"], pc["runtime"])
        assert mine.code_distance == entry["logicalQubit"]["codeDistance"]
        assert mine.num_factories == pc["breakdown"]["numTfactories"]
        assert mine.factory.to_dict()["numUnitsPerRound"] == entry["tfactory"]["numUnitsPerRound"]


# ---- documented QRE overflow ---------------------------------------------------------------------
def test_qre_wraps_runtime_beyond_u64() -> None:
    """QRE's runtime wraps modulo 2^64; ours stays exact, and so does our factory count."""
    counts = LogicalCounts(num_qubits=60, t_count=73_217_861_371_170)
    arch = Architecture.qre("qubit_gate_us_e4")
    theirs = run_qre(counts, arch, 0.0066068023708744745)
    ours = estimate(counts, arch, 0.0066068023708744745)
    assert ours.runtime_ns > U64
    assert theirs["physicalCounts"]["runtime"] == ours.runtime_ns % U64
    assert theirs["logicalQubit"]["codeDistance"] == ours.code_distance
    assert theirs["physicalCounts"]["breakdown"]["logicalDepth"] == ours.logical_depth
    # QRE then counts factories in floating point: one copy fewer, whose runs overrun the runtime
    bd = theirs["physicalCounts"]["breakdown"]
    assert bd["numTfactories"] == ours.num_factories - 1
    assert bd["numTfactoryRuns"] * ours.factory.duration_ns > ours.runtime_ns
    assert_valid_estimate(ours)
