"""One measurement in a fresh process, printed as JSON:

    python -m tests.bench.measure run DIR [RUN_FILE]   # the program under mocks, no policy
    python -m tests.bench.measure evaluate RUN_FILE    # the pack on a run, as the check's parent has it

`run` writes what the program registered to RUN_FILE when given (after the clock stops);
`evaluate` loads it, as the check's parent loads what its child hands back, and evaluates
the pack on it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from media_storage.testing import ProgramRun, run_program

from .programs import STACK


def run(directory: Path, run_file: Path | None) -> dict[str, float]:
    """Seconds to run the program in `directory` under mocks (imports excluded)."""
    started = time.perf_counter()
    program_run = run_program(directory, stack=STACK).raise_for_error()
    seconds = time.perf_counter() - started
    if run_file is not None:
        run_file.write_bytes(program_run.dumps())
    return {"resources": len(program_run.resources), "run": seconds}


def evaluate(run_file: Path) -> dict[str, float]:
    """Seconds to evaluate the pack on the run in `run_file` (imports and loading excluded)."""
    from media_storage.policies.check import evaluate

    program_run = ProgramRun.loads(run_file.read_bytes())
    started = time.perf_counter()
    report = evaluate(program_run)
    return {"evaluate": time.perf_counter() - started, "mandatory": report.mandatory}


if __name__ == "__main__":
    mode, *paths = sys.argv[1:]
    if mode == "run":
        result = run(Path(paths[0]), Path(paths[1]) if len(paths) > 1 else None)
    else:
        result = evaluate(Path(paths[0]))
    print(json.dumps(result))
