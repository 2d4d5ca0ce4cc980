"""Scale-out on PostgreSQL: real ``releasegraph serve`` replicas on one database.

Run as ``python bench/scaleout.py [--replicas 1,2] [--rounds 2] [--duration 30]
[--warmup 10] [--tasks 20] [--agents 8]`` (``--help`` for the rest; about 3.5 minutes with
the defaults). It prints the machine, its figures as tables and, last, all of them as one
JSON line; it never passes or fails.

Each replica count is measured ``--rounds`` times, the counts interleaved (1, 2, 1, 2: on a
shared machine the others' load changes from minute to minute), each time on a database of
its own on the PostgreSQL server of ``--postgres`` (``releasegraph migrate``; dropped at the
end), with that many replicas on free loopback ports (``--agents`` local agents each, job
limit 0). It measures:

1. task completions per second: releases of ``--tasks`` script tasks ``true``, kept
   ``--in-flight`` at a time, created through the replicas' API in turn; every completion is
   a ``RunFinished`` committed in its own transaction. Counted from ``task_run`` rows that
   ended within the window (after ``--warmup`` seconds of load), by the replica that ran them;
   beside them, what PostgreSQL did per completion (``pg_stat_database``);
2. CPU milliseconds per completion of each process over the window (``/proc/<pid>/stat``):
   each replica, the ``sh -c true`` scripts it ran (its reaped children), PostgreSQL's
   backends of the benchmark's database, PostgreSQL's background processes (shared with
   anything else on the server), the benchmark's own processes, and how much of the machine
   the others using it took;
3. event latency from a commit on replica A to a subscriber on the last replica (with one
   replica: on A itself), p50/p99, first with nothing else running, then under the load
   (``scaleout_latency``: bounded from both sides, see there); and how long each replica
   takes to answer ``/healthz`` under the load, which is how long its event loop is busy;
4. where the replicas' transactions spend their time, from ``pg_stat_activity`` sampled every
   ``--sample-interval`` seconds in a process of its own (``scaleout_observer``): above all
   the share spent waiting for the event counter row.

The parts live beside this file: ``scaleout_cluster`` (database, replicas, HTTP),
``scaleout_load`` (the releases and their count), ``scaleout_latency``, ``scaleout_observer``
and ``scaleout_report`` (the tables).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from machine import installed, machine, print_table
from releasegraph.auth import new_token
from scaleout_cluster import (
    Api,
    Database,
    Replica,
    ReplicaOptions,
    ReplicaStartError,
    fresh_database,
    machine_busy,
    replicas,
)
from scaleout_latency import Subscriber, answer_times, probe, subscribed
from scaleout_load import (
    Feeder,
    count_window,
    create_definition,
    create_release,
    event_head,
    feeding,
    utc_now,
)
from scaleout_report import Options, Result, Window, report, server_version

_PACKAGES = ("starlette", "uvicorn", "strawberry-graphql", "sqlalchemy", "psycopg", "websockets")
_OBSERVER = Path(__file__).with_name("scaleout_observer.py")


@contextlib.asynccontextmanager
async def observing(database: Database, interval: float) -> AsyncIterator[Observer]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(_OBSERVER),
        database.url,
        str(interval),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        yield Observer(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


@dataclass
class Observer:
    process: asyncio.subprocess.Process

    async def command(self, line: str) -> dict[str, object]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(f"{line}\n".encode())
        await self.process.stdin.drain()
        answer = await self.process.stdout.readline()
        if not answer:
            raise SystemExit("the PostgreSQL observer ended")
        figures: dict[str, object] = json.loads(answer)
        return figures


@dataclass(kw_only=True)
class Cluster:
    """One replica count's run: its replicas, their APIs, the probe's release."""

    database: Database
    replicas: list[Replica]
    apis: list[Api]
    definition_id: str
    marker: str
    subscriber: Subscriber


async def measure_window(cluster: Cluster, observer: Observer, options: Options) -> Window:
    """Everything of one measured window under load, its ends read as close together as can be."""
    writer = cluster.apis[0]
    stop = asyncio.Event()
    with cluster.database.connect() as conn:
        await observer.command("start")
        before = {r.name: r.cpu() for r in cluster.replicas}
        busy_before, bench_before = machine_busy(), time.process_time()
        start_at, head_before, started = utc_now(), event_head(conn), time.monotonic()
        probing = asyncio.create_task(
            probe(
                writer,
                cluster.subscriber,
                cluster.marker,
                label="load",
                interval=options.probe_interval,
                stop=stop,
            )
        )
        pinging = {
            r.name: asyncio.create_task(answer_times(r, stop, options.probe_interval / 2))
            for r in cluster.replicas
        }
        await asyncio.sleep(options.duration)
        postgres = await observer.command("stop")
        seconds = time.monotonic() - started
        end_at, head_after = utc_now(), event_head(conn)
        after = {r.name: r.cpu() for r in cluster.replicas}
        busy_after, bench_after = machine_busy(), time.process_time()
        stop.set()
        probes = await probing
        healthz = {name: await task for name, task in pinging.items()}
        count = count_window(conn, cluster.replicas, start_at, end_at, head_after - head_before)
    return Window(
        seconds=seconds,
        count=count,
        replica_cpu={name: after[name] - before[name] for name in after},
        postgres=postgres,
        machine_busy=busy_after[0] - busy_before[0],
        bench_cpu=bench_after - bench_before,
        probes=probes,
        healthz=healthz,
    )


async def measure(count: int, turn: int, options: Options, directory: Path, token: str) -> Result:
    name = f"releasegraph_scaleout_{os.getpid()}_{turn}_{count}"
    print(
        f"-- {count} replica(s), round {turn}/{options.rounds}: database {name}, "
        f"{options.warmup:g} s warm-up, {options.duration:g} s measured",
        flush=True,
    )
    with fresh_database(options.postgres, name) as database:
        settings = ReplicaOptions(
            database_url=database.url,
            tokens=directory / "users.yaml",
            agents=options.agents,
            pool_size=options.pool_size,
            directory=directory,
            profile=None
            if options.profile is None
            else options.profile.with_suffix(f".{turn}-{count}.prof"),
        )
        async with replicas(count, settings) as started, contextlib.AsyncExitStack() as stack:
            apis = [await stack.enter_async_context(Api(r, token)) for r in started]
            definition_id = await create_definition(apis[0], options.tasks)
            marker = await create_release(apis[0], definition_id, start=False)
            with database.connect() as conn:
                head = event_head(conn)
            subscriber = await stack.enter_async_context(
                subscribed(started[-1], token, marker, head)
            )
            cluster = Cluster(
                database=database,
                replicas=started,
                apis=apis,
                definition_id=definition_id,
                marker=marker,
                subscriber=subscriber,
            )
            return await measure_loaded(cluster, options)


async def measure_loaded(cluster: Cluster, options: Options) -> Result:
    idle = await probe(
        cluster.apis[0],
        cluster.subscriber,
        cluster.marker,
        label="idle",
        count=options.idle_probes,
        interval=options.idle_interval,
    )
    feeder = Feeder(cluster.apis, cluster.definition_id, options.in_flight, cluster.database)
    async with observing(cluster.database, options.sample_interval) as observer, feeding(feeder):
        await asyncio.sleep(options.warmup)
        window = await measure_window(cluster, observer, options)
    return Result(
        label=f"{len(cluster.replicas)} replica(s)",
        replicas=[r.name for r in cluster.replicas],
        idle=idle,
        window=window,
        problems={r.name: r.problems() for r in cluster.replicas},
    )


async def run(options: Options, directory: Path) -> None:
    # SIGTERM cancels, so that every process this one started is stopped on the way out.
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    token = new_token()
    (directory / "users.yaml").write_text(
        f"users:\n  - {{name: bench, token: {token}, role: ADMIN}}\n"
    )
    results = [
        await measure(count, turn, options, directory, token)
        for turn in range(1, options.rounds + 1)
        for count in options.replicas
    ]
    report(options, results)


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add(
        "--replicas",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="replica counts to measure, comma-separated (default: 1,2)",
    )
    add("--duration", type=float, default=30, help="measured seconds per run (default 30)")
    add(
        "--rounds",
        type=int,
        default=2,
        help="times each count is measured, interleaved (1, 2, 1, 2, ...; default 2): "
        "on a shared machine others' load changes from one minute to the next",
    )
    add("--warmup", type=float, default=10, help="seconds of load before (default 10)")
    add("--tasks", type=int, default=20, help="script tasks per release (default 20)")
    add("--agents", type=int, default=8, help="local agents per replica (default 8)")
    add("--in-flight", type=int, help="unfinished releases kept (default: agents + 4)")
    add("--pool-size", type=int, default=10, help="each replica's connections (default 10)")
    add("--probe-interval", type=float, default=0.2, help="between probes under load (0.2 s)")
    add("--idle-probes", type=int, default=100, help="probes before the load (default 100)")
    add("--idle-interval", type=float, default=0.05, help="between those probes (0.05 s)")
    add(
        "--sample-interval",
        type=float,
        default=0.005,
        help="between two readings of pg_stat_activity (default 0.005 s)",
    )
    add(
        "--profile",
        type=Path,
        help="replica A of every run under cProfile (wall time: blocking waits count), its "
        "statistics written to PATH.<round>-<count>.prof (the figures are then not comparable)",
        metavar="PATH",
    )
    add(
        "--postgres",
        default=os.environ.get(
            "RELEASEGRAPH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
        ),
        help="a database of the server, to create and drop the benchmark's own "
        "(default: $RELEASEGRAPH_TEST_POSTGRES or postgresql://postgres@127.0.0.1:5432/test)",
    )
    parsed = vars(parser.parse_args())
    parsed["in_flight"] = parsed["in_flight"] or parsed["agents"] + 4
    return Options(**parsed)


def main() -> None:
    options = parse_options()
    print_table(
        "machine",
        machine(postgresql=server_version(options.postgres), packages=installed(_PACKAGES)),
    )
    with tempfile.TemporaryDirectory(prefix="releasegraph-scaleout-") as tmp:
        try:
            asyncio.run(run(options, Path(tmp)))
        except asyncio.CancelledError:
            raise SystemExit("stopped (SIGTERM); every process it started is stopped") from None
        except ReplicaStartError as failed:
            raise SystemExit(str(failed)) from None


if __name__ == "__main__":
    main()
