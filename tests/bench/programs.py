"""Generated platform programs: many apps' media storage in one Pulumi project, of a given size."""

from __future__ import annotations

from pathlib import Path

STACK = "bench"

# Each app as the components build it, with the resources it registers (components included).
APPS = {
    "shop": (
        22,
        'AwsMediaStorage(f"shop{i}", AwsMediaStorageArgs(app=f"shop{i}", environment=ENV, '
        'cors_origins=("https://shop.example.com",), browser_uploads=True))',
    ),
    "blog": (
        19,
        'AwsMediaStorage(f"blog{i}", AwsMediaStorageArgs(app=f"blog{i}", environment=ENV, credentials="role"))',
    ),
    "wiki": (
        17,
        'AzureMediaStorage(f"wiki{i}", AzureMediaStorageArgs(app=f"wiki{i}", environment=ENV, '
        'location="westeurope", credentials="identity"))',
    ),
    "docs": (
        12,
        'AzureMediaStorage(f"docs{i}", AzureMediaStorageArgs(app=f"docs{i}", environment=ENV, location="westeurope"))',
    ),
}
CLOUDS = {"mixed": ("shop", "blog", "wiki", "docs"), "aws": ("shop", "blog")}
"""The apps of one round of each kind of program: on both clouds, or on AWS only."""


def write_program(directory: Path, resources: int, clouds: str = "mixed") -> Path:
    """A project in `directory` whose program registers exactly `resources` resources: rounds
    of the `clouds` apps (buckets or accounts with every sidecar, users, roles, policies,
    identities, role assignments), the apps of one more round that fit, then single IAM
    users to make up the count."""
    apps = CLOUDS[clouds]
    per_round = sum(APPS[app][0] for app in apps)
    rounds, rest = divmod(resources, per_round)
    last_round = []  # the apps of one more round that still fit
    for app in apps:
        if APPS[app][0] <= rest:
            last_round.append(app)
            rest -= APPS[app][0]
    extra_users = rest
    lines = [
        f'"""{resources} resources: {rounds} rounds of {", ".join(apps)}, then {", ".join(last_round) or "no app"} '
        f'and {extra_users} IAM users (generated)."""',
        "",
        "import pulumi_aws as aws",
        "",
        "from media_storage.aws import AwsMediaStorage, AwsMediaStorageArgs",
        "from media_storage.azure import AzureMediaStorage, AzureMediaStorageArgs",
        "",
        'ENV = "bench"',
        "",
        f"for i in range({rounds}):",
        *(f"    {APPS[app][1]}" for app in apps),
        "",
        f"i = {rounds}",
        *(APPS[app][1] for app in last_round),
        "",
        f"for i in range({extra_users}):",
        '    aws.iam.User(f"extra-{i}", tags={"team": "platform"})',
    ]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Pulumi.yaml").write_text("name: bench\nruntime: python\n")
    (directory / f"Pulumi.{STACK}.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (directory / "__main__.py").write_text("\n".join(lines) + "\n")
    return directory
