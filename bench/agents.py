"""Remote agents: job pickup latency, task completions per second, CPU, and log streaming.

Run as ``python bench/agents.py [--pickup 100] [--releases 200] [--agents 1,4]
[--log-lines 20000] [--log-rates 0,1000] [--database URL]`` (``--help`` for the rest).
It prints the machine and its figures and never passes or fails.

One ``releasegraph serve --agents 0 --tokens FILE`` (``python -m releasegraph.cli serve``,
so its pid is the server's) runs on a free loopback port, on a SQLite file in a temp dir by
default (``--database`` for another, migrated first with ``releasegraph migrate``), with an
ADMIN token for the benchmark and an AGENT token for the agents. Every agent is a real
``python -m releasegraph.cli agent --capacity 1`` process named ``agent-K``; they are
started as they are needed and all stay up to the end (a name is never reused by another
process). Every release has one environment of one AGENT phase of one script task.

1. Pickup latency, with one agent, idle and holding its claim: ``--pickup`` releases, one
   after another (each created with ``start: true`` ``--gap`` seconds after the previous one
   finished), of the script ``date +%s.%N``. "Ready" is the run's ``startedOn``: the server's
   time when it created the run and offered it to the slot (before its commit). "The agent
   has it" is the first thing the job does: the script prints the wall-clock time when it
   starts, read from the run's log afterwards. Both are this machine's clock
   (``CLOCK_REALTIME``), so the figure is an upper bound of the claim itself: it also holds
   the commit, the wake of the held claim, its claiming transaction, the answer over HTTP,
   and the spawn of ``/bin/sh`` and ``date`` (a few ms).
2. Task completions per second with each count of ``--agents``: ``--releases`` drafts of the
   script ``true`` are created, then all started at once (``startRelease``, ``--concurrency``
   requests in flight); the figure is the releases divided by the wall time from the first
   start request until the database says all finished. Beside it: the span from the first
   run's ``startedOn`` to the last ``completedOn`` (server clock).
3. CPU milliseconds per completion over that same window, from ``/proc/<pid>/stat``
   (utime+stime): the server, the agent processes, and the scripts the agents ran (their
   reaped children, cutime+cstime).
4. Log streaming: one release whose script (after ``sleep 1``, time for the subscriber to
   subscribe) is a Python process printing ``--log-lines`` lines, each with ``time.time()``
   as it writes it (flushed per line; once for each of ``--log-rates`` lines per second, 0 =
   as fast as it can). A ``taskLog`` subscriber (graphql-transport-ws) of the task notes
   each line's arrival (``time.time()`` on receipt, before parsing). Lines per second =
   lines / (last arrival - first line written); delay = arrival - the line's own time,
   p50/p99/max. Beside them: when the run ended (the agent reports once every line is
   stored), the appendJobLog batches the server stored (distinct store times of the lines),
   and the CPU of the server, the agent and the script over the release.

The load average is printed at the start (machine table) and at the end: other processes
on the machine share its cores with the server, the agents and the scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from websockets.asyncio.client import connect

from machine import installed, machine, print_table
from releasegraph.auth import new_token
from scaleout_cluster import (
    Api,
    Cpu,
    Json,
    Replica,
    ReplicaOptions,
    process_cpu,
    start_replica,
    stop_replica,
    tail,
)
from scaleout_latency import PROTOCOL

_PACKAGES = ("starlette", "uvicorn", "strawberry-graphql", "sqlalchemy", "httpx", "websockets")
_EMIT = (
    "import sys, time\n"
    "n, rate = int(sys.argv[1]), float(sys.argv[2])\n"
    "start = time.monotonic()\n"
    "for i in range(n):\n"
    "    if rate:\n"
    "        ahead = start + i / rate - time.monotonic()\n"
    "        if ahead > 0:\n"
    "            time.sleep(ahead)\n"
    "    print(i, repr(time.time()), flush=True)\n"
)
_RUNS = """
query Runs($id: ID!) {
  release(id: $id) {
    executionStatus
    environments { latestAttempt { phases { tasks {
      id status runs { startedOn completedOn agent status } log(first: 10) { text }
    } } } }
  }
}"""
_TASK_LOG = """
subscription Log($taskId: ID!) { taskLog(taskId: $taskId) { line text } }"""


@dataclass(kw_only=True)
class Options:
    pickup: int
    gap: float
    releases: int
    agents: list[int]
    concurrency: int
    log_lines: int
    log_rates: list[float]
    database: str | None
    timeout: float


# -- the processes -------------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    # The developer's own RELEASEGRAPH_* settings must reach neither the server nor the agents.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RELEASEGRAPH_")}
    return {**clean, "PYTHONUNBUFFERED": "1"}


@dataclass(kw_only=True)
class Agent:
    name: str
    process: asyncio.subprocess.Process
    log: Path

    def cpu(self) -> Cpu:
        cpu = process_cpu(self.process.pid)
        if cpu is None:
            raise SystemExit(f"agent {self.name} is gone:\n{tail(self.log)}")
        return cpu


@dataclass(kw_only=True)
class Fleet:
    """The agents started so far, all of pool ``default``, capacity 1."""

    server: Replica
    admin: Api
    token: str
    directory: Path
    agents: list[Agent] = field(default_factory=list)

    async def grow(self, count: int) -> None:
        """Start agents until ``count`` run; return once the server has them all online."""
        while len(self.agents) < count:
            name = f"agent-{len(self.agents) + 1}"
            workdir = self.directory / name
            workdir.mkdir(exist_ok=True)
            log = self.directory / f"{name}.log"
            command = [
                sys.executable,
                *("-m", "releasegraph.cli", "agent", "--server", self.server.base_url),
                *("--token", self.token, "--pool", "default", "--name", name),
                *("--capacity", "1", "--workdir", str(workdir)),
            ]
            with log.open("wb") as output:
                process = await asyncio.create_subprocess_exec(
                    *command, stdout=output, stderr=output, env=_environment()
                )
            self.agents.append(Agent(name=name, process=process, log=log))
        await self._online({agent.name for agent in self.agents})

    async def _online(self, names: set[str], deadline: float = 60) -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            data = await self.admin.execute(
                '{ agents(pool: "default", status: ONLINE) { name } }', {}
            )
            if names <= {agent["name"] for agent in data["agents"]}:
                return
            for agent in self.agents:
                if agent.process.returncode is not None:
                    raise SystemExit(f"agent {agent.name} stopped:\n{tail(agent.log)}")
            await asyncio.sleep(0.1)
        raise SystemExit(f"agents {sorted(names)} not all online within {deadline} s")

    def cpu(self) -> Cpu:
        return sum((agent.cpu() for agent in self.agents), Cpu(0.0, 0.0))

    async def stop(self) -> None:
        for agent in self.agents:
            if agent.process.returncode is None:
                agent.process.send_signal(signal.SIGTERM)
        for agent in self.agents:
            try:
                await asyncio.wait_for(agent.process.wait(), 30)
            except TimeoutError:
                agent.process.kill()
                await agent.process.wait()

    def problems(self) -> list[str]:
        found = []
        for agent in self.agents:
            text = agent.log.read_text(errors="replace")
            found += [
                f"{agent.name}: {line}"
                for line in text.splitlines()
                if "ERROR" in line or "Traceback" in line or "WARNING" in line
            ]
        return found


def migrate(database_url: str) -> None:
    command = [sys.executable, "-m", "releasegraph.cli", "migrate", "--database", database_url]
    done = subprocess.run(command, capture_output=True, text=True, env=_environment())
    if done.returncode != 0:
        raise SystemExit(f"releasegraph migrate failed:\n{done.stdout}{done.stderr}")


@contextlib.asynccontextmanager
async def serving(options: ReplicaOptions) -> AsyncIterator[Replica]:
    server = await start_replica("serve", options)
    try:
        yield server
    finally:
        await stop_replica(server)


# -- releases --------------------------------------------------------------------------------------


def definition_source(name: str, script: str) -> str:
    task = {"name": "job", "kind": "script", "run": script}
    phase = {"name": "work", "runOn": "AGENT", "tasks": [task]}
    return json.dumps({"name": name, "environments": [{"name": "env", "phases": [phase]}]})


async def create_definition(api: Api, name: str, script: str) -> str:
    result = await api.mutate(
        "createReleaseDefinition",
        {"source": definition_source(name, script)},
        "... on CreateReleaseDefinitionPayload { definition { id } }",
    )
    definition_id: str = result["definition"]["id"]
    return definition_id


async def create_release(api: Api, definition_id: str, *, start: bool) -> str:
    result = await api.mutate(
        "createRelease",
        {"definitionId": definition_id, "start": start},
        "... on CreateReleasePayload { release { id } }",
    )
    release_id: str = result["release"]["id"]
    return release_id


def node_id(global_id: str) -> str:
    return base64.b64decode(global_id).decode().split(":", 1)[1]


def stamp(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


@dataclass
class Watcher:
    """Counts finished releases of a definition straight from the database (no API load)."""

    engine: sa.Engine

    def finished(self, definition_id: str) -> int:
        query = sa.text(
            "SELECT count(*) FROM release WHERE definition_id = :d"
            " AND execution_status IN ('SUCCEEDED', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELED')"
        )
        with self.engine.connect() as conn:
            return int(conn.execute(query, {"d": node_id(definition_id)}).scalar_one())

    def span(self, definition_id: str) -> tuple[float, int, dict[str, int]]:
        """Seconds from the first run's start to the last one's end; runs; runs by status."""
        query = sa.text(
            "SELECT r.status, count(*), min(r.started_on), max(r.completed_on)"
            " FROM task_run r JOIN release x ON x.id = r.release_id"
            " WHERE x.definition_id = :d GROUP BY r.status"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query, {"d": node_id(definition_id)}).all()
        starts = [_utc(row[2]) for row in rows if row[2] is not None]
        ends = [_utc(row[3]) for row in rows if row[3] is not None]
        seconds = max(ends) - min(starts) if starts and ends else float("nan")
        return seconds, sum(int(row[1]) for row in rows), {str(r[0]): int(r[1]) for r in rows}

    def batches(self, task_id: str) -> int:
        """Distinct store times of the task's log lines: one per appendJobLog batch stored."""
        query = sa.text("SELECT count(DISTINCT at) FROM task_log_line WHERE task_id = :t")
        with self.engine.connect() as conn:
            return int(conn.execute(query, {"t": node_id(task_id)}).scalar_one())

    async def until_finished(self, definition_id: str, count: int, deadline: float) -> None:
        end = time.monotonic() + deadline
        while await asyncio.to_thread(self.finished, definition_id) < count:
            if time.monotonic() > end:
                raise SystemExit(f"not all {count} releases finished within {deadline} s")
            await asyncio.sleep(0.02)


