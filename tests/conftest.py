"""Suite-wide test settings."""

from __future__ import annotations

import os

# qsharp (Microsoft's estimator, run side by side in differential tests) starts a usage-report
# thread on import; keep the test suite offline and quiet.
os.environ.setdefault("QDK_PYTHON_TELEMETRY", "none")
