"""Physical qubit models: operation times (ns) and error rates.

A :class:`PhysicalQubit` describes one hardware platform the way Microsoft's resource estimator
(QRE) does: a *gate-based* instruction set (single- and two-qubit gates, T gates, single-qubit
measurements) or a *Majorana* (measurement-based) instruction set (single-qubit and two-qubit joint
measurements, T gates). Missing times and error rates are filled in from the ones given, with the
same rules as QRE (e.g. the two-qubit gate time defaults to the single-qubit gate time).

:data:`QUBIT_PRESETS` holds QRE's six named models. Their numbers are QRE's own modelling
choices ("QRE rule"): round values spanning ns/us gate times and 1e-3/1e-4 error rates for
gate-based qubits and 1e-4/1e-6 for Majorana qubits, taken from QRE 1.31 ``physical_qubit.rs``
and documented in the paper below.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix B (physical qubit parameters and the six models; the
    table number is unverified).
"""

from __future__ import annotations

from typing import Any, Literal

from attrs import field, frozen

from estimator.errors import InvalidInputError, UnknownNameError
from estimator.validation import check_positive, check_probability, to_number

InstructionSet = Literal["gate_based", "majorana"]

#: The time fields of a PhysicalQubit, in nanoseconds.
TIME_FIELDS = (
    "one_qubit_measurement_time_ns",
    "one_qubit_gate_time_ns",
    "two_qubit_gate_time_ns",
    "t_gate_time_ns",
    "two_qubit_joint_measurement_time_ns",
)
#: The error-rate fields of a PhysicalQubit (probabilities).
ERROR_FIELDS = (
    "one_qubit_measurement_error",
    "one_qubit_measurement_readout_error",
    "one_qubit_gate_error",
    "two_qubit_gate_error",
    "two_qubit_joint_measurement_error",
    "two_qubit_joint_measurement_readout_error",
    "t_gate_error",
    "idle_error",
)


def _short(x: Any) -> str:
    return "None" if x is None else f"{x:g}"


