"""The physical estimate: the B1 fixture, generic rotation schemes, errors, serialization, speed."""

from __future__ import annotations

import json
import math
import time
from typing import Any, ClassVar

import attrs
import pytest
import sympy
from attrs import frozen
from hypothesis import given, settings
from hypothesis import strategies as st

from estimator import physical
from estimator.architecture import Architecture
from estimator.budget import ErrorBudget
from estimator.errors import (
    InfeasibleEstimateError,
    InvalidInputError,
    SymbolicValueError,
    UnknownNameError,
)
from estimator.logical import LogicalCounts
from estimator.physical import Constraints, Estimate
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.testing import assert_valid_estimate


def estimate(*args: object, **kwargs: object) -> Estimate:
    """QRE-parity mode: these tests pin Microsoft's algorithm (the default search is monotone)."""
    kwargs.setdefault("search", "qre")
    return physical.estimate(*args, **kwargs)  # type: ignore[arg-type]


B1 = LogicalCounts(num_qubits=100, rotation_count=112110, rotation_depth=2001)
QRE = Architecture.qre("qubit_gate_ns_e3")


def test_b1_fixture_exactly() -> None:
    """peers.md B1 (QRE's test_report.json, re-run with qsharp 1.31)."""
    est = estimate(B1, QRE, 1e-3)
    assert_valid_estimate(est)
    assert est.logical_qubits == 230
    assert est.t_per_rotation == 20
    assert est.algorithmic_logical_depth == est.logical_depth == 152_130
    assert est.num_magic_states == 2_242_200
    assert est.code_distance == 19
    assert est.physical_qubits_per_logical == 722
    assert est.logical_cycle_time_ns == 7600
    assert est.factory.num_rounds == 2
    assert est.num_factories == 233
    assert est.num_factory_runs == 9624
    assert est.physical_qubits_for_algorithm == 166_060
    assert est.physical_qubits_for_factories == 7_763_560
    assert est.physical_qubits == 7_929_620
    assert est.runtime_ns == 1_156_188_000
    assert est.rqops == 30_263_158
    assert est.required_logical_error == pytest.approx(9.526558616438839e-12, rel=1e-15)
    assert est.required_magic_state_error == pytest.approx(1.4866351500014866e-10, rel=1e-15)
    assert est.budget == ErrorBudget(logical=1e-3 / 3, magic_states=1e-3 / 3, rotations=1e-3 / 3)


def test_explicit_budget_equals_split_total() -> None:
    split = ErrorBudget(logical=1e-3 / 3, magic_states=1e-3 / 3, rotations=1e-3 / 3)
    assert estimate(B1, QRE, split) == estimate(B1, QRE, 1e-3)


def test_t_only_program_splits_budget_in_two() -> None:
    est = estimate(LogicalCounts(num_qubits=10, t_count=10**6), QRE, 1e-3)
    assert est.budget.logical == est.budget.magic_states == 5e-4
    assert est.budget.rotations == 0.0
    assert est.t_per_rotation is None
    assert_valid_estimate(est)


def test_clifford_only_program_needs_no_factory() -> None:
    est = estimate(LogicalCounts(num_qubits=10, measurement_count=1000), QRE, 1e-3)
    assert est.factory is None and est.num_factories == 0
    assert est.physical_qubits == est.physical_qubits_for_algorithm
    assert_valid_estimate(est)


def test_runtime_beyond_int64_stays_exact() -> None:
    c = LogicalCounts(num_qubits=60, t_count=73_217_861_371_170)
    est = estimate(c, Architecture.qre("qubit_gate_us_e4"), 0.0066)
    assert est.runtime_ns > 2**64
    assert type(est.runtime_ns) is int
    assert est.runtime_ns == est.logical_depth * est.logical_cycle_time_ns
    assert_valid_estimate(est)


