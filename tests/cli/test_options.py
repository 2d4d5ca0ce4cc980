"""What a newcomer reads first: ``--version``, and a help text for every option of every command."""

from __future__ import annotations

import argparse
import subprocess
import sys
from importlib import metadata

import pytest

from releasegraph.cli import parser
from tests.waiting import PROCESS_DEADLINE

COMMANDS = ["validate", "run", "work", "serve", "export-schema", "migrate"]


def releasegraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "releasegraph.cli", *args],
        capture_output=True,
        text=True,
        timeout=PROCESS_DEADLINE,
        check=False,
    )


def command(name: str) -> argparse.ArgumentParser:
    subparsers = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    found: argparse.ArgumentParser = subparsers.choices[name]
    return found


def test_version_prints_the_package_version_and_exits_0() -> None:
    result = releasegraph("--version")

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"releasegraph {metadata.version('releasegraph')}\n",
        "",
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_a_command_has_a_help_text(name: str) -> None:
    without_help = [
        action.dest
        for action in command(name)._actions
        if not action.help or action.help == argparse.SUPPRESS
    ]

    assert without_help == []


@pytest.mark.parametrize("name", COMMANDS)
def test_the_help_of_a_command_is_plain_text(name: str) -> None:
    result = releasegraph(name, "--help")

    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: releasegraph {name} ")
    assert "``" not in result.stdout


def test_the_help_of_serve_says_where_its_flags_come_from() -> None:
    text = releasegraph("serve", "--help").stdout

    assert "Every flag can also be set by the environment variable RELEASEGRAPH_<FLAG>" in text
    assert "--job-limit -> RELEASEGRAPH_JOB_LIMIT" in text
