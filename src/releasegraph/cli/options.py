"""The options of ``validate``, ``run``, ``work`` and ``migrate``, each with its help.

The settings they share with ``serve`` are declared in ``serve_settings``: ``run`` and
``work`` take their flags, and the environment variables only of those that say so.
"""

from __future__ import annotations

import argparse
import getpass

from releasegraph.cli.serve_settings import SETTINGS, add_arguments
from releasegraph.cli.setting_values import seconds
from releasegraph.cli.settings import add_flag
from releasegraph.runtime.settings import Settings

_DEFINITION_FILE = "a release definition, YAML or JSON"


def add_validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=_DEFINITION_FILE)


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("file", metavar="FILE", help=_DEFINITION_FILE)
    add(
        "--var",
        action="append",
        type=variable,
        default=[],
        metavar="NAME=VALUE",
        help="a variable of the release, over the definition's; repeat for more",
    )
    add("--auto-approve", action="store_true", help="answer every wait for a person")
    add("--json", action="store_true", help="one JSON object per line")
    add_flag(parser, SETTINGS["database"], shown="a temporary SQLite file")
    _serve_flag(parser, "agents")
    add(
        "--actor",
        default=_user(),
        metavar="NAME",
        help="who creates the release and, with --auto-approve, answers (default: the OS user)",
    )
    add_arguments(parser, "run")


def add_work_arguments(parser: argparse.ArgumentParser) -> None:
    for name in ("database", "agents", "job_limit"):
        _serve_flag(parser, name)
    add = parser.add_argument
    add(
        "--until-done",
        action="store_true",
        help="exit once no release is unfinished (one waiting for a person is unfinished)",
    )
    add(
        "--poll-interval",
        type=seconds,
        default=Settings.poll_interval,
        metavar="SECONDS",
        help="between looks at the database for work of other processes"
        f" (default: {Settings.poll_interval:g})",
    )
    add_arguments(parser, "work")


def add_migrate_arguments(parser: argparse.ArgumentParser) -> None:
    add_arguments(parser, "migrate")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing: exit 0 when the schema is current, 1 when a migration is due",
    )


def _serve_flag(parser: argparse.ArgumentParser, name: str) -> None:
    """The flag of a setting of ``serve``, with its default: its variable is ``serve``'s."""
    add_flag(parser, SETTINGS[name], default=SETTINGS[name].default)


def variable(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
