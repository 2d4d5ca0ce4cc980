"""Delivery of one change to N subscribers of one release, beside a bare websocket broadcast.

Run as ``python bench/fanout.py [--subscribers 1000,5000,10000] [--clients 4] [--events 10]
[--compression deflate|none] [--gc serve|python] [--profile 3]`` (``--help`` for the rest).
It prints the machine and its figures and never passes or fails.

For each N, one uvicorn process serves ``create_app`` on a temporary SQLite file, its
collector tuned as ``releasegraph serve`` tunes it, and ``--clients`` client processes
(``bench/fanout_client.py``) hold N websockets between them, connected in batches, each
subscribed to ``releaseUpdated(id)`` of the same release with the same document and token,
so that all share one execution. Once every socket has the initial snapshot, an event is a
``deployEnvironment`` or ``cancelDeployment`` mutation over HTTP (alternately, on a MANUAL
environment waiting for approval); for each subscriber the figure is the time from just
before the mutation until it received a payload of the release's new version, and the
figure of an event is the time until every subscriber had it. Memory per subscriber is the
server's VmRSS after subscribing less before, over N.

The limit is then measured the same way: a bare ``websockets`` server (a process of its own)
that answers the protocol's handshake with the same snapshot and, on a trigger over a control
socket, ``broadcast()``s the very bytes the GraphQL server sent for the same event.

Clocks: every process reads ``time.clock_gettime(CLOCK_MONOTONIC)``, on Linux one clock for
the whole machine, so a client's arrival time and the coordinator's start time compare
directly; unlike ``time.time()`` it never steps. A client reads it as a message arrives,
before parsing it. The client processes share the machine's cores with the server, so the
CPU of each side, and of the rest of the machine (other processes, the kernel), is printed
for every run: when the cores are busy, delivery waits for them.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import cProfile
import json
import math
import os
import platform
import pstats
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import FrameType

import httpx
from sqlmodel import col, select
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import ServerConnection, broadcast, serve

from fanout_client import PROTOCOL, Json, now, raise_open_files_limit, version_in
from releasegraph import models
from releasegraph.auth import DEMO_USERS, TokenStore, new_token
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings

_TOKEN_VARIABLE = "RELEASEGRAPH_BENCH_TOKEN"
_ADA = next(user for user in DEMO_USERS if user.name == "ada")
_CLIENT = Path(__file__).with_name("fanout_client.py")
_PACKAGES = ("strawberry-graphql", "graphql-core", "starlette", "uvicorn", "websockets", "httpx")
_BACKLOG = 16384  # the kernel caps it at net.core.somaxconn

DEFINITION = json.dumps(
    {
        "name": "fanout",
        "environments": [
            {
                "name": "staging",
                "preDeployApprovals": {"approvers": ["ada"]},
                "phases": [{"name": "deploy", "tasks": [{"name": "deploy", "kind": "simulate"}]}],
            },
            {
                "name": "production",
                "trigger": "MANUAL",
                "preDeployApprovals": {"approvers": ["ada"]},
                "phases": [{"name": "deploy", "tasks": [{"name": "deploy", "kind": "simulate"}]}],
            },
        ],
    }
)
"""Both environments wait for an approval nobody gives: no task ever runs."""

RELEASE_UPDATED = """
subscription ReleaseUpdated($id: ID!) {
  releaseUpdated(id: $id) {
    id name number status executionStatus version modifiedBy modifiedOn inputRequiredCount
    progress { done total percent }
    environments {
      id name status
      latestAttempt {
        id attempt status operationStatus requestedBy queuedOn
        preDeployApprovals { id approver status canApprove }
        phases { id name status tasks { id name status } }
      }
    }
  }
}"""
"""What a release page shows; every subscriber sends exactly this."""

DEPLOY = """
mutation Deploy($id: ID!) {
  deployEnvironment(input: {environmentId: $id}) {
    __typename ... on DeployEnvironmentPayload { release { version } }
  }
}"""
CANCEL = """
mutation Cancel($id: ID!) {
  cancelDeployment(input: {environmentId: $id}) {
    __typename ... on CancelDeploymentPayload { release { version } }
  }
}"""


@dataclass(kw_only=True)
class Options:
    subscribers: list[int]
    clients: int
    events: int
    warmup: int
    pause: float
    idle: float
    batch: int
    compression: str
    connect_timeout: float
    event_timeout: float
    profile: int
    top: int
    serve: str | None
    database: Path | None
    snapshot: Path | None
    max_connections: int
    profile_out: Path | None
    gc: str


def global_id(type_name: str, node_id: str) -> str:
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


# -- the release -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Built:
    release_id: str
    environment_id: str
    """Of the MANUAL environment that the events deploy and cancel."""


async def build(database: Path) -> Built:
    runtime = Runtime(Settings(database_url=f"sqlite:///{database}"))
    await runtime.start()
    try:
        definition = runtime.create_definition(DEFINITION, actor="bench")
        release_id = runtime.create_release(definition.id, actor="bench", start=True)
        await asyncio.wait_for(runtime.idle(), 30)
        with runtime.read_session() as session:
            environment_id = session.exec(
                select(models.ReleaseEnvironment.id).where(
                    col(models.ReleaseEnvironment.release_id) == release_id,
                    col(models.ReleaseEnvironment.name) == "production",
                )
            ).one()
        return Built(release_id=release_id, environment_id=environment_id)
    finally:
        await runtime.stop()


# -- the servers (child processes) ------------------------------------------------------------


def serve_graphql(options: Options) -> None:
    """uvicorn with the app, as ``releasegraph serve`` runs it; cProfile between SIGUSR1 and
    SIGUSR2 if ``--profile-out``."""
    import uvicorn

    from releasegraph import app as app_module
    from releasegraph.subscriptions.protocol import WebSocketProtocol

    assert options.database is not None
    tokens = TokenStore({os.environ[_TOKEN_VARIABLE]: _ADA})
    runtime = Runtime(Settings(database_url=f"sqlite:///{options.database}"))
    settings = app_module.AppSettings(max_connections_per_user=options.max_connections)
    app = app_module.create_app(runtime, tokens, settings)
    if options.gc == "serve":
        _after_startup(app, app_module.tune_garbage_collector)
    if options.profile_out is not None:
        _profile_on_signals(options.profile_out)
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


async def serve_bare(options: Options) -> None:
    """The limit: the protocol's handshake, the snapshot, and ``broadcast`` on a trigger."""
    assert options.snapshot is not None
    snapshot = options.snapshot.read_text()
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


