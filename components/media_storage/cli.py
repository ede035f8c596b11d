"""The `media-storage` command: the offline policy check, the policy list and the pack's path.

    media-storage check [--dir DIR] [--stack NAME] [--policy-config FILE] [--json] [--preview] [--timeout SECONDS]
    media-storage policies [--json]
    media-storage pack-path

Standard library only at import time: `--help` and `pack-path` work with the plain install;
`check` and `policies` need the `policy` extra (`pip install "media-storage[policy]"`).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from . import __version__

PROG = "media-storage"

DEFAULT_TIMEOUT = 300.0
"""Seconds the check lets a program run before it gives up on it (`--timeout`)."""
INTERRUPTED = 130
"""The exit status of a check stopped with Ctrl-C (128 + SIGINT, as a shell reports it)."""

EXIT_CODES = """\
exit status:
  0  no mandatory violation (check); the command succeeded
  1  at least one mandatory violation (check)
  2  a usage error, an unusable project or stack file, an invalid stack config,
     a program that fails, exits (sys.exit) or does not finish within --timeout,
     a policy that fails on the program, or a missing extra
  130  interrupted (Ctrl-C) during a check; the program's processes are stopped too
"""

CHECK_HELP = """\
Run the program in DIR under Pulumi mocks with the config of Pulumi.<stack>.yaml and evaluate
the media-storage policy pack on every resource it registers, as `pulumi preview --policy-pack`
would: no Pulumi CLI, no cloud credentials. The program runs in a child process of this
interpreter, so install media-storage[policy] into the project's own virtualenv, next to the
provider SDKs it imports. What the program prints never mixes with the report, and values it
marks secret are shown as [secret].
"""

PACK_PATH_HELP = """\
Print the directory of the installed CrossGuard pack, for
`pulumi preview --policy-pack "$(media-storage pack-path)"`. The CLI runs the pack with the
python3 on PATH: activate the virtualenv that has media-storage[policy] first.
"""


def pack_path() -> Path:
    """The directory of the CrossGuard pack (`PulumiPolicy.yaml` and its `__main__.py`): the
    `media_storage.policies` package, located without importing it (that needs `pulumi-policy`)."""
    spec = importlib.util.find_spec("media_storage.policies")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the media_storage.policies package is not installed")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    """The check's options, shared by `media-storage check` and `python -m policies.check`."""
    parser.add_argument(
        "--dir", type=Path, default=Path(), help="the Pulumi project to check (default: the current directory)"
    )
    parser.add_argument("--stack", default="dev", help="the stack whose Pulumi.<stack>.yaml to use (default: dev)")
    parser.add_argument(
        "--policy-config", type=Path, metavar="FILE", help="JSON as for `pulumi preview --policy-pack-config`"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    parser.add_argument("--preview", action="store_true", help="leave provider outputs unknown, as in a first preview")
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a program that runs longer and exit 2 (default: {DEFAULT_TIMEOUT:g})",
    )


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    """The command line: one parser, a subparser per command, each with its own `--help`."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Django media storage on AWS S3 and Azure Blob Storage: the policy pack and its offline check.",
        epilog=EXIT_CODES,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="run the policy pack on a Pulumi Python program, offline",
        description=CHECK_HELP,
        epilog=EXIT_CODES,
        formatter_class=formatter,
    )
    add_check_arguments(check)
    policies = commands.add_parser(
        "policies",
        help="list every policy with its level and how to fix a violation",
        description="List every policy of the pack: name, enforcement level, what it requires "
        "(the text the pack reports with a violation) and its settings.",
        epilog=EXIT_CODES,
        formatter_class=formatter,
    )
    policies.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    commands.add_parser(
        "pack-path",
        help="print the directory of the installed CrossGuard pack",
        description=PACK_PATH_HELP,
        epilog=EXIT_CODES,
        formatter_class=formatter,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `media-storage` console command; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "pack-path":
        print(pack_path())
        return 0
    policies = _import_policies()
    if policies is None:
        return 2
    if args.command == "check":
        return importlib.import_module(".policies.check", __package__).run(args, f"{PROG} check")
    return _list_policies(policies, as_json=args.json)


def _import_policies() -> ModuleType | None:
    try:
        return importlib.import_module(".policies", __package__)
    except ModuleNotFoundError as error:
        print(
            f'{PROG}: this command needs {error.name!r}: pip install "media-storage[policy]" '
            "into the virtualenv of the program you check",
            file=sys.stderr,
        )
        return None


def policy_catalogue(policies: ModuleType) -> list[dict[str, object]]:
    """Every policy of the pack as plain data: name, level, description and settings."""
    catalogue = []
    for policy in policies.ALL_POLICIES:
        schema = policy.config_schema.properties if policy.config_schema else {}
        catalogue.append(
            {
                "name": policy.name,
                "enforcementLevel": (policy.enforcement_level or policies.DEFAULT_ENFORCEMENT).value,
                "description": policy.description,
                "settings": {key: dict(spec) for key, spec in schema.items()},
            }
        )
    return catalogue


def _list_policies(policies: ModuleType, *, as_json: bool) -> int:
    catalogue = policy_catalogue(policies)
    if as_json:
        print(json.dumps({"pack": policies.PACK_NAME, "version": __version__, "policies": catalogue}, indent=2))
        return 0
    lines = [f"{policies.PACK_NAME} {__version__}: {len(catalogue)} policies"]
    for entry in catalogue:
        lines += ["", f"{entry['name']} [{entry['enforcementLevel']}]", f"  {entry['description']}"]
        for key, spec in entry["settings"].items():  # type: ignore[union-attr]
            lines.append(f"  setting {key} (default {json.dumps(spec.get('default'))}): {spec.get('description', '')}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
