"""QRE's rotation-to-T formula: ``ceil(0.53 log2(R / eps_rot) + 4.86)`` T states per rotation.

This is the Clifford+T mixed-fallback protocol's expected T count of Kliuchnikov et al., as used
by Microsoft's resource estimator, with the per-rotation precision ``eps_rot / R`` (``R`` the
number of rotations, ``eps_rot`` the rotation budget).

References:
    [Shorter quantum circuits via single-qubit gate approximation](https://arxiv.org/abs/2203.10064).
    Kliuchnikov et al. (2022). Table 1, mixed fallback, Clifford+T: 0.53 log2(1/eps) + 4.86.

    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Eq. (D3) (rotations in the logical depth).
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from attrs import frozen

from estimator.rotations.base import RotationContext, RotationCost, RotationScheme
from estimator.validation import check_probability

# arXiv:2203.10064, Table 1 (mixed fallback, Clifford+T); QRE issue qdk#1218 fixed 5.3 -> 4.86.
QRE_SLOPE = 0.53
QRE_OFFSET = 4.86


@frozen(kw_only=True)
class QREFormulaSynthesis(RotationScheme):
    """T states per rotation by QRE's formula, ``ceil(slope*log2(1/precision) + offset)``.

    Each T gate takes one logical time step, so a rotation adds ``n_T`` steps to the depth.
    The precision is a diamond-norm distance and the protocol is a random mixture, so errors of
    different rotations add incoherently.

    Attributes:
        slope: Coefficient of ``log2(1/precision)``; arXiv:2203.10064, Table 1.
        offset: Constant term; arXiv:2203.10064, Table 1.
    """

    uses_code_distance: ClassVar[bool] = False

    name: ClassVar[str] = "qre_formula"
    norm: ClassVar[str] = "diamond"  # type: ignore[misc]
    coherent: ClassVar[bool] = False

    slope: float = QRE_SLOPE
    offset: float = QRE_OFFSET

    def t_per_rotation(self, precision: float) -> int:
        """``ceil(slope*log2(1/precision) + offset)``, at least 0."""
        check_probability("precision", precision)
        # -log2(precision), not log2(1/precision): 1/precision overflows for denormal values.
        return max(0, math.ceil(self.slope * -math.log2(precision) + self.offset))

    def next_cost_change(self, precision: float) -> float | None:
        """Where ``ceil(slope*log2(1/eps) + offset)`` drops below its value at ``precision``."""
        n_t = self.t_per_rotation(precision)
        if n_t == 0:
            return math.inf
        # slope*(-log2 eps) + offset <= n_t - 1  <=>  eps >= 2^(-(n_t - 1 - offset)/slope)
        eps = 2.0 ** (-(n_t - 1 - self.offset) / self.slope)
        for _ in range(64):  # float rounding: step up to the first eps that really changes
            if eps >= 1.0:
                return math.inf
            if eps > precision and self.t_per_rotation(eps) < n_t:
                return eps
            eps = (
                math.nextafter(eps, math.inf)
                if eps > precision
                else math.nextafter(precision, math.inf)
            )
        return None

    def cost(
        self,
        *,
        precision: float,
        angle: Any = None,
        context: RotationContext | None = None,
    ) -> RotationCost:
        n_t = self.t_per_rotation(precision)
        return RotationCost(
            scheme=self.name,
            t_count=n_t,
            logical_time_steps=n_t,
            error=precision,
        )