# -- the servers, seen from the coordinator ----------------------------------------------------


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
            __file__,
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


# -- the client processes -----------------------------------------------------------------------


@dataclass(kw_only=True)
class Heard:
    arrivals: list[float | None]
    text: str | None
    problems: list[str]
    cpu: float


@dataclass
class Crowd:
    """The client processes, each holding its share of the sockets."""

    processes: list[asyncio.subprocess.Process]

    async def _tell(self, messages: Sequence[Json]) -> None:
        for process, message in zip(self.processes, messages, strict=True):
            assert process.stdin is not None
            process.stdin.write(json.dumps(message).encode() + b"\n")
            await process.stdin.drain()

    async def _hear(self, within: float) -> list[Json]:
        async def one(process: asyncio.subprocess.Process) -> Json:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), within)
            if not line:
                raise SystemExit(f"client process {process.pid} ended")
            answer: Json = json.loads(line)
            if "failed" in answer:
                raise SystemExit(f"client process {process.pid}: {answer['failed']}")
            return answer

        return list(await asyncio.gather(*(one(p) for p in self.processes)))

    async def ready(self, orders: Sequence[Json], within: float) -> tuple[float, str]:
        """Seconds until every socket had the snapshot, and the snapshot."""
        await self._tell(orders)
        answers = await self._hear(within + 10)
        seconds = max(float(str(a["ready"])) for a in answers)
        return seconds, str(answers[0]["text"])

    async def cpu_seconds(self) -> float:
        await self._tell([{"cpu": True}] * len(self.processes))
        return sum(float(str(a["cpu"])) for a in await self._hear(10))

    async def collect(self, version: int, within: float) -> Heard:
        await self._tell([{"collect": version, "within": within}] * len(self.processes))
        answers = await self._hear(within + 10)
        text = answers[0]["text"]
        return Heard(
            arrivals=[
                at if isinstance(at, float) else None
                for answer in answers
                for at in _items(answer["arrivals"])
            ],
            text=text if isinstance(text, str) else None,
            problems=sorted({str(p) for a in answers for p in _items(a["problems"])}),
            cpu=sum(float(str(a["cpu"])) for a in answers),
        )


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


