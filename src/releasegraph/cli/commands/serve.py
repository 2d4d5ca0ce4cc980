"""``releasegraph serve``: settings from flags and ``RELEASEGRAPH_*`` variables, the app, uvicorn.

Every flag also comes from the environment variable ``RELEASEGRAPH_<FLAG>``
(``--job-limit`` → ``RELEASEGRAPH_JOB_LIMIT``); a flag given on the command line wins.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from releasegraph.auth import Role, TokenStore, User, demo_store, new_token
from releasegraph.cli import demo, logs, serve_settings, shutdown
from releasegraph.cli.commands.migrate import require_current_schema
from releasegraph.cli.demo import DemoSettings, StartedRelease
from releasegraph.engine.errors import ValidationError
from releasegraph.runtime.service import Runtime

if TYPE_CHECKING:
    import uvicorn
    from starlette.applications import Starlette

    from releasegraph.app import AppSettings

from releasegraph.cli.serve_settings import ServeSettings
from releasegraph.cli.settings import SettingError

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
    """What a person needs to start: where the dashboard and GraphiQL are, who they can be, a
    request to paste."""
    url = graphql_url(settings)
    database = logs.redact(settings.database)  # a password in the URL stays out of the logs
    lines = [f"releasegraph serving {database} with {settings.agents} local agents"]
    lines += [f"Dashboard: {url.removesuffix('graphql')}", f"GraphiQL: {url}", ""]
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
        "Sign in to the dashboard with a token; GraphiQL then sends it too (or put it in"
        ' its Headers tab: {"Authorization": "Bearer TOKEN"}).',
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


def serve(args: argparse.Namespace) -> int:
    # The GraphQL layer loads inside ``run_server``, only for this command.
    return run_server(serve_settings.resolve(args, os.environ), sys.stdout)


# -- running --------------------------------------------------------------------------


def run_server(settings: ServeSettings, out: TextIO) -> int:
    """Run the server until SIGINT or SIGTERM: 0 once stopped, within the shutdown timeout.

    A server that cannot start (its port taken) exits with uvicorn's code 3.
    """
    # Imported here: the other commands start without loading the GraphQL layer.
    from releasegraph.app import create_app

    if settings.demo and not demo.installed():
        raise SettingError(f"no demo definitions in {demo.DEMO_DIR}: the demo runs from a clone")
    tokens, printable = token_store(settings)
    logging.getLogger("releasegraph").setLevel(_python_level(settings.log_level))
    require_current_schema(settings.database)  # refused here, not in uvicorn's lifespan
    runtime = Runtime(
        serve_settings.runtime_settings(
            settings, settings.database, agents=settings.agents, job_limit=settings.job_limit
        )
    )
    app = create_app(runtime, tokens, app_settings(settings))
    lines = banner(settings, tokens.users(), printable)
    _after_startup(app, lambda: _started(runtime, settings, lines, out))
    config = _uvicorn_config(app, settings)
    logs.redact_handlers()  # uvicorn's handlers exist once its Config does
    server = _server(config, settings.shutdown_timeout, on_exit=runtime.remote_agents.close)
    with _graceful_signals():
        server.run()
    return 0 if server.started else 3


def _uvicorn_config(app: Starlette, settings: ServeSettings) -> uvicorn.Config:
    import uvicorn

    from releasegraph.subscriptions.protocol import WebSocketProtocol

    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        lifespan="on",
        # Connections get half the shutdown timeout (whole seconds, at least one: uvicorn's
        # 0 gives them none), the runtime's stop the rest.
        timeout_graceful_shutdown=max(1, int(settings.shutdown_timeout / 2)),
        ws_max_size=settings.ws_max_size,
        # Measured with bench/fanout.py: compression costs ~50 kB a socket (10,000
        # dashboards: 2.2 GB instead of 1.7 GB) for payloads of a few kB.
        ws_per_message_deflate=False,
        ws=WebSocketProtocol,  # uvicorn's own, and shared payloads written at once
    )


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


def _server(
    config: uvicorn.Config, shutdown_timeout: float, *, on_exit: Callable[[], None]
) -> uvicorn.Server:
    """Uvicorn's server, whose first SIGINT or SIGTERM also starts the countdown to exit 0
    and calls ``on_exit`` (held requests end, so the server need not wait for them)."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            if not self.should_exit:
                shutdown.exit_within(shutdown_timeout, 0)
                on_exit()
            super().handle_exit(sig, frame)

    return Server(config)


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
