"""Hamming-weight phasing: ``k`` commuting same-angle rotations for ``~k`` Toffolis + ``log k``.

Applying ``Rz(angle)`` to each of ``k`` qubits equals applying ``Rz(2^j angle)`` to bit ``j`` of
their Hamming weight (up to a global phase). Computing the weight into a fresh register costs
``k - popcount(k)`` Toffolis (logical ANDs) and ``k - popcount(k) + bit_length(k)`` ancillas;
``bit_length(k)`` rotations follow; uncomputing is by measurement (0 Toffolis).

Counts come from Qualtran's ``HammingWeightPhasing`` (checked against it in the tests); the
closed forms here avoid decomposing the Bloq, which takes about 30 s at ``k = 1000``.

It applies only when the circuit has batches of ``k`` same-angle ``Rz`` on distinct qubits that
can be done together (a layer of identical rotations): the scheme reports per-rotation averages
of the batch cost, and time steps assume the ``k`` rotations would otherwise run one after
another.

References:
    [Halving the cost of quantum addition](https://arxiv.org/abs/1709.06648). Gidney (2018).
    Page 4 (Hamming-weight phasing); as cited by Qualtran's ``HammingWeightPhasing``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import Factory, field, frozen

from estimator.errors import InvalidInputError
from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.rotations.phase_gradient import TOFFOLI_TIME_STEPS
from estimator.validation import check_probability, is_symbolic, to_number


def hamming_weight_toffolis(k: int) -> int:
    """Toffolis to compute the Hamming weight of ``k`` bits: ``k - popcount(k)``.

    Qualtran ``HammingWeightPhasing``: ``bitsize - HW(bitsize)`` (and_bloq count).
    """
    return k - bin(k).count("1")


def hamming_weight_rotations(k: int) -> int:
    """Rotations after the weight is computed: ``k.bit_length()`` (Qualtran's call graph)."""
    return k.bit_length()


def hamming_weight_ancillas(k: int) -> int:
    """Ancillas: ``k - popcount(k) + bit_length(k)`` (Qualtran ``HammingWeightPhasing`` docs)."""
    return hamming_weight_toffolis(k) + k.bit_length()


def _default_rotation() -> RotationScheme:
    from estimator.rotations.synthesis import MixedFallbackFormula

    return MixedFallbackFormula()


@frozen(kw_only=True)
class HammingWeightPhasing(RotationScheme):
    """``k`` same-angle commuting rotations via their Hamming weight; per-rotation averages.

    The batch of ``k`` rotations may err by ``k * precision`` in total; each of the
    ``bit_length(k)`` rotations on the weight register gets ``k * precision / bit_length(k)``
    (Qualtran splits its ``eps`` the same way).

    Attributes:
        batch_size: ``k``, the number of same-angle rotations done together.
        rotation: Scheme for the ``bit_length(k)`` remaining rotations.
        toffoli_time_steps: Logical time steps per Toffoli (QRE: 3, arXiv:2211.07629 App. D).
    """

    uses_code_distance: ClassVar[bool] = False

    name: ClassVar[str] = "hamming_weight_phasing"
    angle_dependent: ClassVar[bool] = False

    batch_size: int = field()
    rotation: RotationScheme = field(default=Factory(_default_rotation))
    toffoli_time_steps: float = TOFFOLI_TIME_STEPS

    def __attrs_post_init__(self) -> None:
        if isinstance(self.batch_size, bool) or not isinstance(self.batch_size, int):
            raise InvalidInputError("batch_size", self.batch_size, "an integer >= 1")
        if self.batch_size < 1:
            raise InvalidInputError("batch_size", self.batch_size, "an integer >= 1")

    @property
    def norm(self) -> str:  # type: ignore[override]
        """The inner rotation scheme's norm."""
        return self.rotation.norm

    @property
    def coherent(self) -> bool:  # type: ignore[override]
        """The inner rotation scheme's error accumulation."""
        return self.rotation.coherent

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        check_probability("precision", precision)
        k = self.batch_size
        n_rot = hamming_weight_rotations(k)
        inner_eps = float(to_number("precision", precision)) * k / n_rot
        if inner_eps >= 1:
            inner_eps = 0.5  # the batch budget exceeds any meaningful rotation error
        t_total = 0.0
        tof_total = float(hamming_weight_toffolis(k))
        steps = tof_total * self.toffoli_time_steps
        err_total = 0.0
        extra = hamming_weight_ancillas(k)
        for j in range(n_rot):
            inner_angle = None if angle is None or is_symbolic(angle) else float(angle) * 2**j
            c = self.rotation.cost(precision=inner_eps, angle=inner_angle, context=context)
            t_total += float(c.t_count)
            tof_total += float(c.toffoli_count)
            steps += float(c.logical_time_steps)
            err_total += float(c.error)
            extra = max(extra, hamming_weight_ancillas(k) + c.extra_logical_qubits)
        return RotationCost(
            scheme=self.name,
            t_count=t_total / k,
            toffoli_count=tof_total / k,
            logical_time_steps=steps / k,
            error=err_total / k,
            extra_logical_qubits=extra,
            notes=(
                f"batch of k={k}: {hamming_weight_toffolis(k)} Toffolis + {n_rot} rotations via "
                f"{self.rotation.name}; needs k same-angle commuting rotations together"
            ),
        )
