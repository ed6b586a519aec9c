"""The STAR layout as pure functions: patches, physical qubits, Clifford distance, runtime.

A STAR machine holds one surface-code patch per logical data qubit plus ancilla patches (the
lattice-surgery routing lanes, where the analog states are injected next to the data). There is
no magic-state factory. This module turns numbers into numbers; it imports nothing the physical
estimate owns, so ``estimator/physical.py`` can call it with values from ``hardware.py`` and
``qec.py`` (a patch size, a logical-error function) and a rotation scheme's ``RotationCost``.

Pieces:

* :func:`star_layout`: data and ancilla patches, physical qubits (per logical qubit too);
* :func:`star_clifford_logical_error` and :func:`choose_clifford_code_distance`: the distance is
  chosen for the Clifford part only (the analog rotations' error does not depend on it);
* :func:`expected_max_rus_steps` and :func:`star_runtime`: runtime from the rotation depth, the
  RUS steps of the slowest of the parallel rotations in a layer, and the Clifford cycles;
* :func:`star_clifford_t_runtime_windows`: rotation counts where STAR (with PEC when needed) is
  faster than Clifford+T synthesis, from per-rotation times given as numbers.

References:
    [Partially Fault-tolerant Quantum Computing Architecture with Error-corrected Clifford Gates
    and Space-time Efficient Analog Rotations](https://arxiv.org/abs/2303.13181).
    Akahoshi et al. (2023). Abstract: 1e4 physical qubits, p = 1e-4, 64 logical qubits,
    1.72e7 Clifford operations and 3.75e4 rotations (as quoted by third parties).

    [QURI Parts STAR device model](https://github.com/QunaSys/quri-parts/blob/main/packages/core/quri_parts/backend/devices/star_device.py).
    QunaSys. Patch size 2 d^2; Clifford logical-error fit constants citing arXiv:2303.13181
    pp. 11-14; total/data patch ratio 4.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from attrs import frozen

from estimator.errors import InfeasibleEstimateError, InvalidInputError
from estimator.pec import fmt
from estimator.validation import (
    check_non_negative,
    check_positive,
    check_probability,
    to_number,
)

# --- layout constants ---

#: Patches per logical data qubit (data + routing/injection lanes). UNVERIFIED: inferred from the
#: STAR abstract's headline (64 logical qubits in 1e4 physical qubits at d = 7, the distance at
#: which the Clifford fit below gives 1 / 1.72e7 per patch and cycle): ceil(1.5 * 64 + 3) = 99
#: patches of 2 * 7^2 = 98 qubits = 9702 ~ 1e4. QURI Parts uses 4.0 instead
#: (``data_total_qubit_ratio``); pass ``patches_per_data_qubit=4.0, extra_patches=0`` for that.
STAR_PATCHES_PER_DATA_QUBIT = 1.5
#: Fixed extra ancilla patches (see above). UNVERIFIED.
STAR_EXTRA_PATCHES = 3

#: Clifford logical-error fit p_L = C (p / p_th)^((d+1)/2), Z part: (C, p_th).
#: arXiv:2303.13181 pp. 11-14, as used by QURI Parts star_device.py. [3P]
STAR_FIT_Z = (0.067976, 0.0038510)
#: Same fit, X part: (C, p_th). arXiv:2303.13181 pp. 11-14 via QURI Parts. [3P]
STAR_FIT_X = (0.081997, 0.0041612)


def surface_code_patch_qubits(code_distance: int) -> int:
    """Physical qubits of one rotated surface-code patch with its measure qubits, ``2 d^2``.

    ``d^2`` data plus ``d^2 - 1`` measure qubits, rounded to ``2 d^2`` as in QURI Parts'
    STAR device model.
    """
    check_positive("code_distance", code_distance, integer=True)
    return 2 * int(code_distance) ** 2


@frozen(kw_only=True)
class StarLayout:
    """Patches and physical qubits of a STAR machine.

    Attributes:
        logical_qubits: Logical data qubits of the algorithm.
        code_distance: Surface-code distance of every patch.
        data_patches: One patch per logical data qubit.
        ancilla_patches: Routing and injection patches (plus any per-scheme extra patches).
        qubits_per_patch: Physical qubits of one patch.
    """

    logical_qubits: int
    code_distance: int
    data_patches: int
    ancilla_patches: int
    qubits_per_patch: int

    @property
    def total_patches(self) -> int:
        """Data plus ancilla patches."""
        return self.data_patches + self.ancilla_patches

    @property
    def physical_qubits(self) -> int:
        """All physical qubits (exact Python int)."""
        return self.total_patches * self.qubits_per_patch

    @property
    def physical_qubits_per_logical_qubit(self) -> float:
        """Physical qubits divided by the logical data qubits."""
        return self.physical_qubits / self.logical_qubits


def star_layout(
    logical_qubits: int,
    code_distance: int,
    *,
    patches_per_data_qubit: float = STAR_PATCHES_PER_DATA_QUBIT,
    extra_patches: int = STAR_EXTRA_PATCHES,
    scheme_extra_patches: int = 0,
    qubits_per_patch: int | None = None,
) -> StarLayout:
    """Data patches plus ancilla (routing/injection) patches of a STAR machine.

    Total patches ``ceil(patches_per_data_qubit * n) + extra_patches + scheme_extra_patches``.

    Args:
        logical_qubits: Logical data qubits ``n`` (>= 1).
        code_distance: Surface-code distance ``d``.
        patches_per_data_qubit: Patches per data qubit, data included (>= 1). UNVERIFIED 1.5.
        extra_patches: Fixed extra ancilla patches. UNVERIFIED 3.
        scheme_extra_patches: Patches a rotation scheme holds on top (e.g.
            ``RotationCost.extra_logical_qubits``; STAR v3 needs one patch of ancilla space).
        qubits_per_patch: Physical qubits per patch; default ``2 d^2``. Pass the QEC code's value.
    """
    check_positive("logical_qubits", logical_qubits, integer=True)
    check_positive("code_distance", code_distance, integer=True)
    check_positive("patches_per_data_qubit", patches_per_data_qubit)
    if float(patches_per_data_qubit) < 1:
        raise InvalidInputError(
            "patches_per_data_qubit", patches_per_data_qubit, "patches_per_data_qubit >= 1"
        )
    check_non_negative("extra_patches", extra_patches, integer=True)
    check_non_negative("scheme_extra_patches", scheme_extra_patches, integer=True)
    n = int(logical_qubits)
    d = int(code_distance)
    if qubits_per_patch is None:
        per_patch = surface_code_patch_qubits(d)
    else:
        check_positive("qubits_per_patch", qubits_per_patch, integer=True)
        per_patch = int(qubits_per_patch)
    total = math.ceil(float(patches_per_data_qubit) * n) + int(extra_patches)
    total += int(scheme_extra_patches)
    return StarLayout(
        logical_qubits=n,
        code_distance=d,
        data_patches=n,
        ancilla_patches=total - n,
        qubits_per_patch=per_patch,
    )


# --- Clifford part: logical error and code distance ---


def star_clifford_logical_error(physical_error: float, code_distance: int) -> float:
    """Logical error per patch and code cycle of STAR's surface code, Z plus X parts.

    ``p_L = 0.067976 (p/0.0038510)^((d+1)/2) + 0.081997 (p/0.0041612)^((d+1)/2)``
    (arXiv:2303.13181 pp. 11-14 via QURI Parts; [3P]). At p = 1e-4, d = 7 this is 5.83e-8 =
    1 / 1.72e7, the "1.72e7 Clifford operations" of the STAR abstract.
    """
    check_probability("physical_error", physical_error)
    check_positive("code_distance", code_distance, integer=True)
    p = float(physical_error)
    exponent = (int(code_distance) + 1) / 2.0
    return sum(c * (p / p_th) ** exponent for c, p_th in (STAR_FIT_Z, STAR_FIT_X))


def choose_clifford_code_distance(
    *,
    patches: int,
    logical_cycles: float | Callable[[int], float],
    logical_budget: float,
    logical_error_per_patch_cycle: Callable[[int], float],
    max_code_distance: int = 101,
    min_code_distance: int = 3,
) -> int:
    """Smallest odd distance whose Clifford (memory) error fits the logical budget.

    The error is ``patches * logical_cycles * d * p_L(d)``: every patch lives through every code
    cycle (``logical_cycles`` logical cycles of ``d`` code cycles). The analog rotations' own
    error does not depend on ``d`` and is *not* part of this budget.

    Args:
        patches: Patches alive during the computation (data and ancilla).
        logical_cycles: Runtime in logical cycles, or a function of ``d`` giving it.
        logical_budget: The logical part of the error budget.
        logical_error_per_patch_cycle: ``p_L(d)`` per patch and code cycle, e.g.
            ``lambda d: star_clifford_logical_error(p, d)`` or the QEC code's function.
        max_code_distance: Largest distance tried.
        min_code_distance: Smallest distance tried.

    Raises:
        InfeasibleEstimateError: No distance up to ``max_code_distance`` fits (constraint
            ``"code_distance"``), with the numbers at the largest distance.
    """
    check_positive("patches", patches, integer=True)
    check_probability("logical_budget", logical_budget)
    check_positive("max_code_distance", max_code_distance, integer=True)
    check_positive("min_code_distance", min_code_distance, integer=True)
    budget = float(logical_budget)

    def error_at(d: int) -> float:
        cycles = logical_cycles(d) if callable(logical_cycles) else logical_cycles
        check_non_negative("logical_cycles", cycles)
        return int(patches) * float(cycles) * d * float(logical_error_per_patch_cycle(d))

    start = int(min_code_distance) | 1  # odd
    last_error = math.nan
    for d in range(start, int(max_code_distance) + 1, 2):
        last_error = error_at(d)
        if last_error <= budget:
            return d
    raise InfeasibleEstimateError(
        f"no code distance <= {max_code_distance} keeps the Clifford error of {patches} patches "
        f"within the logical budget {fmt(budget)} (error {fmt(last_error)} at the largest "
        "distance)",
        constraint="code_distance",
    )


# --- runtime ---


def expected_max_rus_steps(parallel_rotations: float, success_probability: float = 0.5) -> float:
    """Expected RUS steps of the slowest of ``k`` independent ladders run in parallel.

    Each ladder needs a geometric number of steps ``R`` with ``P(R > r) = (1-q)^r``, so
    ``E[max] = sum_{r >= 0} [1 - (1 - (1-q)^r)^k]``: 2 for one ladder at ``q = 1/2``, about
    4.42 for ``k = 8``, and ``log2 k + gamma/ln 2 + 1/2 + o(1)`` for large ``k``. The sum has
    ``O(log k)`` terms, independent of the number of rotations.

    Args:
        parallel_rotations: ``k`` (>= 1), rotations executed in the same layer (may be fractional,
            e.g. rotation count / rotation depth).
        success_probability: ``q`` per step.
    """
    check_positive("parallel_rotations", parallel_rotations)
    check_probability("success_probability", success_probability)
    k = float(to_number("parallel_rotations", parallel_rotations))
    if k < 1:
        raise InvalidInputError("parallel_rotations", k, "parallel_rotations >= 1")
    log_fail = math.log1p(-float(success_probability))
    total = 1.0  # r = 0: every ladder needs at least one step
    r = 1
    while True:
        survive = math.exp(r * log_fail)  # (1-q)^r
        term = -math.expm1(k * math.log1p(-survive))
        total += term
        if term < 1e-17 or r > 10_000:
            return total
        r += 1


@frozen(kw_only=True)
class StarRuntime:
    """Runtime of one STAR run (one shot), and with the PEC sampling overhead.

    Attributes:
        logical_cycles: Expected logical cycles (each ``code_distance`` code cycles).
        code_distance: The distance ``d``.
        code_cycle_time_ns: Duration of one code cycle.
        sampling_overhead: PEC factor on shots (1 without PEC).
    """

    logical_cycles: float
    code_distance: int
    code_cycle_time_ns: float
    sampling_overhead: float = 1.0

    @property
    def code_cycles(self) -> int:
        """Code cycles of one run, rounded up (exact Python int)."""
        return math.ceil(self.logical_cycles * self.code_distance)

    @property
    def runtime_ns(self) -> int:
        """Duration of one run in ns (exact for integral cycle times)."""
        t = self.code_cycle_time_ns
        if float(t).is_integer():
            return self.code_cycles * int(t)
        return math.ceil(self.code_cycles * float(t))

    @property
    def runtime_s(self) -> float:
        """Duration of one run in seconds."""
        return self.runtime_ns * 1e-9

    @property
    def total_runtime_ns(self) -> int:
        """Duration of all the extra PEC shots relative to one unmitigated shot, in ns."""
        if self.sampling_overhead == 1.0:
            return self.runtime_ns
        return math.ceil(self.runtime_ns * self.sampling_overhead)

    @property
    def total_runtime_s(self) -> float:
        """``total_runtime_ns`` in seconds."""
        return self.total_runtime_ns * 1e-9


def star_runtime(
    *,
    rotation_depth: float,
    step_logical_cycles: float,
    code_distance: int,
    code_cycle_time_ns: float,
    rotations_per_layer: float = 1.0,
    success_probability: float = 0.5,
    clifford_logical_cycles: float = 0.0,
    sampling_overhead: float = 1.0,
) -> StarRuntime:
    """Runtime from the rotation depth, RUS steps and the Clifford cycles.

    ``logical_cycles = rotation_depth * E[max RUS steps over the layer] * step_logical_cycles
    + clifford_logical_cycles``. With one rotation per layer ``E[max] = 1/q = 2``, so a layer
    takes ``RotationCost.logical_time_steps`` of an angle-independent scheme.

    Args:
        rotation_depth: Layers containing rotations.
        step_logical_cycles: Logical cycles of one RUS step (merge + injection/d), e.g.
            ``StarV1().merge_logical_cycles + StarV1().injection_code_cycles / d``.
        code_distance: The distance ``d``.
        code_cycle_time_ns: Duration of one code cycle (> 0).
        rotations_per_layer: Rotations executed in parallel per layer (>= 1).
        success_probability: RUS success probability per step.
        clifford_logical_cycles: Logical cycles spent on Clifford layers between rotations.
        sampling_overhead: PEC factor on shots (>= 1).
    """
    check_non_negative("rotation_depth", rotation_depth)
    check_positive("step_logical_cycles", step_logical_cycles)
    check_positive("code_distance", code_distance, integer=True)
    check_positive("code_cycle_time_ns", code_cycle_time_ns)
    check_non_negative("clifford_logical_cycles", clifford_logical_cycles)
    check_positive("sampling_overhead", sampling_overhead)
    if float(sampling_overhead) < 1:
        raise InvalidInputError("sampling_overhead", sampling_overhead, "sampling_overhead >= 1")
    steps = expected_max_rus_steps(rotations_per_layer, success_probability)
    cycles = float(rotation_depth) * steps * float(step_logical_cycles)
    cycles += float(clifford_logical_cycles)
    return StarRuntime(
        logical_cycles=cycles,
        code_distance=int(code_distance),
        code_cycle_time_ns=float(code_cycle_time_ns),
        sampling_overhead=float(sampling_overhead),
    )


# --- STAR vs Clifford+T runtime window ---


@frozen(kw_only=True)
class RuntimeWindow:
    """An interval of rotation counts ``[lower, upper]`` where STAR is faster than Clifford+T.

    Attributes:
        lower: Smallest rotation count of the interval.
        upper: Largest rotation count of the interval.
        lower_is_edge: Whether ``lower`` is a crossover (False: the searched range starts there).
        upper_is_edge: Whether ``upper`` is a crossover (False: the searched range ends there).
    """

    lower: float
    upper: float
    lower_is_edge: bool
    upper_is_edge: bool

    def __contains__(self, n_rotations: float) -> bool:
        return self.lower <= n_rotations <= self.upper


def _synthesis_t_count(n: np.ndarray, budget: float, slope: float, offset: float) -> np.ndarray:
    # arXiv:2203.10064 Table 1 (mixed fallback): slope log2(1/eps) + offset, eps = budget / N.
    return np.maximum(slope * np.log2(n / budget) + offset, 0.0)


def star_clifford_t_runtime_windows(
    *,
    star_time_per_rotation_ns: float,
    star_error_per_rotation: float,
    t_gate_time_ns: float,
    rotation_budget: float,
    synthesis_slope: float = 0.53,
    synthesis_offset: float = 4.86,
    star_fixed_time_ns: float = 0.0,
    clifford_t_fixed_time_ns: float = 0.0,
    max_sampling_overhead: float = 1e300,
    n_min: float = 1.0,
    n_max: float = 1e15,
    grid_points: int = 2001,
) -> tuple[RuntimeWindow, ...]:
    """Rotation counts ``N`` at which a sequence of STAR rotations beats Clifford+T on runtime.

    Models (per shot; the rotations run one after another):

    * Clifford+T: ``fixed + N * n_T(N) * t_T`` with the QRE/mixed-fallback T count
      ``n_T = slope log2(N / budget) + offset`` (the per-rotation precision shrinks as ``1/N``);
    * STAR: ``(fixed + N * t_STAR) * overhead(N)``, where ``overhead = 1`` while the expected
      faults ``N P`` fit the rotation budget and ``gamma^2 = (1-2P)^(-2N)`` (PEC) beyond; STAR
      is infeasible (counted as slower) where ``gamma^2`` exceeds ``max_sampling_overhead``.

    STAR's per-rotation advantage grows only like ``log N`` (the synthesis T count) while its PEC
    cost grows like ``exp(4 P N)``: a window has an upper edge near ``ln(n_T t_T / t_STAR)/(4P)``,
    and a lower edge only if a STAR rotation is slower than the T count of a small program.

    The search evaluates a fixed log-spaced grid (``grid_points``) and refines each edge by
    bisection: the cost does not depend on ``N``.

    Returns:
        The maximal intervals (possibly none) where STAR is strictly faster.
    """
    for name, value in (
        ("star_time_per_rotation_ns", star_time_per_rotation_ns),
        ("t_gate_time_ns", t_gate_time_ns),
        ("max_sampling_overhead", max_sampling_overhead),
        ("n_min", n_min),
        ("n_max", n_max),
    ):
        check_positive(name, value)
    check_probability("rotation_budget", rotation_budget)
    check_non_negative("star_error_per_rotation", star_error_per_rotation)
    check_non_negative("star_fixed_time_ns", star_fixed_time_ns)
    check_non_negative("clifford_t_fixed_time_ns", clifford_t_fixed_time_ns)
    check_positive("grid_points", grid_points, integer=True)
    p_rot = float(star_error_per_rotation)
    if p_rot >= 0.5:
        raise InvalidInputError("star_error_per_rotation", p_rot, "0 <= error < 0.5")
    if float(n_max) <= float(n_min):
        raise InvalidInputError("n_max", n_max, f"n_max > n_min={n_min}")
    budget = float(rotation_budget)
    log_bound = math.log(float(max_sampling_overhead))
    rate = -2.0 * math.log1p(-2.0 * p_rot)  # ln gamma^2 per rotation

    def log_advantage(n: np.ndarray) -> np.ndarray:
        """``ln(T_CliffordT / T_STAR)``; > 0 where STAR is faster, -inf where STAR is refused."""
        ct = clifford_t_fixed_time_ns + n * _synthesis_t_count(
            n, budget, synthesis_slope, synthesis_offset
        ) * float(t_gate_time_ns)
        log_overhead = np.where(n * p_rot <= budget, 0.0, rate * n)
        star = np.log(star_fixed_time_ns + n * float(star_time_per_rotation_ns)) + log_overhead
        adv = np.log(ct) - star
        return np.where(log_overhead > log_bound, -np.inf, adv)

    def faster(n: float) -> bool:
        return bool(log_advantage(np.array([n]))[0] > 0)

    def refine(lo: float, hi: float) -> float:
        """Bisect (in log N) between a point where faster(lo) != faster(hi)."""
        f_lo = faster(lo)
        a, b = math.log(lo), math.log(hi)
        for _ in range(80):
            m = 0.5 * (a + b)
            if faster(math.exp(m)) == f_lo:
                a = m
            else:
                b = m
        return math.exp(0.5 * (a + b))

    grid = np.logspace(math.log10(n_min), math.log10(n_max), int(grid_points))
    wins = log_advantage(grid) > 0
    windows = []
    i = 0
    while i < len(grid):
        if not wins[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(grid) and wins[j + 1]:
            j += 1
        lower_edge = i > 0
        upper_edge = j < len(grid) - 1
        lower = refine(float(grid[i - 1]), float(grid[i])) if lower_edge else float(grid[0])
        upper = refine(float(grid[j]), float(grid[j + 1])) if upper_edge else float(grid[-1])
        windows.append(
            RuntimeWindow(
                lower=lower, upper=upper, lower_is_edge=lower_edge, upper_is_edge=upper_edge
            )
        )
        i = j + 1
    return tuple(windows)


def windows_summary(windows: Sequence[RuntimeWindow]) -> str:
    """One line per window, for reports and test output."""
    if not windows:
        return "STAR is never faster in the searched range"
    parts = []
    for w in windows:
        lo = fmt(w.lower) + ("" if w.lower_is_edge else " (range start)")
        hi = fmt(w.upper) + ("" if w.upper_is_edge else " (range end)")
        parts.append(f"STAR faster for {lo} <= N <= {hi}")
    return "; ".join(parts)