def _utc(value: object) -> float:
    """A stored time (naive UTC; SQLite hands back text) as seconds since the epoch."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


# -- figures ---------------------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-fraction * len(ordered) // 1))))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def distribution(values: Sequence[float]) -> str:
    if not values:
        return "none"
    return (
        f"p50 {ms(percentile(values, 0.5))}, p99 {ms(percentile(values, 0.99))},"
        f" max {ms(max(values))}, min {ms(min(values))} (n={len(values)})"
    )


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


# -- 1. pickup latency -----------------------------------------------------------------------------


async def measure_pickup(fleet: Fleet, watcher: Watcher, options: Options) -> dict[str, str]:
    await fleet.grow(1)
    definition = await create_definition(fleet.admin, "pickup", "date +%s.%N")
    latencies: list[float] = []
    problems: list[str] = []
    for number in range(1, options.pickup + 1):
        await asyncio.sleep(options.gap)  # the slot's next claim is held by now
        release = await create_release(fleet.admin, definition, start=True)
        await watcher.until_finished(definition, number, options.timeout)
        data = await fleet.admin.execute(_RUNS, {"id": release})
        tasks = [
            task
            for environment in data["release"]["environments"]
            for phase in environment["latestAttempt"]["phases"]
            for task in phase["tasks"]
        ]
        runs = tasks[0]["runs"]
        lines = tasks[0]["log"]
        if len(runs) != 1 or not lines or runs[0]["status"] != "SUCCEEDED":
            problems.append(f"release {number}: runs {runs}, log {lines}")
            continue
        latencies.append(float(lines[0]["text"]) - stamp(runs[0]["startedOn"]))
    return {
        "releases": f"{options.pickup}, one after another, {options.gap} s apart; 1 agent",
        "ready -> script started": distribution(latencies),
        "problems": "; ".join(problems[:3]) or "none",
        "load average after": load_average(),
    }


# -- 2 and 3. throughput and CPU ------------------------------------------------------------------


async def measure_throughput(
    fleet: Fleet, watcher: Watcher, agents: int, options: Options
) -> dict[str, str]:
    await fleet.grow(agents)
    definition = await create_definition(fleet.admin, f"burst-{agents}", "true")
    drafts = [
        await create_release(fleet.admin, definition, start=False) for _ in range(options.releases)
    ]
    limit = asyncio.Semaphore(options.concurrency)

    async def start(release: str) -> None:
        async with limit:
            await fleet.admin.mutate(
                "startRelease",
                {"releaseId": release},
                "... on StartReleasePayload { release { id } }",
            )

    await asyncio.sleep(1.0)  # every slot holds its claim
    server_before, agents_before = fleet.server.cpu(), fleet.cpu()
    started = time.monotonic()
    await asyncio.gather(*(start(release) for release in drafts))
    requested = time.monotonic() - started
    await watcher.until_finished(definition, options.releases, options.timeout)
    wall = time.monotonic() - started
    server_cpu, agents_cpu = fleet.server.cpu() - server_before, fleet.cpu() - agents_before
    span, runs, statuses = await asyncio.to_thread(watcher.span, definition)
    n = options.releases
    return {
        "agents": f"{agents} process(es) x capacity 1",
        "releases": f"{n} (one `true` task each), started together"
        f" ({options.concurrency} startRelease in flight; all requested in {requested:.2f} s)",
        "completions/s (wall)": f"{n / wall:.1f} ({wall:.2f} s from the first start request"
        " to all finished)",
        "completions/s (runs)": f"{runs / span:.1f} ({span:.2f} s from the first run's"
        " startedOn to the last completedOn)",
        "runs by status": ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())),
        "server CPU/completion": f"{server_cpu.own * 1000 / n:.1f} ms"
        f" (children {server_cpu.children * 1000 / n:.1f} ms)",
        "agents CPU/completion": f"{agents_cpu.own * 1000 / n:.1f} ms (all agent processes)",
        "scripts CPU/completion": f"{agents_cpu.children * 1000 / n:.1f} ms"
        " (sh -c true, reaped by the agents)",
        "load average after": load_average(),
    }


# -- 4. log streaming ------------------------------------------------------------------------------


async def task_of(api: Api, release: str, deadline: float = 30) -> str:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        data = await api.execute(_RUNS, {"id": release})
        for environment in data["release"]["environments"]:
            attempt = environment["latestAttempt"]
            for phase in attempt["phases"] if attempt else []:
                for task in phase["tasks"]:
                    task_id: str = task["id"]
                    return task_id
        await asyncio.sleep(0.05)
    raise SystemExit("the log release has no task")


async def follow(
    server: Replica, token: str, task_id: str, count: int, subscribed: asyncio.Future[float]
) -> list[tuple[float, str]]:
    """``(arrival, text)`` of the task's first ``count`` log lines."""
    received: list[tuple[float, str]] = []
    async with connect(
        server.ws_url, subprotocols=[PROTOCOL], compression=None, proxy=None, max_size=None
    ) as socket:
        init: Json = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        await socket.send(json.dumps(init))
        ack = json.loads(await socket.recv())
        if ack.get("type") != "connection_ack":
            raise SystemExit(f"no connection_ack: {ack}")
        payload = {"query": _TASK_LOG, "variables": {"taskId": task_id}}
        await socket.send(json.dumps({"id": "log", "type": "subscribe", "payload": payload}))
        subscribed.set_result(time.time())
        async for message in socket:
            arrived = time.time()
            body = json.loads(message)
            if body["type"] == "ping":
                await socket.send('{"type":"pong"}')
            elif body["type"] == "next":
                received.append((arrived, body["payload"]["data"]["taskLog"]["text"]))
                if len(received) >= count:
                    return received
            elif body["type"] in ("error", "complete"):
                raise SystemExit(f"the taskLog subscription ended: {body}")
    return received


