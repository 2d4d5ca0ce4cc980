"""The two servers of the fan-out benchmark, each in a process of its own, and their logs.

The GraphQL server is uvicorn with ``create_app``, as ``releasegraph serve`` runs it; the
bare one is a ``websockets`` server that answers the protocol's handshake with a snapshot
and ``broadcast()``s whatever its control socket sends. Both are started as
``python bench/fanout.py --serve graphql|bare ...`` with the token in
``RELEASEGRAPH_BENCH_TOKEN``; each prints its free loopback port first.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import os
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import httpx
from starlette.applications import Starlette
from websockets.asyncio.server import ServerConnection, broadcast, serve

from fanout_client import PROTOCOL, now, raise_open_files_limit
from releasegraph.auth import DEMO_USERS, TokenStore
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings

_TOKEN_VARIABLE = "RELEASEGRAPH_BENCH_TOKEN"
_ADA = next(user for user in DEMO_USERS if user.name == "ada")
_SCRIPT = Path(__file__).with_name("fanout.py")
"""What a server process runs: the benchmark itself, whose ``--serve`` calls this module."""
_BACKLOG = 16384  # the kernel caps it at net.core.somaxconn


# -- in the server processes -------------------------------------------------------------------


def serve_graphql(
    database: Path, *, max_connections: int, gc: str, profile_out: Path | None
) -> None:
    """uvicorn with the app, as ``releasegraph serve`` runs it; cProfile between SIGUSR1 and
    SIGUSR2 if ``profile_out``."""
    import uvicorn

    from releasegraph import app as app_module
    from releasegraph.subscriptions.protocol import WebSocketProtocol

    tokens = TokenStore({os.environ[_TOKEN_VARIABLE]: _ADA})
    runtime = Runtime(Settings(database_url=f"sqlite:///{database}"))
    settings = app_module.AppSettings(max_connections_per_user=max_connections)
    app = app_module.create_app(runtime, tokens, settings)
    if gc == "serve":
        _after_startup(app, app_module.tune_garbage_collector)
    if profile_out is not None:
        _profile_on_signals(profile_out)
    listener = _listen()
    config = uvicorn.Config(
        app,
        ws=WebSocketProtocol,
        log_level="warning",
        access_log=False,
        backlog=_BACKLOG,
        # The coordinator's one HTTP connection idles while an event is delivered: a close
        # by the server's keep-alive timer could race with its next mutation.
        timeout_keep_alive=3600,
    )
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises the SIGINT it stopped on
        uvicorn.Server(config).run(sockets=[listener])


def _after_startup(app: Starlette, step: Callable[[], None]) -> None:
    """``step`` once the app's lifespan has started (the runtime runs), as ``serve`` does."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with inner(app):
            step()
            yield

    app.router.lifespan_context = lifespan


def _profile_on_signals(out: Path) -> None:
    profiler = cProfile.Profile(time.process_time)  # CPU, not wall: other processes run too

    def start(signum: int, frame: FrameType | None) -> None:
        profiler.enable()

    def stop(signum: int, frame: FrameType | None) -> None:
        profiler.disable()
        profiler.dump_stats(out)

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)


def _listen() -> socket.socket:
    """A free loopback port, printed for the parent before anything is served."""
    raise_open_files_limit()
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on such sockets.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    listener.listen(_BACKLOG)  # before the port is told: a connect must never be refused
    print(listener.getsockname()[1], flush=True)
    return listener


async def serve_bare(snapshot: str) -> None:
    """The limit: the protocol's handshake, the snapshot, and ``broadcast`` on a trigger."""
    subscribers: set[ServerConnection] = set()

    async def handler(connection: ServerConnection) -> None:
        if connection.request is not None and connection.request.path == "/control":
            async for text in connection:
                broadcast(subscribers, text)
                await connection.send("sent")
            return
        await connection.recv()  # connection_init
        await connection.send('{"type":"connection_ack"}')
        await connection.recv()  # subscribe
        await connection.send(snapshot)
        subscribers.add(connection)
        try:
            async for _ in connection:  # pongs
                pass
        finally:
            subscribers.discard(connection)

    listener = _listen()
    # Compression: websockets' defaults are uvicorn's (12-bit windows, memLevel 5).
    async with serve(handler, sock=listener, backlog=_BACKLOG, subprotocols=[PROTOCOL]) as server:
        loop = asyncio.get_running_loop()
        stopped = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopped.set)
        await stopped.wait()
        server.close()


# -- seen from the coordinator -----------------------------------------------------------------


@dataclass(kw_only=True)
class Server:
    process: asyncio.subprocess.Process
    port: int

    def rss(self) -> int:
        """Resident bytes now (VmRSS of /proc/<pid>/status)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1]) * 1024

    def cpu_seconds(self) -> float:
        """Time on a CPU so far, to the nanosecond (/proc/<pid>/schedstat; /stat counts ticks)."""
        return int(Path(f"/proc/{self.process.pid}/schedstat").read_text().split()[0]) / 1e9


@contextlib.asynccontextmanager
async def running(arguments: list[str], token: str, log: Path) -> AsyncIterator[Server]:
    """A server in a process of its own, its stderr in ``log``; stopped with SIGINT."""
    with log.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(_SCRIPT),
            *arguments,
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
            env={**os.environ, _TOKEN_VARIABLE: token},
        )
    try:
        assert process.stdout is not None
        port = await asyncio.wait_for(process.stdout.readline(), 60)
        if not port:
            raise SystemExit(f"the server {arguments[:2]} did not start:\n{tail(log)}")
        yield Server(process=process, port=int(port))
    finally:
        await stop(process, signal.SIGINT)


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def errors_logged(log: Path) -> str:
    """How many errors the server logged, by the exception that ended each traceback."""
    blocks = ("\n" + log.read_text(errors="replace")).split("\nERROR:")[1:]
    endings = Counter(
        next((line for line in reversed(b.splitlines()) if line and not line[0].isspace()), "?")
        for b in blocks
    )
    return "; ".join(f"{n} x {ending[:100]}" for ending, n in endings.most_common(3)) or "none"


async def stop(process: asyncio.subprocess.Process, signum: int) -> None:
    if process.returncode is None:
        process.send_signal(signum)
    await reap(process, 30)


async def reap(process: asyncio.subprocess.Process, deadline: float) -> None:
    """Wait for the process to end, for at most ``deadline`` seconds; then SIGKILL it."""
    try:
        await asyncio.wait_for(process.wait(), deadline)
    except TimeoutError:
        process.kill()
        await process.wait()


async def wait_healthy(base_url: str) -> None:
    deadline = now() + 30
    async with httpx.AsyncClient(base_url=base_url) as client:
        while True:
            with contextlib.suppress(httpx.TransportError):
                if (await client.get("/healthz")).status_code == 200:
                    return
            if now() > deadline:
                raise SystemExit(f"no server answered at {base_url}")
            await asyncio.sleep(0.05)
