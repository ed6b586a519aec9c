"""Suite-wide test settings."""

from __future__ import annotations

import os

from hypothesis import settings

# qsharp (Microsoft's estimator, run side by side in differential tests) starts a usage-report
# thread on import; keep the test suite offline and quiet.
os.environ.setdefault("QDK_PYTHON_TELEMETRY", "none")

# Under CI the property tests draw a fixed sequence of examples, so a landing never depends on
# luck; on a developer's machine they draw fresh examples each run and keep finding new cases.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
