"""What a program built with media-storage costs against the hand-written equivalent.

    python -m tests.bench --only program-cost   # or python -m tests.bench.program_cost [--rounds 7]

Each measurement is a cold process (interpreter start, imports, the program under the mock
runner, exit), so wall time is what `pulumi up` pays in the language host before the engine
and providers add theirs. Cases run interleaved (ours and hand-written alternate, in a
different order each round) so drift on a shared machine hits both sides alike. Printed per
case: median wall and CPU time with their spread (min-max), median peak RSS, and the ratios
ours / hand-written of the medians, with the spread of the ratios of each round's pair. The hand-written programs (`raw_aws.py`, `raw_azure.py`) register
exactly what ours do (`tests/test_bench_programs.py`).

Also measured: the Django helper, which every Django process runs at start (import and
`storages_from_env`, in-process, median of many calls).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .machine import machine

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
# The programs are imported as top-level modules from this folder, not through the `tests`
# package, whose `__init__` loads pytest: neither side may pay for what the other does not.
_PROLOGUE = f"import sys\nsys.path.insert(0, {str(BENCH_DIR)!r})\n"


@dataclass(frozen=True)
class Case:
    """One comparison: a program of ours and its hand-written twin, run by name in a child."""

    label: str
    cloud: str
    size: int | None  # None: this repository's stack program on its stack file

    def child_code(self, side: str) -> str:
        if self.size is None:
            stack = "dev" if self.cloud == "aws" else "dev-azure"
            program = f"{str(REPO_ROOT)!r}" if side == "ours" else f"__import__('raw_{self.cloud}').stack_program"
            return (
                _PROLOGUE + "from media_storage.testing import read_stack_config, run_program\n"
                f"config = read_stack_config({str(REPO_ROOT)!r}, {stack!r})\n"
                f"run_program({program}, stack={stack!r}, config=config, project='media-storage').raise_for_error()\n"
            )
        module = "ours" if side == "ours" else f"raw_{self.cloud}"
        function = f"{self.cloud}_composed_program" if side == "ours" else "composed_program"
        return (
            _PROLOGUE + "from media_storage.testing import run_program\n"
            f"from {module} import {function} as program\n"
            f"run_program(lambda: program({self.size})).raise_for_error()\n"
        )


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    rss_mib: float


def measure(code: str) -> Sample:
    """Run `code` in a cold interpreter; its wall time, CPU time and peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"benchmark program failed with status {process.returncode}:\n{code}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def compare(cases: list[Case], runs: int) -> dict[tuple[str, str], list[Sample]]:
    """`runs` rounds; each round runs every case's two sides, alternating which goes first."""
    samples: dict[tuple[str, str], list[Sample]] = {}
    for round_ in range(runs):
        for case in cases:
            sides = ("ours", "raw") if round_ % 2 == 0 else ("raw", "ours")
            for side in sides:
                samples.setdefault((case.label, side), []).append(measure(case.child_code(side)))
        print(f"  round {round_ + 1}/{runs} done", file=sys.stderr, flush=True)
    return samples


def helper_cost(calls: int = 200) -> tuple[float, float, float]:
    """The Django helper's import time in a cold interpreter and in a Django process (after
    Django's own start-up imports, as when `settings.py` runs), and the median call; in ms."""
    code = (
        "import time, sys\n"
        "started = time.perf_counter()\n"
        "from media_storage.django_storages import storages_from_env\n"
        "cold = time.perf_counter() - started\n"
        "del sys.modules['media_storage.django_storages'], sys.modules['media_storage.env_contract']\n"
        "del sys.modules['media_storage']\n"
        "import django, django.conf, django.core.files.storage\n"
        "started = time.perf_counter()\n"
        "from media_storage.django_storages import storages_from_env\n"
        "imported = time.perf_counter() - started\n"
        "env = {'MEDIA_STORAGE_BACKEND': 's3', 'AWS_STORAGE_BUCKET_NAME': 'a-public', "
        "'AWS_PRIVATE_STORAGE_BUCKET_NAME': 'a-private', 'AWS_S3_REGION_NAME': 'eu-west-1', "
        "'AWS_QUERYSTRING_EXPIRE': '600'}\n"
        "import statistics\n"
        "times = []\n"
        f"for _ in range({calls}):\n"
        "    started = time.perf_counter(); storages_from_env(env); times.append(time.perf_counter() - started)\n"
        "print(cold * 1000, imported * 1000, statistics.median(times) * 1000)\n"
    )
    measured = []
    for _ in range(7):
        output = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
        measured.append(tuple(map(float, output.stdout.split())))
    return tuple(statistics.median(column) for column in zip(*measured, strict=True))  # type: ignore[return-value]


