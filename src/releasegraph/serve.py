"""``releasegraph serve``: settings from flags and ``RELEASEGRAPH_*`` variables, the app, uvicorn.

Every flag also comes from the environment variable ``RELEASEGRAPH_<FLAG>``
(``--job-limit`` → ``RELEASEGRAPH_JOB_LIMIT``); a flag given on the command line wins.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from releasegraph import demo
from releasegraph.auth import Role, TokenStore, User, demo_store, new_token
from releasegraph.demo import DemoSettings, StartedRelease
from releasegraph.engine.errors import ValidationError
from releasegraph.runtime.db import DEFAULT_URL
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from releasegraph.app import AppSettings

ENV_PREFIX = "RELEASEGRAPH_"
MIB = 1024 * 1024
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


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
    add("--host", metavar="HOST", help="default: 127.0.0.1")
    add("--port", type=_port, metavar="PORT", help="default: 8000")
    add("--database", metavar="URL", help=f"default: {DEFAULT_URL}")
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
    add("--demo-interval", type=_seconds, metavar="SECONDS", help="default: 15")
    add("--log-level", type=_log_level, metavar="LEVEL", help=f"{'|'.join(LOG_LEVELS)}")
    _add_websocket_arguments(parser)


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
        help="default: 100",
    )
    add("--max-connections-per-user", type=_positive, metavar="N", help="default: 50")
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
        flag = getattr(args, variable.field, None)
        env_name = ENV_PREFIX + variable.name
        if flag is not None:
            values[variable.field] = tuple(flag) if isinstance(flag, list) else flag
        elif env_name in environ:
            try:
                values[variable.field] = variable.parse(environ[env_name])
            except argparse.ArgumentTypeError as error:
                raise SettingError(f"{env_name}: {error}") from None
    settings = replace(ServeSettings(), **values)
    if settings.demo and settings.tokens is not None:
        raise SettingError("--demo brings its own users: leave out --tokens (RELEASEGRAPH_TOKENS)")
    return settings


# -- users ----------------------------------------------------------------------------


GENERATED_ADMIN = User(name="admin", display_name="Administrator", role=Role.ADMIN)


def token_store(settings: ServeSettings) -> tuple[TokenStore, dict[str, str]]:
    """The users, and the tokens to print: the demo's, a generated admin's, or none (a file)."""
    if settings.demo:
        return demo_store()
    if settings.tokens is None:
        token = new_token()
        return TokenStore({token: GENERATED_ADMIN}), {GENERATED_ADMIN.name: token}
    try:
        return TokenStore.from_file(settings.tokens), {}
    except OSError as error:
        raise SettingError(f"cannot read {settings.tokens}: {error}") from None
    except ValidationError as error:
        problems = "; ".join(str(issue) for issue in error.issues)
        raise SettingError(f"{settings.tokens}: {problems}") from None
    except UnicodeDecodeError as error:
        raise SettingError(f"{settings.tokens}: not text: {error}") from None


# -- what it prints --------------------------------------------------------------------


def graphql_url(settings: ServeSettings) -> str:
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(settings.host, settings.host)
    return f"http://{f'[{host}]' if ':' in host else host}:{settings.port}/graphql"


def banner(settings: ServeSettings, users: list[User], tokens: dict[str, str]) -> list[str]:
    """What a person needs to start: where GraphiQL is, who they can be, a request to paste."""
    url = graphql_url(settings)
    lines = [f"releasegraph serving {settings.database} with {settings.agents} local agents"]
    lines += [f"GraphiQL: {url}", ""]
    if settings.demo:
        lines.append("Demo users (tokens valid until the server stops):")
    elif tokens:
        lines.append("Admin token, generated for this run (--tokens FILE gives lasting users):")
    else:
        lines.append(f"Users of {settings.tokens} (their tokens are in that file):")
    lines.append(f"  {'user':<8} {'role':<9} {'groups':<18} {'token' if tokens else ''}".rstrip())
    for user in users:
        groups = ",".join(sorted(user.groups)) or "-"
        token = tokens.get(user.name, "")
        lines.append(f"  {user.name:<8} {user.role.value:<9} {groups:<18} {token}".rstrip())
    example = tokens.get("alice") or tokens.get(GENERATED_ADMIN.name) or "$TOKEN"
    query = DEMO_CURL_QUERY if settings.demo else CURL_QUERY
    lines += [
        "",
        'In GraphiQL, send a token in the Headers tab: {"Authorization": "Bearer TOKEN"}.',
        "Or from a shell:",
        f"  curl -s {url} -H 'Authorization: Bearer {example}' "
        f"-H 'Content-Type: application/json' -d '{{\"query\": \"{query}\"}}'",
    ]
    if settings.demo:
        lines += ["", *demo.describe(_demo_settings(settings))]
    return lines


CURL_QUERY = "{ viewer { name role groups } }"
DEMO_CURL_QUERY = (
    "{ approvals(filter: {forViewer: true})"
    " { id environmentName release { name definition { name } } } }"
)


def say(lines: list[str], out: TextIO) -> None:
    print("\n".join(lines), file=out, flush=True)


# -- running --------------------------------------------------------------------------


def serve(settings: ServeSettings, out: TextIO) -> int:
    """Run the server until SIGINT or SIGTERM: 0 after a graceful stop.

    A server that cannot start (its port taken) exits with uvicorn's code 3.
    """
    # Imported here: the other commands start without loading the GraphQL layer.
    import uvicorn

    from releasegraph.app import create_app
    from releasegraph.subscriptions.protocol import WebSocketProtocol

    if settings.demo and not demo.installed():
        raise SettingError(f"no demo definitions in {demo.DEMO_DIR}: the demo runs from a clone")
    tokens, printable = token_store(settings)
    logging.getLogger("releasegraph").setLevel(_python_level(settings.log_level))
    runtime = Runtime(
        Settings(
            database_url=settings.database,
            agents=settings.agents,
            job_limit=settings.job_limit,
        )
    )
    app = create_app(runtime, tokens, app_settings(settings))
    lines = banner(settings, tokens.users(), printable)
    _after_startup(app, lambda: _started(runtime, settings, lines, out))
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        lifespan="on",
        timeout_graceful_shutdown=5,
        ws_max_size=settings.ws_max_size,
        # Measured with bench/fanout.py: compression costs ~50 kB a socket (10,000
        # dashboards: 2.2 GB instead of 1.7 GB) for payloads of a few kB.
        ws_per_message_deflate=False,
        ws=WebSocketProtocol,  # uvicorn's own, and shared payloads written at once
    )
    server = uvicorn.Server(config)
    with _graceful_signals():
        server.run()
    return 0 if server.started else 3


def app_settings(settings: ServeSettings) -> AppSettings:
    """What the app itself takes of the settings."""
    from releasegraph.app import AppSettings

    return AppSettings(
        allowed_origins=settings.allowed_origins,
        introspection=settings.introspection,
        legacy_graphql_ws=settings.legacy_graphql_ws,
        connection_init_timeout=settings.connection_init_timeout,
        ping_interval=settings.ping_interval,
        max_subscriptions_per_connection=settings.max_subscriptions_per_connection,
        max_connections_per_user=settings.max_connections_per_user,
    )


@contextlib.asynccontextmanager
async def _started(
    runtime: Runtime, settings: ServeSettings, lines: list[str], out: TextIO
) -> AsyncIterator[None]:
    """Once the runtime runs: the demo's definitions, the banner, then the demo's releases."""
    from releasegraph.app import tune_garbage_collector

    tune_garbage_collector()
    if not settings.demo:
        say(lines, out)
        yield
        return
    from strawberry.relay import to_base64

    def announce(release: StartedRelease) -> None:
        global_id = to_base64("Release", release.id)
        say([f"demo: started {release.definition} {release.name}, id {global_id}"], out)

    definitions = demo.prepare(runtime)
    say(lines, out)
    demo_settings = _demo_settings(settings)
    async with demo.running(demo.Demo(runtime, definitions, demo_settings, on_start=announce)):
        yield


def _demo_settings(settings: ServeSettings) -> DemoSettings:
    return replace(DemoSettings(), interval=settings.demo_interval)


def _after_startup(
    app: Starlette, block: Callable[[], contextlib.AbstractAsyncContextManager[None]]
) -> None:
    """Run ``block`` inside the app's lifespan: after the runtime started, before it stops."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with inner(app), block():
            yield

    app.router.lifespan_context = lifespan


@contextlib.contextmanager
def _graceful_signals() -> Iterator[None]:
    """Uvicorn stops gracefully on SIGINT/SIGTERM, then raises the signal again for the handler
    it found; that handler does nothing, so a graceful stop ends the process with 0."""

    def ignore(signum: int, frame: FrameType | None) -> None:
        pass

    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, ignore) for signum in handled}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _python_level(level: str) -> int:
    return logging.DEBUG if level == "trace" else logging.getLevelNamesMapping()[level.upper()]
