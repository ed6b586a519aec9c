"""Reports per workload: Markdown + JSON + PNG, deterministic and written atomically.

:func:`build_report` collects the numbers (through :mod:`estimator.plot_data`, i.e. the library),
:func:`render_markdown` renders them, :func:`write_report` writes ``<name>.md``, ``<name>.json``
and the plots ``<name>_scaling.png`` / ``<name>_frontier.png``; :func:`write_gallery` does so for
the paper's workloads and adds ``README.md`` (an index) and the workload-independent plots.

Determinism: no timestamps; JSON with sorted keys and floats rounded to 12 significant digits;
PNGs without date/version metadata. Atomicity: every file of a report is produced in memory
first and then written to a temporary name and moved into place (``os.replace``), so an existing
report is replaced only by a complete new one.

The headline table opens each report: the paper's (authors') logical-qubit count next to our full
bill on each architecture, then the memory-claim ratios (classical memory / qubits).
"""

from __future__ import annotations

import io
import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from estimator.errors import InvalidInputError

#: Report format version (bump when keys change).
SCHEMA = "qose-report/1"

#: Architectures of the gallery: Clifford+T with factories, with cultivation, with
#: phase-gradient rotations, STAR v1/v2/v3 and weak-transversal rotations, at p = 1e-4
#: (plus factories at p = 1e-3, QRE's qubit_gate_ns_e3 numbers).
REPORT_ARCHITECTURES: tuple[str, ...] = (
    "clifford_t_factories_p1e-3",
    "clifford_t_factories_p1e-4",
    "clifford_t_cultivation_p1e-4",
    "clifford_t_phase_gradient_p1e-4",
    "star_v1_p1e-4",
    "star_v2_p1e-4",
    "star_v3_p1e-4",
    "weak_transversal_p1e-4",
)

#: Default total error budget of reports (QRE's default).
DEFAULT_BUDGET = 1e-3

#: Data sizes N of the scaling plot (decades).
DEFAULT_SIZES: tuple[int, ...] = (10**3, 10**4, 10**5, 10**6, 10**7, 10**8)


