"""The ``qose`` command line: parse, call the library, render. Nothing else lives here.

Heavy modules (Qualtran, sympy, the estimator core) are imported inside the commands, so that
``qose --help`` answers quickly.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

EXIT_USAGE = 2


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our exceptions into a one-line message on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from estimator.errors import EstimatorError

        try:
            return func(*args, **kwargs)
        except EstimatorError as exc:
            click.echo(f"qose: error: {_one_line(str(exc))}", err=True)
            sys.exit(EXIT_USAGE)
        except OSError as exc:
            click.echo(f"qose: error: {_one_line(str(exc))}", err=True)
            sys.exit(EXIT_USAGE)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qos-estimator", prog_name="qose")
def main() -> None:
    """qose: fault-tolerant resource estimates for quantum oracle sketching (QOS).

    Turn logical counts (from a QOS workload, a Qualtran Bloq or a QRE LogicalCounts JSON file)
    into physical costs: code distance, factories, physical qubits and runtime.
    """


def _load_counts(counts_path: str | None, example: str | None) -> Any:
    from estimator.errors import InvalidInputError, ModelFileError
    from estimator.examples import get_example
    from estimator.logical import LogicalCounts

    if (counts_path is None) == (example is None):
        raise InvalidInputError(
            "--counts/--example", None, "exactly one of --counts FILE.json or --example NAME"
        )
    if example is not None:
        return get_example(example).counts
    path = Path(str(counts_path))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelFileError(str(path), "", f"cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ModelFileError(str(path), "", "not a UTF-8 text file") from None
    return LogicalCounts.from_qre_json(text, source=str(path))


def _render_table(rows: list[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in rows) if rows else 0
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


@main.command()
@click.option(
    "--counts",
    "counts_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Logical counts as QRE LogicalCounts JSON (keys numQubits, tCount, rotationCount, "
    "rotationDepth, cczCount, ccixCount, measurementCount). Example: --counts "
    "examples/ising_10x10.json",
)
@click.option(
    "--example",
    default=None,
    help="A built-in example instead of --counts. Example: --example qre_ising_10x10",
)
@click.option(
    "--arch",
    default="qubit_gate_ns_e3",
    show_default=True,
    help="Architecture preset: one of QRE's qubit presets qubit_gate_ns_e3, qubit_gate_ns_e4, "
    "qubit_gate_us_e3, qubit_gate_us_e4, qubit_maj_ns_e4, qubit_maj_ns_e6 (Clifford+T with "
    "15-to-1 factories). Example: --arch qubit_maj_ns_e4",
)
@click.option(
    "--qec",
    type=click.Choice(["surface_code", "floquet_code"]),
    default="surface_code",
    show_default=True,
    help="QEC code (floquet_code needs a Majorana qubit preset). Example: --qec floquet_code",
)
@click.option(
    "--budget",
    type=float,
    default=1e-3,
    show_default=True,
    help="Total error budget (probability that the run fails), 0 < E < 1, split evenly over "
    "the error sources present as QRE does. Example: --budget 1e-2",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format. Example: --format json",
)
@_handle_errors
def estimate(
    counts_path: str | None, example: str | None, arch: str, qec: str, budget: float, fmt: str
) -> None:
    """Physical cost of logical counts on a surface-code Clifford+T machine."""
    from estimator.architecture import Architecture
    from estimator.physical import estimate as run_estimate

    counts = _load_counts(counts_path, example)
    architecture = Architecture.qre(qubit_preset=arch, qec=qec)
    result = run_estimate(counts, architecture, budget)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, sort_keys=True))
        return
    rows = [(e.label, e.formatted) for e in result.report_entries()]
    click.echo(f"Architecture: {architecture.name}")
    click.echo(_render_table(rows))


if __name__ == "__main__":  # pragma: no cover
    main()
