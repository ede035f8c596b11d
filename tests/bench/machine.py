"""The machine a benchmark ran on, as its results need it."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    """The machine, as the results need it: cores, CPU, Python, load when the run started."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "unknown CPU",
    )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average at start {load}"
    )