# ------------------------------------------------------------------------------------------------
# Stable plain data
# ------------------------------------------------------------------------------------------------
def stable(obj: Any, digits: int = 12) -> Any:
    """Plain JSON data with floats rounded to ``digits`` significant digits (inf/nan -> str)."""
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        if math.isnan(obj) or math.isinf(obj):
            return str(obj)
        return float(f"{obj:.{digits}g}")
    if isinstance(obj, dict):
        return {str(k): stable(v, digits) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [stable(v, digits) for v in obj]
    # numpy / sympy numbers
    try:
        if float(obj).is_integer() and abs(float(obj)) < 2**53:
            return int(obj)
        return stable(float(obj), digits)
    except (TypeError, ValueError):
        return str(obj)


def dumps(data: Any) -> str:
    """Deterministic JSON text (sorted keys, 2-space indent, trailing newline)."""
    return json.dumps(stable(data), indent=2, sort_keys=True, allow_nan=False) + "\n"


# ------------------------------------------------------------------------------------------------
# Number formatting (Markdown)
# ------------------------------------------------------------------------------------------------
def _sci(v: float) -> str:
    """3 significant digits; scientific as ``1.6e3`` / ``2e-5`` (no plus sign, no zero pad)."""
    text = f"{v:.3g}"
    if "e" not in text:
        return text
    mant, exp = text.split("e")
    return f"{mant}e{int(exp)}"


def fmt_count(x: Any) -> str:
    """An integer with thousands separators, or scientific notation above 10^12."""
    if x is None:
        return "n/a"
    v = float(x)
    if abs(v) >= 1e12:
        return _sci(v)
    if v == int(v):
        return f"{int(v):,}"
    return _sci(v)


def fmt_ratio(x: Any) -> str:
    """A ratio to 3 significant digits."""
    if x is None:
        return "n/a"
    return _sci(float(x))


_UNITS = (
    (365.25 * 86400, "years"),
    (86400, "days"),
    (3600, "h"),
    (60, "min"),
)


def fmt_seconds(s: Any) -> str:
    """Seconds to 3 significant digits, with a readable unit beside it."""
    if s is None:
        return "n/a"
    s = float(s)
    base = f"{_sci(s)} s"
    for size, unit in _UNITS:
        if s >= size:
            return f"{base} ({_sci(s / size)} {unit})"
    return base


def _md_cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


# ------------------------------------------------------------------------------------------------
# Building the report data
# ------------------------------------------------------------------------------------------------
def _summary(outcome: Any) -> dict[str, Any]:
    e = outcome.estimate
    out: dict[str, Any] = {
        "architecture": outcome.architecture,
        "status": outcome.status,
        "reason": outcome.reason,
    }
    if e is not None:
        out.update(
            {
                "physical_qubits": e.physical_qubits,
                "runtime_s": e.runtime_ns / 1e9,
                "runtime_ns": e.runtime_ns,
                "code_distance": e.code_distance,
                "logical_qubits": e.logical_qubits,
                "logical_depth": e.logical_depth,
                "magic_or_injections": outcome.metric("magic_or_injections"),
                "rotation_scheme": e.rotation_scheme,
                "sampling_overhead": getattr(e, "sampling_overhead", 1.0),
                "estimate": e.to_dict(),
            }
        )
    return out


def _memory(result: Any, outcomes: Sequence[Any]) -> dict[str, Any]:
    if result is None or result.baselines is None:
        return {}

    def ratios(r: Any) -> dict[str, Any]:
        return {
            "quantum_size": r.quantum_size,
            "quantum_kind": r.quantum_kind,
            "streaming_values": r.streaming_values,
            "streaming_bits": r.streaming_bits,
            "sparse_values": r.sparse_values,
            "sparse_bits": r.sparse_bits,
            "bits_per_value": r.bits_per_value,
            "within_paper_claim": r.within_paper_claim(),
        }

    out = {
        "authors_logical": ratios(result.memory_ratios(against="authors")),
        "our_logical": ratios(result.memory_ratios(against="ours")),
        "physical": {
            o.architecture: ratios(result.physical_memory_ratios(o.estimate))
            for o in outcomes
            if o.ok
        },
    }
    return out


def build_report(
    spec: Any,
    *,
    architectures: Sequence[Any] = REPORT_ARCHITECTURES,
    budget: float = DEFAULT_BUDGET,
    sizes: Sequence[int] = DEFAULT_SIZES,
) -> dict[str, Any]:
    """All numbers of one workload's report (plain data, plus the plot data under ``"_plots"``).

    Args:
        spec: A :class:`~estimator.examples.WorkloadSpec`.
        architectures: Model names (or Architectures) to compare.
        budget: Total error budget.
        sizes: Data sizes N of the scaling plot (empty: no scaling plot).
    """
    from estimator import plot_data

    result = spec.result()
    counts = spec.counts()
    outcomes = plot_data.compare_architectures(counts, architectures, budget)
    logical: dict[str, Any] = {"counts": counts.to_qre_json()}
    if result is not None:
        logical.update(
            {
                "authors_logical_qubits": result.authors_logical_qubits,
                "our_logical_qubits": result.logical_qubits,
                "qubit_breakdown": dict(result.qubit_breakdown),
                "qubit_difference": result.qubit_difference,
                "total_samples": result.total_samples,
                "runs": result.runs,
                "rotation_count": result.rotation_count,
                "rotation_angles": [[a, c] for a, c in result.rotation_angles],
                "parameters": dict(result.parameters),
            }
        )
    else:
        logical["our_logical_qubits"] = counts.num_qubits
    plots: dict[str, Any] = {
        "frontier": plot_data.frontiers(counts, architectures, budget),
    }
    if sizes and spec.task in ("lssvm", "pca", "boolean"):
        plots["scaling"] = plot_data.size_scaling(spec, sizes, architectures, budget)
    dataset = None
    if spec.dataset is not None:
        from estimator.workloads import get_preset

        p = get_preset(spec.dataset)
        dataset = {
            "name": p.name,
            "title": p.title,
            "num_rows": {"value": p.num_rows.value, "source": p.num_rows.source},
            "num_features": {"value": p.num_features.value, "source": p.num_features.source},
            "sparsity": {"value": p.sparsity.value, "source": p.sparsity.source},
            "unverified": list(p.unverified_fields()),
        }
    return {
        "schema": SCHEMA,
        "workload": spec.to_dict(),
        "dataset": dataset,
        "budget": budget,
        "logical": logical,
        "architectures": [_summary(o) for o in outcomes],
        "winners": plot_data.winners(outcomes),
        "ratios": plot_data.ratios(outcomes),
        "memory": _memory(result, outcomes),
        "assumptions": list(spec.assumptions)
        + (list(result.assumptions) if result is not None else []),
        "plots": sorted(f"{spec.name}_{k}.png" for k in plots),
        "_plots": plots,
    }


# ------------------------------------------------------------------------------------------------
# Markdown
# ------------------------------------------------------------------------------------------------
def render_markdown(report: dict[str, Any]) -> str:
    """GitHub Markdown of a report built by :func:`build_report`."""
    w = report["workload"]
    lg = report["logical"]
    lines = [f"# {w['title']}", ""]
    params = ", ".join(f"{k} = {v}" for k, v in sorted(w["params"].items()))
    lines.append(
        f"Workload `{w['name']}` ({w['task']}{', ' + params if params else ''}); total error "
        f"budget {report['budget']:g}. Generated by `qose report {w['name']}` with the default "
        "(monotone) search: a larger budget never costs more qubits or more time; "
        "`qose estimate --search qre` gives Microsoft's estimator's own numbers."
    )
    lines += ["", "## Headline: the paper's logical qubits against the full bill", ""]
    authors = lg.get("authors_logical_qubits")
    rows = []
    for a in report["architectures"]:
        if a["status"] == "ok":
            rows.append(
                [
                    f"`{a['architecture']}`",
                    fmt_count(authors),
                    fmt_count(lg.get("our_logical_qubits")),
                    fmt_count(a["logical_qubits"]),
                    fmt_count(a["physical_qubits"]),
                    fmt_seconds(a["runtime_s"]),
                    a["code_distance"],
                    fmt_count(a["magic_or_injections"]),
                ]
            )
        else:
            rows.append(
                [
                    f"`{a['architecture']}`",
                    fmt_count(authors),
                    fmt_count(lg.get("our_logical_qubits")),
                    a["status"],
                    "",
                    "",
                    "",
                    "",
                ]
            )
    lines += _table(
        [
            "architecture",
            "paper's logical qubits",
            "our logical qubits",
            "logical qubits after layout",
            "physical qubits",
            "runtime",
            "code distance",
            "T states / injections",
        ],
        rows,
    )
    win = report["winners"]
    best_q, best_t = win.get("physical_qubits"), win.get("runtime_s")
    lines.append("")
    if best_q is None:
        lines.append("No architecture can run this workload within the budget.")
    else:
        lines.append(f"Fewest physical qubits: `{best_q}`. Shortest runtime: `{best_t}`.")
    bad = [a for a in report["architectures"] if a["status"] != "ok"]
    if bad:
        lines += ["", "Why the others cannot run it:", ""]
        lines += [f"- `{a['architecture']}` ({a['status']}): {a['reason']}" for a in bad]
    mem = report["memory"]
    if mem:
        lines += ["", "## Memory claim: classical memory / quantum memory", ""]
        lines.append(
            "The paper claims a reduction of four to six orders of magnitude "
            "(arXiv:2604.07639, abstract). Ratios of the classical baselines "
            "(streaming: the D-vector; sparse: the nnz values) to the qubits:"
        )
        lines.append("")
        mrows = []
        entries = [
            ("paper's logical qubits", mem["authors_logical"]),
            ("our logical qubits", mem["our_logical"]),
        ] + [(f"physical, `{k}`", v) for k, v in sorted(mem["physical"].items())]
        for label, r in entries:
            claim = r["within_paper_claim"]

            def cell(key: str, r: dict[str, Any] = r, claim: dict[str, Any] = claim) -> str:
                mark = " ✓" if claim.get(key) else ""
                return fmt_ratio(r[key]) + mark

            mrows.append(
                [
                    label,
                    fmt_count(r["quantum_size"]),
                    cell("streaming_values"),
                    cell("streaming_bits"),
                    cell("sparse_values"),
                    cell("sparse_bits"),
                ]
            )
        bits = mem["authors_logical"]["bits_per_value"]
        lines += _table(
            [
                "quantum memory",
                "qubits",
                "streaming values",
                f"streaming bits ({bits}-bit)",
                "sparse values",
                f"sparse bits ({bits}-bit)",
            ],
            mrows,
        )
        lines += ["", "✓: within the paper's four to six orders of magnitude (1e4 to 1e6)."]
    lines += ["", "## Logical resources", ""]
    lrows = [[k, fmt_count(v)] for k, v in sorted(lg["counts"].items())]
    for key in ("total_samples", "runs"):
        if key in lg:
            lrows.append([key, fmt_count(lg[key])])
    lines += _table(["quantity", "value"], lrows)
    if lg.get("qubit_difference"):
        lines += ["", f"Our logical qubits against the paper's: {lg['qubit_difference']}"]
    if report.get("dataset"):
        d = report["dataset"]
        lines += ["", "## Data set", "", f"{d['title']}.", ""]
        drows = [
            [k, fmt_count(d[k]["value"]), d[k]["source"]]
            for k in ("num_rows", "num_features", "sparsity")
        ]
        lines += _table(["statistic", "value", "source"], drows)
        if d["unverified"]:
            lines += ["", "Unverified or bounds only: " + ", ".join(d["unverified"]) + "."]
    if report["plots"]:
        lines += ["", "## Plots", ""]
        for p in report["plots"]:
            lines += [f"![{p}]({p})", ""]
        lines.pop()
    if report["assumptions"]:
        lines += ["", "## Assumptions", ""]
        lines += [f"- {a}" for a in report["assumptions"]]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------------
def _png_bytes(fig: Any, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def _write_all(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file to a temporary name, then move each into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmps: list[tuple[Path, Path]] = []
    try:
        for name, content in sorted(files.items()):
            final = out_dir / name
            tmp = out_dir / f".{name}.tmp"
            tmp.write_bytes(content)
            tmps.append((tmp, final))
    except OSError:
        for tmp, _ in tmps:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in tmps:
        os.replace(tmp, final)
    return [final for _, final in tmps]


def report_files(report: dict[str, Any], *, dpi: int = 110) -> dict[str, bytes]:
    """File name -> content of one report (Markdown, JSON, PNGs), all in memory."""
    from estimator import plotting

    name = report["workload"]["name"]
    title = report["workload"]["title"]
    files: dict[str, bytes] = {}
    plots = report["_plots"]
    if "frontier" in plots:
        fig = plotting.figure("c", plots["frontier"], title=title)
        files[f"{name}_frontier.png"] = _png_bytes(fig, dpi)
    if "scaling" in plots:
        fig = plotting.figure("b", plots["scaling"], title=title)
        files[f"{name}_scaling.png"] = _png_bytes(fig, dpi)
    data = {k: v for k, v in report.items() if not k.startswith("_")}
    files[f"{name}.json"] = dumps(data).encode("utf-8")
    files[f"{name}.md"] = render_markdown(report).encode("utf-8")
    return files


def write_report(report: dict[str, Any], out_dir: str | Path, *, dpi: int = 110) -> list[Path]:
    """Write one report's files into ``out_dir`` atomically; returns the paths written."""
    return _write_all(Path(out_dir), report_files(report, dpi=dpi))


def gallery_index(reports: Sequence[dict[str, Any]], extra_plots: Sequence[str]) -> str:
    """``README.md`` of the gallery: one headline line per workload and the shared plots."""
    budget = f"{reports[0]['budget']:g}" if reports else "n/a"
    lines = [
        "# Report gallery",
        "",
        "Generated by `qose report --all --out reports/` (deterministic; a test regenerates it "
        f"and compares the JSON). Total error budget {budget} for every estimate.",
        "",
    ]
    rows = []
    for r in reports:
        w = r["workload"]
        lg = r["logical"]
        ok = [a for a in r["architectures"] if a["status"] == "ok"]
        best = min(ok, key=lambda a: (a["physical_qubits"], a["architecture"])) if ok else None
        rows.append(
            [
                f"[{w['title']}]({w['name']}.md)",
                fmt_count(lg.get("authors_logical_qubits")),
                fmt_count(lg.get("our_logical_qubits")),
                f"{len(ok)} of {len(r['architectures'])}",
                "none"
                if best is None
                else f"{fmt_count(best['physical_qubits'])} (`{best['architecture']}`)",
                "n/a" if best is None else fmt_seconds(best["runtime_s"]),
            ]
        )
    lines += _table(
        [
            "workload",
            "paper's logical qubits",
            "our logical qubits",
            "feasible architectures",
            "fewest physical qubits",
            "runtime there",
        ],
        rows,
    )
    if extra_plots:
        lines += ["", "## Architecture plots", ""]
        for p in extra_plots:
            lines += [f"![{p}]({p})", ""]
        lines.pop()
    return "\n".join(lines) + "\n"


def shared_plot_data(
    *, architectures: Sequence[Any] = REPORT_ARCHITECTURES, quick: bool = False
) -> dict[str, Any]:
    """Data of the workload-independent plots (a), (d), (e) of the gallery.

    Args:
        architectures: Architectures of the crossover maps.
        quick: Fewer points (tests).
    """
    from estimator import plot_data

    if quick:
        eps = [10.0**-k for k in (1, 5, 10, 15)]
        exact = [1e-3]
        counts = [10**k for k in (2, 6, 10)]
        angles = [1e-5, 1e-2, 0.785]
        errors = [1e-4, 1e-3]
        ks = [1, 4, 16]
    else:
        eps = [10.0**-k for k in range(1, 16)]
        exact = [1e-2, 1e-4, 1e-6, 1e-8, 1e-10]
        counts = [10**k for k in range(2, 13)]
        angles = [10.0 ** (-k / 2) for k in range(0, 13)]
        errors = [1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3]
        ks = [1, 2, 4, 8, 16, 32, 64]
    # one preset per family (the p = 1e-4 one first), the same list and colours in both maps
    families = plot_data.one_per_family(
        sorted(architectures, key=lambda a: ("_p1e-4" not in str(a), str(a)))
    )
    return {
        "synthesis": plot_data.synthesis_curves(eps, exact_precisions=exact),
        "crossover_angle": plot_data.crossover_map(families, counts, angles, budget=DEFAULT_BUDGET),
        "crossover_error": plot_data.crossover_map(
            families,
            counts,
            errors,
            y_axis="physical_error",
            budget=DEFAULT_BUDGET,
        ),
        "parallelism": plot_data.parallelism_scan(ks),
    }


def shared_json(shared: dict[str, Any]) -> dict[str, Any]:
    """The numbers behind the shared plots, as plain data (``architecture_plots.json``)."""
    par = shared["parallelism"]
    return {
        "schema": SCHEMA,
        "synthesis": shared["synthesis"],
        "crossover_angle": shared["crossover_angle"],
        "crossover_error": shared["crossover_error"],
        "parallelism": {
            "architecture": par["architecture"],
            "num_items": par["num_items"],
            "num_samples": par["num_samples"],
            "points": [
                {
                    "k": k,
                    "logical_qubits": lq,
                    "status": o.status,
                    "physical_qubits": o.estimate.physical_qubits if o.ok else None,
                    "runtime_s": o.estimate.runtime_ns / 1e9 if o.ok else None,
                    "reason": o.reason,
                }
                for k, lq, o in zip(par["ks"], par["logical_qubits"], par["outcomes"], strict=True)
            ],
        },
    }


def write_gallery(
    out_dir: str | Path,
    names: Sequence[str] | None = None,
    *,
    architectures: Sequence[Any] = REPORT_ARCHITECTURES,
    budget: float = DEFAULT_BUDGET,
    sizes: Sequence[int] = DEFAULT_SIZES,
    dpi: int = 110,
    quick: bool = False,
) -> list[Path]:
    """Reports for ``names`` (default: the gallery), the shared plots and ``README.md``."""
    from estimator import plotting
    from estimator.examples import GALLERY, get_workload

    if names is not None and not names:
        raise InvalidInputError("names", names, "at least one workload")
    specs = [get_workload(n) for n in (GALLERY if names is None else names)]
    reports = [
        build_report(s, architectures=architectures, budget=budget, sizes=sizes) for s in specs
    ]
    files: dict[str, bytes] = {}
    for r in reports:
        files.update(report_files(r, dpi=dpi))
    shared = shared_plot_data(architectures=architectures, quick=quick)
    figs = {
        "synthesis_cost.png": plotting.figure("a", shared["synthesis"]),
        "crossover_angle.png": plotting.figure("d", shared["crossover_angle"]),
        "crossover_physical_error.png": plotting.figure("d", shared["crossover_error"]),
        "sketch_parallelism.png": plotting.figure("e", shared["parallelism"]),
    }
    for name, fig in figs.items():
        files[name] = _png_bytes(fig, dpi)
    files["architecture_plots.json"] = dumps(shared_json(shared)).encode("utf-8")
    files["README.md"] = gallery_index(reports, list(figs)).encode("utf-8")
    return _write_all(Path(out_dir), files)
