"""The options of ``validate``, ``run`` and ``work``, each with its help.

``serve``'s are in ``serve_settings``: they also come from environment variables.
"""

from __future__ import annotations

import argparse
import getpass

from releasegraph.runtime.db import DEFAULT_URL

_DEFINITION_FILE = "a release definition, YAML or JSON"
_AGENTS = "local agents, in pool default (default: 2)"


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
    add("--database", metavar="URL", help="the database (default: a temporary SQLite file)")
    add("--agents", type=count, default=2, metavar="N", help=_AGENTS)
    add(
        "--actor",
        default=_user(),
        metavar="NAME",
        help="who creates the release and, with --auto-approve, answers (default: the OS user)",
    )


def add_work_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add(
        "--database",
        default=DEFAULT_URL,
        metavar="URL",
        help=f"the database (default: {DEFAULT_URL})",
    )
    add("--agents", type=count, default=2, metavar="N", help=_AGENTS)
    add(
        "--job-limit",
        type=count,
        default=0,
        metavar="N",
        help="parallel jobs; 0 = unlimited (default)",
    )
    add(
        "--until-done",
        action="store_true",
        help="exit once no release is unfinished (one waiting for a person is unfinished)",
    )
    add(
        "--poll-interval",
        type=seconds,
        default=1.0,
        metavar="SECONDS",
        help="between looks at the database for work of other processes (default: 1)",
    )


def variable(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text}")
    return value


def seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected seconds > 0, got {text}")
    return value


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