@contextlib.asynccontextmanager
async def crowd(processes: int) -> AsyncIterator[Crowd]:
    started: list[asyncio.subprocess.Process] = []
    try:
        for _ in range(processes):
            started.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    str(_CLIENT),
                    stdin=asyncio.subprocess.PIPE,
                    stdout=asyncio.subprocess.PIPE,
                    limit=2**24,  # an answer lists an arrival per socket
                )
            )
        yield Crowd(started)
    finally:
        for process in started:
            with contextlib.suppress(ConnectionError, RuntimeError):
                assert process.stdin is not None
                process.stdin.write(b'{"close": true}\n')
                process.stdin.close()
        await asyncio.gather(*(reap(p, 60) for p in started))


def orders(url: str, token: str, count: int, variables: Json, options: Options) -> list[Json]:
    share, extra = divmod(count, options.clients)
    return [
        {
            "url": url,
            "token": token,
            "query": RELEASE_UPDATED,
            "variables": variables,
            "count": share + (i < extra),
            "batch": options.batch,
            "compression": None if options.compression == "none" else options.compression,
            "timeout": options.connect_timeout,
        }
        for i in range(min(options.clients, count))
    ]


# -- events ---------------------------------------------------------------------------------------

Trigger = Callable[[], Awaitable[int]]
"""Makes the release change; returns its new version."""


@dataclass
class Mutator:
    """deployEnvironment, then cancelDeployment, then deployEnvironment ... as ada, over HTTP."""

    http: httpx.AsyncClient
    environment_id: str
    deployed: bool = False

    async def __call__(self) -> int:
        query, name = (
            (CANCEL, "cancelDeployment") if self.deployed else (DEPLOY, "deployEnvironment")
        )
        variables = {"id": global_id("ReleaseEnvironment", self.environment_id)}
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        payload = (response.json().get("data") or {}).get(name)
        if not isinstance(payload, dict) or "release" not in payload:
            raise SystemExit(f"{name} refused: {response.text}")
        self.deployed = not self.deployed
        return int(payload["release"]["version"])


@dataclass
class Replayer:
    """Has the bare server broadcast, one after the other, the texts the GraphQL server sent."""

    control: ClientConnection
    texts: list[str]
    sent: int = 0

    async def __call__(self) -> int:
        text = self.texts[self.sent]
        self.sent += 1
        await self.control.send(text)
        await self.control.recv()  # broadcast() has returned
        version = version_in(text)
        assert version is not None
        return version


@dataclass(kw_only=True)
class Delivery:
    """One event: seconds from just before the trigger until each subscriber had it."""

    latencies: list[float | None]
    answered: float
    """Until the mutation's answer (GraphQL) or the end of ``broadcast()`` (bare)."""
    server_cpu: float
    client_cpu: float
    others_cpu: float
    """The rest of the machine meanwhile: other processes, this one, the kernel's own work
    (/proc/stat counts 10 ms ticks: a few ms either way)."""
    wall: float
    """From just before the trigger until the clients had answered."""

    @property
    def delivered(self) -> list[float]:
        return [seconds for seconds in self.latencies if seconds is not None]

    @property
    def everyone(self) -> float:
        """Until every subscriber had it; infinite if one never did."""
        delivered = self.delivered
        return max(delivered) if len(delivered) == len(self.latencies) else math.inf


