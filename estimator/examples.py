"""Built-in logical-count examples, so the estimator can be tried without any input file.

Each example is a :class:`~estimator.logical.LogicalCounts` with its source.
"""

from __future__ import annotations

from attrs import frozen

from estimator.errors import UnknownNameError
from estimator.logical import LogicalCounts


@frozen(kw_only=True)
class Example:
    """A named set of logical counts with its provenance."""

    name: str
    description: str
    source: str
    counts: LogicalCounts


EXAMPLES: dict[str, Example] = {
    "qre_ising_10x10": Example(
        name="qre_ising_10x10",
        description="10x10 Ising-model simulation: 100 qubits, 112,110 rotations in 2,001 layers.",
        # microsoft/qsharp, source/resource_estimator/src/system/test_report.json (the QRE report
        # fixture); the same counts are used in QRE's documentation.
        source="Microsoft resource estimator report fixture (test_report.json)",
        counts=LogicalCounts(num_qubits=100, rotation_count=112_110, rotation_depth=2_001),
    ),
}


def get_example(name: str) -> Example:
    """Return the built-in example ``name``.

    Raises:
        UnknownNameError: If there is no such example.
    """
    try:
        return EXAMPLES[name]
    except KeyError:
        raise UnknownNameError("example", name, list(EXAMPLES)) from None
