"""Layouts: from algorithm logical counts to laid-out logical qubits, depth and magic states.

:class:`PSSPCLayout` is the *Parallel Synthesis Sequential Pauli Computation* layout of Beverland et
al., used by Microsoft's resource estimator: the ``Q`` algorithm qubits sit in a grid with routing
space, every operation becomes multi-qubit Pauli measurements of one logical cycle each, and
rotations are synthesized in parallel next to the data.

* logical qubits ``2 Q + ceil(sqrt(8 Q)) + 1`` (Eq. (D1));
* logical depth ``(M + R + T) + 3 (CCZ + CCiX) + s_rot D_R`` (Eq. (D3)), ``s_rot`` the logical
  time steps of one rotation (QRE: the T count of one synthesized rotation);
* magic states ``T + 4 (CCZ + CCiX) + t_rot R`` (Eq. (D4)), ``t_rot`` the T states per rotation.

The per-rotation quantities come from a :class:`~estimator.rotations.base.RotationCost`, so other
rotation schemes (phase gradients, STAR injection) reuse the layout unchanged.

The formulas are verified against QRE 1.31 (``logical_counts.rs``) and qsharp's output; the
equation numbers (D1)-(D4) are from our notes and not yet checked against the paper.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix D, Eqs. (D1)-(D4) and Fig. 13 (the PSSPC layout).
"""

from __future__ import annotations

import abc
import math
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import frozen

from estimator.validation import to_number

if TYPE_CHECKING:
    from estimator.logical import LogicalCounts
    from estimator.rotations.base import RotationCost


def _exact_product(a: Any, b: Any) -> int:
    """``a * b`` as an int: exact for ints, rounded up for fractional expected counts."""
    x, y = to_number("count", a), to_number("count", b)
    if isinstance(x, int) and isinstance(y, int):
        return x * y
    if float(x).is_integer() and float(y).is_integer() and abs(x) < 2**53 and abs(y) < 2**53:
        return int(x) * int(y)
    return math.ceil(float(x) * float(y))


def _as_int(name: str, value: Any) -> int:
    x = to_number(name, value)
    return x if isinstance(x, int) else math.ceil(x)


class Layout(metaclass=abc.ABCMeta):
    """How logical counts map onto a 2-D array of logical patches."""

    #: Short identifier for reports and model files.
    name: ClassVar[str] = "abstract"

    @abc.abstractmethod
    def logical_qubits(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        """Logical patches for the algorithm (data, routing, rotation ancillas), no factories."""

    @abc.abstractmethod
    def logical_depth(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        """Logical cycles (time steps) of the algorithm, before waiting for magic states."""

    @abc.abstractmethod
    def num_magic_states(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        """T states the algorithm consumes (CCZ/CCiX counted as 4 T states each)."""

    def explain(
        self, counts: LogicalCounts, rotation: RotationCost | None = None
    ) -> dict[str, str]:
        """Formulas with numbers filled in, keyed like :meth:`logical_qubits` etc."""
        return {}


@frozen(kw_only=True)
class PSSPCLayout(Layout):
    """The PSSPC layout of arXiv:2211.07629, Appendix D (QRE's layout).

    Attributes:
        measurements_per_rotation: Pauli measurements per rotation, T gate or single-qubit
            measurement (``Gamma_R``; arXiv:2211.07629, Eq. (D3): 1).
        measurements_per_toffoli: Pauli measurements per CCZ/CCiX (``Gamma_Tof``; Eq. (D3): 3).
        t_states_per_toffoli: T states per CCZ/CCiX (Eq. (D4): 4).
    """

    name: ClassVar[str] = "psspc"

    measurements_per_rotation: int = 1  # arXiv:2211.07629, Eq. (D3)
    measurements_per_toffoli: int = 3  # arXiv:2211.07629, Eq. (D3)
    t_states_per_toffoli: int = 4  # arXiv:2211.07629, Eq. (D4)

    def data_qubits(self, counts: LogicalCounts) -> int:
        """``2 Q + ceil(sqrt(8 Q)) + 1`` (arXiv:2211.07629, Eq. (D1))."""
        q = _as_int("num_qubits", counts.num_qubits)
        # float sqrt as in QRE (exact for any realistic Q)
        return 2 * q + math.ceil(math.sqrt(float(8 * q))) + 1

    def logical_qubits(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        extra = int(rotation.extra_logical_qubits) if rotation is not None else 0
        return self.data_qubits(counts) + extra

    def logical_depth(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        m = _as_int("measurement_count", counts.measurement_count)
        r = _as_int("rotation_count", counts.rotation_count)
        t = _as_int("t_count", counts.t_count)
        tof = _as_int("ccz_count", counts.ccz_count) + _as_int("ccix_count", counts.ccix_count)
        depth = (m + r + t) * self.measurements_per_rotation + tof * self.measurements_per_toffoli
        if rotation is not None and r > 0:
            d_r = _as_int("rotation_depth", counts.rotation_depth)
            depth += _exact_product(rotation.logical_time_steps, d_r) * (
                self.measurements_per_rotation
            )
        return depth

    def num_magic_states(self, counts: LogicalCounts, rotation: RotationCost | None = None) -> int:
        t = _as_int("t_count", counts.t_count)
        tof = _as_int("ccz_count", counts.ccz_count) + _as_int("ccix_count", counts.ccix_count)
        n = t + self.t_states_per_toffoli * tof
        r = _as_int("rotation_count", counts.rotation_count)
        if rotation is not None and r > 0:
            n += _exact_product(rotation.t_count, r)
            n += _exact_product(rotation.toffoli_count, r) * self.t_states_per_toffoli
            n += _as_int("one_off_t_count", rotation.one_off_t_count)
        return n

    def explain(
        self, counts: LogicalCounts, rotation: RotationCost | None = None
    ) -> dict[str, str]:
        q = _as_int("num_qubits", counts.num_qubits)
        steps = rotation.logical_time_steps if rotation is not None else 0
        t_rot = rotation.t_count if rotation is not None else 0
        extra = int(rotation.extra_logical_qubits) if rotation is not None else 0
        extra_txt = f" + {extra} rotation ancillas" if extra else ""
        return {
            "logical_qubits": (
                f"2 * Q + ceil(sqrt(8 * Q)) + 1{extra_txt} with Q = {q:,}: "
                f"{self.logical_qubits(counts, rotation):,} (arXiv:2211.07629, Eq. (D1))"
            ),
            "logical_depth": (
                f"(M + R + T) + 3 * (CCZ + CCiX) + s_rot * D_R = ({counts.measurement_count:,} + "
                f"{counts.rotation_count:,} + {counts.t_count:,}) + 3 * ({counts.ccz_count:,} + "
                f"{counts.ccix_count:,}) + {steps:g} * {counts.rotation_depth:,} = "
                f"{self.logical_depth(counts, rotation):,} (arXiv:2211.07629, Eq. (D3))"
            ),
            "num_magic_states": (
                f"T + 4 * (CCZ + CCiX) + t_rot * R = {counts.t_count:,} + 4 * ("
                f"{counts.ccz_count:,} + {counts.ccix_count:,}) + {t_rot:g} * "
                f"{counts.rotation_count:,} = {self.num_magic_states(counts, rotation):,} "
                "(arXiv:2211.07629, Eq. (D4))"
            ),
        }