@dataclass(kw_only=True)
class Run:
    rss_before: int
    connect: float = 0.0
    rss_subscribed: int = 0
    rss_after: int = 0
    snapshot: str = ""
    deliveries: list[Delivery] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    """What the first subscriber received for each event, warm-up ones included."""
    problems: set[str] = field(default_factory=set)
    """What the clients saw go wrong."""
    errors: str = "none"
    """What the server logged as errors, its shutdown included."""
    idle_cpu: float = math.nan
    """Share of a core the server used with every socket open and nothing to deliver."""


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent on anything but idling (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(n) for n in stat.readline().split()[1:9]]
    user, nice, system, _, _, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


async def deliver(
    server: Server, crowd: Crowd, trigger: Trigger, run: Run, options: Options, *, events: int
) -> None:
    """``events`` events, each once the last one was delivered (or timed out)."""
    for _ in range(events):
        await asyncio.sleep(options.pause)
        client_cpu = await crowd.cpu_seconds()
        server_cpu, machine_cpu = server.cpu_seconds(), busy_seconds()
        started = now()
        version = await trigger()
        answered = now() - started
        heard = await crowd.collect(version, options.event_timeout)
        wall = now() - started
        run.texts.append(heard.text or "")
        run.problems.update(heard.problems)
        server_cpu = server.cpu_seconds() - server_cpu
        client_cpu = heard.cpu - client_cpu
        run.deliveries.append(
            Delivery(
                latencies=[None if at is None else at - started for at in heard.arrivals],
                answered=answered,
                server_cpu=server_cpu,
                client_cpu=client_cpu,
                others_cpu=busy_seconds() - machine_cpu - server_cpu - client_cpu,
                wall=wall,
            )
        )


# -- one run of each server --------------------------------------------------------------------


@dataclass(kw_only=True)
class Setup:
    built: Built
    database: Path
    directory: Path
    token: str
    mutator_deployed: bool = False
    """Whether the MANUAL environment is deployed now: the next event cancels it."""


async def subscribe_all(
    server: Server, crowd: Crowd, setup: Setup, count: int, options: Options
) -> Run:
    url = f"ws://127.0.0.1:{server.port}/graphql"
    variables: Json = {"id": global_id("Release", setup.built.release_id)}
    run = Run(rss_before=server.rss())
    seconds, run.snapshot = await crowd.ready(
        orders(url, setup.token, count, variables, options), options.connect_timeout
    )
    run.connect = seconds
    run.rss_subscribed = server.rss()
    return run


async def measure_idle(server: Server, run: Run, options: Options) -> None:
    """What the open sockets cost with nothing to deliver: pings, pongs, timers. Over 20 s,
    the longest ping interval (uvicorn's, websockets'), every socket is pinged."""
    cpu, started = server.cpu_seconds(), now()
    await asyncio.sleep(options.idle)
    run.idle_cpu = (server.cpu_seconds() - cpu) / (now() - started)


async def measure_graphql(count: int, setup: Setup, options: Options, *, profile: bool) -> Run:
    arguments = ["--serve", "graphql", "--database", str(setup.database)]
    arguments += ["--max-connections", str(count + 10), "--gc", options.gc]
    profile_out = setup.directory / "graphql.prof"
    if profile:
        arguments += ["--profile-out", str(profile_out)]
    log = setup.directory / f"graphql-{count}.log"
    async with running(arguments, setup.token, log) as server:
        base_url = f"http://127.0.0.1:{server.port}"
        await wait_healthy(base_url)
        headers = {"Authorization": f"Bearer {setup.token}"}
        async with (
            httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60) as http,
            crowd(min(options.clients, count)) as clients,
        ):
            await http.post("/graphql", json={"query": "{ viewer { name } }"})  # warm
            run = await subscribe_all(server, clients, setup, count, options)
            mutator = Mutator(http, setup.built.environment_id, setup.mutator_deployed)
            await deliver(
                server, clients, mutator, run, options, events=options.warmup + options.events
            )
            run.rss_after = server.rss()
            await measure_idle(server, run, options)
            if profile:
                os.kill(server.process.pid, signal.SIGUSR1)
                await deliver(
                    server, clients, mutator, Run(rss_before=0), options, events=options.profile
                )
                os.kill(server.process.pid, signal.SIGUSR2)
                await appeared(profile_out)
            setup.mutator_deployed = mutator.deployed
    run.errors = errors_logged(log)
    return run


