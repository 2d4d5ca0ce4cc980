"""The cluster of the scale-out benchmark: its own PostgreSQL database, migrated, and real
``releasegraph serve`` replicas on free loopback ports, each with its log; GraphQL over HTTP.

Every replica is ``python -m releasegraph.cli serve`` with this interpreter, so its process
id is the server itself: its CPU (``/proc/<pid>/stat``) is the replica's, and the scripts it
runs and reaps add to its children's CPU.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy.engine import make_url

Json = dict[str, Any]
_TICK = os.sysconf("SC_CLK_TCK")
BENCH_APPLICATION = "releasegraph-bench"
"""The ``application_name`` of the benchmark's own connections: left out of every figure."""


# -- the database --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    admin_url: str
    """A database of the server to connect to while the benchmark's own is made or dropped."""
    name: str

    @property
    def url(self) -> str:
        return (
            make_url(self.admin_url).set(database=self.name).render_as_string(hide_password=False)
        )

    def connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url, autocommit=True, application_name=BENCH_APPLICATION)


@contextlib.contextmanager
def fresh_database(admin_url: str, name: str) -> Iterator[Database]:
    """``name`` created empty and migrated with ``releasegraph migrate``; dropped at the end."""
    database = Database(admin_url, name)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        migrate = [sys.executable, "-m", "releasegraph.cli", "migrate", "--database", database.url]
        done = subprocess.run(migrate, capture_output=True, text=True, env=_environment())
        if done.returncode != 0:
            raise SystemExit(f"releasegraph migrate failed:\n{done.stdout}{done.stderr}")
        yield database
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment() -> dict[str, str]:
    # The developer's own RELEASEGRAPH_* settings must not reach the replicas.
    return {k: v for k, v in os.environ.items() if not k.startswith("RELEASEGRAPH_")}


# -- CPU of a process ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cpu:
    """CPU seconds of a process (all its threads), and of its children it has reaped."""

    own: float
    children: float

    def __sub__(self, other: Cpu) -> Cpu:
        return Cpu(self.own - other.own, self.children - other.children)

    def __add__(self, other: Cpu) -> Cpu:
        return Cpu(self.own + other.own, self.children + other.children)


def process_cpu(pid: int) -> Cpu | None:
    """From ``/proc/<pid>/stat`` (utime+stime, cutime+cstime); None once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    # fields[0] is the state, field 3 of stat(5): utime is field 14, cstime field 17.
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return Cpu((utime + stime) / _TICK, (cutime + cstime) / _TICK)


def machine_busy() -> tuple[float, float]:
    """Busy and total CPU seconds of the whole machine so far (``/proc/stat``, all cores)."""
    first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(value) for value in first[:8]]  # user nice system idle iowait irq softirq steal
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / _TICK, sum(ticks) / _TICK


# -- the replicas ----------------------------------------------------------------------------------


class ReplicaStartError(RuntimeError):
    """A replica did not start: an exception, not SystemExit, so that ``asyncio.gather`` hands it
    back and the replicas that did start are stopped."""


@dataclass(kw_only=True)
class Replica:
    name: str
    process: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    def cpu(self) -> Cpu:
        cpu = process_cpu(self.pid)
        if cpu is None:
            raise SystemExit(f"replica {self.name} is gone:\n{tail(self.log)}")
        return cpu

    def problems(self) -> list[str]:
        """The lines of its log that say ERROR or Traceback, as they are."""
        text = self.log.read_text(errors="replace")
        return [line for line in text.splitlines() if "ERROR" in line or "Traceback" in line]


@dataclass(frozen=True, kw_only=True)
class ReplicaOptions:
    database_url: str
    tokens: Path
    agents: int
    pool_size: int
    directory: Path
    profile: Path | None = None
    """Where replica A writes its cProfile statistics (wall time) when it stops, if given."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def start_replica(name: str, options: ReplicaOptions) -> Replica:
    port = free_port()
    profiled = options.profile is not None and name == "A"
    command = [
        sys.executable,
        *(("-m", "cProfile", "-o", str(options.profile)) if profiled else ()),
        *("-m", "releasegraph.cli", "serve"),
        *("--host", "127.0.0.1", "--port", str(port), "--database", options.database_url),
        *("--tokens", str(options.tokens), "--agents", str(options.agents), "--job-limit", "0"),
        *("--pool-size", str(options.pool_size), "--log-level", "warning"),
    ]
    log = options.directory / f"replica-{name}.log"
    workdir = options.directory / f"replica-{name}"
    workdir.mkdir(exist_ok=True)
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdout=output,
            stderr=output,
            cwd=workdir,
            env={**_environment(), "PYTHONUNBUFFERED": "1"},
        )
    replica = Replica(name=name, process=process, port=port, log=log)
    await _wait_ready(replica)
    return replica


async def _wait_ready(replica: Replica, deadline: float = 60) -> None:
    end = time.monotonic() + deadline
    async with httpx.AsyncClient(base_url=replica.base_url, timeout=2) as client:
        while time.monotonic() < end:
            if replica.process.returncode is not None:
                break
            with contextlib.suppress(httpx.TransportError):
                if (await client.get("/readyz")).status_code == 200:
                    return
            await asyncio.sleep(0.1)
    await stop_replica(replica)
    raise ReplicaStartError(f"replica {replica.name} did not become ready:\n{tail(replica.log)}")


async def stop_replica(replica: Replica) -> None:
    """SIGTERM (a graceful stop within its shutdown timeout), SIGKILL after 30 s."""
    if replica.process.returncode is None:
        replica.process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(replica.process.wait(), 30)
    except TimeoutError:
        replica.process.kill()
        await replica.process.wait()


@contextlib.asynccontextmanager
async def replicas(count: int, options: ReplicaOptions) -> AsyncIterator[list[Replica]]:
    """``count`` replicas named A, B, …, started at once and ready; stopped at the end."""
    names = [chr(ord("A") + i) for i in range(count)]
    started = await asyncio.gather(
        *(start_replica(name, options) for name in names), return_exceptions=True
    )
    ready = [r for r in started if isinstance(r, Replica)]
    try:
        failed = [r for r in started if not isinstance(r, Replica)]
        if failed:
            raise failed[0]
        yield ready
    finally:
        await asyncio.gather(*(stop_replica(r) for r in ready))


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


# -- GraphQL over HTTP -----------------------------------------------------------------------------


class Api:
    """One keep-alive HTTP client of one replica, as one user."""

    def __init__(self, replica: Replica, token: str) -> None:
        self.replica = replica
        self.client = httpx.AsyncClient(
            base_url=replica.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )

    async def __aenter__(self) -> Api:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    async def execute(self, document: str, variables: Json) -> Json:
        response = await self.client.post(
            "/graphql", json={"query": document, "variables": variables}
        )
        body: Json = response.json()
        if body.get("errors") or response.status_code != 200:
            raise RuntimeError(f"{self.replica.name}: {response.status_code} {body}")
        data: Json = body["data"]
        return data

    async def mutate(self, mutation: str, input: Json, select: str) -> Json:
        """``mutation(input)``; it must answer with its payload, not a typed error."""
        name = mutation[0].upper() + mutation[1:]
        document = (
            f"mutation M($input: {name}Input!) {{ result: {mutation}(input: $input) "
            f"{{ __typename ... on Error {{ code message }} {select} }} }}"
        )
        result: Json = (await self.execute(document, {"input": input}))["result"]
        if not result["__typename"].endswith("Payload"):
            raise RuntimeError(f"{mutation} on {self.replica.name} refused: {result}")
        return result
