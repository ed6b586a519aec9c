"""Physical qubit models: QRE's six presets (checked against qsharp) and custom qubits."""

from __future__ import annotations

import json
import os

import pytest

from estimator.errors import InvalidInputError, UnknownNameError
from estimator.hardware import QUBIT_PRESETS, PhysicalQubit

os.environ.setdefault("QDK_PYTHON_TELEMETRY", "none")  # no usage reports from tests

PRESETS = (
    "qubit_gate_ns_e3",
    "qubit_gate_ns_e4",
    "qubit_gate_us_e3",
    "qubit_gate_us_e4",
    "qubit_maj_ns_e4",
    "qubit_maj_ns_e6",
)

# qsharp's serialized qubit parameters use "<n> ns" strings and {process, readout} error pairs.
_TIME_KEYS = {
    "oneQubitMeasurementTime": "one_qubit_measurement_time_ns",
    "oneQubitGateTime": "one_qubit_gate_time_ns",
    "twoQubitGateTime": "two_qubit_gate_time_ns",
    "tGateTime": "t_gate_time_ns",
    "twoQubitJointMeasurementTime": "two_qubit_joint_measurement_time_ns",
}


def _qsharp_qubit_params(preset: str) -> dict:
    native = pytest.importorskip("qdk._native")
    params = [{"qubitParams": {"name": preset}, "errorBudget": 1e-3}]
    out = json.loads(
        native.physical_estimates(json.dumps({"numQubits": 1, "tCount": 1}), json.dumps(params))
    )
    return out[0]["jobParams"]["qubitParams"]


def _ns(text: str) -> int:
    value, unit = text.split()
    return int(float(value) * {"ns": 1, "µs": 1_000, "us": 1_000, "ms": 1_000_000}[unit])


@pytest.mark.parametrize("preset", PRESETS)
def test_presets_match_qsharp(preset: str) -> None:
    """Every time and error rate of our preset equals the one qsharp 1.31 uses."""
    ours = PhysicalQubit.from_preset(preset)
    theirs = _qsharp_qubit_params(preset)
    assert (
        ours.instruction_set
        == {"GateBased": "gate_based", "Majorana": "majorana"}[theirs["instructionSet"]]
    )
    for key, attr in _TIME_KEYS.items():
        if key in theirs:
            assert getattr(ours, attr) == _ns(theirs[key]), key
    simple = {
        "oneQubitGateErrorRate": "one_qubit_gate_error",
        "twoQubitGateErrorRate": "two_qubit_gate_error",
        "tGateErrorRate": "t_gate_error",
        "idleErrorRate": "idle_error",
    }
    for key, attr in simple.items():
        if key in theirs:
            assert getattr(ours, attr) == theirs[key], key
    meas = theirs["oneQubitMeasurementErrorRate"]
    if isinstance(meas, dict):
        assert ours.one_qubit_measurement_error == meas["process"]
        assert ours.one_qubit_measurement_readout_error == meas["readout"]
        joint = theirs["twoQubitJointMeasurementErrorRate"]
        assert ours.two_qubit_joint_measurement_error == joint["process"]
        assert ours.two_qubit_joint_measurement_readout_error == joint["readout"]
    else:
        assert ours.one_qubit_measurement_error == meas


@pytest.mark.parametrize(
    ("preset", "clifford", "readout", "t_error"),
    [
        ("qubit_gate_ns_e3", 1e-3, 1e-3, 1e-3),  # QRE physical_qubit.rs
        ("qubit_gate_us_e3", 1e-3, 1e-3, 1e-6),  # QRE physical_qubit.rs
        ("qubit_gate_us_e4", 1e-4, 1e-4, 1e-6),  # QRE physical_qubit.rs
        ("qubit_maj_ns_e4", 1e-4, 1e-4, 0.05),  # QRE physical_qubit.rs
        ("qubit_maj_ns_e6", 1e-6, 1e-6, 0.01),  # QRE physical_qubit.rs
    ],
)
def test_derived_error_rates(preset: str, clifford: float, readout: float, t_error: float) -> None:
    q = PhysicalQubit.from_preset(preset)
    assert q.clifford_error == clifford
    assert q.readout_error == readout
    assert q.t_gate_error == t_error
    assert q.physical_error == max(clifford, readout)


