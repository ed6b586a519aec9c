"""Plots of overhead curves and architecture comparisons (matplotlib, ``ax``-based).

Every function draws data returned by :mod:`estimator.plot_data` onto a given ``Axes`` and
returns it; none computes a cost and none calls ``plt.show()``. :func:`figure` builds a complete
figure (without pyplot, so no GUI backend is needed) for one of the five kinds:

* ``a``: T gates per rotation against precision (:func:`plot_synthesis`),
* ``b``: runtime and physical qubits against data size N (:func:`plot_size_scaling`),
* ``c``: physical-qubit/runtime Pareto frontiers (:func:`plot_frontier`),
* ``d``: crossover map, which architecture wins over (rotation count, angle)
  (:func:`plot_crossover`),
* ``e``: sketch parallelism k against runtime and qubits (:func:`plot_parallelism`).
"""

from __future__ import annotations

from typing import Any

PLOT_KINDS: dict[str, str] = {
    "a": "T gates per rotation against precision, per synthesis model, with exact gridsynth points",
    "b": "runtime and physical qubits against data size N, per architecture",
    "c": "physical-qubit / runtime Pareto frontier, per architecture",
    "d": "crossover map: which architecture wins over (rotation count, angle) or (physical "
    "error, rotation count)",
    "e": "sketch parallelism k against runtime and qubits",
}

_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")


def _style(i: int) -> dict[str, Any]:
    import matplotlib as mpl

    colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    return {"color": colors[i % len(colors)], "marker": _MARKERS[i % len(_MARKERS)]}


def _log_axes(ax: Any, has_data: bool, message: str) -> None:
    """Log-log axes, or a note in the middle when there is nothing to draw."""
    if has_data:
        ax.set_xscale("log")
        ax.set_yscale("log")
        return
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])


def _qubit_axis(ax: Any, values: list[float]) -> None:
    """Log y axis when the qubit counts span a decade or more, else linear with SI prefixes
    (``4.3M``), so a narrow range is not left with one or no labelled tick."""
    from matplotlib.ticker import EngFormatter

    vals = [v for v in values if v > 0]
    if vals and max(vals) / min(vals) >= 10:
        ax.set_yscale("log")
        return
    ax.set_yscale("linear")
    ax.yaxis.set_major_formatter(EngFormatter(sep=""))


def _legend(ax: Any, **kwargs: Any) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(fontsize="small", framealpha=0.9, **kwargs)


def plot_synthesis(ax: Any, data: dict[str, Any]) -> Any:
    """(a) Expected T count per rotation against precision (``plot_data.synthesis_curves``)."""
    eps = data["precisions"]
    for i, (label, ts) in enumerate(data["models"].items()):
        st = _style(i)
        ax.plot(eps, ts, color=st["color"], lw=1.6, label=label)
    exact = data.get("exact") or []
    if exact:
        ax.scatter(
            [e for e, _, _ in exact],
            [t for _, _, t in exact],
            color="black",
            marker="x",
            s=28,
            zorder=3,
            label="gridsynth exact (pygridsynth)",
        )
    ax.set_xscale("log")
    ax.invert_xaxis()
    ax.set_xlabel("rotation precision ε (diamond norm)")
    ax.set_ylabel("T gates per rotation (expected)")
    ax.set_title("(a) Rotation synthesis cost")
    ax.grid(True, which="major", alpha=0.3)
    _legend(ax, loc="upper left")
    return ax


def _series_label(name: str, outcomes: list[Any]) -> str:
    if all(not o.ok for o in outcomes):
        return f"{name} (infeasible)"
    return name


def plot_size_scaling(ax: Any, data: dict[str, Any], metric: str = "runtime_s") -> Any:
    """(b) Runtime (``metric="runtime_s"``) or physical qubits (``"physical_qubits"``) against N
    (``plot_data.size_scaling``); infeasible points are left out and marked in the legend."""
    if metric not in ("runtime_s", "physical_qubits"):
        from estimator.errors import InvalidInputError

        raise InvalidInputError("metric", metric, "'runtime_s' or 'physical_qubits'")
    sizes = data["sizes"]
    for i, (name, outcomes) in enumerate(data["series"].items()):
        pts = [(n, o.metric(metric)) for n, o in zip(sizes, outcomes, strict=True) if o.ok]
        st = _style(i)
        ax.plot(
            [p[0] for p in pts],
            [float(p[1]) for p in pts],
            marker=st["marker"],
            color=st["color"],
            ms=4,
            lw=1.4,
            label=_series_label(name, outcomes),
        )
    any_ok = any(o.ok for outcomes in data["series"].values() for o in outcomes)
    _log_axes(ax, any_ok, "no architecture can run this workload\nat any of these sizes")
    if any_ok and metric == "physical_qubits":
        _qubit_axis(
            ax,
            [float(o.metric(metric)) for outs in data["series"].values() for o in outs if o.ok],
        )
    ax.set_xlabel("data size N (" + data.get("size_parameter", "N") + ")")
    ax.set_ylabel("runtime (s)" if metric == "runtime_s" else "physical qubits")
    ax.grid(True, which="major", alpha=0.3)
    return ax