async def appeared(path: Path, deadline: float = 60) -> None:
    end = now() + deadline
    while not await asyncio.to_thread(path.exists):
        if now() > end:
            raise SystemExit(f"the server wrote no {path.name}")
        await asyncio.sleep(0.1)


async def measure_bare(count: int, graphql: Run, setup: Setup, options: Options) -> Run:
    if "" in graphql.texts:
        raise SystemExit("the first GraphQL subscriber missed an event: nothing to replay")
    snapshot = setup.directory / "snapshot.json"
    snapshot.write_text(graphql.snapshot)
    log = setup.directory / f"bare-{count}.log"
    async with (
        running(["--serve", "bare", "--snapshot", str(snapshot)], setup.token, log) as server,
        connect(
            f"ws://127.0.0.1:{server.port}/control", subprotocols=[PROTOCOL], compression=None
        ) as control,
        crowd(min(options.clients, count)) as clients,
    ):
        run = await subscribe_all(server, clients, setup, count, options)
        replayer = Replayer(control, graphql.texts)
        await deliver(
            server, clients, replayer, run, options, events=options.warmup + options.events
        )
        run.rss_after = server.rss()
        await measure_idle(server, run, options)
    run.errors = errors_logged(log)
    return run


# -- report ----------------------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least ``fraction`` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else math.nan


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def ms(seconds: float) -> str:
    return "never" if math.isinf(seconds) else f"{seconds * 1000:,.1f} ms"


def mb(size: float) -> str:
    return f"{size / 2**20:,.1f} MB"


def spread(values: Sequence[float]) -> str:
    return (
        f"p50 {ms(percentile(values, 0.5))}  p99 {ms(percentile(values, 0.99))}  "
        f"max {ms(max(values, default=math.nan))}"
    )


def figures(run: Run, count: int, options: Options) -> dict[str, str]:
    timed = run.deliveries[options.warmup :]
    latencies = [seconds for d in timed for seconds in d.delivered]
    missed = sum(len(d.latencies) - len(d.delivered) for d in timed)
    server_cpu = mean([d.server_cpu for d in timed])
    return {
        "connected and subscribed": f"{run.connect:.2f} s",
        "server RSS before, subscribed": f"{mb(run.rss_before)} -> {mb(run.rss_subscribed)}",
        "server RSS after the events": mb(run.rss_after),
        "memory per subscriber": f"{(run.rss_subscribed - run.rss_before) / count / 1024:,.1f} kB",
        "until every subscriber has it": spread([d.everyone for d in timed]),
        "each subscriber (all events)": spread(latencies),
        "first subscriber": spread([min(d.delivered, default=math.inf) for d in timed]),
        "trigger answered": spread([d.answered for d in timed]),
        "server CPU while idle": f"{run.idle_cpu:.1%} of a core (pings; over {options.idle:g} s)",
        "server CPU per event": (
            f"{server_cpu * 1000:,.1f} ms ({server_cpu / count * 1e6:,.1f} us per subscriber)"
        ),
        "client CPU per event": (
            f"{mean([d.client_cpu for d in timed]) * 1000:,.1f} ms "
            f"(all {min(options.clients, count)} client processes)"
        ),
        "rest of the machine per event": (
            f"{mean([d.others_cpu for d in timed]) * 1000:,.1f} ms CPU in "
            f"{mean([d.wall for d in timed]) * 1000:,.0f} ms"
        ),
        "missed": f"{missed:,} of {len(timed) * count:,}",
        "problems seen by clients": "; ".join(sorted(run.problems)) or "none",
        "errors the server logged": run.errors,
    }


def report_count(count: int, graphql: Run, bare: Run, options: Options) -> None:
    sizes = sorted({len(text.encode()) for text in graphql.texts})
    print(
        f"== {count:,} subscribers: {min(options.clients, count)} client processes, "
        f"{options.events} events after {options.warmup} warm-up, compression "
        f"{options.compression}, messages of {sizes[0]:,}-{sizes[-1]:,} bytes",
        flush=True,
    )
    left, right = figures(graphql, count, options), figures(bare, count, options)
    width = max(len(key) for key in left)
    column = max(len(value) for value in left.values())
    print(f"  {'':<{width}}  {'GraphQL app':<{column}}  bare broadcast")
    for key, value in left.items():
        print(f"  {key:<{width}}  {value:<{column}}  {right[key]}", flush=True)
    ratio = ratios(graphql, bare, options)
    print(f"  {'GraphQL / bare':<{width}}  {ratio} (aim: within 3x)", flush=True)


