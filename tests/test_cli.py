"""The ``qose`` command line, in-process with click's CliRunner (and one cold-start subprocess)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from estimator.cli import main

ROOT = Path(__file__).resolve().parents[1]
ISING = str(ROOT / "examples" / "ising_10x10.json")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# ---- help and cold start ---------------------------------------------------------------------
def test_help_lists_every_command() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in ("estimate", "compare", "sweep", "plot", "report", "models", "workloads"):
        assert command in out


def test_every_option_help_gives_an_example() -> None:
    for command in main.commands.values():
        for param in command.params:
            if getattr(param, "help", None) and param.name != "help":
                assert "Example:" in param.help, (command.name, param.name)
                assert param.required or param.show_default or "Default" in param.help, (
                    command.name,
                    param.name,
                )


def test_help_imports_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from estimator.cli import main\n"
        "r = CliRunner().invoke(main, ['--help'])\n"
        "assert r.exit_code == 0\n"
        "for c in main.commands: CliRunner().invoke(main, [c, '--help'])\n"
        "heavy = {'qualtran', 'sympy', 'numpy', 'matplotlib', 'cirq', 'scipy'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


# ---- estimate ------------------------------------------------------------------------------------
def test_issue3_form_still_works() -> None:
    # QRE 1.31 on the Ising fixture, qubit_gate_ns_e3 (tests/test_qre_parity.py pins the numbers)
    code, out, _ = run(
        "estimate", "--counts", ISING, "--arch", "qubit_gate_ns_e3", "--budget", "1e-3"
    )
    assert code == 0
    assert "qre:qubit_gate_ns_e3:surface_code" in out
    assert "Code distance" in out


def test_issue3_json_round_trips_into_the_library() -> None:
    from estimator.architecture import Architecture
    from estimator.logical import LogicalCounts
    from estimator.physical import Estimate, estimate

    code, out, _ = run(
        "estimate",
        "--counts",
        ISING,
        "--arch",
        "qubit_maj_ns_e4",
        "--qec",
        "floquet_code",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    back = Estimate.from_dict(data)
    counts = LogicalCounts.from_qre_json(Path(ISING).read_text())
    direct = estimate(counts, Architecture.qre("qubit_maj_ns_e4", "floquet_code"), 1e-3)
    assert back.physical_qubits == direct.physical_qubits
    assert back.runtime_ns == direct.runtime_ns
    assert back.to_dict() == data


def test_estimate_example_matches_library() -> None:
    from estimator.architecture import Architecture
    from estimator.examples import get_example
    from estimator.physical import estimate

    direct = estimate(get_example("qre_ising_10x10").counts, Architecture.qre(), 1e-3)
    code, out, _ = run("estimate", "--example", "qre_ising_10x10", "--format", "csv")
    assert code == 0
    rows = {r["key"]: r["value"] for r in csv.DictReader(io.StringIO(out))}
    assert int(rows["physicalCounts/physicalQubits"]) == direct.physical_qubits
    assert int(rows["physicalCounts/runtime"]) == direct.runtime_ns


def test_estimate_workload_on_star_markdown() -> None:
    from estimator.examples import get_workload
    from estimator.model_files import load_model
    from estimator.star_estimate import estimate_any

    direct = estimate_any(get_workload("boolean").counts(), load_model("star_v3_p1e-4"), 1e-3)
    code, out, _ = run("estimate", "boolean", "--arch", "star_v3_p1e-4", "--format", "md")
    assert code == 0
    assert out.splitlines()[0].startswith("**boolean** on `star_v3_p1e-4`")
    assert f"| Physical qubits | {direct.physical_qubits:,} |" in out
    assert "| PEC sampling overhead |" in out


def test_estimate_table_shows_papers_qubits_and_units() -> None:
    code, out, _ = run("estimate", "boolean", "--arch", "clifford_t_factories_p1e-4")
    assert code == 0
    assert "Paper's logical qubits" in out
    assert "Runtime (ns)" in out and "Runtime (s)" in out


def test_estimate_param_override_changes_counts() -> None:
    _, base, _ = run("estimate", "boolean", "--format", "json")
    _, bigger, _ = run("estimate", "boolean", "--param", "num_items=4096", "--format", "json")
    r0 = json.loads(base)["logicalCounts"]["rotationCount"]
    r1 = json.loads(bigger)["logicalCounts"]["rotationCount"]
    assert r1 > r0


def test_workload_json_feeds_back_as_counts(tmp_path: Path) -> None:
    code, out, _ = run("workloads", "boolean", "--format", "json")
    assert code == 0
    path = tmp_path / "boolean.json"
    path.write_text(out)
    _, a, _ = run("estimate", "boolean", "--arch", "star_v3_p1e-4", "--format", "json")
    _, b, _ = run("estimate", "--counts", str(path), "--arch", "star_v3_p1e-4", "--format", "json")
    assert json.loads(a)["physicalCounts"] == json.loads(b)["physicalCounts"]


def test_estimate_physical_error_override() -> None:
    _, lo, _ = run(
        "estimate", "boolean", "--arch", "clifford_t_factories_p1e-4", "--format", "json"
    )
    _, hi, _ = run(
        "estimate",
        "boolean",
        "--arch",
        "clifford_t_factories_p1e-4",
        "--physical-error",
        "1e-3",
        "--format",
        "json",
    )
    assert (
        json.loads(hi)["logicalQubit"]["codeDistance"]
        > json.loads(lo)["logicalQubit"]["codeDistance"]
    )


def test_estimate_from_data_file(tmp_path: Path) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    x = (rng.random((40, 12)) < 0.3) * rng.random((40, 12))
    path = tmp_path / "x.csv"
    np.savetxt(path, x, delimiter=",")
    code, out, _ = run("estimate", "--data", str(path), "--arch", "clifford_t_factories_p1e-4")
    assert code == 0
    assert "Workload: x.csv" in out


# ---- bad usage: exit 2, one line, no traceback -----------------------------------------------
@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["estimate", "nosuch"], "workload='nosuch'"),
        (["estimate", "boolean", "--arch", "nosuch_model"], "architecture model='nosuch_model'"),
        (["estimate", "--counts", "/no/such/file.json"], "no such file"),
        (["estimate", "--data", "/no/such/file.npz"], "no such file"),
        (["estimate", "boolean", "--budget", "2"], "error_budget=2.0"),
        (["estimate", "boolean", "--param", "kappa=3"], "parameter of boolean='kappa'"),
        (["estimate", "boolean", "--param", "queries=0"], "queries"),
        (["estimate", "boolean", "--physical-error", "0.5"], "0.5"),
        (["estimate"], "exactly one of WORKLOAD"),
        (["estimate", "boolean", "--arch", "star_v3_p1e-4", "--qec", "floquet_code"], "--qec"),
        (["compare", "boolean", "--arch", "nosuch_model"], "nosuch_model"),
        (["report", "nosuch", "--out", "x"], "workload='nosuch'"),
        (["report", "--out", "x"], "exactly one of WORKLOAD or --all"),
        (["models", "nosuch_model"], "nosuch_model"),
        (["workloads", "nosuch"], "nosuch"),
        (["plot", "a", "--out", "x.gif"], "--out"),
        (["sweep", "boolean", "--arch", "clifford_t_factories_p1e-4", "--sizes", "a,b"], "'a'"),
    ],
)
def test_bad_usage_exits_2_with_one_line(args: list[str], needle: str) -> None:
    code, out, err = run(*args)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert any(needle in line for line in lines), err
    if not err.startswith("Usage:"):
        assert len(lines) == 1, err


def test_malformed_json_and_toml(tmp_path: Path) -> None:
    bad_json = tmp_path / "c.json"
    bad_json.write_text('{"numQubits": 3,')
    code, _, err = run("estimate", "--counts", str(bad_json))
    assert code == 2 and "not valid JSON" in err and len(err.strip().splitlines()) == 1
    unknown = tmp_path / "u.json"
    unknown.write_text('{"numQubits": 3, "tGates": 5}')
    code, _, err = run("estimate", "--counts", str(unknown))
    assert code == 2 and "tGates" in err
    bad_toml = tmp_path / "m.toml"
    bad_toml.write_text("[hardware\nx = 1")
    code, _, err = run("estimate", "boolean", "--model", str(bad_toml))
    assert code == 2 and "not valid TOML" in err and len(err.strip().splitlines()) == 1


def test_model_file_from_disk(tmp_path: Path) -> None:
    src = ROOT / "models" / "clifford_t_factories_p1e-4.toml"
    mine = tmp_path / "my_arch.toml"
    mine.write_text(
        src.read_text().replace('name = "clifford_t_factories_p1e-4"', 'name = "my_arch"')
    )
    code, out, _ = run("estimate", "boolean", "--model", str(mine))
    assert code == 0
    assert "Architecture: my_arch" in out


# ---- compare -------------------------------------------------------------------------------------
def test_compare_names_winner_ratios_and_reasons() -> None:
    code, out, _ = run(
        "compare",
        "boolean",
        "--arch",
        "clifford_t_factories_p1e-4",
        "--arch",
        "star_v3_p1e-4",
        "--arch",
        "weak_transversal_p1e-4",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    by = {a["architecture"]: a for a in data["architectures"]}
    q_fac = by["clifford_t_factories_p1e-4"]["estimate"]["physicalCounts"]["physicalQubits"]
    q_star = by["star_v3_p1e-4"]["estimate"]["physicalCounts"]["physicalQubits"]
    best = min(q_fac, q_star)
    assert data["winners"]["physical_qubits"] == (
        "star_v3_p1e-4" if q_star < q_fac else "clifford_t_factories_p1e-4"
    )
    assert data["ratios"]["physical_qubits"]["clifford_t_factories_p1e-4"] == pytest.approx(
        q_fac / best
    )
    assert by["weak_transversal_p1e-4"]["status"] == "infeasible"
    assert "exceeds the rotation budget" in by["weak_transversal_p1e-4"]["reason"]


def test_compare_table_and_markdown() -> None:
    args = ["compare", "boolean", "--arch", "clifford_t_factories_p1e-4", "--arch", "star_v3_p1e-4"]
    code, out, _ = run(*args)
    assert code == 0
    assert "winner" in out and "Physical qubits" in out and "(x1)" in out
    code, md, _ = run(*args, "--format", "md")
    assert code == 0 and md.startswith("| metric |")


# ---- sweep -------------------------------------------------------------------------------------
def test_sweep_csv_grid(tmp_path: Path) -> None:
    out_file = tmp_path / "s.csv"
    code, _, err = run(
        "sweep",
        "boolean",
        "--arch",
        "clifford_t_factories_p1e-4",
        "--arch",
        "star_v3_p1e-4",
        "--sizes",
        "1e3,1e4",
        "--budgets",
        "1e-3,1e-2",
        "--physical-errors",
        "1e-4",
        "--out",
        str(out_file),
    )
    assert code == 0
    rows = list(csv.DictReader(out_file.open()))
    assert len(rows) == 2 * 2 * 1 * 2
    assert {r["N"] for r in rows} == {"1000", "10000"}
    assert "wrote 8 rows" in err
    ok = [r for r in rows if r["status"] == "ok"]
    assert ok and all(int(r["physical_qubits"]) > 0 for r in ok)


def test_sweep_json_to_stdout() -> None:
    code, out, _ = run("sweep", "qre_ising_10x10", "--arch", "qubit_gate_ns_e3", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 1 and rows[0]["status"] == "ok" and rows[0]["N"] is None


# ---- plot ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("a", []),
        ("b", ["--sizes", "1e3,1e4", "--arch", "clifford_t_factories_p1e-4"]),
        ("frontier", ["--arch", "clifford_t_factories_p1e-4", "--arch", "star_v3_p1e-4"]),
        ("d", ["--arch", "clifford_t_factories_p1e-4", "--arch", "star_v3_p1e-4"]),
        ("e", ["--arch", "clifford_t_factories_p1e-4"]),
    ],
)
def test_plot_kinds_write_images(tmp_path: Path, kind: str, extra: list[str]) -> None:
    out = tmp_path / f"{kind}.png"
    code, _, err = run("plot", kind, "--out", str(out), "--dpi", "40", *extra)
    assert code == 0, err
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 2000


def test_plot_svg(tmp_path: Path) -> None:
    out = tmp_path / "d.svg"
    code, _, _ = run(
        "plot",
        "d",
        "--out",
        str(out),
        "--y-axis",
        "physical_error",
        "--arch",
        "clifford_t_factories_p1e-4",
        "--arch",
        "star_v3_p1e-4",
    )
    assert code == 0
    assert out.read_text().lstrip().startswith("<?xml")


# ---- report, models, workloads ---------------------------------------------------------------
def test_report_one_workload(tmp_path: Path) -> None:
    code, _, _ = run(
        "report",
        "boolean",
        "--out",
        str(tmp_path),
        "--arch",
        "clifford_t_factories_p1e-4",
        "--arch",
        "star_v3_p1e-4",
        "--dpi",
        "40",
    )
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["boolean.json", "boolean.md", "boolean_frontier.png", "boolean_scaling.png"]
    md = (tmp_path / "boolean.md").read_text()
    assert md.split("\n## ")[1].startswith("Headline")


def test_models_list_and_show() -> None:
    code, out, _ = run("models")
    assert code == 0
    assert "star_v3_p1e-4" in out and "qre:qubit_gate_ns_e3" in out
    code, out, _ = run("models", "star_v2_p1e-4")
    assert code == 0
    assert "Sources:" in out and "arXiv:2408.14848" in out
    code, out, _ = run("models", "star_v2_p1e-4", "--format", "json")
    assert json.loads(out)["rotation_scheme"] == "star_v2"


def test_workloads_list_and_show() -> None:
    code, out, _ = run("workloads")
    assert code == 0
    for name in ("imdb", "pbmc68k", "20news", "dorothea", "boolean"):
        assert name in out
    code, out, _ = run("workloads", "imdb")
    assert code == 0
    assert "num_rows = 50,000" in out and "paper's logical qubits: 56" in out


def test_search_option_switches_between_the_monotone_default_and_qre(tmp_path: Path) -> None:
    """The pinned non-monotone QRE case (tests/test_search.py): at 1e-4 QRE's algorithm needs
    25,507,500 qubits, more than at 1e-5; the default search does not."""
    from estimator.logical import LogicalCounts

    counts = LogicalCounts(num_qubits=10, t_count=10**10, ccz_count=1000, measurement_count=1000)
    path = tmp_path / "pinned.json"
    path.write_text(json.dumps(counts.to_qre_json()), encoding="utf-8")

    def qubits_at(budget: str, *extra: str) -> int:
        args = ["estimate", "--counts", str(path), "--arch", "qubit_maj_ns_e4", "--format"]
        code, out, err = run(*args, "json", "--budget", budget, *extra)
        assert code == 0, err
        return json.loads(out)["physicalCounts"]["physicalQubits"]

    assert qubits_at("1e-5", "--search", "qre") == 4_752_740
    assert qubits_at("1e-4", "--search", "qre") == 25_507_500
    assert qubits_at("1e-4") <= qubits_at("1e-5") <= 4_752_740
    code, _, err = run("estimate", "--counts", str(path), "--search", "fastest")
    assert code == 2 and len(err.strip().splitlines()) == 1
