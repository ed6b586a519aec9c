"""Interferometric classical-shadow readout: how many circuit runs T, each re-streaming data.

The paper reads the prepared state out with an "interferometric classical shadow": Hadamard
tests with random Clifford unitaries on ``(|0>|0> + |1>|psi>)/sqrt(2)``, stored as T classical
snapshots that later answer signed overlaps ``Re <x'|psi>`` for any s'-sparse test vector x'
(the name and pipeline are confirmed by the abstract and the authors' blog; the statement
below is from the secondary survey [CN-REVIEW], "Theorem F.16", UNVERIFIED):

    T = O((s' log(D / eps) + log(1 / delta)) / eps^2).

We make the big-O constant a named parameter, ``shadow_constant``, default 2: the Hoeffding
constant for averaging +-1 outcomes to additive error eps with a union bound over an eps-net
of s'-sparse unit vectors (``ln`` of its size ~ s' ln(D/eps)) [OURS, a plausible reading of
the big-O, not the paper's constant].

Every run prepares the state again, and in the streaming model the sketch of every run is
built from fresh samples, so the total number of samples is ``T`` times the samples of one
run [OURS, from the streaming model: a sample is used once and discarded].
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from estimator.validation import check_positive, check_probability
from estimator.workloads._symbolic import sceil, sln

#: Leading constant of T (UNVERIFIED; see the module docstring).
DEFAULT_SHADOW_CONSTANT = 2.0


@frozen(kw_only=True)
class ShadowReadout:
    """The interferometric classical-shadow readout of a D-dimensional state.

    Attributes:
        dimension: D, dimension of the state read out (feature dimension).
        test_sparsity: s', non-zeros of the test vectors the shadow must answer.
        error: eps, additive error of each predicted overlap.
        failure_probability: delta, probability that some prediction exceeds eps.
        shadow_constant: Leading constant of T (UNVERIFIED, default 2).
    """

    dimension: Any
    test_sparsity: Any = 1
    error: Any = 0.05
    failure_probability: Any = 0.01
    shadow_constant: Any = DEFAULT_SHADOW_CONSTANT

    def __attrs_post_init__(self) -> None:
        check_positive("dimension", self.dimension, integer=True)
        check_positive("test_sparsity", self.test_sparsity, integer=True)
        check_probability("readout error", self.error)
        check_probability("failure_probability", self.failure_probability)
        check_positive("shadow_constant", self.shadow_constant)

    @property
    def runs(self) -> Any:
        """T = ceil(c (s' ln(D/eps) + ln(1/delta)) / eps^2) circuit runs ([CN-REVIEW] F.16)."""
        c, s, eps = self.shadow_constant, self.test_sparsity, self.error
        log_net = s * sln(self.dimension / eps)  # [CN-REVIEW] Thm F.16: s' log(D/eps)
        log_fail = sln(1 / self.failure_probability)  # [CN-REVIEW] Thm F.16: log(1/delta)
        return sceil(c * (log_net + log_fail) / eps**2)

    @property
    def ancilla_qubits(self) -> int:
        """One control qubit for the Hadamard test (20news_svm.py comment: "1 extra ancilla")."""
        return 1


@frozen(kw_only=True)
class HadamardTestReadout:
    """Repeated Hadamard tests estimating one expectation value to additive error eps.

    ``T = ceil(2 ln(2/delta) / eps^2)``: Hoeffding's inequality for the mean of T outcomes in
    {-1, +1} [OURS; the linear-system readout of the paper is O(1/eps^2) per [CN-REVIEW]].

    Attributes:
        error: eps.
        failure_probability: delta.
    """

    error: Any = 0.05
    failure_probability: Any = 0.01

    def __attrs_post_init__(self) -> None:
        check_probability("readout error", self.error)
        check_probability("failure_probability", self.failure_probability)

    @property
    def runs(self) -> Any:
        """T = ceil(2 ln(2/delta) / eps^2) (Hoeffding, outcomes in [-1, 1])."""
        return sceil(2 * sln(2 / self.failure_probability) / self.error**2)

    @property
    def ancilla_qubits(self) -> int:
        """One control qubit for the Hadamard test."""
        return 1
