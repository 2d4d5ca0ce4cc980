"""The settings of ``releasegraph serve``: its flags, each also a ``RELEASEGRAPH_*`` variable."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from releasegraph.demo import DemoSettings
from releasegraph.runtime.db import DEFAULT_URL

ENV_PREFIX = "RELEASEGRAPH_"
MIB = 1024 * 1024
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
DESCRIPTION = f"""\
Serve the GraphQL API (and GraphiQL) at /graphql, with /healthz and /readyz.

Every flag can also be set by the environment variable {ENV_PREFIX}<FLAG>
(--job-limit -> {ENV_PREFIX}JOB_LIMIT, --no-introspection -> {ENV_PREFIX}NO_INTROSPECTION);
a flag given on the command line wins. A boolean variable takes 1/0, true/false,
yes/no or on/off.
"""


class SettingError(Exception):
    """A flag or environment variable with a value that cannot be used: exit 2."""


@dataclass(frozen=True, kw_only=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    database: str = DEFAULT_URL
    agents: int = 2
    job_limit: int = 0
    allowed_origins: tuple[str, ...] = ()
    tokens: Path | None = None
    """A users file; without it (and without ``demo``) one admin token is made up at start."""
    introspection: bool = True
    demo: bool = False
    demo_interval: float = DemoSettings().interval
    log_level: str = "info"
    shutdown_timeout: float = 10.0
    """Seconds from SIGINT or SIGTERM to the exit, stopped gracefully or not (``run``, ``work``)."""
    # Websockets; the defaults are AppSettings' own (a test holds them equal).
    ping_interval: float = 15.0
    connection_init_timeout: float = 10.0
    max_subscriptions_per_connection: int = 100
    max_connections_per_user: int = 50
    legacy_graphql_ws: bool = False
    ws_max_size: int = MIB
    """Bytes a websocket message may have; a larger one closes the socket with 1009."""


# -- values, as flags and as environment variables -----------------------------------


def _port(text: str) -> int:
    value = _integer(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"expected a port 1-65535, got {text}")
    return value


def _count(text: str) -> int:
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text}")
    return value


def _positive(text: str) -> int:
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {text}")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected seconds > 0, got {text!r}")
    return value


def _origin(text: str) -> str:
    if text != "*" and not text.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"expected an origin like https://host:port, got {text!r}")
    return text.rstrip("/")


def _origins(text: str) -> tuple[str, ...]:
    return tuple(_origin(o) for o in text.replace(",", " ").split())


def _boolean(text: str) -> bool:
    if text.strip().lower() in _TRUE:
        return True
    if text.strip().lower() in _FALSE:
        return False
    raise argparse.ArgumentTypeError(f"expected 1/0, true/false, yes/no or on/off, got {text!r}")


def _log_level(text: str) -> str:
    if text.lower() not in LOG_LEVELS:
        raise argparse.ArgumentTypeError(f"expected one of {', '.join(LOG_LEVELS)}, got {text!r}")
    return text.lower()


def _not(text: str) -> bool:
    return not _boolean(text)


@dataclass(frozen=True)
class _Variable:
    field: str
    name: str
    parse: Callable[[str], object]


SHUTDOWN_TIMEOUT = _Variable("shutdown_timeout", "SHUTDOWN_TIMEOUT", _seconds)
"""Also a setting of ``run`` and ``work``."""

# --no-introspection is the flag people set, so its variable is RELEASEGRAPH_NO_INTROSPECTION.
VARIABLES = (
    _Variable("host", "HOST", str),
    _Variable("port", "PORT", _port),
    _Variable("database", "DATABASE", str),
    _Variable("agents", "AGENTS", _count),
    _Variable("job_limit", "JOB_LIMIT", _count),
    _Variable("allowed_origins", "ALLOWED_ORIGIN", _origins),
    _Variable("tokens", "TOKENS", Path),
    _Variable("introspection", "NO_INTROSPECTION", _not),
    _Variable("demo", "DEMO", _boolean),
    _Variable("demo_interval", "DEMO_INTERVAL", _seconds),
    _Variable("log_level", "LOG_LEVEL", _log_level),
    SHUTDOWN_TIMEOUT,
    _Variable("ping_interval", "PING_INTERVAL", _seconds),
    _Variable("connection_init_timeout", "CONNECTION_INIT_TIMEOUT", _seconds),
    _Variable("max_subscriptions_per_connection", "MAX_SUBSCRIPTIONS_PER_CONNECTION", _positive),
    _Variable("max_connections_per_user", "MAX_CONNECTIONS_PER_USER", _positive),
    _Variable("legacy_graphql_ws", "LEGACY_GRAPHQL_WS", _boolean),
    _Variable("ws_max_size", "WS_MAX_SIZE", _positive),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of ``serve``; each defaults to None so that the environment can fill it in."""
    add = parser.add_argument
    add("--host", metavar="HOST", help="address to listen on (default: 127.0.0.1)")
    add("--port", type=_port, metavar="PORT", help="port to listen on (default: 8000)")
    add("--database", metavar="URL", help=f"the database (default: {DEFAULT_URL})")
    add("--agents", type=_count, metavar="N", help="local agents, in pool default (default: 2)")
    add("--job-limit", type=_count, metavar="N", help="parallel jobs; 0 = unlimited (default)")
    add(
        "--allowed-origin",
        dest="allowed_origins",
        action="extend",
        nargs="+",
        type=_origin,
        metavar="ORIGIN",
        help="browser origins allowed to call the API (CORS)",
    )
    add("--tokens", type=Path, metavar="FILE", help="users: [{name, token, role, groups}]")
    add(
        "--introspection",
        action=argparse.BooleanOptionalAction,
        help="answer introspection queries (default: yes)",
    )
    add(
        "--demo",
        action=argparse.BooleanOptionalAction,
        help="demo users, the example definitions, and demo releases that keep coming",
    )
    add(
        "--demo-interval",
        type=_seconds,
        metavar="SECONDS",
        help="between demo releases (default: 15)",
    )
    add(
        "--log-level",
        type=_log_level,
        metavar="LEVEL",
        help=f"{'|'.join(LOG_LEVELS)} (default: info)",
    )
    add_shutdown_timeout(parser)
    _add_websocket_arguments(parser)