def report(cases: list[Case], samples: dict[tuple[str, str], list[Sample]], runs: int, started_on: str) -> str:
    """The comparison table: medians with their spread (min-max), and per-round ratios."""
    lines = [
        "## Program cost",
        "",
        f"Medians of {runs} interleaved cold runs. Machine: {started_on}; "
        f"load average at the end {', '.join(f'{value:.2f}' for value in os.getloadavg())}.",
        "",
        "| case | ours wall (min-max) | hand-written wall (min-max) | wall ratio (per-round min-max) "
        "| ours CPU | hand-written CPU | CPU ratio (per-round min-max) | ours RSS | hand-written RSS | RSS ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for case in cases:
        ours, raw = samples[(case.label, "ours")], samples[(case.label, "raw")]

        def med(values: list[Sample], field: str) -> float:
            return statistics.median(getattr(sample, field) for sample in values)

        def spread(values: list[Sample], field: str) -> str:
            measured = [getattr(sample, field) for sample in values]
            return f"{statistics.median(measured):.2f} s ({min(measured):.2f}-{max(measured):.2f})"

        def ratio(field: str, ours: list[Sample] = ours, raw: list[Sample] = raw) -> str:
            # Each round's two runs ran back to back: their ratio shows how far noise moves it.
            rounds = [getattr(mine, field) / getattr(theirs, field) for mine, theirs in zip(ours, raw, strict=True)]
            return f"{med(ours, field) / med(raw, field):.2f}x ({min(rounds):.2f}-{max(rounds):.2f})"

        lines.append(
            f"| {case.label} | {spread(ours, 'wall')} | {spread(raw, 'wall')} | {ratio('wall')} "
            f"| {spread(ours, 'cpu')} | {spread(raw, 'cpu')} | {ratio('cpu')} "
            f"| {med(ours, 'rss_mib'):.0f} MiB | {med(raw, 'rss_mib'):.0f} MiB "
            f"| {med(ours, 'rss_mib') / med(raw, 'rss_mib'):.2f}x |"
        )
    return "\n".join(lines)


def compile_sources() -> None:
    """Write the bytecode of this repository's modules, as pip does when it installs the wheel:
    a cold process then reads it instead of compiling the source (tens of milliseconds), even
    where PYTHONDONTWRITEBYTECODE keeps the processes from writing it themselves."""
    for folder in (REPO_ROOT / "components", BENCH_DIR):
        compileall.compile_dir(folder, quiet=1)


def program_cost(environments: list[int], rounds: int, clouds: tuple[str, ...]) -> str:
    """The section "program cost" as Markdown: the comparison table and the Django helper's cost."""
    compile_sources()
    started_on = machine()
    cases = [Case(f"{cloud} stack program, 1 environment", cloud, None) for cloud in clouds]
    cases += [
        Case(f"{cloud}, {size} environment{'s' * (size > 1)} composed", cloud, size)
        for cloud in clouds
        for size in environments
    ]
    table = report(cases, compare(cases, rounds), rounds, started_on)
    cold, in_django, called = helper_cost()
    return (
        f"{table}\n\nDjango helper (medians of 7): import {cold:.1f} ms in a cold interpreter, "
        f"{in_django:.1f} ms in a Django process; storages_from_env {called * 1000:.1f} µs per call"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.program_cost", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    parser.add_argument("--environments", default="1,10,100", help="environments per composed program")
    parser.add_argument("--clouds", default="aws,azure", help="clouds to measure (default aws,azure)")
    args = parser.parse_args(argv)
    environments = [int(size) for size in args.environments.split(",")]
    print(program_cost(environments, args.rounds, tuple(args.clouds.split(","))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
