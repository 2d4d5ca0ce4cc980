"""Latency of the GraphQL API over HTTP: one release's whole tree, beside a hand-written endpoint.

Run as ``python bench/api.py [--environments 10] [--attempts 2] [--phases 3] [--tasks 10]
[--requests 100] [--clients 1,4] [--mutations 50] [--profile 20] [--gc-threshold 50000]``
(``--help`` for the rest). It prints the machine and its figures and never passes or fails.

The release is built in a temporary SQLite file by the runtime itself: ``simulate`` tasks of
zero length, each environment approved by ada, gated by a ``simulate`` check, then redeployed
until it has ``--attempts`` attempts; every run gets ``--log-lines`` lines of log. Two servers
(uvicorn, one process each, on free loopback ports) then answer the same question: the GraphQL
app of ``create_app``, and the limit, a Starlette endpoint that reads the same rows with plain
SQLAlchemy Core SELECTs and json-encodes the same document. Both answers are compared before
anything is timed. Mutations are timed one after the other, as a single user sends them.

The parts live beside this file: ``api_data`` builds the release, ``api_plain`` is the
hand-written endpoint, ``api_servers`` starts both servers, ``api_load`` sends the requests
and sums them up, ``api_mutations`` and ``api_profile`` time the rest.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path

from api_compare import compare
from api_data import Built, Shape, build
from api_graphql import RELEASE_TREE, global_id
from api_load import Target, describe, describe_latencies, hammer, percentile
from api_mutations import mutate
from api_profile import profile
from api_servers import Server, running
from machine import installed, machine, print_table
from releasegraph.auth import new_token

_PACKAGES = ("strawberry-graphql", "graphql-core", "starlette", "uvicorn", "httpx", "sqlalchemy")


@dataclass(kw_only=True)
class Options:
    environments: int
    attempts: int
    phases: int
    tasks: int
    log_lines: int
    requests: int
    warmup: int
    clients: list[int]
    mutations: int
    profile: int
    top: int
    database: Path | None
    gc_threshold: int

    @property
    def shape(self) -> Shape:
        return Shape(
            environments=self.environments,
            attempts=self.attempts,
            phases=self.phases,
            tasks=self.tasks,
            log_lines=self.log_lines,
        )


async def measure(options: Options, database: Path, directory: Path) -> None:
    print(f"building the release in {database} ...", flush=True)
    built = await build(options.shape, database)
    print_table("workload", workload(options, built))
    token = new_token()
    targets = {
        "GraphQL": Target(
            name="GraphQL",
            method="POST",
            path="/graphql",
            body={
                "query": RELEASE_TREE,
                "variables": {"id": global_id("Release", built.release_id)},
            },
        ),
        "plain": Target(name="plain", method="GET", path=f"/releases/{built.release_id}"),
    }
    async with (
        running("graphql", database, token, options.gc_threshold) as graphql,
        running("plain", database, token, options.gc_threshold) as plain,
    ):
        servers = {"GraphQL": graphql, "plain": plain}
        figures = await compare(servers, targets, token)
        figures |= await tree_figures(servers, targets, token, options)
        print_table(
            f"the whole tree of the release ({options.requests} requests after "
            f"{options.warmup} warm-up, per client count)",
            figures,
        )
        if options.mutations:
            timed = await mutate(graphql, token, built, options.mutations)
            print_table(
                "mutations over HTTP, one after the other",
                {name: describe_latencies(values) for name, values in timed.items()},
            )
    if options.profile:
        await profile(
            database,
            directory,
            token,
            targets["GraphQL"],
            requests=options.profile,
            top=options.top,
            gc_threshold=options.gc_threshold,
        )


def workload(options: Options, built: Built) -> dict[str, str]:
    return {
        "release": (
            f"{options.environments} environments x {options.attempts} attempts x "
            f"{options.phases} phases x {options.tasks} simulate tasks, "
            f"{options.log_lines} log lines per run"
        ),
        "rows": ", ".join(f"{name} {count}" for name, count in built.rows.items()),
        "built in": f"{built.seconds:.2f} s",
        "gc in the servers": (
            f"frozen after startup, generation-0 threshold {options.gc_threshold}"
            if options.gc_threshold
            else "Python's defaults"
        ),
    }


async def tree_figures(
    servers: dict[str, Server], targets: dict[str, Target], token: str, options: Options
) -> dict[str, str]:
    figures: dict[str, str] = {}
    for clients in options.clients:
        label = f"{clients} client{'s' if clients > 1 else ''}"
        samples = {
            name: await hammer(
                servers[name],
                target,
                token,
                clients=clients,
                requests=options.requests,
                warmup=options.warmup,
            )
            for name, target in targets.items()
        }
        figures |= {f"{name}, {label}": describe(sample) for name, sample in samples.items()}
        graphql, plain = samples["GraphQL"], samples["plain"]
        slower = percentile(graphql.latencies, 0.5) / percentile(plain.latencies, 0.5)
        figures[f"GraphQL vs plain, {label}"] = (
            f"p50 x{slower:.2f}, requests/s x{graphql.wall / plain.wall:.2f} fewer (aim: within x2)"
        )
    return figures


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--environments", type=int, default=10)
    parser.add_argument("--attempts", type=int, default=2, help="deployments of each environment")
    parser.add_argument("--phases", type=int, default=3, help="phases per environment")
    parser.add_argument("--tasks", type=int, default=10, help="simulate tasks per phase")
    parser.add_argument("--log-lines", type=int, default=5, help="log lines per run")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per case")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests first")
    parser.add_argument(
        "--clients",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 4],
        help="concurrent keep-alive clients, comma-separated (default: 1,4)",
    )
    parser.add_argument("--mutations", type=int, default=50, help="of each kind; 0 = none")
    parser.add_argument(
        "--profile", type=int, default=0, help="then profile N GraphQL requests (cProfile)"
    )
    parser.add_argument("--top", type=int, default=25, help="rows of the profile shown")
    parser.add_argument(
        "--gc-threshold",
        type=int,
        default=0,
        help="both servers: gc.freeze() after startup and this generation-0 threshold "
        "(default 0: Python's own settings)",
    )
    parser.add_argument("--database", type=Path, help="SQLite file (default: in a temp dir)")
    return Options(**vars(parser.parse_args()))


def main() -> None:
    options = parse_options()
    if options.database is not None and options.database.exists():
        raise SystemExit(f"{options.database} exists; the benchmark needs a fresh database")
    print_table("machine", machine(packages=installed(_PACKAGES)))
    parent = None if options.database is None else options.database.parent
    with tempfile.TemporaryDirectory(prefix="releasegraph-bench-", dir=parent) as tmp:
        directory = Path(tmp)
        database = options.database or directory / "releasegraph.db"
        asyncio.run(measure(options, database, directory))


if __name__ == "__main__":
    main()
