"""The ``qose`` command line: parse, call the library, render. Nothing else lives here.

Heavy modules (Qualtran, sympy, numpy, matplotlib, the estimator core) are imported inside the
commands, so that ``qose --help`` answers quickly. Every error a user can cause (unknown name,
malformed file, impossible parameter) ends with one line on stderr and exit code 2.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any

import click

EXIT_USAGE = 2
EXIT_INTERNAL = 1

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"qose: error: {_one_line(message)}", err=True)
    sys.exit(code)


def _handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our exceptions into a one-line message on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from estimator.errors import EstimatorError

        try:
            return func(*args, **kwargs)
        except EstimatorError as exc:
            _fail(str(exc))
        except OSError as exc:
            name = f" {exc.filename}" if getattr(exc, "filename", None) else ""
            _fail(f"{exc.strerror or exc}{name}")
        except json.JSONDecodeError as exc:  # pragma: no cover - caught where files are read
            _fail(f"not valid JSON: {exc}")
        except ArithmeticError as exc:
            _fail(f"internal error {type(exc).__name__}: {exc} (please report)", EXIT_INTERNAL)

    return wrapper


class _OneLineErrorGroup(click.Group):
    """A click group whose usage errors are one line on stderr (exit 2), like our own errors.

    Click prints ``Usage: ...``, ``Try ... --help`` and ``Error: ...`` on three lines; a script
    that calls ``qose`` wants one line naming the problem. ``qose`` with no command prints the
    help and exits 0.
    """

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx is not None else exc.format_message())
            sys.exit(0)
        except click.ClickException as exc:
            where = ""
            if isinstance(exc, click.UsageError) and exc.ctx is not None:
                where = f"{exc.ctx.command_path}: "
            _fail(where + exc.format_message(), exc.exit_code)
        except click.exceptions.Abort:
            click.echo("qose: aborted", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=_OneLineErrorGroup, context_settings=_CONTEXT)
@click.version_option(package_name="qos-estimator", prog_name="qose")
def main() -> None:
    """qose: fault-tolerant resource estimates for quantum oracle sketching (QOS).

    Turn logical counts (a QOS workload, a data file, a Qualtran Bloq's QRE LogicalCounts JSON)
    into physical costs on an architecture: code distance, factories or injections, physical
    qubits and runtime. Compare architectures, sweep parameters, plot overhead curves and write
    reports.

    \b
    Examples:
      qose workloads
      qose estimate imdb --arch clifford_t_factories_p1e-4
      qose compare boolean --arch clifford_t_factories_p1e-4 --arch star_v3_p1e-4
      qose report --all --out reports/
    """


# ------------------------------------------------------------------------------------------------
# Shared options and parsing
# ------------------------------------------------------------------------------------------------
_QRE_PRESETS = (
    "qubit_gate_ns_e3",
    "qubit_gate_ns_e4",
    "qubit_gate_us_e3",
    "qubit_gate_us_e4",
    "qubit_maj_ns_e4",
    "qubit_maj_ns_e6",
)


def _parse_value(text: str) -> Any:
    """``"10"`` -> 10, ``"1e-3"`` -> 0.001, ``"1e6"`` -> 1000000 (integral floats become ints)."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        x = float(text)
    except ValueError:
        return text
    if x.is_integer() and "e" in text.lower() and abs(x) < 2**63:
        return int(x)
    return x


def _parse_params(params: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise click.BadParameter(
                f"{item!r}: expected NAME=VALUE, e.g. kappa=100", param_hint="--param"
            )
        out[key.strip()] = _parse_value(value.strip())
    return out


def _parse_list(text: str | None, name: str) -> list[Any]:
    if text is None:
        return []
    items = [t.strip() for t in text.split(",") if t.strip()]
    values = [_parse_value(t) for t in items]
    for t, v in zip(items, values, strict=True):
        if isinstance(v, str):
            raise click.BadParameter(f"{t!r} is not a number", param_hint=name)
    return values


def _load_architecture(name: str, qec: str | None, physical_error: float | None) -> Any:
    from estimator.errors import InvalidInputError
    from estimator.model_files import load_model

    if name in _QRE_PRESETS:
        name = f"qre:{name}:{qec or 'surface_code'}"
    elif qec is not None:
        if name.startswith("qre:") and len(name.split(":")) == 2:
            name = f"{name}:{qec}"
        else:
            raise InvalidInputError(
                "--qec", qec, "only with a QRE qubit preset (the model file sets its own code)"
            )
    arch = load_model(name)
    if physical_error is not None:
        from estimator.plot_data import with_physical_error

        arch = with_physical_error(arch, physical_error)
    return arch


def _counts_from_json(text: str, source: str) -> Any:
    import attrs

    from estimator.errors import ModelFileError
    from estimator.logical import LogicalCounts

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelFileError(
            source, "", f"not valid JSON ({exc.msg} at line {exc.lineno})"
        ) from None
    if isinstance(data, dict) and "logicalCounts" in data:
        # an estimate or a workload from `qose ... --format json`
        counts = LogicalCounts.from_qre_json(data["logicalCounts"], source=source)
        angles = data.get("rotationAngles") or ()
        try:
            pairs = tuple((float(a), int(c)) for a, c in angles)
        except (TypeError, ValueError):
            raise ModelFileError(
                source, "rotationAngles", "expected [[angle, count], ...]"
            ) from None
        return attrs.evolve(counts, rotation_angles=pairs) if pairs else counts
    return LogicalCounts.from_qre_json(data, source=source)


def _read_text(path: str) -> str:
    from estimator.errors import ModelFileError

    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelFileError(str(p), "", "no such file") from None
    except OSError as exc:
        raise ModelFileError(str(p), "", f"cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ModelFileError(str(p), "", "not a UTF-8 text file") from None


def _data_workload(path: str, task: str, params: dict[str, Any]) -> Any:
    """A WorkloadResult from a data file (kappa/gap from the data unless given)."""
    from estimator.errors import ModelFileError
    from estimator.workloads import Workload

    if not Path(path).exists():
        raise ModelFileError(path, "", "no such file")
    workload = Workload.from_file(path, task=task)
    if task == "lssvm":
        params.setdefault("margin", 0.1)
    else:
        params.setdefault("overlap", 0.5)
    return workload.estimate(**params)


class _Input:
    """What to estimate: logical counts, and the workload result/spec if there is one."""

    def __init__(self, label: str, counts: Any, result: Any = None, spec: Any = None) -> None:
        self.label = label
        self.counts = counts
        self.result = result
        self.spec = spec


def _resolve_input(
    workload: str | None,
    counts_path: str | None,
    example: str | None,
    data_path: str | None,
    task: str,
    params: Sequence[str],
) -> _Input:
    from estimator.errors import InvalidInputError
    from estimator.examples import get_example, get_workload

    given = [x for x in (workload, counts_path, example, data_path) if x is not None]
    if len(given) != 1:
        raise InvalidInputError(
            "input",
            None,
            "exactly one of WORKLOAD, --counts FILE.json, --example NAME or --data FILE",
        )
    kv = _parse_params(params)
    if counts_path is not None or example is not None:
        if kv:
            raise InvalidInputError("--param", sorted(kv)[0], "no --param with fixed counts")
        if example is not None:
            return _Input(example, get_example(example).counts)
        return _Input(str(counts_path), _counts_from_json(_read_text(counts_path), counts_path))
    if data_path is not None:
        result = _data_workload(data_path, task, kv)
        return _Input(Path(data_path).name, result.to_logical_counts(), result)
    spec = get_workload(str(workload))
    if kv:
        spec = spec.with_params(**kv)
    result = spec.result()
    counts = spec.counts() if result is None else result.to_logical_counts()
    return _Input(spec.name, counts, result, spec)


def _input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.argument("workload", required=False),
        click.option(
            "--counts",
            "counts_path",
            type=click.Path(dir_okay=False),
            default=None,
            help="Logical counts as QRE LogicalCounts JSON (numQubits, tCount, rotationCount, "
            "rotationDepth, cczCount, ccixCount, measurementCount), or the JSON of "
            "`qose estimate --format json`. Default: none. Example: --counts "
            "examples/ising_10x10.json",
        ),
        click.option(
            "--example",
            default=None,
            help="A built-in counts example instead of a workload. Default: none. "
            "Example: --example qre_ising_10x10",
        ),
        click.option(
            "--data",
            "data_path",
            type=click.Path(dir_okay=False),
            default=None,
            help="A data matrix (.npz, svmlight .svm/.libsvm, .csv) to run the --task on; "
            "condition number and gap are computed from it when feasible. Default: none. "
            "Example: --data X.npz --task pca",
        ),
        click.option(
            "--task",
            type=click.Choice(["lssvm", "pca"]),
            default="lssvm",
            show_default=True,
            help="Task for --data. Example: --task pca",
        ),
        click.option(
            "--param",
            "params",
            multiple=True,
            metavar="NAME=VALUE",
            help="Override a workload parameter (unitless; repeatable). LS-SVM: margin, kappa, "
            "num_rows; PCA: overlap, gap, error, num_rows; Boolean: num_items, queries, error, "
            "runs. Default: the workload's values (qose workloads NAME). Example: --param "
            "kappa=100",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


_ARCH_HELP = (
    "Architecture: a preset of `qose models` (e.g. clifford_t_factories_p1e-4, star_v3_p1e-4), "
    "qre:<qubit preset>[:<code>], a bare QRE qubit preset (qubit_gate_ns_e3 ...), or a TOML "
    "model file."
)


def _common_physical(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--qec",
            type=click.Choice(["surface_code", "floquet_code"]),
            default=None,
            help="QEC code for a bare QRE qubit preset (floquet_code needs a Majorana preset). "
            "Default: surface_code. Example: --qec floquet_code",
        ),
        click.option(
            "--physical-error",
            type=float,
            default=None,
            metavar="P",
            help="Rescale all of the hardware's error rates (ratios kept) so that the code "
            "sees P (a probability per operation, 0 < P < threshold). Default: the model's "
            "own. Example: --physical-error 5e-4",
        ),
        click.option(
            "--budget",
            type=float,
            default=1e-3,
            show_default=True,
            metavar="E",
            help="Total error budget: probability that the run fails, 0 < E < 1, split evenly "
            "over the error sources present (QRE rule). Example: --budget 1e-2",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _search_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--search",
        type=click.Choice(["monotone", "qre"]),
        default="monotone",
        show_default=True,
        help="monotone: more budget never costs more qubits or more time (the default search); "
        "qre: Microsoft's resource estimator's algorithm, number for number (not monotone in "
        "the budget). Example: --search qre",
    )(func)


#: ``--budget`` of the plot and report commands (estimate and compare use _common_physical).
_plain_budget_option = click.option(
    "--budget",
    type=float,
    default=1e-3,
    show_default=True,
    metavar="E",
    help="Total error budget (failure probability, 0 < E < 1). Example: --budget 1e-2",
)


def _fmt(value: Any) -> str:
    from estimator.report import fmt_count

    if isinstance(value, bool) or value is None or isinstance(value, str):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        from estimator.report import fmt_ratio

        return fmt_ratio(value)
    return fmt_count(value)


def _render_table(rows: list[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in rows) if rows else 0
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


#: Units of the estimate's report entries (QRE's keys); the others are counts or probabilities.
_UNITS = {
    "physicalCounts/runtime": "ns",
    "logicalQubit/logicalCycleTime": "ns",
    "physicalCounts/rqops": "1/s",
    "physicalCounts/breakdown/algorithmicLogicalDepth": "logical cycles",
    "physicalCounts/breakdown/logicalDepth": "logical cycles",
}


def _estimate_rows(est: Any) -> list[tuple[str, str, Any]]:
    """(key, label, value) rows of an estimate; labels carry the unit."""
    rows = []
    for e in est.report_entries():
        unit = _UNITS.get(e.key)
        rows.append((e.key, f"{e.label} ({unit})" if unit else e.label, e.value))
    rows.insert(1, ("runtime_s", "Runtime (s)", est.runtime_ns / 1e9))
    for key, label, value in (
        ("star/samplingOverhead", "PEC sampling overhead", getattr(est, "sampling_overhead", None)),
        ("star/paymentMode", "Rotation-error payment", getattr(est, "payment_mode", None)),
    ):
        if value is not None:
            rows.append((key, label, value))
    return rows


# ------------------------------------------------------------------------------------------------
# estimate
# ------------------------------------------------------------------------------------------------
@main.command(context_settings=_CONTEXT)
@_input_options
@click.option(
    "--arch",
    "--model",
    "arch",
    default="qubit_gate_ns_e3",
    show_default=True,
    help=_ARCH_HELP + " Example: --arch star_v3_p1e-4 or --model my_arch.toml",
)
@_common_physical
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "md"]),
    default="table",
    show_default=True,
    help="Output format: aligned text, JSON (Estimate.to_dict, reads back with "
    "Estimate.from_dict or --counts), CSV (key,label,value) or a Markdown table. "
    "Example: --format json",
)
@_search_option
@_handle_errors
def estimate(
    workload: str | None,
    counts_path: str | None,
    example: str | None,
    data_path: str | None,
    task: str,
    params: tuple[str, ...],
    arch: str,
    qec: str | None,
    physical_error: float | None,
    budget: float,
    fmt: str,
    search: str,
) -> None:
    """Physical cost of one workload (or counts file) on one architecture.

    \b
    Examples:
      qose estimate imdb --arch clifford_t_factories_p1e-4
      qose estimate --counts examples/ising_10x10.json --arch qubit_maj_ns_e4 --qec floquet_code
      qose estimate boolean --arch star_v3_p1e-4 --param num_items=4096 --format json
    """
    from estimator.star_estimate import estimate_any

    inp = _resolve_input(workload, counts_path, example, data_path, task, params)
    architecture = _load_architecture(arch, qec, physical_error)
    result = estimate_any(inp.counts, architecture, budget, search=search)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, sort_keys=True))
        return
    rows = _estimate_rows(result)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["key", "label", "value"])
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    if fmt == "md":
        click.echo(f"**{inp.label}** on `{architecture.name}` (budget {budget:g})\n")
        click.echo("| quantity | value |\n|---|---|")
        for _, label, value in rows:
            click.echo(f"| {label} | {_fmt(value)} |")
        return
    click.echo(f"Workload: {inp.label}")
    note = "" if physical_error is None else f" (error rates rescaled to p = {physical_error:g})"
    click.echo(f"Architecture: {architecture.name}{note}")
    extra = []
    if inp.result is not None and inp.result.authors_logical_qubits is not None:
        extra.append(("Paper's logical qubits", _fmt(inp.result.authors_logical_qubits)))
    click.echo(_render_table(extra + [(label, _fmt(value)) for _, label, value in rows]))


