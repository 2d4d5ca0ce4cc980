"""The README's two commands are the ones that work: CI runs the test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _first_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    return re.findall(r"```sh\n(.+?)\n```", readme)[:2]


def test_the_readme_starts_with_an_install_and_run_command_and_a_test_command() -> None:
    run, test = _first_commands()

    assert run.startswith("python3 -m venv .venv && ")
    assert "releasegraph " in run
    assert test.endswith("&& .venv/bin/pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test = _first_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()

    assert test in ci_lines
