"""The extension point for arbitrary-angle rotations: :class:`RotationScheme`.

A rotation scheme says what one logical ``Rz(angle)`` costs on a given machine: magic states
(T or Toffoli/CCZ), analog injections, logical time steps on the critical path, extra logical
qubits, and the error it leaves behind. Architectures differ mostly here, and for quantum oracle
sketching (~1e10 tiny-angle rotations) the rotation scheme *is* the estimate.

Error semantics differ between schemes and are stated per class:

* ``norm``: whether the precision is an operator-norm distance between unitaries (deterministic
  synthesis such as gridsynth) or a diamond-norm distance between channels (mixed / fallback
  protocols, analog injection).
* ``coherent``: whether the errors of many rotations can add coherently. Coherent operator-norm
  errors add linearly in the worst case and the diamond distance of a unitary pair is at most twice
  their operator distance, so per-rotation precision is ``budget / (2 R)``; incoherent
  (stochastic, diamond-norm) errors add linearly, so it is ``budget / R``.

References:
    [Shorter quantum circuits via single-qubit gate approximation](https://arxiv.org/abs/2203.10064).
    Kliuchnikov et al. (2022). Table 1 (T counts and the diamond-norm convention).
"""

from __future__ import annotations

import abc
from typing import Any, ClassVar, Literal

from attrs import field, frozen

from estimator.validation import check_non_negative, check_probability

Norm = Literal["operator", "diamond"]


@frozen(kw_only=True)
class RotationContext:
    """What a rotation scheme may need to know about the machine.

    Attributes:
        physical_error: Physical error rate ``p`` of the hardware (per gate/cycle).
        code_distance: Code distance of the logical patches, if already chosen.
        code_cycle_time_ns: Duration of one syndrome-extraction round, if known.
    """

    physical_error: float = 1e-3
    code_distance: int | None = None
    code_cycle_time_ns: float | None = None

    def __attrs_post_init__(self) -> None:
        check_probability("physical_error", self.physical_error)


@frozen(kw_only=True)
class RotationCost:
    """The expected resources of one logical rotation under one scheme.

    Attributes:
        scheme: Name of the scheme that produced it.
        t_count: Expected T states consumed.
        toffoli_count: Expected Toffoli (CCZ) states consumed.
        injections: Expected analog state injections (STAR-style schemes).
        logical_time_steps: Expected logical time steps (logical cycles, each ``d`` code cycles)
            on the critical path, not counting waits for magic states.
        error: Error probability this rotation contributes (diamond norm, or twice the operator
            norm for coherent schemes; see :class:`RotationScheme`).
        extra_logical_qubits: Extra logical qubits the scheme holds (ancilla or catalyst
            registers), shared by all rotations.
        one_off_t_count: T states spent once per program (e.g. preparing a phase-gradient
            register), not per rotation.
        notes: Free-text remark for reports ("identity suffices: angle below precision").
    """

    scheme: str
    t_count: float = field(default=0.0)
    toffoli_count: float = field(default=0.0)
    injections: float = field(default=0.0)
    logical_time_steps: float = field(default=0.0)
    error: float = field(default=0.0)
    extra_logical_qubits: int = field(default=0)
    one_off_t_count: float = field(default=0.0)
    notes: str = ""

    def __attrs_post_init__(self) -> None:
        for name in (
            "t_count",
            "toffoli_count",
            "injections",
            "logical_time_steps",
            "error",
            "extra_logical_qubits",
            "one_off_t_count",
        ):
            check_non_negative(name, getattr(self, name))


class RotationScheme(metaclass=abc.ABCMeta):
    """How an architecture executes an arbitrary-angle ``Rz(angle)``.

    Subclasses are frozen attrs classes whose fields are the scheme's named, cited constants.
    """

    #: Short identifier used in reports and model files.
    name: ClassVar[str] = "abstract"
    #: Whether ``precision`` is an operator-norm or a diamond-norm distance.
    norm: ClassVar[Norm] = "diamond"
    #: Whether the errors of many rotations can add coherently.
    coherent: ClassVar[bool] = False
    #: Whether the cost depends on the angle (if not, ``angle`` may be ``None``).
    angle_dependent: ClassVar[bool] = False
    #: Whether the cost reads ``context.code_distance`` or ``context.code_cycle_time_ns`` (the
    #: physical estimate then iterates the rotation cost to a fixed point in the distance).
    uses_code_distance: ClassVar[bool] = True

    @abc.abstractmethod
    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        """Resources of one rotation.

        Args:
            precision: Allowed error of this rotation (in the scheme's ``norm``).
            angle: Rotation angle in radians (``Rz(angle) = exp(-i angle Z/2)``), or ``None``
                for a generic angle.
            context: The machine (physical error rate, code distance), for schemes whose cost
                depends on it.
        """

    def next_cost_change(self, precision: float) -> float | None:
        """The smallest precision above ``precision`` whose cost may differ (None: unknown).

        Lets the default search step from one budget to the next budget where a plan can change
        (:mod:`estimator.search`); a scheme that cannot say returns None and the search steps
        along its budget ladder instead.
        """
        return None

    def precision_per_rotation(self, rotation_budget: float, n_rotations: Any) -> float:
        """Per-rotation precision that keeps ``n_rotations`` within ``rotation_budget``.

        Incoherent diamond-norm errors add: ``budget / R``. Coherent operator-norm errors add in
        operator norm and convert to diamond norm with a factor 2: ``budget / (2 R)``.
        """
        factor = 2 if (self.coherent and self.norm == "operator") else 1
        return float(rotation_budget) / (factor * float(n_rotations))
