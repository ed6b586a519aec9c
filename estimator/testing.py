"""Invariant checks for estimates, for tests (ours and downstream users').

:func:`assert_valid_estimate` checks what must hold for *every* estimate, whatever the
architecture: the qubit total adds up, every achieved error is within its budget, the factories
keep up within the runtime, no NaN/inf sneaks in, and exact counts stay Python ints.
"""

from __future__ import annotations

import math
from typing import Any

from estimator.physical import Estimate

_INT_FIELDS = (
    "code_distance",
    "logical_qubits",
    "algorithmic_logical_depth",
    "logical_depth",
    "num_magic_states",
    "num_factories",
    "num_factory_runs",
    "physical_qubits_per_logical",
    "physical_qubits_for_algorithm",
    "physical_qubits_for_factories",
    "physical_qubits",
    "runtime_ns",
    "rqops",
    "logical_cycle_time_ns",
)
_FLOAT_FIELDS = (
    "rotation_error",
    "logical_error_per_cycle",
    "required_logical_error",
    "clifford_error",
)


def _fail(msg: str) -> None:
    raise AssertionError(msg)


def _finite(name: str, value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        _fail(f"{name} = {value} is not finite")


def assert_valid_estimate(est: Estimate, *, rel_tol: float = 1e-9) -> None:
    """Raise ``AssertionError`` naming the first broken invariant of ``est``.

    Checks:
        * integer fields are Python ``int`` (not numpy, not float) and non-negative;
        * float fields are finite;
        * physical qubits = algorithm + factories; algorithm = logical qubits x patch size;
          factories = copies x qubits per factory; runtime = depth x cycle time (per shot for
          STAR estimates with PEC, whose runtime is one shot x the sampling overhead);
        * logical depth >= algorithmic depth; code distance odd;
        * achieved logical error ``Q C P_L(d)`` <= logical budget; magic-state error
          ``n_T eps_factory`` <= magic-state budget; rotation error <= rotation budget
          (relative tolerance ``rel_tol`` for float rounding);
        * the factories deliver ``n_T`` states within the runtime (copies x runs x states per run
          >= n_T, and runs x factory duration <= runtime).
    """
    if not isinstance(est, Estimate):
        _fail(f"not an Estimate: {type(est).__name__}")
    for name in _INT_FIELDS:
        value = getattr(est, name)
        if type(value) is not int:
            _fail(f"{name} = {value!r} is a {type(value).__name__}, not a Python int")
        if value < 0:
            _fail(f"{name} = {value} is negative")
    for name in _FLOAT_FIELDS:
        _finite(name, getattr(est, name))
    if est.required_magic_state_error is not None:
        _finite("required_magic_state_error", est.required_magic_state_error)
    if est.code_distance % 2 != 1:
        _fail(f"code distance {est.code_distance} is even")
    total = est.physical_qubits_for_algorithm + est.physical_qubits_for_factories
    if est.physical_qubits != total:
        _fail(f"physical qubits {est.physical_qubits} != algorithm + factories {total}")
    alg = est.logical_qubits * est.physical_qubits_per_logical
    if est.physical_qubits_for_algorithm != alg:
        _fail(f"algorithm qubits {est.physical_qubits_for_algorithm} != Q x patch = {alg}")
    # STAR estimates with PEC: runtime = one shot x the sampling overhead gamma^2 (>= 1)
    shot_ns = getattr(est, "runtime_per_shot_ns", 0) or est.runtime_ns
    if type(shot_ns) is not int:
        _fail(f"runtime_per_shot_ns = {shot_ns!r} is not a Python int")
    if shot_ns != est.logical_depth * est.logical_cycle_time_ns:
        _fail(f"runtime (per shot) {shot_ns} != depth x cycle time")
    if est.runtime_ns < shot_ns:
        _fail(f"runtime {est.runtime_ns} < runtime of one shot {shot_ns}")
    if est.logical_depth < est.algorithmic_logical_depth:
        _fail(f"logical depth {est.logical_depth} < algorithmic {est.algorithmic_logical_depth}")
    slack = 1.0 + rel_tol
    if est.logical_error_total > est.budget.logical * slack:
        _fail(
            f"logical error {est.logical_error_total:.4g} exceeds budget {est.budget.logical:.4g}"
        )
    if est.rotation_error > est.budget.rotations * slack:
        _fail(f"rotation error {est.rotation_error:.4g} exceeds {est.budget.rotations:.4g}")
    f = est.factory
    if est.num_magic_states == 0:
        if f is not None or est.physical_qubits_for_factories != 0:
            _fail("factories present without magic states")
        return
    if f is None:
        _fail(f"{est.num_magic_states} magic states but no factory")
        return
    if est.magic_state_error_total > est.budget.magic_states * slack:
        _fail(
            f"magic-state error {est.magic_state_error_total:.4g} exceeds budget "
            f"{est.budget.magic_states:.4g}"
        )
    if est.physical_qubits_for_factories != est.num_factories * f.physical_qubits:
        _fail("factory qubits != copies x qubits per factory")
    delivered = est.num_factories * est.num_factory_runs * f.output_states
    if delivered < est.num_magic_states:
        _fail(f"factories deliver {delivered} < {est.num_magic_states} magic states")
    if est.num_factory_runs * f.duration_ns > shot_ns:
        _fail(
            f"{est.num_factory_runs} factory runs x {f.duration_ns} ns exceed the runtime "
            f"{est.runtime_ns} ns"
        )
