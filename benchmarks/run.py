"""Performance ratios of qos-estimator, from one run (issue 9). Run: ``python benchmarks/run.py``.

Prints these measurements and writes nothing:

1. one numeric estimate / the same LogicalCounts through the installed ``qsharp`` estimator
   (median of repeats per case). Goal <= 1. Our QRE-parity mode (``search="qre"``) runs the same
   algorithm as qsharp; "cold" empties every cache of our factory search before each run (a new
   process), "warm" keeps them (a sweep, or a repeated call). The default (monotone) search runs
   QRE's algorithm at every budget-ladder point from 1e-12 up, so it is timed too, cold and warm.
2. a QOS workload (Boolean oracle task, N = 16) from task to physical estimate at M ~ 10^13
   samples / at M ~ 10^3 samples, both by the closed-form counts and through the Bloqs
   (Qualtran's counting); qsharp's own ratio on the same two programs for context. Goal <= 1.2.
3. a 10^5-point sweep (2 architectures x 50 N x 50 budgets x 20 physical error rates,
   ``estimator.sweep``, default search, every point exact), on all cores and on one: seconds and
   points per second. Goal < 5 s on 2 cores.
4. ``qose --help`` cold start / ``python -c pass`` (subprocesses, medians). Goal: small.

The whole script takes about one minute on 2 cores.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", category=DeprecationWarning)

REPEATS = 7
#: Interleaved repeats of the qsharp comparison (medians).
QSHARP_REPEATS = 25
ROOT = Path(__file__).resolve().parent.parent


def _median(fn, repeats: int = REPEATS, setup=None) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeats):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _clear_caches() -> None:
    """A cold start: every cache of the factory search (searches, builds, machine tables,
    binomial quantiles) and of the default search's budget ladder is emptied."""
    from estimator import search
    from estimator.magic import round_based

    round_based.clear_caches()
    search.clear_cache()