# ---- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("budget", [0.0, 1.0, -0.1, 1.5, float("nan"), True])
def test_budget_outside_unit_interval(budget: Any) -> None:
    with pytest.raises(InvalidInputError, match="error_budget") as info:
        estimate(B1, QRE, budget)
    assert info.value.field == "error_budget"


def test_missing_budget_part_is_named() -> None:
    with pytest.raises(InvalidInputError, match="rotations") as info:
        estimate(B1, QRE, ErrorBudget(logical=1e-3, magic_states=1e-3, rotations=0.0))
    assert info.value.field == "error_budget.rotations"


def test_negative_counts_are_rejected() -> None:
    with pytest.raises(InvalidInputError, match="t_count") as info:
        LogicalCounts(num_qubits=10, t_count=-5)
    assert info.value.field == "t_count"


def test_symbolic_counts_name_the_field() -> None:
    n = sympy.Symbol("n", positive=True, integer=True)
    c = LogicalCounts(num_qubits=10, t_count=4 * n)
    with pytest.raises(SymbolicValueError) as info:
        estimate(c, QRE, 1e-3)
    assert info.value.field == "counts.t_count"
    assert estimate(c.subs(n=1000), QRE, 1e-3).num_magic_states == 4000


def test_unknown_preset_and_code() -> None:
    with pytest.raises(UnknownNameError, match="qubit_gate_ns_e3"):
        Architecture.qre("qubit_gate_ps_e9")
    with pytest.raises(InvalidInputError, match="floquet"):
        Architecture.qre("qubit_gate_ns_e3", "floquet_code")


def test_infeasible_distance_gives_numbers() -> None:
    c = LogicalCounts(num_qubits=10_000, t_count=10**15)
    arch = Architecture.qre("qubit_gate_ns_e3")
    arch = attrs.evolve(arch, max_code_distance=15)
    with pytest.raises(InfeasibleEstimateError, match=r"no code distance <= 15 reaches") as info:
        estimate(c, arch, 1e-5)
    assert info.value.constraint == "code_distance"


def test_empty_program_is_invalid() -> None:
    with pytest.raises(InvalidInputError, match="at least one operation"):
        estimate(LogicalCounts(num_qubits=5), QRE, 1e-3)


def test_constraints_validation() -> None:
    with pytest.raises(InvalidInputError) as info:
        Constraints(max_duration_ns=10, max_physical_qubits=10)
    assert info.value.field == "constraints"
    with pytest.raises(InvalidInputError) as info:
        Constraints(logical_depth_factor=0.5)
    assert info.value.field == "logical_depth_factor"
    with pytest.raises(InvalidInputError) as info:
        Constraints(max_t_factories=0)
    assert info.value.field == "max_t_factories"


def test_too_tight_duration_is_infeasible() -> None:
    with pytest.raises(InfeasibleEstimateError, match="max_duration_ns = 500,000,000") as info:
        estimate(B1, QRE, 1e-3, constraints=Constraints(max_duration_ns=5 * 10**8))
    assert info.value.constraint == "max_duration_ns"


# ---- generic rotation schemes -----------------------------------------------------------------
@frozen(kw_only=True)
class _ByAngle(RotationScheme):
    """A toy angle-dependent scheme: small angles cost 1 T, others 10 T."""

    name: ClassVar[str] = "toy_by_angle"
    angle_dependent: ClassVar[bool] = True
    calls: list = attrs.field(factory=list, eq=False, hash=False)

    def cost(
        self, *, precision: float, angle: Any = None, context: RotationContext | None = None
    ) -> RotationCost:
        self.calls.append(angle)
        n_t = 1 if angle is not None and abs(angle) < 1e-3 else 10
        return RotationCost(scheme=self.name, t_count=n_t, logical_time_steps=n_t, error=precision)


@frozen(kw_only=True)
class _ByDistance(RotationScheme):
    """A toy scheme whose cost depends on the code distance (forces the fixed point)."""

    name: ClassVar[str] = "toy_by_distance"

    def cost(
        self, *, precision: float, angle: Any = None, context: RotationContext | None = None
    ) -> RotationCost:
        d = 0 if context is None or context.code_distance is None else context.code_distance
        return RotationCost(scheme=self.name, logical_time_steps=1 + d, error=precision / 2)