# ------------------------------------------------------------------------------------------------
# compare
# ------------------------------------------------------------------------------------------------
@main.command(context_settings=_CONTEXT)
@_input_options
@click.option(
    "--arch",
    "--model",
    "archs",
    multiple=True,
    required=True,
    help=_ARCH_HELP + " Repeat for each architecture (at least one). Example: --arch "
    "clifford_t_factories_p1e-4 --arch star_v3_p1e-4",
)
@_common_physical
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "md"]),
    default="table",
    show_default=True,
    help="Output format. Example: --format md",
)
@_search_option
@_handle_errors
def compare(
    workload: str | None,
    counts_path: str | None,
    example: str | None,
    data_path: str | None,
    task: str,
    params: tuple[str, ...],
    archs: tuple[str, ...],
    qec: str | None,
    physical_error: float | None,
    budget: float,
    fmt: str,
    search: str,
) -> None:
    """Side-by-side estimates: the winner and the ratio to the best, per metric.

    Metrics: logical qubits (after layout), physical qubits, T states or analog injections,
    logical depth, runtime. An architecture that cannot run the workload is listed with the
    reason in numbers.

    \b
    Example:
      qose compare boolean --arch clifford_t_factories_p1e-4 --arch star_v3_p1e-4
    """
    from estimator import plot_data

    inp = _resolve_input(workload, counts_path, example, data_path, task, params)
    loaded = [_load_architecture(a, qec, physical_error) for a in archs]
    outcomes = [plot_data.run_estimate(inp.counts, a, budget, search=search) for a in loaded]
    outcomes = [
        plot_data.Outcome(architecture=n, status=o.status, estimate=o.estimate, reason=o.reason)
        for n, o in zip(archs, outcomes, strict=True)
    ]
    winners = plot_data.winners(outcomes)
    ratios = plot_data.ratios(outcomes)
    if fmt == "json":
        data = {
            "workload": inp.label,
            "budget": budget,
            "architectures": [
                {
                    "architecture": o.architecture,
                    "status": o.status,
                    "reason": o.reason,
                    "estimate": None if o.estimate is None else o.estimate.to_dict(),
                }
                for o in outcomes
            ],
            "winners": winners,
            "ratios": ratios,
        }
        click.echo(json.dumps(data, indent=2, sort_keys=True, default=str))
        return
    header = ["metric", *archs, "winner"]
    rows = []
    for key, label, unit in plot_data.METRICS:
        row = [f"{label} ({unit})" if unit else label]
        for o in outcomes:
            v = o.metric(key)
            r = ratios[key][o.architecture]
            row.append("-" if v is None else f"{_fmt(v)} (x{_fmt(r)})")
        row.append(winners[key] or "-")
        rows.append(row)
    notes = [f"{o.architecture}: {o.status}: {o.reason}" for o in outcomes if not o.ok]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["metric", "architecture", "status", "value", "ratio_to_best", "winner"])
        for key, _, _ in plot_data.METRICS:
            for o in outcomes:
                writer.writerow(
                    [
                        key,
                        o.architecture,
                        o.status,
                        o.metric(key),
                        ratios[key][o.architecture],
                        winners[key] or "",
                    ]
                )
        click.echo(buf.getvalue(), nl=False)
        return
    if fmt == "md":
        click.echo("| " + " | ".join(header) + " |")
        click.echo("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            click.echo("| " + " | ".join(row) + " |")
        for n in notes:
            click.echo(f"\n- {n}")
        return
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    click.echo(f"Workload: {inp.label}   budget {budget:g}   (xR = R times the best)")
    for r in [header, *rows]:
        click.echo("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    for n in notes:
        click.echo(n)


# ------------------------------------------------------------------------------------------------
# sweep
# ------------------------------------------------------------------------------------------------
@main.command(context_settings=_CONTEXT)
@click.argument("workload")
@click.option(
    "--arch",
    "--model",
    "archs",
    multiple=True,
    required=True,
    help=_ARCH_HELP + " Repeatable. Example: --arch clifford_t_factories_p1e-4",
)
@click.option(
    "--sizes",
    default=None,
    metavar="N1,N2,...",
    help="Data sizes N (rows of a data set, items of a Boolean task), comma-separated. "
    "Default: the workload's own. Example: --sizes 1e3,1e4,1e5",
)
@click.option(
    "--budgets",
    default="1e-3",
    show_default=True,
    metavar="E1,E2,...",
    help="Total error budgets (failure probability), comma-separated. Example: --budgets 1e-3,1e-2",
)
@click.option(
    "--physical-errors",
    default=None,
    metavar="P1,P2,...",
    help="Physical error rates (per operation) the models' rates are rescaled to, "
    "comma-separated. Default: the models' own. Example: --physical-errors 1e-3,5e-4,1e-4",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format. Example: --format json",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file instead of stdout. Default: stdout. Example: --out sweep.csv",
)
@_search_option
@_handle_errors
def sweep(
    workload: str,
    archs: tuple[str, ...],
    sizes: str | None,
    budgets: str,
    physical_errors: str | None,
    fmt: str,
    out: str | None,
    search: str,
) -> None:
    """A grid of estimates over N, error budget, physical error rate and architecture.

    \b
    Example:
      qose sweep boolean --arch clifford_t_factories_p1e-4 --arch star_v3_p1e-4 \\
          --sizes 1e3,1e4,1e5 --physical-errors 1e-3,1e-4 --out sweep.csv
    """
    from estimator import plot_data
    from estimator.examples import get_workload

    spec = get_workload(workload)
    size_list = _parse_list(sizes, "--sizes") or [None]
    budget_list = _parse_list(budgets, "--budgets")
    p_list = _parse_list(physical_errors, "--physical-errors") or [None]
    loaded = [_load_architecture(a, None, None) for a in archs]
    total = len(size_list) * len(budget_list) * len(p_list) * len(loaded)
    with click.progressbar(length=total, label="estimating", file=sys.stderr, show_pos=True) as bar:
        rows = plot_data.sweep(
            spec,
            loaded,
            sizes=size_list,
            budgets=budget_list,
            physical_errors=p_list,
            progress=bar.update,
            search=search,
        )
    if fmt == "json":
        text = json.dumps(rows, indent=2, sort_keys=True) + "\n"
    else:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buf.getvalue()
    if out is None:
        click.echo(text, nl=False)
    else:
        _write_text(Path(out), text)
        click.echo(f"wrote {len(rows)} rows to {out}", err=True)


def _write_text(path: Path, text: str) -> None:
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ------------------------------------------------------------------------------------------------
# plot
# ------------------------------------------------------------------------------------------------
_PLOT_NAMES = {
    "a": "a",
    "synthesis": "a",
    "b": "b",
    "scaling": "b",
    "c": "c",
    "frontier": "c",
    "d": "d",
    "crossover": "d",
    "e": "e",
    "parallelism": "e",
}


@main.command(context_settings=_CONTEXT)
@click.argument("kind", type=click.Choice(sorted(_PLOT_NAMES)))
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    required=True,
    help="Output image; the format follows the suffix (.png, .pdf or .svg). "
    "Example: --out frontier.png",
)
@click.option(
    "--workload",
    default="boolean",
    show_default=True,
    help="Workload of plots b (scaling) and c (frontier). Example: --workload imdb",
)
@click.option(
    "--arch",
    "--model",
    "archs",
    multiple=True,
    help=_ARCH_HELP + " Repeatable; plot e uses the first. Default: the report gallery's "
    "seven models. Example: --arch star_v3_p1e-4",
)
@_plain_budget_option
@click.option(
    "--sizes",
    default="1e3,1e4,1e5,1e6,1e7,1e8",
    show_default=True,
    metavar="N1,N2,...",
    help="Data sizes N of plot b, comma-separated. Example: --sizes 1e2,1e4,1e6",
)
@click.option(
    "--y-axis",
    type=click.Choice(["angle", "physical_error"]),
    default="angle",
    show_default=True,
    help="Second axis of plot d, against the rotation count: the rotation angle (rad) or the "
    "physical error rate (per operation; each model's rates rescaled). Example: --y-axis "
    "physical_error",
)
@click.option(
    "--dpi",
    type=click.IntRange(20, 600),
    default=120,
    show_default=True,
    help="Resolution of raster output (dots per inch). Example: --dpi 200",
)
@_handle_errors
def plot(
    kind: str,
    out: str,
    workload: str,
    archs: tuple[str, ...],
    budget: float,
    sizes: str,
    y_axis: str,
    dpi: int,
) -> None:
    """Draw an overhead plot: KIND is a/synthesis, b/scaling, c/frontier, d/crossover or
    e/parallelism.

    \b
    a  T gates per rotation against precision, each synthesis model, exact gridsynth points
    b  runtime and physical qubits against data size N, per architecture
    c  physical-qubit / runtime Pareto frontier, per architecture
    d  which architecture wins over (rotation count, angle), boundaries drawn
    e  sketch parallelism k against runtime and qubits

    \b
    Example:
      qose plot frontier --workload boolean --out frontier.png
    """
    from estimator import plot_data, plotting
    from estimator.errors import InvalidInputError
    from estimator.examples import get_workload
    from estimator.report import REPORT_ARCHITECTURES

    letter = _PLOT_NAMES[kind]
    suffix = Path(out).suffix.lower()
    if suffix not in (".png", ".pdf", ".svg"):
        raise InvalidInputError("--out", out, "a file name ending in .png, .pdf or .svg")
    arch_list: list[Any] = [_load_architecture(a, None, None) for a in archs] or list(
        REPORT_ARCHITECTURES
    )
    title = None
    if letter == "a":
        data = plot_data.synthesis_curves(
            [10.0**-k for k in range(1, 16)],
            exact_precisions=[1e-2, 1e-4, 1e-6, 1e-8, 1e-10],
        )
    elif letter == "b":
        spec = get_workload(workload)
        data = plot_data.size_scaling(spec, _parse_list(sizes, "--sizes"), arch_list, budget)
        title = spec.title
    elif letter == "c":
        spec = get_workload(workload)
        data = plot_data.frontiers(spec.counts(), arch_list, budget)
        title = spec.title
    elif letter == "d":
        if y_axis == "angle":
            ys = [10.0 ** (-k / 2) for k in range(0, 13)]
        else:
            ys = [1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3]
            if not archs:
                arch_list = plot_data.one_per_family(
                    sorted(arch_list, key=lambda a: ("_p1e-4" not in a, a))
                )
        data = plot_data.crossover_map(
            arch_list, [10**k for k in range(2, 13)], ys, y_axis=y_axis, budget=budget
        )
    else:
        data = plot_data.parallelism_scan(
            [1, 2, 4, 8, 16, 32, 64],
            architecture=arch_list[0] if archs else "clifford_t_factories_p1e-4",
            budget=budget,
        )
    fig = plotting.figure(letter, data, title=title)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    plotting.save_figure(fig, out, dpi=dpi)
    click.echo(f"wrote {out}", err=True)


# ------------------------------------------------------------------------------------------------
# report
# ------------------------------------------------------------------------------------------------
@main.command(context_settings=_CONTEXT)
@click.argument("workload", required=False)
@click.option(
    "--all",
    "all_",
    is_flag=True,
    help="Every workload of the gallery (imdb, pbmc68k, 20news, dorothea, boolean) plus the "
    "shared plots and README.md. Default: off. Example: --all",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    required=True,
    help="Output directory (created if needed; files are replaced only when complete). "
    "Example: --out reports/",
)
@click.option(
    "--arch",
    "--model",
    "archs",
    multiple=True,
    help=_ARCH_HELP + " Repeatable. Default: the gallery's seven models. "
    "Example: --arch star_v3_p1e-4",
)
@_plain_budget_option
@click.option(
    "--dpi",
    type=click.IntRange(20, 600),
    default=110,
    show_default=True,
    help="Resolution of the PNGs (dots per inch). Example: --dpi 150",
)
@_handle_errors
def report(
    workload: str | None, all_: bool, out: str, archs: tuple[str, ...], budget: float, dpi: int
) -> None:
    """Markdown + JSON + PNG reports, opening with the headline table (the paper's logical
    qubits next to the full bill on each architecture) and the memory-claim ratios.

    \b
    Examples:
      qose report imdb --out reports/
      qose report --all --out reports/
    """
    from estimator.errors import InvalidInputError
    from estimator.examples import get_workload
    from estimator.report import REPORT_ARCHITECTURES, build_report, write_gallery, write_report

    if all_ == (workload is not None):
        raise InvalidInputError("WORKLOAD/--all", workload, "exactly one of WORKLOAD or --all")
    arch_list = list(archs) or list(REPORT_ARCHITECTURES)
    for a in archs:
        _load_architecture(a, None, None)  # fail early on a bad name
    if all_:
        paths = write_gallery(out, architectures=arch_list, budget=budget, dpi=dpi)
    else:
        rep = build_report(get_workload(workload), architectures=arch_list, budget=budget)
        paths = write_report(rep, out, dpi=dpi)
    for p in paths:
        click.echo(f"wrote {p}", err=True)


# ------------------------------------------------------------------------------------------------
# models / workloads
# ------------------------------------------------------------------------------------------------
@main.command(context_settings=_CONTEXT)
@click.argument("name", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format. Example: --format json",
)
@_handle_errors
def models(name: str | None, fmt: str) -> None:
    """List the architecture presets, or show one (NAME) with the source of every value.

    \b
    Examples:
      qose models
      qose models star_v3_p1e-4
    """
    from estimator.model_files import list_models, load_model

    if name is None:
        rows = []
        for n in list_models():
            arch = load_model(n)
            rows.append((n, _one_line(arch.description)[:90]))
        if fmt == "json":
            click.echo(json.dumps(dict(rows), indent=2, sort_keys=True))
        else:
            click.echo(_render_table(rows))
        return
    arch = _load_architecture(name, None, None)
    data = arch.to_dict()
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, sort_keys=True, default=str))
        return
    click.echo(f"{data['name']}: {_one_line(data['description'])}")
    for key in ("magic_source", "rotation_scheme", "layout", "max_code_distance"):
        click.echo(f"  {key}: {data[key]}")
    click.echo(f"  qec: {data['qec'].get('name', data['qec'])}")
    click.echo("Sources:")
    for key, src in sorted(data["sources"].items()):
        click.echo(f"  {key}: {src}")


