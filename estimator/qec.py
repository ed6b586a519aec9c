"""QEC codes: logical error versus code distance, cycle time, qubits per patch, distance search.

Every code here follows the threshold model ``P_L(d) = a * d^k * (p / p*)^((d + 1) / 2)`` with the
crossing prefactor ``a``, the threshold ``p*``, an optional distance power ``k`` (0 for QRE's codes)
and ``p`` the physical error rate the code sees, which QRE takes as
``max(cliffordErrorRate, readoutErrorRate)`` of the qubit (QRE rule). The exponent uses integer
division ``(d + 1) // 2``, as QRE does (only odd distances are used).

References:
    [Surface codes: Towards practical large-scale quantum computation](https://arxiv.org/abs/1208.0928).
    Fowler et al. (2012). Eq. (11) (the logical error model), Eq. (13) (threshold ~1%).

    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix D, Eq. (E2) (inverting the model for the distance), Table VI.

    [Benchmarking the planar honeycomb code](https://arxiv.org/abs/2202.11829). Gidney et al.
    (2022). Table 2 (Floquet code footprint).
"""

from __future__ import annotations

import abc
import math
from typing import ClassVar

from attrs import field, frozen

from estimator.errors import InfeasibleEstimateError, InvalidInputError, UnknownNameError
from estimator.hardware import PhysicalQubit
from estimator.validation import check_positive, check_probability, to_number

#: QRE's largest allowed code distance (QRE 1.31 ``constants.rs``, ``MAX_CODE_DISTANCE``).
QRE_MAX_CODE_DISTANCE = 50


def powi(base: float, exponent: int) -> float:
    """``base ** exponent`` by binary exponentiation, bit-compatible with Rust's ``f64::powi``.

    QRE evaluates ``(p/p*)^((d+1)/2)`` with ``powi``, which multiplies in this order (LLVM's
    ``__powidf2``). Using the same order keeps our logical error rates identical to the last bit,
    so floors and comparisons downstream agree with QRE.
    """
    recip = exponent < 0
    b = -exponent if recip else exponent
    r = 1.0
    a = base
    while True:
        if b & 1:
            r *= a
        b >>= 1
        if b == 0:
            break
        a *= a
    return 1.0 / r if recip else r


def _check_prefactor(instance: QECCode, attribute: object, value: float) -> None:
    check_positive("crossing_prefactor", value)
    # QRE rule (fault_tolerance.rs): a crossing prefactor above 0.5 is rejected.
    if to_number("crossing_prefactor", value) > 0.5:
        raise InvalidInputError("crossing_prefactor", value, "0 < crossing_prefactor <= 0.5")


def _check_threshold(instance: QECCode, attribute: object, value: float) -> None:
    check_probability("threshold", value)