def test_registry_has_exactly_qres_six() -> None:
    assert set(QUBIT_PRESETS) == set(PRESETS)


def test_unknown_preset_names_the_options() -> None:
    with pytest.raises(UnknownNameError, match="qubit_gate_ns_e3") as info:
        PhysicalQubit.from_preset("qubit_gate_ns_e5")
    assert info.value.field == "qubit preset"
    assert info.value.value == "qubit_gate_ns_e5"


def test_custom_gate_based_qubit_fills_defaults_like_qre() -> None:
    q = PhysicalQubit(
        name="mine",
        one_qubit_measurement_time_ns=200,
        one_qubit_gate_time_ns=30,
        one_qubit_measurement_error=2e-3,
        one_qubit_gate_error=5e-4,
    )
    assert q.two_qubit_gate_time_ns == 30
    assert q.t_gate_time_ns == 30
    assert q.two_qubit_gate_error == 5e-4
    assert q.t_gate_error == 5e-4
    assert q.idle_error == 2e-3  # QRE rule: idle defaults to the measurement error
    assert q.clifford_error == 2e-3


def test_custom_majorana_qubit_fills_defaults_like_qre() -> None:
    q = PhysicalQubit(
        name="maj",
        instruction_set="majorana",
        one_qubit_measurement_time_ns=150,
        one_qubit_measurement_error=3e-5,
        one_qubit_measurement_readout_error=1e-4,
        t_gate_error=0.02,
    )
    assert q.two_qubit_joint_measurement_time_ns == 150
    assert q.t_gate_time_ns == 150
    # QRE rule: joint measurement and idle errors default to the single-qubit readout error
    assert q.two_qubit_joint_measurement_error == 1e-4
    assert q.idle_error == 1e-4
    assert q.clifford_error == 1e-4
    assert q.readout_error == 1e-4


def test_presets_are_hashable_values() -> None:
    a = PhysicalQubit.from_preset("qubit_gate_ns_e3")
    b = PhysicalQubit(**{k: v for k, v in a.to_dict().items()})
    assert a == b and hash(a) == hash(b)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"one_qubit_gate_error": 0.0}, "one_qubit_gate_error"),
        ({"one_qubit_gate_error": 1.0}, "one_qubit_gate_error"),
        ({"one_qubit_gate_error": float("nan")}, "one_qubit_gate_error"),
        ({"one_qubit_measurement_time_ns": -5}, "one_qubit_measurement_time_ns"),
        ({"one_qubit_measurement_time_ns": 12.5}, "one_qubit_measurement_time_ns"),
        ({"instruction_set": "photonic"}, "instruction_set"),
        ({"two_qubit_joint_measurement_time_ns": 100}, "two_qubit_joint_measurement_time_ns"),
    ],
)
def test_bad_qubit_parameters_raise_with_field(kwargs: dict, field: str) -> None:
    base = {
        "one_qubit_measurement_time_ns": 100,
        "one_qubit_gate_time_ns": 50,
        "one_qubit_measurement_error": 1e-3,
        "one_qubit_gate_error": 1e-3,
    }
    base.update(kwargs)
    with pytest.raises(InvalidInputError) as info:
        PhysicalQubit(**base)
    assert info.value.field == field


def test_missing_required_field_is_named() -> None:
    with pytest.raises(InvalidInputError, match="one_qubit_gate_time_ns"):
        PhysicalQubit(one_qubit_measurement_time_ns=100, one_qubit_measurement_error=1e-3)