@frozen(kw_only=True)
class _TooNoisy(RotationScheme):
    name: ClassVar[str] = "toy_noisy"

    def cost(
        self, *, precision: float, angle: Any = None, context: RotationContext | None = None
    ) -> RotationCost:
        return RotationCost(scheme=self.name, t_count=1, error=1e-4)


def test_angle_histogram_is_summed_not_looped() -> None:
    scheme = _ByAngle()
    arch = attrs.evolve(QRE, rotation_scheme=scheme)
    r_small, r_big = 10**12, 10**6
    c = LogicalCounts(
        num_qubits=20,
        rotation_count=r_small + r_big,
        rotation_depth=r_small + r_big,
        rotation_angles=((1e-5, r_small), (0.7, r_big)),
    )
    t0 = time.perf_counter()
    est = estimate(c, arch, 1e-2)
    assert time.perf_counter() - t0 < 5.0
    assert len(scheme.calls) <= 10  # a few calls per histogram bin, never per rotation
    assert est.num_magic_states == r_small * 1 + r_big * 10
    assert est.rotation_error == pytest.approx(1e-2 / 3, rel=1e-9)
    assert_valid_estimate(est)


def test_distance_dependent_scheme_reaches_a_fixed_point() -> None:
    arch = attrs.evolve(QRE, rotation_scheme=_ByDistance())
    c = LogicalCounts(num_qubits=20, rotation_count=1000, rotation_depth=1000)
    est = estimate(c, arch, 1e-3)
    assert est.rotation.logical_time_steps == 1 + est.code_distance
    assert_valid_estimate(est)


def test_rotation_error_over_budget_is_infeasible() -> None:
    arch = attrs.evolve(QRE, rotation_scheme=_TooNoisy())
    c = LogicalCounts(num_qubits=20, rotation_count=10**6, rotation_depth=10)
    with pytest.raises(InfeasibleEstimateError, match=r"toy_noisy rotation error 0.0001 x") as info:
        estimate(c, arch, 1e-3)
    assert info.value.constraint == "rotation_budget"


# ---- results ----------------------------------------------------------------------------------
def test_to_dict_is_json_and_round_trips() -> None:
    est = estimate(B1, QRE, 1e-3, constraints=Constraints(max_t_factories=50))
    data = est.to_dict()
    text = json.dumps(data)
    back = Estimate.from_dict(json.loads(text))
    assert back == est
    assert data["physicalCounts"]["physicalQubits"] == est.physical_qubits
    assert data["logicalQubit"]["codeDistance"] == est.code_distance
    assert data["tfactory"]["numUnitsPerRound"] == list(est.factory.units_per_round)
    assert data["errorBudget"]["tstates"] == est.budget.magic_states


def test_report_entries_fill_in_numbers() -> None:
    est = estimate(B1, QRE, 1e-3)
    entries = {e.key: e for e in est.report_entries()}
    assert entries["physicalCounts/runtime"].value == 1_156_188_000
    assert "7,600 ns x 152,130" in entries["physicalCounts/runtime"].explanation
    assert "166,060 + 7,763,560 = 7,929,620" in entries["physicalCounts/physicalQubits"].explanation
    assert "= 233" in entries["physicalCounts/breakdown/numTfactories"].explanation
    assert "20 * 2,001" in entries["physicalCounts/breakdown/algorithmicLogicalDepth"].explanation
    assert "= 19" in entries["logicalQubit/codeDistance"].explanation
    for e in entries.values():
        assert e.label and e.explanation


