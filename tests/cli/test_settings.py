"""A setting declared once, as a field: its flag, its variable, its help and its README row
all come from that one declaration."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TypeVar

import pytest

from releasegraph.cli.serve_settings import ServeSettings
from releasegraph.cli.setting_values import count, origin, seconds
from releasegraph.cli.settings import (
    Command,
    SettingError,
    add_arguments,
    add_flag,
    declared,
    readme_table,
    resolve,
    setting,
    setting_list,
    switch,
)


@dataclass(frozen=True, kw_only=True)
class WithCache(ServeSettings):
    """``serve``'s settings after the one edit that adds a setting."""

    cache_size: int = setting(5, count, "definitions kept parsed", metavar="N")


@dataclass(frozen=True, kw_only=True)
class Toy:
    cache: bool = switch(True, "cache answers")
    peers: tuple[str, ...] = setting_list(
        origin, "peers to tell", metavar="URL", flag="peer", shown="none"
    )
    grace: float = setting(
        2.0, seconds, "seconds of grace", metavar="SECONDS", commands=("serve", "work")
    )


S = TypeVar("S", ServeSettings, WithCache, Toy)


def command_line(cls: type[S], command: Command = "serve") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=command)
    add_arguments(parser, cls, command)
    return parser


def settings_of(
    cls: type[S], *flags: str, env: dict[str, str] | None = None, command: Command = "serve"
) -> S:
    return resolve(cls, command_line(cls, command).parse_args(flags), env or {}, command)


def help_of(cls: type[S], command: Command = "serve") -> str:
    return " ".join(command_line(cls, command).format_help().split())


# -- one edit -------------------------------------------------------------------------


def test_a_declared_setting_is_a_flag_a_variable_a_line_of_help_and_a_readme_row() -> None:
    from_flag = settings_of(WithCache, "--cache-size", "7")
    from_variable = settings_of(WithCache, env={"RELEASEGRAPH_CACHE_SIZE": "9"})

    assert (from_flag.cache_size, from_variable.cache_size, WithCache().cache_size) == (7, 9, 5)
    assert "--cache-size N definitions kept parsed (default: 5)" in help_of(WithCache)
    assert readme_table(WithCache) == [
        *readme_table(ServeSettings),
        "| `--cache-size N` | `RELEASEGRAPH_CACHE_SIZE` | `5` | definitions kept parsed |",
    ]
    assert list(declared(WithCache)) == [*declared(ServeSettings), "cache_size"]


def test_a_flag_wins_over_its_variable_and_a_bad_variable_is_refused_by_name() -> None:
    env = {"RELEASEGRAPH_CACHE_SIZE": "9"}

    assert settings_of(WithCache, "--cache-size", "7", env=env).cache_size == 7
    with pytest.raises(SettingError, match=r"^RELEASEGRAPH_CACHE_SIZE: expected a number >= 0"):
        settings_of(WithCache, env={"RELEASEGRAPH_CACHE_SIZE": "-1"})


# -- switches and lists ---------------------------------------------------------------


def test_a_switch_that_is_on_is_turned_off_by_its_no_flag_and_its_no_variable() -> None:
    assert settings_of(Toy).cache is True
    assert settings_of(Toy, "--no-cache").cache is False
    assert settings_of(Toy, env={"RELEASEGRAPH_NO_CACHE": "yes"}).cache is False
    assert settings_of(Toy, "--cache", env={"RELEASEGRAPH_NO_CACHE": "1"}).cache is True
    assert "--cache, --no-cache cache answers (default: on)" in help_of(Toy)


def test_a_list_takes_values_after_its_flag_or_in_its_variable_by_commas_or_spaces() -> None:
    env = {"RELEASEGRAPH_PEER": "https://a.example, https://b.example https://c.example/"}

    assert settings_of(Toy, "--peer", "https://a.example", "https://b.example").peers == (
        "https://a.example",
        "https://b.example",
    )
    assert settings_of(Toy, env=env).peers == (
        "https://a.example",
        "https://b.example",
        "https://c.example",
    )
    assert settings_of(Toy).peers == ()


def test_the_readme_rows_say_the_flags_the_variable_the_default_and_who_takes_it() -> None:
    assert readme_table(Toy) == [
        "| flag | environment variable | default | what it does |",
        "| --- | --- | --- | --- |",
        "| `--no-cache` / `--cache` | `RELEASEGRAPH_NO_CACHE` | on | cache answers |",
        "| `--peer URL ...` | `RELEASEGRAPH_PEER` (comma or space separated) | none"
        " | peers to tell |",
        "| `--grace SECONDS` | `RELEASEGRAPH_GRACE` | `2` | seconds of grace (also `work`) |",
    ]


# -- other commands -------------------------------------------------------------------


def test_another_command_takes_only_the_settings_declared_for_it() -> None:
    env = {"RELEASEGRAPH_GRACE": "0.5", "RELEASEGRAPH_NO_CACHE": "maybe"}

    assert settings_of(Toy, env=env, command="work") == Toy(grace=0.5)
    assert settings_of(Toy, "--grace", "3", command="work") == Toy(grace=3.0)
    assert "--cache" not in help_of(Toy, "work")


def test_a_flag_alone_takes_the_default_it_is_given_and_no_variable() -> None:
    grace = declared(Toy)["grace"]
    parser = argparse.ArgumentParser()
    add_flag(parser, grace, default=grace.default, shown="two seconds")

    assert parser.parse_args([]).grace == 2.0
    assert parser.parse_args(["--grace", "4"]).grace == 4.0
    assert "seconds of grace (default: two seconds)" in " ".join(parser.format_help().split())