@frozen(kw_only=True, cache_hash=True)
class QECCode(metaclass=abc.ABCMeta):
    """A QEC code family parameterized by an odd code distance ``d``.

    Attributes:
        threshold: Threshold ``p*`` of the threshold model.
        crossing_prefactor: Prefactor ``a`` of the threshold model.
        distance_power: Exponent ``k`` of an extra ``d^k`` factor (0 in QRE's codes).
    """

    #: Short identifier (``"surface_code"``, ``"floquet_code"``).
    name: ClassVar[str] = "abstract"
    #: The instruction set the code runs on.
    instruction_set: ClassVar[str] = "gate_based"
    #: Human-readable formulas, for report explanations.
    cycle_time_formula: ClassVar[str] = ""
    qubits_formula: ClassVar[str] = ""

    threshold: float = field(validator=_check_threshold)
    crossing_prefactor: float = field(validator=_check_prefactor)
    distance_power: int = 0

    # ---- the code-specific formulas ------------------------------------------------------------
    @abc.abstractmethod
    def physical_qubits_per_logical(self, code_distance: int) -> int:
        """Physical qubits of one logical patch at distance ``code_distance``."""

    @abc.abstractmethod
    def _cycle_time_ns(self, code_distance: int, qubit: PhysicalQubit) -> float:
        """Logical cycle time (``d`` syndrome rounds) before rounding."""

    # ---- shared model ----------------------------------------------------------------------------
    def logical_cycle_time_ns(self, code_distance: int, qubit: PhysicalQubit) -> int:
        """Duration of one logical cycle (``d`` rounds of syndrome extraction), in ns."""
        self.check_qubit(qubit)
        return int(round(self._cycle_time_ns(code_distance, qubit)))

    def physical_error(self, qubit: PhysicalQubit) -> float:
        """The physical error rate ``p`` the code sees: max(Clifford, readout) (QRE rule)."""
        return max(qubit.clifford_error, qubit.readout_error)

    def check_qubit(self, qubit: PhysicalQubit) -> None:
        """Raise if the code cannot run on ``qubit`` (instruction set, below threshold).

        Raises:
            InvalidInputError: For a wrong instruction set or a Clifford error at or above the
                threshold (QRE rule: ``cliffordErrorRate < errorCorrectionThreshold``).
        """
        if qubit.instruction_set != self.instruction_set:
            raise InvalidInputError(
                "qec",
                self.name,
                f"a code for {qubit.instruction_set} qubits like {qubit.name!r}",
                hint=f"{self.name} here runs on {self.instruction_set} qubits",
            )
        if qubit.clifford_error >= self.threshold:
            raise InvalidInputError(
                "clifford_error",
                qubit.clifford_error,
                f"0 < clifford_error < threshold {self.threshold:g} of {self.name}",
            )

    def logical_error(self, code_distance: int, qubit: PhysicalQubit) -> float:
        """Logical error per logical cycle per patch, ``a d^k (p/p*)^((d+1)//2)``.

        References: arXiv:1208.0928, Eq. (11).
        """
        self.check_qubit(qubit)
        p = self.physical_error(qubit)
        if p > self.threshold:
            raise InfeasibleEstimateError(
                f"physical error {p:g} of {qubit.name} is above the {self.name} threshold "
                f"{self.threshold:g}",
                constraint="threshold",
            )
        # integer division as in QRE (code_with_threshold_and_distance.rs)
        return (
            self.crossing_prefactor
            * float(code_distance**self.distance_power)
            * powi(p / self.threshold, (code_distance + 1) // 2)
        )

    def code_distance_for(
        self,
        required_logical_error: float,
        qubit: PhysicalQubit,
        max_code_distance: int = QRE_MAX_CODE_DISTANCE,
    ) -> int:
        """The smallest odd distance whose logical error is at most ``required_logical_error``.

        For ``k = 0`` this inverts the model in closed form (arXiv:2211.07629, Eq. (E2)):
        ``d = ceil(2 ln(a / P_L) / ln(p* / p) - 1)``, made odd by setting the lowest bit, as QRE
        does; otherwise it scans odd distances.

        Raises:
            InfeasibleEstimateError: If no distance ``<= max_code_distance`` is enough.
        """
        self.check_qubit(qubit)
        req = float(required_logical_error)
        if not req > 0 or math.isnan(req):
            raise InfeasibleEstimateError(
                f"required logical error {req:.3g} per cycle is not positive", "code_distance"
            )
        if self.distance_power == 0:
            p = self.physical_error(qubit)
            # log(a) - log(req) rather than log(a / req): the quotient overflows to inf when
            # req is denormal (a budget near 1e-300 spread over many cycles).
            numerator = 2.0 * (math.log(self.crossing_prefactor) - math.log(req))
            denominator = math.log(self.threshold / p)
            ratio = numerator / denominator - 1.0 if denominator > 0 else math.inf
            x = math.ceil(ratio) if math.isfinite(ratio) else 1 << 62
            # Rust's saturating float->u64 cast, then `| 1` (odd) as in QRE.
            d = max(0, x) | 1
        else:
            d = next(
                (
                    dd
                    for dd in range(1, max_code_distance + 1, 2)
                    if self.logical_error(dd, qubit) <= req
                ),
                max_code_distance + 2,
            )
        if d > max_code_distance:
            raise InfeasibleEstimateError(
                f"no code distance <= {max_code_distance} reaches logical error {req:.3g} per "
                f"cycle with {self.name} on {qubit.name} (needs d = {d}); "
                "increase the error budget or improve the qubit",
                constraint="code_distance",
            )
        return d

    @classmethod
    def from_name(cls, name: str, qubit: PhysicalQubit) -> QECCode:
        """QRE's predefined code ``name`` for the instruction set of ``qubit``.

        ``"surface_code"`` gives the gate-based or the Majorana surface code; ``"floquet_code"``
        exists for Majorana qubits only (QRE rule).

        Raises:
            UnknownNameError: For an unknown name.
            InvalidInputError: For the Floquet code on a gate-based qubit.
        """
        norm = str(name).replace("-", "_")
        norm = {"surfaceCode": "surface_code", "floquetCode": "floquet_code"}.get(norm, norm)
        if norm == "surface_code":
            if qubit.instruction_set == "gate_based":
                return SurfaceCodeGateBased()
            return SurfaceCodeMajorana()
        if norm == "floquet_code":
            if qubit.instruction_set != "majorana":
                raise InvalidInputError(
                    "qec", name, "surface_code for gate-based qubits (floquet_code needs Majorana)"
                )
            return FloquetCode()
        raise UnknownNameError("QEC scheme", name, ("surface_code", "floquet_code"))

    def to_dict(self) -> dict[str, object]:
        """Plain data for reports."""
        return {
            "name": self.name,
            "instruction_set": self.instruction_set,
            "threshold": self.threshold,
            "crossing_prefactor": self.crossing_prefactor,
            "distance_power": self.distance_power,
            "logical_cycle_time": self.cycle_time_formula,
            "physical_qubits_per_logical_qubit": self.qubits_formula,
        }


@frozen(kw_only=True, cache_hash=True)
class SurfaceCodeGateBased(QECCode):
    """Rotated surface code on gate-based qubits (QRE's ``surface_code``, gate-based).

    Cycle: ``(4 t_2q + 2 t_meas) d``; footprint ``2 d^2`` (data plus ancilla qubits).
    """

    name: ClassVar[str] = "surface_code"
    instruction_set: ClassVar[str] = "gate_based"
    cycle_time_formula: ClassVar[str] = (
        "(4 * twoQubitGateTime + 2 * oneQubitMeasurementTime) * codeDistance"
    )
    qubits_formula: ClassVar[str] = "2 * codeDistance * codeDistance"

    # arXiv:1208.0928, Eq. (13); arXiv:1009.3686, Figs. 6-7 (threshold ~1%)
    threshold: float = field(default=0.01, validator=_check_threshold)
    # arXiv:1208.0928, Eq. (11) (prefactor 0.03)
    crossing_prefactor: float = field(default=0.03, validator=_check_prefactor)

    def physical_qubits_per_logical(self, code_distance: int) -> int:
        return 2 * code_distance * code_distance

    def _cycle_time_ns(self, code_distance: int, qubit: PhysicalQubit) -> float:
        # one syndrome round: 4 CNOT layers + measurement and reset (QRE rule: 2 t_meas)
        return float(
            (4 * qubit.two_qubit_gate_time_ns + 2 * qubit.one_qubit_measurement_time_ns)
            * code_distance
        )


@frozen(kw_only=True, cache_hash=True)
class SurfaceCodeMajorana(QECCode):
    """Surface code on Majorana (measurement-based) qubits (QRE's ``surface_code``, Majorana).

    Cycle: ``20 t_meas d``; footprint ``2 d^2``.
    """

    name: ClassVar[str] = "surface_code"
    instruction_set: ClassVar[str] = "majorana"
    cycle_time_formula: ClassVar[str] = "20 * oneQubitMeasurementTime * codeDistance"
    qubits_formula: ClassVar[str] = "2 * codeDistance * codeDistance"

    # arXiv:2007.00307, Eq. (1) (measurement-based surface code threshold 0.15%)
    threshold: float = field(default=0.0015, validator=_check_threshold)
    # QRE rule (fault_tolerance.rs): prefactor 0.08, no citation in QRE's source (unverified)
    crossing_prefactor: float = field(default=0.08, validator=_check_prefactor)

    def physical_qubits_per_logical(self, code_distance: int) -> int:
        return 2 * code_distance * code_distance

    def _cycle_time_ns(self, code_distance: int, qubit: PhysicalQubit) -> float:
        # QRE rule: 20 measurement steps per syndrome round
        return float(20 * qubit.one_qubit_measurement_time_ns * code_distance)


@frozen(kw_only=True, cache_hash=True)
class FloquetCode(QECCode):
    """Floquet (honeycomb) code on Majorana qubits (QRE's ``floquet_code``).

    Cycle: ``3 t_meas d``; footprint ``4 d^2 + 8 (d - 1)`` (arXiv:2202.11829, Table 2).
    """

    name: ClassVar[str] = "floquet_code"
    instruction_set: ClassVar[str] = "majorana"
    cycle_time_formula: ClassVar[str] = "3 * oneQubitMeasurementTime * codeDistance"
    qubits_formula: ClassVar[str] = "4 * codeDistance * codeDistance + 8 * (codeDistance - 1)"

    # QRE rule (fault_tolerance.rs): threshold 1%, no citation in QRE's source (unverified)
    threshold: float = field(default=0.01, validator=_check_threshold)
    # QRE rule (fault_tolerance.rs): prefactor 0.07, no citation in QRE's source (unverified)
    crossing_prefactor: float = field(default=0.07, validator=_check_prefactor)

    def physical_qubits_per_logical(self, code_distance: int) -> int:
        # arXiv:2202.11829, Table 2
        return 4 * code_distance * code_distance + 8 * (code_distance - 1)

    def _cycle_time_ns(self, code_distance: int, qubit: PhysicalQubit) -> float:
        # QRE rule: 3 measurement rounds per syndrome cycle
        return float(3 * qubit.one_qubit_measurement_time_ns * code_distance)
