"""One measurement in a fresh process, printed as JSON:

python -m tests.bench.measure run DIR        # the program under mocks, no policy
python -m tests.bench.measure evaluate DIR   # the same, then the pack on what it registered
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from media_storage.testing import run_program

from .programs import STACK


def measure(mode: str, directory: Path) -> dict[str, float]:
    """Seconds to run the program in `directory` under mocks and, for `evaluate`, to evaluate
    the pack on it (imports excluded: they are paid once, whatever the program's size)."""
    started = time.perf_counter()
    run = run_program(directory, stack=STACK).raise_for_error()
    result = {"resources": len(run.resources), "run": time.perf_counter() - started}
    if mode == "evaluate":
        from media_storage.policies.check import evaluate

        started = time.perf_counter()
        report = evaluate(run)
        result["evaluate"] = time.perf_counter() - started
        result["mandatory"] = report.mandatory
    return result


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], Path(sys.argv[2]))))
