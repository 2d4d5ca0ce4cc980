"""The settings of ``releasegraph serve``, each declared once (see ``settings``): a flag,
also a ``RELEASEGRAPH_*`` variable. ``run`` and ``work`` take some of them."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from releasegraph.cli import setting_values as values
from releasegraph.cli import settings
from releasegraph.cli.demo import DemoSettings
from releasegraph.cli.settings import (
    ENV_PREFIX,
    Command,
    SettingError,
    setting,
    setting_list,
    switch,
)
from releasegraph.runtime.settings import Settings

MIB = 1024 * 1024
WEBSOCKETS = "websockets (subscriptions)"


@dataclass(frozen=True, kw_only=True)
class ServeSettings:
    """The runtime's and the demo's defaults are theirs (``Settings``, ``DemoSettings``);
    ``AppSettings`` takes its defaults from here, as this module loads without the app."""

    host: str = setting("127.0.0.1", str, "address to listen on", metavar="HOST")
    port: int = setting(8000, values.port, "port to listen on", metavar="PORT")
    database: str = setting(
        Settings.database_url, str, "the database", metavar="URL", commands=("serve", "migrate")
    )
    pool_size: int = setting(
        Settings.pool_size,
        values.positive,
        "PostgreSQL connections a process holds at most",
        metavar="N",
        commands=("serve", "run", "work"),
    )
    lease_seconds: float = setting(
        Settings.lease_seconds,
        values.seconds,
        "a run stays this process's this long unrenewed; then another process runs it again",
        metavar="SECONDS",
        commands=("serve", "run", "work"),
    )
    lease_renewal: float = setting(
        Settings.lease_renewal,
        values.seconds,
        "between renewals of this process's leases; less than --lease-seconds",
        metavar="SECONDS",
        commands=("serve", "run", "work"),
    )
    lost_run_limit: int = setting(
        Settings.lost_run_limit,
        values.positive,
        "runs of a task that may be lost (agent gone) or interrupted before the task fails",
        metavar="N",
        commands=("serve", "run", "work"),
    )
    agents: int = setting(
        Settings.agents,
        values.count,
        "local agents, in pool default; 0 leaves AGENT phases to remote agents",
        metavar="N",
    )
    job_limit: int = setting(
        Settings.job_limit, values.count, "parallel jobs; 0 = unlimited", metavar="N"
    )
    allowed_origins: tuple[str, ...] = setting_list(
        values.origin,
        "origins whose pages may call the API from a browser (CORS)",
        metavar="ORIGIN",
        flag="allowed-origin",
        shown="none, so no cross-origin browser calls",
    )
    tokens: Path | None = setting(
        None,
        Path,
        "a users file: [{name, token, role, groups}]",
        metavar="FILE",
        shown="one admin token, made up at start",
    )
    introspection: bool = switch(True, "answer introspection queries")
    demo: bool = switch(
        False, "demo users, the example definitions, and demo releases that keep coming"
    )
    demo_interval: float = setting(
        DemoSettings.interval, values.seconds, "between demo releases", metavar="SECONDS"
    )
    log_level: str = setting(
        "info", values.log_level, f"one of {', '.join(values.LOG_LEVELS)}", metavar="LEVEL"
    )
    shutdown_timeout: float = setting(
        10.0,
        values.seconds,
        "after SIGINT or SIGTERM, exit within this time, stopped gracefully or not",
        metavar="SECONDS",
        commands=("serve", "run", "work"),
    )
    ping_interval: float = setting(
        15.0,
        values.seconds,
        "between the server's pings on a websocket",
        metavar="SECONDS",
        group=WEBSOCKETS,
    )
    connection_init_timeout: float = setting(
        10.0,
        values.seconds,
        "time a websocket has to send connection_init, else closed with 4408",
        metavar="SECONDS",
        group=WEBSOCKETS,
    )
    max_subscriptions_per_connection: int = setting(
        100,
        values.positive,
        "subscriptions a websocket may run at once",
        metavar="N",
        group=WEBSOCKETS,
    )
    max_connections_per_user: int = setting(
        50,
        values.positive,
        "websockets a user may have open at once",
        metavar="N",
        group=WEBSOCKETS,
    )
    legacy_graphql_ws: bool = switch(
        False, "also speak the legacy graphql-ws subprotocol", group=WEBSOCKETS
    )
    ws_max_size: int = setting(
        MIB,
        values.positive,
        "largest websocket message; a larger one closes the socket with 1009",
        metavar="BYTES",
        group=WEBSOCKETS,
    )


SETTINGS = settings.declared(ServeSettings)
_EXAMPLES = ", ".join(
    f"{SETTINGS[name].setter} -> {SETTINGS[name].variable}"
    for name in ("job_limit", "introspection")
)
DESCRIPTION = f"""\
Serve the GraphQL API (and GraphiQL) at /graphql, with /healthz and /readyz.

Every flag can also be set by the environment variable {ENV_PREFIX}<FLAG>
({_EXAMPLES});
a flag given on the command line wins. A boolean variable takes 1/0, true/false,
yes/no or on/off.
"""


def add_arguments(parser: argparse.ArgumentParser, command: Command = "serve") -> None:
    """The flags of ``command``'s settings; each defaults to None so that the environment
    can fill it in."""
    settings.add_arguments(parser, ServeSettings, command)


def resolve(args: argparse.Namespace, environ: Mapping[str, str]) -> ServeSettings:
    """The settings of ``serve``: a flag, else its environment variable, else the default."""
    resolved = settings.resolve(ServeSettings, args, environ, "serve")
    if resolved.demo and resolved.tokens is not None:
        tokens = SETTINGS["tokens"]
        raise SettingError(
            f"--demo brings its own users: leave out {tokens.flag} ({tokens.variable})"
        )
    return resolved


def for_command(args: argparse.Namespace, environ: Mapping[str, str]) -> ServeSettings:
    """The settings of ``run``, ``work`` or ``migrate``: those the command takes from its
    flag, else its variable, else the default; the others at their defaults."""
    return settings.resolve(ServeSettings, args, environ, args.command)


def shutdown_timeout(args: argparse.Namespace, environ: Mapping[str, str]) -> float:
    """The shutdown timeout of ``run`` or ``work``: the flag, else its variable, else the
    default."""
    return for_command(args, environ).shutdown_timeout


def runtime_settings(settings: ServeSettings, database_url: str, **given: Any) -> Settings:
    """The runtime's settings of a command: the database, its pool and the leases (checked
    against each other) from ``settings``, and ``given``, the command's own."""
    if settings.lease_renewal >= settings.lease_seconds:
        raise SettingError(
            f"--lease-renewal ({settings.lease_renewal:g}) must be less than --lease-seconds"
            f" ({settings.lease_seconds:g}): a lease would expire before it is renewed"
        )
    return Settings(
        database_url=database_url,
        pool_size=settings.pool_size,
        lease_seconds=settings.lease_seconds,
        lease_renewal=settings.lease_renewal,
        lost_run_limit=settings.lost_run_limit,
        **given,
    )