async def measure_log(
    fleet: Fleet, watcher: Watcher, admin_token: str, rate: float, options: Options
) -> dict[str, str]:
    await fleet.grow(1)
    script = f"sleep 1; exec {sys.executable} -c '{_EMIT}' {options.log_lines} {rate}"
    definition = await create_definition(fleet.admin, f"log-{rate:g}", script)
    release = await create_release(fleet.admin, definition, start=True)
    server_before, agents_before = fleet.server.cpu(), fleet.cpu()
    task_id = await task_of(fleet.admin, release)
    subscribed: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    async with asyncio.timeout(options.timeout):
        received = await follow(fleet.server, admin_token, task_id, options.log_lines, subscribed)
    await watcher.until_finished(definition, 1, options.timeout)
    server_cpu, agents_cpu = fleet.server.cpu() - server_before, fleet.cpu() - agents_before
    data = await fleet.admin.execute(_RUNS, {"id": release})
    environment = data["release"]["environments"][0]
    run = environment["latestAttempt"]["phases"][0]["tasks"][0]["runs"][0]
    written = [(float(text.split()[1]), arrived) for arrived, text in received]
    numbers = [int(text.split()[0]) for _, text in received]
    in_order = numbers == list(range(options.log_lines))
    first_written = min(w for w, _ in written)
    last_written = max(w for w, _ in written)
    last_arrival = max(a for _, a in written)
    delays = [arrived - wrote for wrote, arrived in written]
    late = subscribed.result() - first_written
    batches = await asyncio.to_thread(watcher.batches, task_id)
    pace = "as fast as it can" if not rate else f"{rate:g} lines/s"
    return {
        "lines": f"{options.log_lines} ({pace}; written in {last_written - first_written:.2f} s)",
        "received": f"{len(received)}, in order and each once: {in_order}",
        "lines/s to the subscriber": f"{len(received) / (last_arrival - first_written):.0f}"
        f" ({last_arrival - first_written:.2f} s from the first line written to the last"
        " received)",
        "written -> received": distribution(delays),
        "all stored (run ended)": f"{stamp(run['completedOn']) - first_written:.2f} s after the"
        " first line was written (the agent reports once every line is stored)",
        "appendJobLog batches": f"{batches} ({options.log_lines / batches:.1f} lines each;"
        " distinct store times of its lines)",
        "CPU over the release": f"server {server_cpu.own:.2f} s, agents {agents_cpu.own:.2f} s,"
        f" script {agents_cpu.children:.2f} s",
        "subscribed": f"{late:+.2f} s after the first line was written"
        + (" (late: early delays include it)" if late > 0 else ""),
        "load average after": load_average(),
    }


