"""Fuzzing the ``qose`` command line: random argument lists from real option names and junk.

Every outcome must be exit code 0, or exit code 2 with exactly one line on stderr; never a
traceback, never an uncaught exception (click's CliRunner, in process).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estimator.cli import main

COMMANDS = ["estimate", "compare", "sweep", "workloads", "models", "nonsense", ""]
WORKLOADS = ["boolean", "qre_ising_10x10", "splice", "imdb", "no_such_workload", ""]
ARCHS = [
    "qubit_gate_ns_e3",
    "qre:qubit_maj_ns_e4",
    "star_v3_p1e-4",
    "clifford_t_cultivation_p1e-3",
    "weak_transversal_p1e-4",
    "no_such_model",
    "../../etc/passwd",
    "missing.toml",
]
NUMBERS = [
    "1e-3",
    "0",
    "-1",
    "1",
    "2",
    "nan",
    "inf",
    "-inf",
    "1e-300",
    "1e300",
    "0.999999",
    "abc",
    "",
    "1e",
    "0x10",
    "1_000",
    "10**6",
    "__import__('os')",
    "1e-3,1e-2",
    ",",
    "1e3,1e4",
]
_DIR = Path(tempfile.mkdtemp(prefix="qose_fuzz_"))
(_DIR / "bad.json").write_text("{not json")
(_DIR / "counts.json").write_text('{"numQubits": 10, "tCount": 1000, "measurementCount": 10}')
(_DIR / "bad.csv").write_text("1,2\n3\n")
_BAD_JSON, _COUNTS, _BAD_CSV = (str(_DIR / n) for n in ("bad.json", "counts.json", "bad.csv"))

OPTIONS = {
    "--arch": ARCHS,
    "--model": ARCHS,
    "--budget": NUMBERS,
    "--budgets": NUMBERS,
    "--physical-error": NUMBERS,
    "--physical-errors": NUMBERS,
    "--sizes": ["1e3", "16,32", "0", "-5", "1e40", "x", "2.5", ""],
    "--format": ["table", "json", "csv", "md", "xml", ""],
    "--param": ["kappa=100", "margin=0.1", "kappa=", "=1", "kappa=-1", "N=abc", "x", "queries=0"],
    "--counts": [str(_DIR / "missing.json"), _BAD_JSON, _COUNTS],
    "--data": [str(_DIR / "missing.npz"), _BAD_CSV],
    "--task": ["lssvm", "pca", "boolean", "zzz"],
    "--qec": ["surface_code", "floquet_code", "x"],
    "--help": None,
}
JUNK = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=12,
)


def _option() -> st.SearchStrategy[list[str]]:
    def pair(name: str) -> st.SearchStrategy[list[str]]:
        values = OPTIONS[name]
        if values is None:
            return st.just([name])
        return st.one_of(st.sampled_from(values), JUNK).map(lambda v: [name, v])

    return st.sampled_from(sorted(OPTIONS)).flatmap(pair)


@st.composite
def argv(draw: st.DrawFn) -> list[str]:
    args = [draw(st.sampled_from(COMMANDS))]
    if draw(st.booleans()):
        args.append(draw(st.one_of(st.sampled_from(WORKLOADS), JUNK)))
    for _ in range(draw(st.integers(0, 4))):
        args += draw(_option())
    if draw(st.integers(0, 9)) == 0:
        args.append(draw(JUNK))
    return [a for a in args if a != ""] if draw(st.booleans()) else args


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(args=argv())
def test_cli_never_crashes(args: list[str]) -> None:
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    stderr = result.stderr
    assert "Traceback" not in result.output + stderr, (args, stderr)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: uncaught {type(result.exception).__name__}") from (
            result.exception
        )
    assert result.exit_code in (0, 2), (args, result.exit_code, stderr)
    if result.exit_code == 2:
        lines = [ln for ln in stderr.splitlines() if ln.strip()]
        # our errors and click's usage errors alike: exactly one line
        assert len(lines) == 1, (args, stderr)
    assert "nan" not in result.stdout.lower().split(), (args, result.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["estimate", "--budget", "abc"],
        ["nonsense"],
        ["compare", "boolean"],
        ["models", "--format", "xml"],
    ],
)
def test_usage_errors_are_one_line(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("qose: error: "), lines


def test_bare_qose_prints_help_and_succeeds() -> None:
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0
    assert "Commands:" in result.stdout