def test_estimate_is_fast_after_warm_up() -> None:
    """qsharp takes ~0.5-6 ms per estimate; a cached estimate here takes ~0.1 ms."""
    estimate(B1, QRE, 1e-3)
    t0 = time.perf_counter()
    for _ in range(50):
        estimate(B1, QRE, 1e-3)
    per = (time.perf_counter() - t0) / 50
    assert per < 6e-3, per


def test_estimates_are_hashable_values() -> None:
    a, b = estimate(B1, QRE, 1e-3), estimate(B1, QRE, 1e-3)
    assert a == b and hash(a) == hash(b)
    assert math.isclose(a.runtime_s, 1.156188)


def test_report_without_factories() -> None:
    est = estimate(LogicalCounts(num_qubits=10, measurement_count=1000), QRE, 1e-3)
    keys = {e.key for e in est.report_entries()}
    assert "tfactory" not in keys
    assert "physicalCounts/runtime" in keys
    assert Estimate.from_dict(json.loads(json.dumps(est.to_dict()))) == est


@settings(max_examples=25, deadline=None)
@given(
    q=st.integers(1, 10_000),
    t=st.integers(0, 10**15),
    ccz=st.integers(0, 10**12),
    rot=st.integers(0, 10**12),
    meas=st.integers(0, 10**9),
    log_budget=st.floats(-5, -2),
    preset=st.sampled_from(sorted(["qubit_gate_ns_e3", "qubit_gate_us_e4", "qubit_maj_ns_e6"])),
)
def test_invariants_hold_for_any_program(
    q: int, t: int, ccz: int, rot: int, meas: int, log_budget: float, preset: str
) -> None:
    c = LogicalCounts(
        num_qubits=q,
        t_count=t,
        ccz_count=ccz,
        rotation_count=rot,
        rotation_depth=max(1, rot // 7) if rot else 0,
        measurement_count=meas,
    )
    try:
        est = estimate(c, Architecture.qre(preset), 10**log_budget)
    except InvalidInputError:
        assert t == ccz == rot == meas == 0  # an empty program is the only invalid input here
        return
    except InfeasibleEstimateError as exc:
        assert exc.constraint in {"code_distance", "rotation_budget"}
        return
    assert_valid_estimate(est)


def test_program_where_qsharp_hangs() -> None:
    """qsharp 1.31 loops forever on this input (Newton overshoot in its binomial quantile);
    we finish with a valid estimate."""
    c = LogicalCounts(
        num_qubits=1, t_count=4448, rotation_count=115740, rotation_depth=1871, measurement_count=5
    )
    t0 = time.perf_counter()
    est = estimate(c, Architecture.qre("qubit_gate_us_e4"), 0.0009718256370675175)
    assert time.perf_counter() - t0 < 10
    assert_valid_estimate(est)


def test_rotations_missing_from_histogram_get_generic_cost() -> None:
    arch = attrs.evolve(QRE, rotation_scheme=_ByAngle())
    c = LogicalCounts(
        num_qubits=5, rotation_count=100, rotation_depth=100, rotation_angles=((1e-5, 40),)
    )
    est = estimate(c, arch, 1e-3)
    assert est.num_magic_states == 40 * 1 + 60 * 10
    assert_valid_estimate(est)


def test_unreachable_magic_state_error_is_infeasible_not_a_hang() -> None:
    """A magic-state source that cannot reach the target error must end the search.

    Cultivation at p = 1e-3 yields T states of error ~2e-9 (arXiv:2409.17595); a program with
    ~1e9 T states needs ~1e-12. The search used to raise the run length forever once the patch
    error was too small for the code distance to grow.
    """
    from estimator.errors import InfeasibleEstimateError
    from estimator.logical import LogicalCounts
    from estimator.model_files import load_model
    from estimator.physical import estimate

    counts = LogicalCounts(num_qubits=50, t_count=10**9, rotation_count=10**7, rotation_depth=10**7)
    with pytest.raises(InfeasibleEstimateError, match=r"no magic-state factory of cultivation"):
        estimate(counts, load_model("clifford_t_cultivation_p1e-3"), 1e-2)
