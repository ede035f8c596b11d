"""`make bench`: every benchmark section, each in fresh processes, as Markdown.

    python -m tests.bench [--only SECTION] [--sizes 200 1000 2000] [--repeat 3] [--environments 1 10 100] [--rounds 7]

Section "program cost" (`program_cost.py`): our stack program and programs composing 1, 10
and 100 environments with our components, against hand-written programs registering the same
resources, as cold processes in interleaved rounds.

Section "policy check": programs of each size (apps on AWS and Azure, see `programs.py`),
and one of the largest size on AWS alone. For each: the program run under mocks, the
policy evaluation (in a process that loaded the run, as the check's parent does), the whole
`media-storage check` against the same program run under mocks without any policy (both
whole processes, wall clock), and the peak memory of both (the largest resident set of the
process and the processes it waited for). Medians of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .machine import machine
from .program_cost import program_cost
from .programs import STACK, write_program

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Process:
    """One measured process: wall clock, peak memory and what it printed."""

    seconds: float
    peak_mib: float
    stdout: str


def measured(command: list[str]) -> Process:
    """Run `command` from the repository root; its wall clock and peak resident set."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of the child and its waited children
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {err.read().decode()[-2000:]}")
        return Process(seconds, usage.ru_maxrss / 1024, out.read().decode())


def measure_program(directory: Path, repeat: int) -> dict[str, float]:
    """The medians of `repeat` measurements of one program."""
    python = sys.executable
    run_file = directory / "run.json"
    measured([python, "-m", "tests.bench.measure", "run", str(directory), str(run_file)])  # what evaluate loads
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        mocks = measured([python, "-m", "tests.bench.measure", "run", str(directory)])
        evaluation = measured([python, "-m", "tests.bench.measure", "evaluate", str(run_file)])
        check = measured([python, "-m", "media_storage.cli", "check", "--dir", str(directory), "--stack", STACK])
        inside = json.loads(mocks.stdout)
        for key, value in {
            "resources": inside["resources"],
            "run": inside["run"],
            "evaluate": json.loads(evaluation.stdout)["evaluate"],
            "check": check.seconds,
            "mocks": mocks.seconds,
            "check_mib": check.peak_mib,
            "mocks_mib": mocks.peak_mib,
        }.items():
            samples.setdefault(key, []).append(value)
    return {key: statistics.median(values) for key, values in samples.items()}


def policy_check(sizes: list[int], repeat: int) -> str:
    """The section "policy check" as Markdown."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="media-storage-bench-") as scratch:
        programs = [(size, "mixed") for size in sizes] + [(max(sizes), "aws")]
        for size, clouds in programs:
            directory = write_program(Path(scratch) / f"{clouds}-{size}", size, clouds)
            result = measure_program(directory, repeat)
            assert result["resources"] == size, f"the {clouds} program registered {result['resources']}, not {size}"
            rows.append((size, clouds, result))
            print(f"  {clouds} {size}: {json.dumps(result)}", file=sys.stderr)
    lines = [
        "## Policy check",
        "",
        f"Medians of {repeat} runs. Machine: {machine()}.",
        "",
        "| program | resources | run under mocks (s) | policy evaluation (s) | whole check (s) "
        "| mocks only (s) | check / mocks | peak MiB (check) | peak MiB (mocks only) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, clouds, r in rows:
        lines.append(
            f"| {'AWS and Azure' if clouds == 'mixed' else 'AWS only'} | {size} | {r['run']:.2f} | {r['evaluate']:.2f} "
            f"| {r['check']:.2f} | {r['mocks']:.2f} | {r['check'] / r['mocks']:.2f} "
            f"| {r['check_mib']:.0f} | {r['mocks_mib']:.0f} |"
        )
    mixed = {size: r for size, clouds, r in rows if clouds == "mixed"}
    smallest, largest = min(mixed), max(mixed)
    lines += [
        "",
        f"Policy evaluation t({largest}) / t({smallest}): "
        f"{mixed[largest]['evaluate'] / mixed[smallest]['evaluate']:.1f} "
        f"for {largest / smallest:.0f} times the resources.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["policy-check", "program-cost"], help="run one section")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000], help="resources per program")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    parser.add_argument(
        "--environments", type=int, nargs="+", default=[1, 10, 100], help="environments per composed program"
    )
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds of the program-cost section")
    args = parser.parse_args()
    sections = {
        "policy-check": lambda: policy_check(sorted(args.sizes), args.repeat),
        "program-cost": lambda: program_cost(sorted(args.environments), args.rounds, ("aws", "azure")),
    }
    for name, section in sections.items():
        if args.only in (None, name):
            print(f"{name}...", file=sys.stderr)
            print(section(), end="\n\n", flush=True)


if __name__ == "__main__":
    main()
