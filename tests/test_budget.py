"""ErrorBudget: explicit three-way split, uniform thirds, and QRE's split side by side."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import sympy

from estimator.budget import ErrorBudget
from estimator.errors import InvalidInputError, SymbolicValueError

qsharp_estimator = pytest.importorskip("qsharp.estimator")


def test_parts_are_used_as_given() -> None:
    b = ErrorBudget(logical=1e-4, magic_states=2e-4, rotations=7e-4)
    assert (b.logical, b.magic_states, b.rotations) == (1e-4, 2e-4, 7e-4)
    assert b.total == pytest.approx(1e-3, rel=1e-15)
    assert "logical=0.0001" in repr(b)


@pytest.mark.parametrize("total", [1e-2, 1e-3, 1e-5, 0.5, 0.999])
def test_from_uniform_is_thirds(total: float) -> None:
    b = ErrorBudget.from_uniform(total)
    assert b.logical == b.magic_states == b.rotations == total / 3
    assert b.total == pytest.approx(total, rel=1e-15)


def test_no_hidden_thirds_in_budget_code() -> None:
    """The only division by 3 of a budget is ErrorBudget.from_uniform (issue 3: no hidden /3)."""
    root = Path(__file__).resolve().parents[1] / "estimator"
    pattern = re.compile(r"/\s*3(?![\d.])")
    hits = []
    for name in ("budget.py", "logical.py", "validation.py", "errors.py", "qualtran_models.py"):
        for lineno, line in enumerate((root / name).read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if pattern.search(code) and '"""' not in line and "``" not in line:
                hits.append(f"{name}:{lineno}: {line.strip()}")
    assert len(hits) == 1, hits
    assert hits[0].startswith("budget.py:") and 'to_number("error_budget", total) / 3' in hits[0]


@pytest.mark.parametrize(
    ("kwargs", "field_name"),
    [
        ({"logical": -1e-3, "magic_states": 1e-3, "rotations": 1e-3}, "error_budget.logical"),
        ({"logical": 1e-3, "magic_states": 1.0, "rotations": 0.0}, "error_budget.magic_states"),
        ({"logical": 1e-3, "magic_states": 0.0, "rotations": math.nan}, "error_budget.rotations"),
        ({"logical": math.inf, "magic_states": 0.0, "rotations": 0.0}, "error_budget.logical"),
        ({"logical": True, "magic_states": 0.0, "rotations": 0.0}, "error_budget.logical"),
        ({"logical": 0.0, "magic_states": 0.0, "rotations": 0.0}, "error_budget.total"),
        ({"logical": 0.5, "magic_states": 0.3, "rotations": 0.2}, "error_budget.total"),
        ({"logical": 1e-3, "magic_states": 1j, "rotations": 0.0}, "error_budget.magic_states"),
    ],
)
def test_rejects_bad_parts(kwargs: dict, field_name: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(field_name)) as info:
        ErrorBudget(**kwargs)
    assert info.value.field == field_name


def test_rejects_symbolic_parts() -> None:
    eps = sympy.Symbol("eps", positive=True)
    with pytest.raises(SymbolicValueError, match="error_budget.logical"):
        ErrorBudget(logical=eps, magic_states=1e-3, rotations=1e-3)


@pytest.mark.parametrize("total", [0, 1, 1.5, -1e-3, math.nan, math.inf, "1e-3", None, False])
def test_split_constructors_reject_bad_totals(total: object) -> None:
    with pytest.raises(InvalidInputError, match="error_budget"):
        ErrorBudget.from_uniform(total)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="error_budget"):
        ErrorBudget.qre_split(total, has_magic_states=True, has_rotations=True)  # type: ignore[arg-type]


# ---- qre_split side by side with the installed qsharp estimator ----------------------------

# (name, QRE LogicalCounts JSON); each program kind splits the budget differently.
QRE_PROGRAMS = [
    ("t_only", {"numQubits": 10, "tCount": 1000}),
    ("ccz_only", {"numQubits": 10, "cczCount": 100}),
    ("ccix_only", {"numQubits": 10, "ccixCount": 100}),
    ("clifford_only", {"numQubits": 10, "measurementCount": 100}),
    ("rotations_only", {"numQubits": 10, "rotationCount": 100, "rotationDepth": 10}),
    ("rotations_and_t", {"numQubits": 10, "tCount": 5, "rotationCount": 100, "rotationDepth": 10}),
    ("everything", {"numQubits": 40, "tCount": 9, "cczCount": 3, "rotationCount": 7,
                    "rotationDepth": 2, "measurementCount": 11, "ccixCount": 4}),
]  # fmt: skip


@pytest.mark.parametrize("total", [1e-2, 1e-3, 1e-4, 1e-5, 0.3])
@pytest.mark.parametrize(("name", "program"), QRE_PROGRAMS, ids=[p[0] for p in QRE_PROGRAMS])
def test_qre_split_matches_qsharp(name: str, program: dict, total: float) -> None:
    result = qsharp_estimator.LogicalCounts(program).estimate({"errorBudget": total})
    qre = result["errorBudget"]
    has_magic = any(program.get(k, 0) for k in ("tCount", "cczCount", "ccixCount"))
    has_rot = program.get("rotationCount", 0) > 0
    ours = ErrorBudget.qre_split(total, has_magic_states=has_magic, has_rotations=has_rot)
    assert ours.logical == qre["logical"]
    assert ours.magic_states == qre["tstates"]
    assert ours.rotations == qre["rotations"]


def test_qre_split_shapes() -> None:
    """T-only halves, Clifford-only keeps all on logical, rotations give thirds (qsharp 1.31)."""
    t_only = ErrorBudget.qre_split(1e-3, has_magic_states=True, has_rotations=False)
    assert (t_only.logical, t_only.magic_states, t_only.rotations) == (5e-4, 5e-4, 0.0)
    clifford = ErrorBudget.qre_split(1e-3, has_magic_states=False, has_rotations=False)
    assert (clifford.logical, clifford.magic_states, clifford.rotations) == (1e-3, 0.0, 0.0)
    rot = ErrorBudget.qre_split(1e-3, has_magic_states=False, has_rotations=True)
    assert rot == ErrorBudget.from_uniform(1e-3)