def add_shutdown_timeout(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--shutdown-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="after SIGINT or SIGTERM, exit within this time, stopped gracefully or not"
        f" (default: {ServeSettings.shutdown_timeout:g})",
    )


def _add_websocket_arguments(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument_group("websockets (subscriptions)").add_argument
    add("--ping-interval", type=_seconds, metavar="SECONDS", help="server pings (default: 15)")
    add(
        "--connection-init-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="time to send connection_init, else closed with 4408 (default: 10)",
    )
    add(
        "--max-subscriptions-per-connection",
        type=_positive,
        metavar="N",
        help="subscriptions a websocket may run at once (default: 100)",
    )
    add(
        "--max-connections-per-user",
        type=_positive,
        metavar="N",
        help="websockets a user may have open at once (default: 50)",
    )
    add(
        "--legacy-graphql-ws",
        action=argparse.BooleanOptionalAction,
        help="also speak the legacy graphql-ws subprotocol (default: no)",
    )
    add(
        "--ws-max-size",
        type=_positive,
        metavar="BYTES",
        help=f"largest message; a larger one closes the socket with 1009 (default: {MIB})",
    )


def resolve(args: argparse.Namespace, environ: Mapping[str, str]) -> ServeSettings:
    """The settings: a flag, else its environment variable, else the default."""
    values: dict[str, Any] = {}  # each value comes from the parser of its own field
    for variable in VARIABLES:
        value = _value(variable, args, environ)
        if value is not None:
            values[variable.field] = value
    settings = replace(ServeSettings(), **values)
    if settings.demo and settings.tokens is not None:
        raise SettingError("--demo brings its own users: leave out --tokens (RELEASEGRAPH_TOKENS)")
    return settings


def shutdown_timeout(args: argparse.Namespace, environ: Mapping[str, str]) -> float:
    """The shutdown timeout of any command: the flag, else its variable, else the default."""
    value = _value(SHUTDOWN_TIMEOUT, args, environ)
    return value if isinstance(value, float) else ServeSettings.shutdown_timeout


def _value(variable: _Variable, args: argparse.Namespace, environ: Mapping[str, str]) -> object:
    """The flag's value, else the environment variable's, else None."""
    flag = getattr(args, variable.field, None)
    if flag is not None:
        return tuple(flag) if isinstance(flag, list) else flag
    env_name = ENV_PREFIX + variable.name
    if env_name not in environ:
        return None
    try:
        return variable.parse(environ[env_name])
    except argparse.ArgumentTypeError as error:
        raise SettingError(f"{env_name}: {error}") from None


# -- users ----------------------------------------------------------------------------