# ------------------------------------------------------------------------------------------------
def bench_qsharp() -> list[dict]:
    from qsharp.estimator import EstimatorParams, QECScheme, QubitParams
    from qsharp.estimator import LogicalCounts as QLogicalCounts

    from estimator.architecture import Architecture
    from estimator.logical import LogicalCounts
    from estimator.physical import estimate

    cases = [
        ("qubit_gate_ns_e3", QubitParams.GATE_NS_E3, dict(num_qubits=100, t_count=10**6)),
        (
            "qubit_gate_ns_e4",
            QubitParams.GATE_NS_E4,
            dict(num_qubits=50, ccz_count=10**8, measurement_count=10**6),
        ),
        (
            "qubit_gate_us_e3",
            QubitParams.GATE_US_E3,
            dict(num_qubits=20, rotation_count=10**5, rotation_depth=10**4, t_count=10**4),
        ),
        (
            "qubit_maj_ns_e4",
            QubitParams.MAJ_NS_E4,
            dict(num_qubits=10, t_count=10**10, ccz_count=1000, measurement_count=1000),
        ),
    ]
    rows = []
    for preset, qparams, kw in cases:
        counts = LogicalCounts(**kw)
        arch = Architecture.qre(preset)
        qc = QLogicalCounts(counts.to_qre_json())
        params = EstimatorParams()
        params.qubit_params.name = qparams
        params.qec_scheme.name = QECScheme.SURFACE_CODE
        params.error_budget = 1e-3
        qc.estimate(params)  # warm-up (loads the native module)

        def ours(search: str, c=counts, a=arch) -> None:  # noqa: ANN001
            estimate(c, a, 1e-3, search=search)

        # interleaved, so that a change in the machine's load hits both sides alike
        runs: dict[str, list[float]] = {"qsharp": [], "cold": [], "warm": []}
        for _ in range(QSHARP_REPEATS):
            t0 = time.perf_counter()
            qc.estimate(params)
            runs["qsharp"].append(time.perf_counter() - t0)
            _clear_caches()
            t0 = time.perf_counter()
            ours("qre")
            runs["cold"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            ours("qre")
            runs["warm"].append(time.perf_counter() - t0)
        t_q, t_cold, t_warm = (statistics.median(runs[k]) for k in ("qsharp", "cold", "warm"))
        m_cold = _median(lambda: ours("monotone"), repeats=3, setup=_clear_caches)
        m_warm = _median(lambda: ours("monotone"))
        rows.append(
            {
                "case": preset,
                "qsharp_s": t_q,
                "ours_cold_s": t_cold,
                "ours_warm_s": t_warm,
                "ratio_cold": t_cold / t_q,
                "ratio_warm": t_warm / t_q,
                "monotone_cold_s": m_cold,
                "monotone_warm_s": m_warm,
            }
        )
    return rows


# ------------------------------------------------------------------------------------------------
def bench_samples() -> dict:
    from estimator.architecture import Architecture
    from estimator.physical import estimate
    from estimator.workloads import BooleanQueryTask

    arch = Architecture.qre("qubit_gate_ns_e4")
    out: dict = {"qsharp": _qsharp_samples_ratio()}

    for path in ("formula", "bloqs"):

        def run(queries: int, path: str = path) -> int:
            result = BooleanQueryTask(num_items=16, queries=queries, error=0.1).estimate()
            if path == "bloqs":
                result = result.from_bloqs()  # Bloq decomposition counted by Qualtran
            estimate(result.to_logical_counts(), arch, 1e-2)
            return result.total_samples

        m_small, m_big = run(1), run(112_500)  # M ~ 7.9e2 and ~ 1.0e13
        t_small = _median(lambda run=run: run(1), setup=_clear_caches)
        t_big = _median(lambda run=run: run(112_500), setup=_clear_caches)
        w_small = _median(lambda run=run: run(1))
        w_big = _median(lambda run=run: run(112_500))
        out[path] = {
            "M_small": m_small,
            "M_big": m_big,
            "small_s": t_small,
            "big_s": t_big,
            "ratio": t_big / t_small,
            "warm_small_s": w_small,
            "warm_big_s": w_big,
            "warm_ratio": w_big / w_small,
        }
    return out


def _qsharp_samples_ratio() -> dict:
    """The installed qsharp estimator on the same two programs (its own M ratio, for context)."""
    from qsharp.estimator import EstimatorParams, QECScheme, QubitParams
    from qsharp.estimator import LogicalCounts as QLogicalCounts

    from estimator.workloads import BooleanQueryTask

    times = {}
    for queries in (1, 112_500):
        counts = BooleanQueryTask(num_items=16, queries=queries, error=0.1).estimate()
        qc = QLogicalCounts(counts.to_logical_counts().to_qre_json())
        params = EstimatorParams()
        params.qubit_params.name = QubitParams.GATE_NS_E4
        params.qec_scheme.name = QECScheme.SURFACE_CODE
        params.error_budget = 1e-2
        qc.estimate(params)
        times[queries] = _median(lambda qc=qc, params=params: qc.estimate(params), repeats=15)
    return {"small_s": times[1], "big_s": times[112_500], "ratio": times[112_500] / times[1]}


# ------------------------------------------------------------------------------------------------
def bench_sweep() -> dict:
    import numpy as np

    from estimator.architecture import Architecture
    from estimator.model_files import load_model
    from estimator.sweep import default_workers, sweep
    from estimator.workloads import BooleanQueryTask

    archs = [load_model("clifford_t_cultivation_p1e-4"), Architecture.qre("qubit_gate_ns_e3")]
    sizes = [int(2**k) for k in np.linspace(4, 30, 50).round().astype(int)]
    sizes = sorted(set(sizes))
    while len(sizes) < 50:
        sizes.append(sizes[-1] * 2)
    counts = [
        BooleanQueryTask(num_items=n, queries=10, error=0.01).estimate().to_logical_counts()
        for n in sizes
    ]
    budgets = [float(x) for x in np.logspace(-6, -1.5, 50)]
    pes = [float(x) for x in np.logspace(-4, -3, 20)]
    runs = {}
    for workers in (None, 1):
        _clear_caches()
        t0 = time.perf_counter()
        res = sweep(counts, archs, budgets, pes, sizes=sizes, workers=workers)
        runs[workers] = time.perf_counter() - t0
    return {
        "points": len(res),
        "seconds": runs[None],
        "points_per_s": len(res) / runs[None],
        "seconds_one_core": runs[1],
        "workers": default_workers(),
        "feasible": int((res.status == "ok").sum()),
        "architectures": [a.name for a in archs],
    }


# ------------------------------------------------------------------------------------------------
def bench_cli() -> dict:
    def med(args: list[str]) -> float:
        def run() -> None:
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        return _median(run, repeats=9)

    qose = Path(sys.executable).with_name("qose")
    cmd = [str(qose), "--help"] if qose.exists() else [sys.executable, "-m", "estimator.cli"]
    base = med([sys.executable, "-c", "pass"])
    help_s = med(cmd + ([] if qose.exists() else ["--help"]))
    return {"python_pass_s": base, "qose_help_s": help_s, "ratio": help_s / base}


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def main() -> dict:
    sys.path.insert(0, str(ROOT))
    t_all = time.perf_counter()
    out = {"machine": machine()}
    out["qsharp"] = bench_qsharp()
    out["samples"] = bench_samples()
    out["sweep"] = bench_sweep()
    out["cli"] = bench_cli()
    out["total_s"] = time.perf_counter() - t_all

    m = out["machine"]
    print(
        f"# qos-estimator benchmarks, {m['date']}: {m['nproc']} cores, {m['cpu']}, "
        f"Python {m['python']}"
    )
    print()
    print("| measurement | value | goal |")
    print("|---|---|---|")
    for r in out["qsharp"]:
        print(
            f"| estimate / qsharp, {r['case']} (QRE-parity mode) | {r['ratio_cold']:.2f} cold, "
            f"{r['ratio_warm']:.2f} warm ({r['ours_cold_s'] * 1e3:.2f} / "
            f"{r['ours_warm_s'] * 1e3:.3f} / {r['qsharp_s'] * 1e3:.2f} ms); default search "
            f"{r['monotone_cold_s'] * 1e3:.1f} ms cold, {r['monotone_warm_s'] * 1e3:.3f} ms "
            "warm | <= 1 |"
        )
    qs = out["samples"]["qsharp"]
    for path, s in out["samples"].items():
        if path == "qsharp":
            continue
        print(
            f"| QOS Boolean task ({path}), M = {s['M_big']:.2e} / M = {s['M_small']:.2e} "
            f"samples | {s['ratio']:.2f} cold ({s['big_s'] * 1e3:.2f} / "
            f"{s['small_s'] * 1e3:.2f} ms), {s['warm_ratio']:.2f} warm "
            f"({s['warm_big_s'] * 1e3:.2f} / {s['warm_small_s'] * 1e3:.2f} ms); qsharp on the "
            f"same programs {qs['ratio']:.2f} ({qs['big_s'] * 1e3:.2f} / "
            f"{qs['small_s'] * 1e3:.2f} ms) | <= 1.2 |"
        )
    w = out["sweep"]
    print(
        f"| sweep of {w['points']:,} points ({' + '.join(w['architectures'])}), default "
        f"search, every point exact | {w['seconds']:.1f} s on {w['workers']} cores, "
        f"{w['points_per_s']:,.0f} points/s; one core {w['seconds_one_core']:.1f} s | < 5 s |"
    )
    c = out["cli"]
    print(
        f"| `qose --help` / `python -c pass` | {c['ratio']:.1f} ({c['qose_help_s'] * 1e3:.0f} / "
        f"{c['python_pass_s'] * 1e3:.0f} ms) | small |"
    )
    print()
    print(f"total {out['total_s']:.0f} s")
    if "--json" in sys.argv:
        print(json.dumps(out, indent=1, default=str))
    return out


if __name__ == "__main__":
    main()