@frozen(kw_only=True, cache_hash=True)
class PhysicalQubit:
    """A physical qubit model (times in nanoseconds, error rates as probabilities).

    Unset fields (``None``) are derived from the set ones exactly as QRE normalizes its qubit
    parameters (QRE rule, ``physical_qubit.rs``):

    * gate-based: two-qubit gate time and T gate time default to the single-qubit gate time;
      two-qubit gate and T gate errors default to the single-qubit gate error; the idle error
      defaults to the measurement error. Required: measurement time, single-qubit gate time,
      measurement error, single-qubit gate error, T gate error (or the gate error).
    * Majorana: two-qubit joint measurement time and T gate time default to the single-qubit
      measurement time; joint-measurement process/readout errors and the idle error default to
      the single-qubit measurement readout error. Required: measurement time, measurement error,
      T gate error.

    For measurements, ``*_error`` is the *process* error (the error the measurement causes on the
    state) and ``*_readout_error`` the probability of reading the wrong outcome; when the readout
    error is not given it equals the process error (QRE's "simple" measurement error rate).

    Attributes:
        name: Identifier used in reports (a preset name or your own).
        instruction_set: ``"gate_based"`` or ``"majorana"``.
        one_qubit_measurement_time_ns: Single-qubit Pauli measurement time.
        one_qubit_gate_time_ns: Single-qubit Clifford gate time (gate-based only).
        two_qubit_gate_time_ns: Two-qubit Clifford gate time (gate-based only).
        t_gate_time_ns: Physical T gate time (also the duration unit of physical distillation).
        two_qubit_joint_measurement_time_ns: Two-qubit joint Pauli measurement time (Majorana).
        one_qubit_measurement_error: Process error of a single-qubit measurement.
        one_qubit_measurement_readout_error: Readout error of a single-qubit measurement.
        one_qubit_gate_error: Single-qubit Clifford gate error (gate-based).
        two_qubit_gate_error: Two-qubit Clifford gate error (gate-based).
        two_qubit_joint_measurement_error: Process error of a joint measurement (Majorana).
        two_qubit_joint_measurement_readout_error: Readout error of a joint measurement (Majorana).
        t_gate_error: Error of a physical T gate / injected T state (``p_T``).
        idle_error: Error per idle qubit per step.
    """

    name: str = "custom"
    instruction_set: InstructionSet = "gate_based"
    one_qubit_measurement_time_ns: int | None = None
    one_qubit_gate_time_ns: int | None = None
    two_qubit_gate_time_ns: int | None = None
    t_gate_time_ns: int | None = None
    two_qubit_joint_measurement_time_ns: int | None = None
    one_qubit_measurement_error: float | None = field(default=None, repr=_short)
    one_qubit_measurement_readout_error: float | None = field(default=None, repr=_short)
    one_qubit_gate_error: float | None = field(default=None, repr=_short)
    two_qubit_gate_error: float | None = field(default=None, repr=_short)
    two_qubit_joint_measurement_error: float | None = field(default=None, repr=_short)
    two_qubit_joint_measurement_readout_error: float | None = field(default=None, repr=_short)
    t_gate_error: float | None = field(default=None, repr=_short)
    idle_error: float | None = field(default=None, repr=_short)

    def __attrs_post_init__(self) -> None:
        if self.instruction_set not in ("gate_based", "majorana"):
            raise InvalidInputError(
                "instruction_set", self.instruction_set, "'gate_based' or 'majorana'"
            )
        for name in TIME_FIELDS:
            value = getattr(self, name)
            if value is not None:
                check_positive(name, value, integer=True)
                object.__setattr__(self, name, int(to_number(name, value)))
        for name in ERROR_FIELDS:
            value = getattr(self, name)
            if value is not None:
                check_probability(name, value)
                object.__setattr__(self, name, float(to_number(name, value)))
        if self.instruction_set == "gate_based":
            self._normalize_gate_based()
        else:
            self._normalize_majorana()

    # QRE rule (physical_qubit.rs, GateBasedPhysicalQubit::normalized).
    def _normalize_gate_based(self) -> None:
        for name in (
            "two_qubit_joint_measurement_time_ns",
            "two_qubit_joint_measurement_error",
            "two_qubit_joint_measurement_readout_error",
        ):
            if getattr(self, name) is not None:
                raise InvalidInputError(name, getattr(self, name), "unset for a gate-based qubit")
        if self.t_gate_error is None and self.one_qubit_gate_error is not None:
            object.__setattr__(self, "t_gate_error", self.one_qubit_gate_error)
        self._require(
            "one_qubit_measurement_time_ns",
            "one_qubit_gate_time_ns",
            "one_qubit_measurement_error",
            "one_qubit_gate_error",
        )
        self._default("two_qubit_gate_time_ns", self.one_qubit_gate_time_ns)
        self._default("t_gate_time_ns", self.one_qubit_gate_time_ns)
        self._default("two_qubit_gate_error", self.one_qubit_gate_error)
        self._default("idle_error", self.one_qubit_measurement_error)
        self._default("one_qubit_measurement_readout_error", self.one_qubit_measurement_error)

    # QRE rule (physical_qubit.rs, MajoranaQubit::normalized).
    def _normalize_majorana(self) -> None:
        for name in ("one_qubit_gate_time_ns", "two_qubit_gate_time_ns"):
            if getattr(self, name) is not None:
                raise InvalidInputError(name, getattr(self, name), "unset for a Majorana qubit")
        for name in ("one_qubit_gate_error", "two_qubit_gate_error"):
            if getattr(self, name) is not None:
                raise InvalidInputError(name, getattr(self, name), "unset for a Majorana qubit")
        self._require(
            "one_qubit_measurement_time_ns", "one_qubit_measurement_error", "t_gate_error"
        )
        self._default("one_qubit_measurement_readout_error", self.one_qubit_measurement_error)
        readout = self.one_qubit_measurement_readout_error
        self._default("two_qubit_joint_measurement_time_ns", self.one_qubit_measurement_time_ns)
        self._default("t_gate_time_ns", self.one_qubit_measurement_time_ns)
        self._default("two_qubit_joint_measurement_error", readout)
        self._default("two_qubit_joint_measurement_readout_error", readout)
        self._default("idle_error", readout)

    def _require(self, *names: str) -> None:
        missing = [n for n in names if getattr(self, n) is None]
        if missing:
            raise InvalidInputError(
                missing[0],
                None,
                f"a value for a {self.instruction_set} qubit (missing: {', '.join(missing)})",
            )

    def _default(self, name: str, value: Any) -> None:
        if getattr(self, name) is None:
            object.__setattr__(self, name, value)

    # ---- derived quantities ------------------------------------------------------------------
    @property
    def clifford_error(self) -> float:
        """QRE's ``cliffordErrorRate``: the largest error of a Clifford-level operation.

        Gate-based: max(single-qubit gate, two-qubit gate, idle) errors. Majorana: max(idle,
        single-qubit measurement process, joint measurement process) errors. (QRE rule.)
        """
        if self.instruction_set == "gate_based":
            return max(self.one_qubit_gate_error, self.two_qubit_gate_error, self.idle_error)
        return max(
            self.idle_error,
            self.one_qubit_measurement_error,
            self.two_qubit_joint_measurement_error,
        )

    @property
    def readout_error(self) -> float:
        """QRE's ``readoutErrorRate``: the largest measurement readout error."""
        if self.instruction_set == "gate_based":
            return self.one_qubit_measurement_readout_error
        return max(
            self.one_qubit_measurement_readout_error,
            self.two_qubit_joint_measurement_readout_error,
        )

    @property
    def physical_error(self) -> float:
        """The error rate QEC codes see: max(Clifford error, readout error) (QRE rule)."""
        return max(self.clifford_error, self.readout_error)

    @classmethod
    def from_preset(cls, name: str) -> PhysicalQubit:
        """One of QRE's six named qubit models (see :data:`QUBIT_PRESETS`).

        Raises:
            UnknownNameError: If ``name`` is not a preset.
        """
        try:
            return QUBIT_PRESETS[name]
        except (KeyError, TypeError):
            raise UnknownNameError("qubit preset", name, tuple(QUBIT_PRESETS)) from None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (all fields), e.g. for a report or a model file."""
        out: dict[str, Any] = {"name": self.name, "instruction_set": self.instruction_set}
        for name in TIME_FIELDS + ERROR_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


def _gate(name: str, meas_ns: int, gate_ns: int, p: float, p_t: float) -> PhysicalQubit:
    return PhysicalQubit(
        name=name,
        instruction_set="gate_based",
        one_qubit_measurement_time_ns=meas_ns,
        one_qubit_gate_time_ns=gate_ns,
        two_qubit_gate_time_ns=gate_ns,
        t_gate_time_ns=gate_ns,
        one_qubit_measurement_error=p,
        one_qubit_gate_error=p,
        two_qubit_gate_error=p,
        t_gate_error=p_t,
        idle_error=p,
    )


def _maj(name: str, p: float, p_t: float) -> PhysicalQubit:
    return PhysicalQubit(
        name=name,
        instruction_set="majorana",
        one_qubit_measurement_time_ns=100,
        two_qubit_joint_measurement_time_ns=100,
        t_gate_time_ns=100,
        one_qubit_measurement_error=p,
        one_qubit_measurement_readout_error=p,
        two_qubit_joint_measurement_error=p,
        two_qubit_joint_measurement_readout_error=p,
        t_gate_error=p_t,
        idle_error=p,
    )


#: QRE's six predefined qubit models (QRE 1.31 ``physical_qubit.rs``; arXiv:2211.07629, App. B).
QUBIT_PRESETS: dict[str, PhysicalQubit] = {
    # superconducting/spin-like: 100 ns measurement, 50 ns gates, p = 1e-3 (QRE rule)
    "qubit_gate_ns_e3": _gate("qubit_gate_ns_e3", 100, 50, 1e-3, 1e-3),
    "qubit_gate_ns_e4": _gate("qubit_gate_ns_e4", 100, 50, 1e-4, 1e-4),
    # trapped-ion-like: 100 us operations, p = 1e-3 / 1e-4, p_T = 1e-6 (QRE rule)
    "qubit_gate_us_e3": _gate("qubit_gate_us_e3", 100_000, 100_000, 1e-3, 1e-6),
    "qubit_gate_us_e4": _gate("qubit_gate_us_e4", 100_000, 100_000, 1e-4, 1e-6),
    # Majorana: 100 ns measurements; p = 1e-4 with p_T = 0.05, p = 1e-6 with p_T = 0.01 (QRE rule)
    "qubit_maj_ns_e4": _maj("qubit_maj_ns_e4", 1e-4, 0.05),
    "qubit_maj_ns_e6": _maj("qubit_maj_ns_e6", 1e-6, 0.01),
}