# -- main ------------------------------------------------------------------------------------------


async def measure(options: Options, directory: Path) -> None:
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    database_url = options.database or f"sqlite:///{directory / 'releasegraph.db'}"
    admin_token, agent_token = new_token(), new_token()
    tokens = directory / "users.yaml"
    tokens.write_text(
        "users:\n"
        f"  - {{name: bench, token: {admin_token}, role: ADMIN}}\n"
        f"  - {{name: agents, token: {agent_token}, role: AGENT}}\n"
    )
    await asyncio.to_thread(migrate, database_url)
    replica_options = ReplicaOptions(
        database_url=database_url, tokens=tokens, agents=0, pool_size=10, directory=directory
    )
    engine = sa.create_engine(database_url)
    try:
        async with serving(replica_options) as server, Api(server, admin_token) as admin:
            fleet = Fleet(server=server, admin=admin, token=agent_token, directory=directory)
            watcher = Watcher(engine)
            try:
                if options.pickup:
                    print_table("1. pickup latency", await measure_pickup(fleet, watcher, options))
                for count in options.agents if options.releases else []:
                    figures = await measure_throughput(fleet, watcher, count, options)
                    print_table(f"2-3. completions and CPU, {count} agent(s)", figures)
                for rate in options.log_rates if options.log_lines else []:
                    figures = await measure_log(fleet, watcher, admin_token, rate, options)
                    pace = "unpaced" if not rate else f"{rate:g} lines/s"
                    print_table(f"4. log lines to a taskLog subscriber, {pace}", figures)
            finally:
                await fleet.stop()
            problems = [f"serve: {line}" for line in server.problems()] + fleet.problems()
            print_table(
                "logged problems",
                {
                    "lines": str(len(problems)),
                    **{f"#{i + 1}": p for i, p in enumerate(problems[:5])},
                },
            )
    finally:
        engine.dispose()
    print(f"== load average after the run: {load_average()}", flush=True)


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pickup", type=int, default=100, help="releases run one by one")
    parser.add_argument(
        "--gap", type=float, default=0.2, help="seconds between those releases (default: 0.2)"
    )
    parser.add_argument("--releases", type=int, default=200, help="releases started together")
    parser.add_argument(
        "--agents",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 4],
        help="agent processes for the throughput runs, comma-separated (default: 1,4)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=20, help="startRelease requests in flight"
    )
    parser.add_argument("--log-lines", type=int, default=20000, help="lines the log script prints")
    parser.add_argument(
        "--log-rates",
        type=lambda text: [float(n) for n in text.split(",")],
        default=[0.0, 1000.0],
        help="lines per second of each log run, comma-separated; 0 = as fast as it can"
        " (default: 0,1000)",
    )
    parser.add_argument("--database", help="database URL (default: SQLite file in a temp dir)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a step may take")
    return Options(**vars(parser.parse_args()))


def main() -> None:
    options = parse_options()
    print_table("machine", machine(packages=installed(_PACKAGES)))
    with tempfile.TemporaryDirectory(prefix="releasegraph-agents-") as tmp:
        try:
            asyncio.run(measure(options, Path(tmp)))
        except asyncio.CancelledError:
            raise SystemExit("stopped (SIGTERM); every process it started is stopped") from None


if __name__ == "__main__":
    main()