def ratios(graphql: Run, bare: Run, options: Options) -> str:
    def everyone(run: Run, fraction: float) -> float:
        return percentile([d.everyone for d in run.deliveries[options.warmup :]], fraction)

    def server_cpu(run: Run) -> float:
        return mean([d.server_cpu for d in run.deliveries[options.warmup :]])

    return (
        f"until every subscriber has it: p50 x{everyone(graphql, 0.5) / everyone(bare, 0.5):.2f}"
        f", p99 x{everyone(graphql, 0.99) / everyone(bare, 0.99):.2f}; "
        f"server CPU x{server_cpu(graphql) / server_cpu(bare):.2f}"
    )


def report_summary(runs: dict[int, tuple[Run, Run]], options: Options) -> None:
    print(
        "== summary (aims: 10,000 subscribers in under 2 GB, p99 until every subscriber has "
        "it under 250 ms, within 3x of the bare broadcast)"
    )
    print(
        f"  {'subscribers':>11}  {'server RSS':>11}  {'per sub.':>9}  "
        f"{'p99 to all':>11}  {'bare p99':>11}  ratio"
    )
    for count, (graphql, _) in runs.items():
        p99 = [
            percentile([d.everyone for d in r.deliveries[options.warmup :]], 0.99)
            for r in runs[count]
        ]
        per = (graphql.rss_subscribed - graphql.rss_before) / count / 1024
        print(
            f"  {count:>11,}  {mb(graphql.rss_subscribed):>11}  {per:>6.1f} kB  "
            f"{ms(p99[0]):>11}  {ms(p99[1]):>11}  x{p99[0] / p99[1]:.2f}",
            flush=True,
        )


_Function = tuple[str, int, str]
_Entry = tuple[int, int, float, float, object]


def report_profile(path: Path, count: int, options: Options) -> None:
    """Where the GraphQL server's time went during the profiled events, per event."""
    entries: dict[_Function, _Entry] = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    busy = {f: e for f, e in entries.items() if not (f[0] == "~" and "poll" in f[2])}
    per_event = 1000 / options.profile
    packages: defaultdict[str, float] = defaultdict(float)
    for function, entry in busy.items():
        packages[_package(function)] += entry[2]
    total = sum(packages.values())
    print(
        f"== GraphQL server under cProfile, {options.profile} events to {count:,} subscribers "
        f"(slower than unprofiled): {total * per_event:,.0f} ms CPU/event, own CPU time by package"
    )
    for name, seconds in sorted(packages.items(), key=lambda p: -p[1])[: options.top]:
        print(f"  {name:<40}  {seconds / total:6.1%}  {seconds * per_event:8.1f} ms/event")
    print("== hottest functions: own ms/event, cumulative ms/event, calls/event")
    for function, entry in sorted(busy.items(), key=lambda item: -item[1][2])[: options.top]:
        name = f"{_package(function)} {Path(function[0]).name}:{function[1]} {function[2]}"
        print(
            f"  {name[:90]:<90}  {entry[2] * per_event:8.1f}  {entry[3] * per_event:8.1f}  "
            f"{entry[1] / options.profile:9,.0f}",
            flush=True,
        )


def _package(function: _Function) -> str:
    filename, _, name = function
    if filename == "~":
        return next((m for m in ("json", "zlib", "socket", "select") if m in name), "builtins")
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if "releasegraph" in parts:
        return "releasegraph"
    library = next((i for i, part in enumerate(parts) if part.startswith("python3")), None)
    return filename if library is None else parts[library + 1].removesuffix(".py")


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
            cpu,
        )
    somaxconn = Path("/proc/sys/net/core/somaxconn").read_text().strip()
    raise_open_files_limit()
    return {
        "cpu": cpu,
        "cores": f"{os.cpu_count()} (usable: {len(os.sched_getaffinity(0))})",
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GB",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": ", ".join(f"{p} {metadata.version(p)}" for p in _PACKAGES),
        "server": "uvicorn, asyncio loop, releasegraph's WebSocketProtocol (websockets-sansio)",
        "open files": f"{os.sysconf('SC_OPEN_MAX')} per process; somaxconn {somaxconn}",
        "releasegraph": source_version(),
        "platform": platform.platform(),
        "load average": load_average(),
    }


