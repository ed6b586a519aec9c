"""Reports (estimator.report): contents, determinism, atomic writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from estimator import plot_data, report
from estimator.errors import InvalidInputError, UnknownNameError
from estimator.examples import get_workload

ARCHS = ("clifford_t_factories_p1e-4", "star_v3_p1e-4", "weak_transversal_p1e-4")


@pytest.fixture(scope="module")
def boolean_report() -> dict:
    return report.build_report(get_workload("boolean"), architectures=ARCHS, sizes=(1_000,))


def test_stable_and_dumps_are_deterministic() -> None:
    assert report.stable(0.1 + 0.2) == 0.3
    assert report.stable({"b": 1, "a": [float("inf"), 2**70]}) == {"a": ["inf", 2**70], "b": 1}
    text = report.dumps({"b": 1.0, "a": 2})
    assert text == '{\n  "a": 2,\n  "b": 1.0\n}\n'


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234, "1,234"), (2.5e39, "2.5e39"), (None, "n/a"), (1e12, "1e12"), (0.5, "0.5")],
)
def test_fmt_count(value: object, text: str) -> None:
    assert report.fmt_count(value) == text


def test_fmt_seconds_adds_readable_unit() -> None:
    assert report.fmt_seconds(30) == "30 s"
    assert report.fmt_seconds(7200) == "7.2e3 s (2 h)"
    assert report.fmt_seconds(3.15576e9).endswith("(100 years)")


def test_report_numbers_come_from_the_library(boolean_report: dict) -> None:
    spec = get_workload("boolean")
    result = spec.result()
    lg = boolean_report["logical"]
    assert lg["authors_logical_qubits"] == result.authors_logical_qubits
    assert lg["our_logical_qubits"] == result.logical_qubits
    assert lg["counts"] == result.to_logical_counts().to_qre_json()
    for row in boolean_report["architectures"]:
        o = plot_data.run_estimate(spec.counts(), row["architecture"], report.DEFAULT_BUDGET)
        assert row["status"] == o.status
        if o.ok:
            assert row["physical_qubits"] == o.estimate.physical_qubits
            assert row["runtime_ns"] == o.estimate.runtime_ns
        else:
            assert row["reason"] == o.reason
    ratios = result.memory_ratios()
    assert boolean_report["memory"]["authors_logical"]["streaming_values"] == pytest.approx(
        ratios.streaming_values
    )


def test_report_estimates_round_trip(boolean_report: dict) -> None:
    from estimator.physical import Estimate

    row = next(r for r in boolean_report["architectures"] if r["status"] == "ok")
    back = Estimate.from_dict(json.loads(report.dumps(row["estimate"])))
    assert back.physical_qubits == row["physical_qubits"]
    assert back.code_distance == row["code_distance"]


def test_markdown_opens_with_headline_table(boolean_report: dict) -> None:
    md = report.render_markdown(boolean_report)
    sections = md.split("\n## ")
    assert sections[1].startswith("Headline: the paper's logical qubits against the full bill")
    table = [line for line in sections[1].splitlines() if line.startswith("|")]
    assert table[0].startswith("| architecture | paper's logical qubits |")
    assert len({line.count("|") for line in table}) == 1  # a well-formed GitHub table
    assert len(table) == 2 + len(ARCHS)
    assert sections[2].startswith("Memory claim")
    assert "exceeds the rotation budget" in md  # why weak transversal cannot run it


def test_write_report_files_and_determinism(boolean_report: dict, tmp_path: Path) -> None:
    paths = report.write_report(boolean_report, tmp_path, dpi=30)
    names = sorted(p.name for p in paths)
    assert names == ["boolean.json", "boolean.md", "boolean_frontier.png", "boolean_scaling.png"]
    first = {p.name: p.read_bytes() for p in paths}
    report.write_report(boolean_report, tmp_path, dpi=30)
    assert {p.name: p.read_bytes() for p in paths} == first
    data = json.loads(first["boolean.json"])
    assert "_plots" not in data and data["schema"] == report.SCHEMA
    assert not list(tmp_path.glob(".*.tmp"))


def test_existing_report_kept_when_generation_fails(
    boolean_report: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report.write_report(boolean_report, tmp_path, dpi=30)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def boom(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("disk full while rendering")

    monkeypatch.setattr(report, "_png_bytes", boom)
    with pytest.raises(RuntimeError):
        report.write_report(boolean_report, tmp_path, dpi=30)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_counts_workload_report_has_no_memory_section() -> None:
    rep = report.build_report(
        get_workload("qre_ising_10x10"), architectures=("clifford_t_factories_p1e-4",), sizes=()
    )
    assert rep["memory"] == {} and "scaling" not in rep["_plots"]
    assert "Memory claim" not in report.render_markdown(rep)


def test_gallery_errors() -> None:
    with pytest.raises(InvalidInputError, match="at least one workload"):
        report.write_gallery("unused", names=[])
    with pytest.raises(UnknownNameError, match="nosuch"):
        report.write_gallery("unused", names=["nosuch"])
