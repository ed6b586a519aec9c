"""Cold start of ``qose --help`` as a ratio to ``python -c pass``.

Run: ``.venv/bin/python benchmarks/bench_cli_startup.py`` (prints the medians and the ratio).
``qose --help`` imports only click and the command module; Qualtran, sympy, numpy and
matplotlib are imported inside the commands (tests/test_cli.py checks sys.modules).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

REPEATS = 15


def _median_s(args: list[str]) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> dict[str, float]:
    base = _median_s([sys.executable, "-c", "pass"])
    help_s = _median_s([sys.executable, "-m", "estimator.cli", "--help"])
    result = {"python_pass_s": base, "qose_help_s": help_s, "ratio": help_s / base}
    print(
        f"python -c pass: {base * 1e3:.1f} ms; qose --help: {help_s * 1e3:.1f} ms; "
        f"ratio {result['ratio']:.1f}"
    )
    return result


if __name__ == "__main__":
    main()
