"""Quantum oracle sketching (QOS) as Qualtran Bloqs.

Every QOS primitive is a Qualtran ``Bloq`` whose call graph stays symbolic in the sizes
(``N``, ``M``, ``Q``, ``eps``; see :mod:`estimator.bloqs.symbols`) and never grows with the number
of samples, and whose explicit decomposition (given a concrete classical sample stream, small
sizes only) is checked against ``diag(exp(i theta m_x))`` by simulation.

Public API:

* One sample: :class:`SketchSample` (``exp(i theta |x><x|)``).
* Sketches: :class:`BooleanSketch`, :class:`ParallelBooleanSketch`, :class:`StateSketchUnitary`
  / :class:`StateSketch`, :class:`MatrixElementSketch`, :class:`RowIndexSketch`,
  :class:`ElementIndexSketch` / :class:`ElementIndexOracle` (and their per-sample bloqs),
  :class:`SparseBlockEncodingSketch` (one block-encoding call from the three oracles).
* Queries: :class:`RepeatedQueries`, :func:`boolean_oracle_queries`.
* Sample complexity: :func:`samples_per_query`, :func:`total_samples`,
  :func:`boolean_sketch_error`, constants :data:`C_EXPECTED_UNITARY` (pi^2/2) and
  :data:`C_THEOREM_D16` (~18.76).
* Cost keys: :class:`RotationsByAngle`, :class:`RotationDepth`.
"""

from __future__ import annotations

from estimator.bloqs.boolean_sketch import BooleanSketch, boolean_sample_angle
from estimator.bloqs.cost_keys import (
    RotationDepth,
    RotationsByAngle,
    rotation_angle,
    total_rotations,
)
from estimator.bloqs.index_oracle import (
    SIGN_DEGREE_EXPECTED_UNITARY,
    SIGN_DEGREE_SAMPLING,
    ElementIndexOracle,
    ElementIndexSample,
    ElementIndexSketch,
    RowIndexSample,
    RowIndexSketch,
    element_index_angle,
)
from estimator.bloqs.matrix_element_sketch import (
    ElementSample,
    MatrixElementSketch,
    element_sample_angle,
)
from estimator.bloqs.parallel_sketch import ParallelBooleanSketch
from estimator.bloqs.repeated_queries import RepeatedQueries, boolean_oracle_queries
from estimator.bloqs.sample import SketchSample
from estimator.bloqs.sample_complexity import (
    C_EXPECTED_UNITARY,
    C_THEOREM_D16,
    SAMPLE_CONSTANTS,
    boolean_sketch_error,
    samples_per_query,
    total_samples,
)
from estimator.bloqs.sparse_block_encoding import SparseBlockEncodingSketch
from estimator.bloqs.state_sketch import (
    ARCSIN_DEGREE,
    T_DIVISOR_EXPECTED_UNITARY,
    T_DIVISOR_SAMPLING,
    StateSample,
    StateSketch,
    StateSketchUnitary,
    state_sample_angle,
)

__all__ = [
    "ARCSIN_DEGREE",
    "C_EXPECTED_UNITARY",
    "C_THEOREM_D16",
    "SAMPLE_CONSTANTS",
    "SIGN_DEGREE_EXPECTED_UNITARY",
    "SIGN_DEGREE_SAMPLING",
    "T_DIVISOR_EXPECTED_UNITARY",
    "T_DIVISOR_SAMPLING",
    "BooleanSketch",
    "ElementIndexOracle",
    "ElementIndexSample",
    "ElementIndexSketch",
    "ElementSample",
    "MatrixElementSketch",
    "ParallelBooleanSketch",
    "RepeatedQueries",
    "RotationDepth",
    "RotationsByAngle",
    "RowIndexSample",
    "RowIndexSketch",
    "SketchSample",
    "SparseBlockEncodingSketch",
    "StateSample",
    "StateSketch",
    "StateSketchUnitary",
    "boolean_oracle_queries",
    "boolean_sample_angle",
    "boolean_sketch_error",
    "element_index_angle",
    "element_sample_angle",
    "rotation_angle",
    "samples_per_query",
    "state_sample_angle",
    "total_rotations",
    "total_samples",
]
