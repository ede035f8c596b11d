"""Run a project's program under mocks in a child process: bounded in time, its output kept apart.

The offline policy check runs programs it does not trust to finish: an endless loop, a long
sleep, an Output that never resolves, a thread that never ends. In a child process of the
same interpreter the program can do all of that and the check still ends on time:

- the parent waits at most `timeout` seconds, then kills the child's whole process group;
- the child hands the run back as bytes (`ProgramRun.dumps`) in a file and ends with
  `os._exit`, so threads the program leaves behind cannot keep it alive;
- the program's stdout and stderr go to a pipe of their own, never to the check's report;
  the check keeps their last 64 KiB, to show when the program fails;
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
import threading
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .testing import ProgramRun, run_program

OUTPUT_TAIL_BYTES = 64 * 1024


class ProgramTimeout(Exception):
    """The program did not finish within the time limit; its child process was killed."""

    def __init__(self, message: str, output: str) -> None:
        """`message`: one line; `output`: the end of what the program printed until then."""
        super().__init__(message)
        self.output = output


@dataclass
class ChildRun:
    """What a program run in a child process registered, and what it printed."""

    run: ProgramRun
    """The run, as `run_program` returns it; a child that ended without one is an `error`."""

    output: str
    """The end of the program's stdout and stderr, interleaved as written."""


def run_in_child(program_dir: Path, *, stack: str, preview: bool = False, timeout: float = 300) -> ChildRun:
    """Run the project in `program_dir` with the config of `stack` under mocks, in a child
    process given at most `timeout` seconds (`ProgramTimeout` after that)."""
    with tempfile.TemporaryDirectory(prefix="media-storage-run-") as scratch:
        result = Path(scratch) / "run.json"
        command = [sys.executable, "-P", "-m", __name__, str(result), str(program_dir), stack]
        process = subprocess.Popen(  # noqa: S603 -- this interpreter, this module, our arguments
            [*command, *(["--preview"] if preview else [])],
            cwd=program_dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group to kill, out of reach of the terminal's Ctrl-C
        )
        output = _OutputTail(process.stdout)
        status = None
        try:
            status = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        finally:
            if process.poll() is None:  # timed out, or the check itself was interrupted
                os.killpg(process.pid, signal.SIGKILL)
                _reap(process)
            output.join(timeout=1)  # a process the program started may still hold the pipe
        if status is None:
            raise ProgramTimeout(f"the program did not finish within {timeout:g} s", output.text())
        if not result.is_file():
            return ChildRun(_ended_early(status), output.text())
        return ChildRun(ProgramRun.loads(result.read_bytes()), output.text())


def _reap(process: subprocess.Popen[bytes]) -> None:
    """Wait for a killed child with `os.waitpid`, not `Popen.wait`: a Ctrl-C that interrupted
    `Popen.wait` between taking and releasing its internal lock leaves the lock held, and a
    second `Popen.wait` would then block forever."""
    try:
        _, status = os.waitpid(process.pid, 0)
    except ChildProcessError:  # Popen reaped it already
        return
    process.returncode = os.waitstatus_to_exitcode(status)


class _OutputTail(threading.Thread):
    """Reads a program's output as it comes and keeps only its end: a program that prints
    without end fills neither the memory nor the disk."""

    def __init__(self, stream: IO[bytes]) -> None:
        """`stream`: the read end of the program's stdout and stderr."""
        super().__init__(daemon=True)
        self._stream = stream
        self._tail = bytearray()
        self.start()

    def run(self) -> None:
        while chunk := self._stream.read1(1 << 16):
            self._tail += chunk
            del self._tail[:-OUTPUT_TAIL_BYTES]

    def text(self) -> str:
        """The last bytes read, as text."""
        return bytes(self._tail).decode("utf-8", errors="replace")


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
