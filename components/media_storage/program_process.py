"""Run a project's program under mocks in a child process: bounded in time, its output kept apart.

The offline policy check runs programs it does not trust to finish: an endless loop, a long
sleep, an Output that never resolves, a thread that never ends. In a child process of the
same interpreter the program can do all of that and the check still ends on time:

- the parent waits at most `timeout` seconds, then kills the child's whole process group;
- the child hands the run back as bytes (`ProgramRun.dumps`) in a file and ends with
  `os._exit`, so threads the program leaves behind cannot keep it alive;
- the program's stdout and stderr go to a file of their own, never to the check's report;
- the child runs with `python -P`: the check's working directory (a checkout of this
  repository, say) is not on `sys.path`, so only the project's own program runs.

    python -P -m media_storage.program_process RESULT_FILE PROJECT_DIR STACK [--preview]

is the child's side; `run_in_child` is the parent's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .testing import ProgramRun, run_program

OUTPUT_TAIL_LINES = 20


class ProgramTimeout(Exception):
    """The program did not finish within the time limit; its child process was killed."""


@dataclass
class ChildRun:
    """What a program run in a child process registered, and what it printed."""

    run: ProgramRun
    """The run, as `run_program` returns it; a child that ended without one is an `error`."""

    output: str
    """The program's stdout and stderr, interleaved as written."""

    def output_tail(self, lines: int = OUTPUT_TAIL_LINES) -> str:
        """The last `lines` lines of the program's output."""
        return "\n".join(self.output.splitlines()[-lines:])


def run_in_child(program_dir: Path, *, stack: str, preview: bool = False, timeout: float = 300) -> ChildRun:
    """Run the project in `program_dir` with the config of `stack` under mocks, in a child
    process given at most `timeout` seconds (`ProgramTimeout` after that)."""
    with tempfile.TemporaryDirectory(prefix="media-storage-run-") as scratch:
        result = Path(scratch) / "run.json"
        output_path = Path(scratch) / "output"
        command = [sys.executable, "-P", "-m", __name__, str(result), str(program_dir), stack]
        with output_path.open("w+b") as output:
            process = subprocess.Popen(  # noqa: S603 -- this interpreter, this module, our arguments
                [*command, *(["--preview"] if preview else [])],
                cwd=program_dir,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=output,
                start_new_session=True,  # one process group to kill, out of reach of the terminal's Ctrl-C
            )
            try:
                status = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise ProgramTimeout(f"the program did not finish within {timeout:g} s") from None
            finally:
                if process.poll() is None:  # timed out, or the check itself was interrupted
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        printed = output_path.read_bytes().decode("utf-8", errors="replace")
        if not result.is_file():
            return ChildRun(_ended_early(status), printed)
        return ChildRun(ProgramRun.loads(result.read_bytes()), printed)


def _ended_early(status: int) -> ProgramRun:
    """The run of a child that ended before handing one back (`os._exit`, a signal)."""
    if status < 0:
        message = f"the program was killed by signal {signal.Signals(-status).name}"
    else:
        message = f"the program exited with status {status}"
    return ProgramRun([], {}, message, None, [], exit_status=status if status >= 0 else None)


def _child(argv: Sequence[str]) -> None:
    """The child's side: run the program, write the run to the result file, end at once."""
    result, program_dir, stack, *flags = argv
    try:
        data = run_program(Path(program_dir), stack=stack, preview="--preview" in flags).dumps()
    except BaseException as error:
        message = f"running the program failed: {type(error).__name__}: {error}"
        data = ProgramRun([], {}, message, traceback.format_exc(), []).dumps()
    partial = Path(f"{result}.partial")
    partial.write_bytes(data)
    partial.rename(result)  # whole or absent, even if the parent kills us mid-write
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # threads the program started cannot keep this process alive


if __name__ == "__main__":
    _child(sys.argv[1:])