def source_version() -> str:
    """The commit of the code measured, "-dirty" when files differ from it."""
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return described.stdout.strip()


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def _print_table(title: str, rows: dict[str, str]) -> None:
    print(f"== {title}", flush=True)
    width = max((len(key) for key in rows), default=0)
    for key, value in rows.items():
        print(f"  {key:<{width}}  {value}", flush=True)


# -- main ------------------------------------------------------------------------------------------


async def measure(options: Options, database: Path, directory: Path) -> None:
    # SIGTERM cancels, so that every process this one started is stopped on the way out.
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    setup = Setup(
        built=await build(database), database=database, directory=directory, token=new_token()
    )
    runs: dict[int, tuple[Run, Run]] = {}
    largest = max(options.subscribers)
    for count in options.subscribers:
        profile = bool(options.profile) and count == largest
        graphql = await measure_graphql(count, setup, options, profile=profile)
        bare = await measure_bare(count, graphql, setup, options)
        runs[count] = graphql, bare
        report_count(count, graphql, bare, options)
        if profile:
            report_profile(directory / "graphql.prof", count, options)
    report_summary(runs, options)
    print(f"== load average after the run: {load_average()}", flush=True)


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--subscribers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1000, 5000, 10000],
        help="subscriber counts, comma-separated (default: 1000,5000,10000)",
    )
    parser.add_argument("--clients", type=int, default=4, help="client processes (default: 4)")
    parser.add_argument("--events", type=int, default=10, help="timed events per run")
    parser.add_argument("--warmup", type=int, default=1, help="untimed events first")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between events")
    parser.add_argument(
        "--idle",
        type=float,
        default=20.0,
        help="seconds of idle server CPU after the events (default 20: a ping to every socket)",
    )
    parser.add_argument("--batch", type=int, default=100, help="connects at once per client")
    parser.add_argument(
        "--compression",
        choices=["deflate", "none"],
        default="deflate",
        help="what the clients offer (browsers offer permessage-deflate; default: deflate)",
    )
    parser.add_argument("--connect-timeout", type=float, default=300, help="seconds")
    parser.add_argument("--event-timeout", type=float, default=30, help="seconds")
    parser.add_argument(
        "--profile", type=int, default=0, help="then N more events under cProfile (largest N)"
    )
    parser.add_argument(
        "--gc",
        choices=["serve", "python"],
        default="serve",
        help="the GraphQL server's collector: tuned as `releasegraph serve` tunes it "
        "(default), or Python's own settings",
    )
    parser.add_argument("--top", type=int, default=25, help="rows of the profile shown")
    parser.add_argument("--database", type=Path, help="SQLite file (default: in a temp dir)")
    parser.add_argument("--serve", choices=["graphql", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--snapshot", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--max-connections", type=int, default=50, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    return Options(**vars(parser.parse_args()))


def main() -> None:
    options = parse_options()
    if options.serve == "graphql":
        serve_graphql(options)
        return
    if options.serve == "bare":
        asyncio.run(serve_bare(options))
        return
    if options.database is not None and options.database.exists():
        raise SystemExit(f"{options.database} exists; the benchmark needs a fresh database")
    _print_table("machine", machine())
    parent = None if options.database is None else options.database.parent
    with tempfile.TemporaryDirectory(prefix="releasegraph-fanout-", dir=parent) as tmp:
        directory = Path(tmp)
        database = options.database or directory / "releasegraph.db"
        try:
            asyncio.run(measure(options, database, directory))
        except asyncio.CancelledError:
            raise SystemExit("stopped (SIGTERM); every process it started is stopped") from None


if __name__ == "__main__":
    main()
