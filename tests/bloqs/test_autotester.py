"""Qualtran's bloq_autotester checks (make, decompose, counts, serialize) for every example."""

from __future__ import annotations

import pytest
from qualtran import BloqDocSpec
from qualtran.testing import (
    BloqCheckResult,
    check_bloq_example_decompose,
    check_bloq_example_make,
    check_bloq_example_serializes,
    check_equivalent_bloq_example_counts,
)

from estimator.bloqs import (
    boolean_sketch,
    index_oracle,
    matrix_element_sketch,
    parallel_sketch,
    repeated_queries,
    sample,
    sparse_block_encoding,
    state_sketch,
)

_MODULES = [
    sample,
    boolean_sketch,
    parallel_sketch,
    repeated_queries,
    matrix_element_sketch,
    state_sketch,
    index_oracle,
    sparse_block_encoding,
]


def _examples():
    for mod in _MODULES:
        for spec in vars(mod).values():
            if isinstance(spec, BloqDocSpec):
                for ex in spec.examples:
                    yield pytest.param(ex, id=f"{mod.__name__.split('.')[-1]}.{ex.name}")


EXAMPLES = list(_examples())

# Examples whose decomposition must not exist: symbolic sizes, no concrete stream, or QSVT
# phases not computed here (costed through the call graph only).
CALL_GRAPH_ONLY = {
    "sketch_sample_symb",
    "boolean_sketch_symb",
    "boolean_sketch_dropped",
    "parallel_sketch_symb",
    "repeated_queries_symb",
    "matrix_element_sketch_symb",
    "state_sketch_symb",
    "row_index_sketch_symb",
    "element_index_oracle_symb",
    "sparse_block_encoding_symb",
}


def test_every_module_has_examples():
    names = {p.values[0].name for p in EXAMPLES}
    assert len(names) == len(EXAMPLES)  # unique names
    assert CALL_GRAPH_ONLY <= names
    assert len(names - CALL_GRAPH_ONLY) >= 9  # a concrete, decomposable example per concept


@pytest.mark.parametrize("bloq_ex", EXAMPLES)
def test_make(bloq_ex):
    assert check_bloq_example_make(bloq_ex)[0] is BloqCheckResult.PASS


@pytest.mark.parametrize("bloq_ex", EXAMPLES)
def test_decompose(bloq_ex):
    result, msg = check_bloq_example_decompose(bloq_ex)
    if bloq_ex.name in CALL_GRAPH_ONLY:
        assert result in (BloqCheckResult.NA, BloqCheckResult.MISSING), msg
    else:
        assert result is BloqCheckResult.PASS, msg


@pytest.mark.parametrize("bloq_ex", EXAMPLES)
def test_counts(bloq_ex):
    result, msg = check_equivalent_bloq_example_counts(bloq_ex)
    if bloq_ex.name in CALL_GRAPH_ONLY:
        # only the (symbolic) call graph exists; it must be there
        assert result is BloqCheckResult.UNVERIFIED, msg
    else:
        # call graph and decomposition agree exactly
        assert result is BloqCheckResult.PASS, msg


@pytest.mark.parametrize("bloq_ex", EXAMPLES)
def test_serialize_is_not_supported(bloq_ex):
    # Qualtran 0.7 serializes only bloqs registered in its own RESOLVER_DICT; ours are not.
    # Pin the current behaviour so a future Qualtran that supports it makes this test fail
    # (then switch to requiring PASS).
    result, _ = check_bloq_example_serializes(bloq_ex)
    assert result in (BloqCheckResult.FAIL, BloqCheckResult.ERROR, BloqCheckResult.NA)