@main.command(context_settings=_CONTEXT)
@click.argument("name", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format; json of one workload holds its logicalCounts (QRE JSON) and "
    "rotationAngles and feeds back into --counts. Example: --format json",
)
@_handle_errors
def workloads(name: str | None, fmt: str) -> None:
    """List the named workloads, or show one (NAME): parameters, data set and logical counts.

    \b
    Examples:
      qose workloads
      qose workloads imdb --format json > imdb_counts.json
    """
    from estimator.examples import WORKLOADS, get_workload

    if name is None:
        rows = [(n, s.title) for n, s in WORKLOADS.items()]
        if fmt == "json":
            click.echo(json.dumps(dict(rows), indent=2, sort_keys=True))
        else:
            click.echo(_render_table(rows))
        return
    spec = get_workload(name)
    result = spec.result()
    counts = spec.counts() if result is None else result.to_logical_counts()
    if fmt == "json":
        data = {
            "workload": spec.to_dict(),
            "logicalCounts": counts.to_qre_json(),
            "rotationAngles": [[float(a), int(c)] for a, c in counts.rotation_angles],
        }
        if result is not None:
            data["authorsLogicalQubits"] = result.authors_logical_qubits
        click.echo(json.dumps(data, indent=2, sort_keys=True))
        return
    click.echo(f"{spec.name}: {spec.title}")
    params = ", ".join(f"{k}={v}" for k, v in spec.params_dict.items()) or "none"
    click.echo(f"  task: {spec.task}; parameters: {params}")
    if spec.dataset is not None:
        from estimator.workloads import get_preset

        p = get_preset(spec.dataset)
        for key in ("num_rows", "num_features", "sparsity"):
            q = getattr(p, key)
            click.echo(f"  {key} = {_fmt(q.value)}: {q.source}")
    if result is not None and result.authors_logical_qubits is not None:
        click.echo(f"  paper's logical qubits: {_fmt(result.authors_logical_qubits)}")
    for key, value in counts.to_qre_json().items():
        click.echo(f"  {key}: {_fmt(value)}")
    for a in spec.assumptions:
        click.echo(f"  assumption: {a}")


if __name__ == "__main__":  # pragma: no cover
    main()
