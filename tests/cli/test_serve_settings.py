"""``serve``'s declared settings as the README, ``--help``, ``run`` and ``work`` see them.

How a flag and a variable become a setting is in ``test_serve.py`` (each setting) and
``test_settings.py`` (the declaration)."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasegraph.cli import parser
from releasegraph.cli.serve_settings import SETTINGS, ServeSettings, for_command, shutdown_timeout
from releasegraph.cli.settings import readme_table
from releasegraph.runtime.settings import Settings
from tests.cli.test_options import command

README = Path(__file__).parents[2] / "README.md"


def readme_settings_table() -> list[str]:
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| flag | environment variable | default | what it does |")
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
    return lines[start:end]


def help_of(name: str) -> str:
    return " ".join(command(name).format_help().split())


def test_the_readme_table_is_the_declared_settings() -> None:
    expected = readme_table(ServeSettings)

    assert readme_settings_table() == expected, "the table to paste:\n" + "\n".join(expected)


@pytest.mark.parametrize("name", list(SETTINGS))
def test_the_help_of_serve_shows_each_declared_default(name: str) -> None:
    setting = SETTINGS[name]

    assert f"{setting.declaration.help} (default: {setting.shown})" in help_of("serve")


def test_run_and_work_take_serves_flags_with_the_runtimes_defaults() -> None:
    run = parser().parse_args(["run", "definition.yaml"])
    work = parser().parse_args(["work"])
    runtime = Settings()

    assert (run.database, run.agents) == (None, runtime.agents)
    assert (work.database, work.agents, work.job_limit, work.poll_interval) == (
        runtime.database_url,
        runtime.agents,
        runtime.job_limit,
        runtime.poll_interval,
    )
    assert "--database URL the database (default: a temporary SQLite file)" in help_of("run")


@pytest.mark.parametrize("args", [["run", "definition.yaml"], ["work"]])
def test_run_and_work_read_the_shutdown_timeout_variable_and_no_other(args: list[str]) -> None:
    given = parser().parse_args(args)
    env = {"RELEASEGRAPH_SHUTDOWN_TIMEOUT": "2.5", "RELEASEGRAPH_PORT": "eighty"}

    assert shutdown_timeout(given, env) == 2.5
    assert shutdown_timeout(given, {}) == ServeSettings().shutdown_timeout


@pytest.mark.parametrize("args", [["run", "definition.yaml"], ["work"]])
def test_run_and_work_take_the_pool_size_from_the_flag_else_the_variable(args: list[str]) -> None:
    env = {"RELEASEGRAPH_POOL_SIZE": "3"}

    assert for_command(parser().parse_args(args), env).pool_size == 3
    assert for_command(parser().parse_args([*args, "--pool-size", "4"]), env).pool_size == 4
    assert for_command(parser().parse_args(args), {}).pool_size == Settings().pool_size


def test_migrate_takes_the_database_from_the_flag_else_the_variable() -> None:
    env = {"RELEASEGRAPH_DATABASE": "postgresql://postgres@db/releases"}

    assert (
        for_command(parser().parse_args(["migrate"]), env).database == env["RELEASEGRAPH_DATABASE"]
    )
    flag = parser().parse_args(["migrate", "--database", "sqlite:///x.db"])
    assert for_command(flag, env).database == "sqlite:///x.db"
