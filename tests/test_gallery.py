"""The checked-in report gallery (reports/) is what ``qose report --all`` produces now.

The gallery is regenerated into a temporary folder and every JSON file is compared with the
checked-in copy, so any change of a number shows up in review. To accept a change, run
``qose report --all --out reports/`` and commit the result.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from estimator.cli import main

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gallery")
    result = CliRunner().invoke(main, ["report", "--all", "--out", str(out), "--dpi", "20"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow
def test_gallery_files_match(regenerated: Path) -> None:
    checked_in = sorted(p.name for p in REPORTS.iterdir() if not p.name.startswith("."))
    assert sorted(p.name for p in regenerated.iterdir()) == checked_in


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", sorted(p.name for p in REPORTS.glob("*.json")) or ["<no checked-in JSON>"]
)
def test_gallery_json_unchanged(regenerated: Path, name: str) -> None:
    expected = json.loads((REPORTS / name).read_text(encoding="utf-8"))
    actual = json.loads((regenerated / name).read_text(encoding="utf-8"))
    assert actual == expected, f"{name} changed: regenerate with qose report --all --out reports/"


@pytest.mark.slow
def test_gallery_markdown_unchanged(regenerated: Path) -> None:
    for md in sorted(REPORTS.glob("*.md")):
        assert (regenerated / md.name).read_text(encoding="utf-8") == md.read_text(
            encoding="utf-8"
        ), md.name


def test_gallery_covers_the_papers_workloads() -> None:
    for name in ("imdb", "pbmc68k", "20news", "dorothea", "boolean"):
        data = json.loads((REPORTS / f"{name}.json").read_text(encoding="utf-8"))
        assert data["workload"]["name"] == name
        assert data["architectures"], name
    index = (REPORTS / "README.md").read_text(encoding="utf-8")
    assert "| workload | paper's logical qubits |" in index
