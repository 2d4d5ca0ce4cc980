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

The parts live beside this file: ``fanout_release`` builds the release, ``fanout_servers``
runs both servers (each started as this file with ``--serve``), ``fanout_crowd`` drives
the client processes, ``fanout_events`` makes and times the events, ``fanout_report``
prints the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
from websockets.asyncio.client import connect

from fanout_client import PROTOCOL, Json, now
from fanout_crowd import Crowd, crowd
from fanout_events import Mutator, Replayer, Run, deliver
from fanout_release import RELEASE_UPDATED, Built, build, global_id
from fanout_report import load_average, machine, report_count, report_profile, report_summary
from fanout_servers import (
    Server,
    errors_logged,
    running,
    serve_bare,
    serve_graphql,
    wait_healthy,
)
from machine import print_table
from releasegraph.auth import new_token


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


# -- one run of each server --------------------------------------------------------------------


@dataclass(kw_only=True)
class Setup:
    built: Built
    database: Path
    directory: Path
    token: str
    mutator_deployed: bool = False
    """Whether the MANUAL environment is deployed now: the next event cancels it."""


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
                server,
                clients,
                mutator,
                run,
                events=options.warmup + options.events,
                pause=options.pause,
                within=options.event_timeout,
            )
            run.rss_after = server.rss()
            await measure_idle(server, run, options)
            if profile:
                os.kill(server.process.pid, signal.SIGUSR1)
                await deliver(
                    server,
                    clients,
                    mutator,
                    Run(rss_before=0),
                    events=options.profile,
                    pause=options.pause,
                    within=options.event_timeout,
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
            server,
            clients,
            replayer,
            run,
            events=options.warmup + options.events,
            pause=options.pause,
            within=options.event_timeout,
        )
        run.rss_after = server.rss()
        await measure_idle(server, run, options)
    run.errors = errors_logged(log)
    return run


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
        report_count(
            count,
            graphql,
            bare,
            clients=min(options.clients, count),
            events=options.events,
            warmup=options.warmup,
            compression=options.compression,
            idle=options.idle,
        )
        if profile:
            report_profile(
                directory / "graphql.prof", count, events=options.profile, top=options.top
            )
    report_summary(runs, options.warmup)
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
        assert options.database is not None
        serve_graphql(
            options.database,
            max_connections=options.max_connections,
            gc=options.gc,
            profile_out=options.profile_out,
        )
        return
    if options.serve == "bare":
        assert options.snapshot is not None
        asyncio.run(serve_bare(options.snapshot.read_text()))
        return
    if options.database is not None and options.database.exists():
        raise SystemExit(f"{options.database} exists; the benchmark needs a fresh database")
    print_table("machine", machine())
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
