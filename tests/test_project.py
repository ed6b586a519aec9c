"""Project-level checks: the README's set-up commands and CI stay in step."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return [c.strip() for c in re.findall(r"```bash\n(.*?)```", setup, flags=re.S)]


def test_readme_has_two_setup_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, commands
    assert all("\n" not in c for c in commands), "each set-up step is one command line"
    assert "qose " in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = _readme_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines
    # A fresh environment every time: the venv is rebuilt before the test command runs.
    assert ci_lines.index("rm -rf .venv") < ci_lines.index(test_command)


def test_readme_library_example_runs(capsys) -> None:  # noqa: ANN001
    """The README's Python example is executed as written, and prints the pinned numbers."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "the README shows a library example"
    exec(compile(blocks[0], "README.md", "exec"), {})  # noqa: S102
    out = capsys.readouterr().out
    # Q = 100 sketches of c N Q / eps samples (c = pi^2/2, N = 2^20, eps = 1e-2), and the
    # best preset pinned in tests/test_compare.py.
    assert "5174515152300" in out
    assert "19 320886 4325894667322800000" in out


def test_top_level_exports_are_not_shadowed_by_submodules() -> None:
    """Importing a submodule sets it as an attribute of the package; no export may share a name
    with a submodule, or ``estimator.<name>`` would change meaning once that module is loaded."""
    import pkgutil

    import estimator

    submodules = {m.name for m in pkgutil.iter_modules(estimator.__path__)}
    assert not submodules & set(estimator.__all__)