def plot_frontier(ax: Any, data: dict[str, Any]) -> Any:
    """(c) Physical qubits against runtime, one Pareto frontier per architecture
    (``plot_data.frontiers``)."""
    for i, (name, entry) in enumerate(data.items()):
        pts = sorted(entry["points"], key=lambda p: p[1])
        st = _style(i)
        label = name if pts else f"{name} (infeasible)"
        ax.step(
            [p[1] for p in pts],
            [p[0] for p in pts],
            where="post",
            marker=st["marker"],
            color=st["color"],
            ms=4,
            lw=1.4,
            label=label,
        )
    any_ok = any(entry["points"] for entry in data.values())
    _log_axes(ax, any_ok, "no architecture can run this workload\nwithin the error budget")
    if any_ok:
        _qubit_axis(ax, [float(p[0]) for entry in data.values() for p in entry["points"]])
    ax.set_xlabel("runtime (s)")
    ax.set_ylabel("physical qubits")
    ax.set_title("(c) Qubits / runtime Pareto frontier")
    ax.grid(True, which="major", alpha=0.3)
    _legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    return ax


def _edges(values: list[float]) -> list[float]:
    """Cell edges for log-spaced centres (geometric midpoints)."""
    import math

    if len(values) == 1:
        v = values[0]
        return [v / 2, v * 2]
    logs = [math.log10(v) for v in values]
    mids = [(a + b) / 2 for a, b in zip(logs, logs[1:], strict=False)]
    first = logs[0] - (mids[0] - logs[0])
    last = logs[-1] + (logs[-1] - mids[-1])
    return [10**x for x in [first, *mids, last]]


def plot_crossover(ax: Any, data: dict[str, Any]) -> Any:
    """(d) Winner map over (rotation count, angle), boundaries drawn in black
    (``plot_data.crossover_map``)."""
    import matplotlib as mpl
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    from estimator.plot_data import CROSSOVER_AXES

    names = data.get("labels") or data["architectures"]
    grid = data["winner"]
    xs, ys = data["x_values"], data["y_values"]
    xe, ye = _edges([float(x) for x in xs]), _edges([float(y) for y in ys])
    colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    palette = ["#dddddd"] + [colors[i % len(colors)] for i in range(len(names))]
    cmap = ListedColormap(palette)
    z = [[w + 1 for w in row] for row in grid]
    ax.pcolormesh(xe, ye, z, cmap=cmap, vmin=-0.5, vmax=len(names) + 0.5, shading="flat")
    # boundaries: edges between neighbouring cells with different winners
    for j, row in enumerate(grid):
        for i, w in enumerate(row):
            if i + 1 < len(row) and row[i + 1] != w:
                ax.plot([xe[i + 1], xe[i + 1]], [ye[j], ye[j + 1]], color="black", lw=1.5)
            if j + 1 < len(grid) and grid[j + 1][i] != w:
                ax.plot([xe[i], xe[i + 1]], [ye[j + 1], ye[j + 1]], color="black", lw=1.5)
    present = sorted({w for row in grid for w in row})
    handles = [
        Patch(facecolor=palette[w + 1], label=("none feasible" if w < 0 else names[w]))
        for w in present
    ]
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])
    for axis_name, axis, values in (("x_axis", ax.xaxis, xs), ("y_axis", ax.yaxis, ys)):
        if data[axis_name] == "physical_error" and len(values) <= 10:
            # few, non-decade values: label each cell's value (1e-4, 2e-4, 5e-4, ...)
            from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

            axis.set_major_locator(FixedLocator([float(v) for v in values]))
            axis.set_major_formatter(FixedFormatter([f"{float(v):.0e}" for v in values]))
            axis.set_minor_locator(NullLocator())
    ax.set_xlabel(CROSSOVER_AXES[data["x_axis"]])
    ax.set_ylabel(CROSSOVER_AXES[data["y_axis"]])
    what = {
        "spacetime": "physical qubits × runtime",
        "runtime": "runtime",
        "physical_qubits": "physical qubits",
    }[data["metric"]]
    ax.set_title(f"(d) Cheapest architecture by {what}")
    ax.legend(
        handles=handles,
        fontsize="small",
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
    )
    return ax


