"""The indicator ``[register == x]`` of a classical value, computed with an ``And`` ladder.

Every QOS sample acts on a single basis state (or a few), so its circuit computes the indicator
of that basis state into an ancilla: ``X`` on the control bits where ``x`` has a 0, a ladder of
``w - 1`` Qualtran ``And`` gates over the ``w`` bits, and later the mirror image with
``And(uncompute=True)`` (measurement-based, T-free) and the same ``X`` gates. These helpers add
those gates to a ``BloqBuilder`` and give the matching call-graph counts, so each sample bloq
states its costs once.

References:
    [Halving the cost of quantum addition](https://arxiv.org/abs/1709.06648). Gidney (2018).
    Fig. 3 (the And computation, 4 T; uncomputation by measurement, 0 T).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from qualtran.bloqs.basic_gates import XGate
from qualtran.bloqs.mcmt import And

if TYPE_CHECKING:
    from qualtran import BloqBuilder, Soquet


def bits_of(value: int, width: int) -> tuple[int, ...]:
    """Big-endian bits of ``value`` (``bits[0]`` is the most significant), as Qualtran's QUInt."""
    return tuple((value >> (width - 1 - i)) & 1 for i in range(width))


def flip_zeros(bb: BloqBuilder, qubits: list[Soquet], bits: tuple[int, ...]) -> list[Soquet]:
    """Apply ``X`` to each qubit whose target bit is 0."""
    out = list(qubits)
    for i, b in enumerate(bits):
        if b == 0:
            out[i] = bb.add(XGate(), q=out[i])
    return out


def compute_and_ladder(
    bb: BloqBuilder, qubits: list[Soquet]
) -> tuple[list[Soquet], Soquet, list[Soquet]]:
    """AND of ``qubits`` into a fresh ancilla via ``len(qubits) - 1`` ``And`` gates.

    Returns:
        ``(qubits, target, junk)``: the control qubits, the AND result, and the intermediate
        ANDs (to pass back to :func:`uncompute_and_ladder`). With one qubit the "target" is that
        qubit itself and nothing is allocated.
    """
    qs = list(qubits)
    if len(qs) == 1:
        return [], qs[0], []
    junk: list[Soquet] = []
    acc = qs[0]
    rest: list[Soquet] = []
    for i in range(1, len(qs)):
        (a, b), t = bb.add(And(), ctrl=np.array([acc, qs[i]]))
        if i == 1:
            rest.append(a)
        else:
            junk.append(a)
        rest.append(b)
        acc = t
    return rest, acc, junk


def uncompute_and_ladder(
    bb: BloqBuilder, rest: list[Soquet], target: Soquet, junk: list[Soquet]
) -> list[Soquet]:
    """Inverse of :func:`compute_and_ladder`; returns the control qubits in order."""
    if not rest:
        return [target]
    ands = [rest[0], *junk, target]  # ands[i] = AND of qubits 0..i
    qs = list(rest)  # qs[0] = qubit 0, qs[i] = qubit i
    for i in range(len(qs) - 1, 0, -1):
        a, b = bb.add(And(uncompute=True), ctrl=np.array([ands[i - 1], qs[i]]), target=ands[i])
        ands[i - 1] = a
        qs[i] = b
    qs[0] = ands[0]
    return qs


def indicator_counts(width: Any, bits: tuple[int, ...] | None) -> dict[Any, Any]:
    """Call-graph counts of computing and uncomputing ``[register == bits]`` on ``width`` bits.

    ``bits=None`` is the costing placeholder (an unknown value): the ``X`` gates (Cliffords,
    at most ``2 width``) are then left out.
    """
    counts: dict[Any, Any] = {}
    if not (isinstance(width, int) and width == 1):
        counts[And()] = width - 1
        counts[And(uncompute=True)] = width - 1
    if bits is not None:
        zeros = sum(1 for b in bits if b == 0)
        if zeros:
            counts[XGate()] = 2 * zeros
    return counts


__all__ = [
    "bits_of",
    "compute_and_ladder",
    "flip_zeros",
    "indicator_counts",
    "uncompute_and_ladder",
]
