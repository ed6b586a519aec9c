"""Named sympy symbols for the sizes of quantum oracle sketching (QOS).

Use these (rather than fresh ``sympy.Symbol`` calls) so that formulas built in different modules
share the same symbols and ``LogicalCounts.subs(N=..., M=...)`` substitutes them all at once.
All are declared positive; the integer ones are declared integer, so sympy can simplify
``ceiling``/``log`` expressions.

References:
    [Exponential quantum advantage in processing massive classical data](https://arxiv.org/abs/2604.07639).
    Zhao, Zlokapa, Neven, Babbush, Preskill, McClean, Huang (2026). Sec. I-II (notation).
"""

from __future__ import annotations

import sympy

#: Size of the data domain (number of indices x, rows of a matrix, entries of a vector).
N = sympy.Symbol("N", positive=True, integer=True)

#: Number of classical samples streamed into one sketch.
M = sympy.Symbol("M", positive=True, integer=True)

#: Number of oracle queries made by the quantum algorithm (one fresh sketch per query).
Q = sympy.Symbol("Q", positive=True, integer=True)

#: Target error (diamond/operator norm) of the whole Q-query algorithm.
eps = sympy.Symbol("epsilon", positive=True)

#: Number of qubits of the index register, ``n = ceil(log2 N)``.
n = sympy.Symbol("n", positive=True, integer=True)

#: Number of marked inputs ``|f^{-1}(1)|`` of a Boolean function.
K = sympy.Symbol("K", positive=True, integer=True)

#: Parallelism: number of samples applied at once on fan-out copies of the index register.
k = sympy.Symbol("k", positive=True, integer=True)

#: Sparsity (maximum non-zeros per row or column) of a sparse matrix.
s = sympy.Symbol("s", positive=True, integer=True)

#: Number of non-zero entries of a sparse matrix.
nnz = sympy.Symbol("nnz", positive=True, integer=True)

#: Degree of a QSVT polynomial (number of block-encoding calls, i.e. sketches, per QSVT).
d = sympy.Symbol("d", positive=True, integer=True)

#: Sample-complexity constant ``c`` in ``M_q = c N Q / eps`` (see ``sample_complexity``).
c = sympy.Symbol("c", positive=True)

#: Repetition number of a correlated data stream (1 for IID samples).
R_D = sympy.Symbol("R_D", positive=True)

#: Rotation angle of one streamed sample (the phase ``exp(i theta |x><x|)``).
theta = sympy.Symbol("theta", real=True)

#: A QSVT signal-processing phase whose value comes from a phase-finding routine (pyqsp).
phi_qsvt = sympy.Symbol("phi_QSVT", real=True)

#: Stand-in for the bit position b of a rank-register rotation ``Rz(-2^b pi/(2s+1))`` when the
#: number of rank bits is symbolic (the histogram then holds one symbolic angle per rank bit).
phi_rank_bit = sympy.Symbol("b_rank", integer=True, nonnegative=True)

__all__ = [
    "K",
    "M",
    "N",
    "Q",
    "R_D",
    "c",
    "d",
    "eps",
    "k",
    "n",
    "nnz",
    "phi_qsvt",
    "phi_rank_bit",
    "s",
    "theta",
]