def plot_parallelism(ax: Any, data: dict[str, Any]) -> Any:
    """(e) Runtime (left axis) and physical qubits (right axis) against the parallelism k
    (``plot_data.parallelism_scan``). Returns the twin axis."""
    ks = data["ks"]
    ok = [(k, o) for k, o in zip(ks, data["outcomes"], strict=True) if o.ok]
    c0, c1 = _style(0)["color"], _style(1)["color"]
    ax.plot(
        [k for k, _ in ok],
        [o.estimate.runtime_ns / 1e9 for _, o in ok],
        marker="o",
        color=c0,
        label="runtime (left axis)",
    )
    from matplotlib.ticker import FixedLocator, NullLocator, ScalarFormatter

    ax.set_xscale("log", base=2)
    ax.xaxis.set_major_locator(FixedLocator([float(k) for k in ks]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.set_xlabel("sketch parallelism k (index-register copies)")
    ax.set_ylabel("runtime (s)", color=c0)
    ax.tick_params(axis="y", colors=c0)
    twin = ax.twinx()
    twin.plot(
        [k for k, _ in ok],
        [o.estimate.physical_qubits for _, o in ok],
        marker="s",
        color=c1,
        label="physical qubits (right axis)",
    )
    from matplotlib.ticker import EngFormatter

    twin.yaxis.set_major_formatter(EngFormatter(sep=""))
    twin.set_ylabel("physical qubits", color=c1)
    twin.tick_params(axis="y", colors=c1)
    ax.set_title(
        f"(e) Boolean sketch, N = {data['num_items']:,}, M = {data['num_samples']:,} samples "
        f"on {data['architecture']}",
        fontsize="medium",
    )
    ax.grid(True, which="major", alpha=0.3)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = twin.get_legend_handles_labels()
    if h1 or h2:
        ax.legend(h1 + h2, l1 + l2, fontsize="small", loc="upper center")
    return twin


def figure(kind: str, data: Any, *, title: str | None = None) -> Any:
    """A complete matplotlib Figure of plot ``kind`` (a-e) from its data (no pyplot).

    Args:
        kind: One of :data:`PLOT_KINDS`.
        data: What the matching ``estimator.plot_data`` function returned.
        title: Optional figure title (e.g. the workload), above the panels.
    """
    from estimator.errors import UnknownNameError

    if kind not in PLOT_KINDS:
        raise UnknownNameError("plot kind", kind, list(PLOT_KINDS))
    fig = _figure(kind, data)
    if title:
        fig.suptitle(title)
    return fig


def _figure(kind: str, data: Any) -> Any:
    from matplotlib.figure import Figure

    if kind == "b":
        fig = Figure(figsize=(11, 4.2), layout="constrained")
        ax1, ax2 = fig.subplots(1, 2)
        plot_size_scaling(ax1, data, "runtime_s")
        plot_size_scaling(ax2, data, "physical_qubits")
        ax1.set_title("(b) Runtime against data size")
        ax2.set_title("(b) Physical qubits against data size")
        handles, labels = ax1.get_legend_handles_labels()
        if handles:
            fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize="small")
        return fig
    if kind in ("c", "d"):
        fig = Figure(figsize=(9.5, 4.5), layout="constrained")
        ax = fig.subplots()
        (plot_frontier if kind == "c" else plot_crossover)(ax, data)
        return fig
    fig = Figure(figsize=(7, 4.5), layout="constrained")
    ax = fig.subplots()
    {"a": plot_synthesis, "e": plot_parallelism}[kind](ax, data)
    return fig


def save_figure(fig: Any, path: Any, *, dpi: int = 120) -> None:
    """Save ``fig`` to ``path`` (format from the suffix: png, pdf, svg), deterministically.

    Metadata that would change between runs (creation date, software version) is dropped, and
    the file is written to a temporary name first and moved into place when complete.
    """
    import os
    from pathlib import Path

    p = Path(path)
    fmt = p.suffix.lower().lstrip(".")
    metadata: dict[str, Any] = {}
    if fmt == "png":
        metadata = {"Software": None}
    elif fmt == "pdf":
        metadata = {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
    elif fmt == "svg":
        metadata = {"Date": None, "Creator": None}
    tmp = p.with_name(f".{p.name}.tmp")
    fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata)
    os.replace(tmp, p)
