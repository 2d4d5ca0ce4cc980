"""Throughput of the runtime on SQLite: releases of ``simulate`` tasks driven to the end.

Run as ``python bench/engine.py [--releases 200] [--environments 3] [--tasks 10]``
(``--help`` for the rest). It prints the machine and its figures and never passes or
fails. For scale it also prints the limit SQLite itself sets on this disk: single-row
INSERT+COMMIT transactions per second with the runtime's pragmas.

Zero-length tasks (the default) let a whole release finish inside the transaction
that creates it; ``--task-seconds 1`` moves the manual clock instead, so that every
task run ends in a tick of its own, which is what real tasks cost.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import re
import resource
import sqlite3
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, func, select

from machine import machine, print_table
from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.engine.states import ReleaseExecutionStatus, RunStatus
from releasegraph.models import Agent, DeployPhase, Release, TaskRun
from releasegraph.runtime import timers
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings

_FINISHED = (
    ReleaseExecutionStatus.SUCCEEDED,
    ReleaseExecutionStatus.PARTIAL_SUCCESS,
    ReleaseExecutionStatus.FAILED,
    ReleaseExecutionStatus.CANCELED,
)
_TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE)\s+\"?(\w+)", re.IGNORECASE)


@dataclass(kw_only=True)
class Options:
    releases: int
    environments: int
    tasks: int
    agents: int
    task_seconds: float
    database: Path | None
    raw_seconds: float
    tracemalloc: bool
    breakdown: int


@dataclass(frozen=True)
class Span:
    """Wall and CPU seconds of this process."""

    wall: float
    cpu: float

    @classmethod
    def now(cls) -> Span:
        return cls(time.perf_counter(), time.process_time())

    def __add__(self, other: Span) -> Span:
        return Span(self.wall + other.wall, self.cpu + other.cpu)

    def __sub__(self, other: Span) -> Span:
        return Span(self.wall - other.wall, self.cpu - other.cpu)


@dataclass
class SqlCounter:
    """Statements and transactions the runtime sends; the benchmark's own checks are paused.

    Time spent paused is kept too, so that the checks can be left out of the wall time.
    """

    enabled: bool = True
    statements: Counter[str] = field(default_factory=Counter)
    commits: int = 0
    rollbacks: int = 0
    paused: Span = field(default_factory=lambda: Span(0.0, 0.0))

    def attach(self, engine: sa.Engine) -> None:
        sa.event.listen(engine, "before_cursor_execute", self._on_statement)
        sa.event.listen(engine, "commit", self._on_commit)
        sa.event.listen(engine, "rollback", self._on_rollback)

    @contextlib.contextmanager
    def pause(self) -> Iterator[None]:
        self.enabled = False
        started = Span.now()
        try:
            yield
        finally:
            self.enabled = True
            self.paused += Span.now() - started

    def _on_statement(self, *args: object) -> None:
        if self.enabled:
            self.statements[_statement_kind(str(args[2]))] += 1

    def _on_commit(self, *args: object) -> None:
        self.commits += self.enabled

    def _on_rollback(self, *args: object) -> None:
        self.rollbacks += self.enabled


@functools.lru_cache(maxsize=1024)
def _statement_kind(sql: str) -> str:
    # Cached: the runtime's statements are a few compiled strings, sent again and again.
    verb = sql.lstrip().split(None, 1)[0].upper()
    table = _TABLE.search(sql)
    return f"{verb} {table.group(1)}" if table else verb


@dataclass(kw_only=True)
class Figures:
    stall: str | None
    create: Span
    drive: Span
    rounds: int
    completions: int
    releases_finished: int
    releases_succeeded: int


def definition_source(options: Options) -> str:
    duration = options.task_seconds
    tasks = [
        {"name": f"task-{t}", "kind": "simulate", "durationSeconds": duration}
        for t in range(1, options.tasks + 1)
    ]
    environments = [
        {
            "name": f"env-{e}",
            "trigger": "AFTER_RELEASE",
            "phases": [{"name": "deploy", "runOn": "AGENT", "tasks": tasks}],
        }
        for e in range(1, options.environments + 1)
    ]
    return json.dumps({"name": "bench", "environments": environments})


@dataclass(kw_only=True)
class Bench:
    runtime: Runtime
    clock: ManualClock
    counter: SqlCounter
    options: Options

    async def run(self) -> Figures:
        source = definition_source(self.options)
        with self.counter.pause():
            definition = self.runtime.create_definition(
                CreateReleaseDefinition(actor="bench", source=source)
            )
        started = Span.now()
        for _ in range(self.options.releases):
            self.runtime.create_release(
                CreateRelease(actor="bench", definition_id=definition.id, start=True)
            )
        created = Span.now()
        checks = self.counter.paused
        rounds = await self.drive()
        driven = Span.now() - (self.counter.paused - checks)
        completions, finished, succeeded = self.outcome()
        return Figures(
            stall=self.stall(),
            create=created - started,
            drive=driven - created,
            rounds=rounds,
            completions=completions,
            releases_finished=finished,
            releases_succeeded=succeeded,
        )

    async def drive(self) -> int:
        """Let the runtime work until nothing is due any more; returns the clock moves."""
        rounds = 0
        while True:
            await self.runtime.idle()
            with self.counter.pause(), self.runtime.session() as session:
                next_due = timers.next_due(session)
            if next_due is None:
                return rounds
            self.clock.advance((next_due - self.clock.now()).total_seconds())
            rounds += 1

    def stall(self) -> str | None:
        """Why releases are unfinished though nothing is due, if they are."""
        with self.counter.pause(), self.runtime.session() as session:
            unfinished = _count(session, Release, col(Release.execution_status).not_in(_FINISHED))
            held = session.exec(
                select(func.count())
                .select_from(Agent)
                .join(DeployPhase, col(DeployPhase.id) == col(Agent.phase_id))
                .where(col(DeployPhase.completed_on).is_not(None))
            ).one()
        if not unfinished:
            return None
        stalled = f"STALLED: {unfinished} releases unfinished and nothing due"
        if held:
            stalled += f"; {held} agents still hold a phase that ended"
        return stalled

    def outcome(self) -> tuple[int, int, int]:
        """Task runs that succeeded, releases finished, releases that succeeded."""
        with self.counter.pause(), self.runtime.session() as session:
            return (
                _count(session, TaskRun, col(TaskRun.status) == RunStatus.SUCCEEDED),
                _count(session, Release, col(Release.execution_status).in_(_FINISHED)),
                _count(
                    session,
                    Release,
                    col(Release.execution_status) == ReleaseExecutionStatus.SUCCEEDED,
                ),
            )


def _count(session: Session, table: type[SQLModel], condition: sa.ColumnElement[bool]) -> int:
    return session.exec(select(func.count()).select_from(table).where(condition)).one()


async def measure(options: Options, database: Path) -> tuple[Figures, SqlCounter]:
    clock = ManualClock()
    settings = Settings(database_url=f"sqlite:///{database}", agents=options.agents)
    runtime = Runtime(settings, clock=clock)
    counter = SqlCounter()
    counter.attach(runtime.db)
    with counter.pause():
        await runtime.start()
    bench = Bench(runtime=runtime, clock=clock, counter=counter, options=options)
    try:
        return await bench.run(), counter
    finally:
        with counter.pause():
            await runtime.stop()


def raw_commits_per_second(directory: Path, seconds: float) -> float:
    """Single-row INSERT+COMMIT transactions per second, with the runtime's pragmas."""
    connection = sqlite3.connect(directory / "raw.db", isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=30000"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("CREATE TABLE row (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        done = 0
        started = time.perf_counter()
        deadline = started + seconds
        while time.perf_counter() < deadline:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO row (value) VALUES (?)", (f"row-{done}",))
            connection.execute("COMMIT")
            done += 1
        return done / (time.perf_counter() - started)
    finally:
        connection.close()


def report(
    facts: dict[str, str],
    options: Options,
    figures: Figures,
    counter: SqlCounter,
    limits: dict[str, str],
) -> None:
    done = max(figures.completions, 1)
    print_table("machine", facts)
    print_table("figures", {**_throughput(options, figures), **_sql(counter, figures), **limits})
    if figures.stall is not None:
        print(f"  {figures.stall}")
    top = counter.statements.most_common(options.breakdown)
    print_table("statements per completion (top)", {k: f"{n / done:.3f}" for k, n in top})


def _throughput(options: Options, figures: Figures) -> dict[str, str]:
    total = figures.create + figures.drive
    return {
        "workload": (
            f"{options.releases} releases x {options.environments} environments x "
            f"{options.tasks} simulate tasks of {options.task_seconds:g} s"
        ),
        "agents": str(options.agents),
        "releases finished": (
            f"{figures.releases_finished} ({figures.releases_succeeded} succeeded)"
        ),
        "task completions": str(figures.completions),
        "wall time": (
            f"{total.wall:.3f} s (create {figures.create.wall:.3f} s, "
            f"drive {figures.drive.wall:.3f} s, {figures.rounds} clock moves)"
        ),
        "CPU time": f"{total.cpu:.3f} s",
        "task completions/s": (
            f"{figures.completions / total.wall:,.0f} "
            f"(per CPU second: {figures.completions / total.cpu:,.0f})"
        ),
        "releases/s": f"{figures.releases_finished / total.wall:,.1f}",
    }


def _sql(counter: SqlCounter, figures: Figures) -> dict[str, str]:
    done = max(figures.completions, 1)
    wall = (figures.create + figures.drive).wall
    statements = sum(counter.statements.values())
    return {
        "SQL statements": f"{statements:,} ({statements / done:.2f} per completion)",
        "commits": f"{counter.commits:,} ({counter.commits / done:.3f} per completion)",
        "rollbacks": f"{counter.rollbacks:,} ({counter.rollbacks / done:.3f} per completion)",
        "transactions/s": f"{(counter.commits + counter.rollbacks) / wall:,.0f}",
    }


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=200)
    parser.add_argument("--environments", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=10, help="simulate tasks per environment")
    parser.add_argument("--agents", type=int, default=8, help="local agents (default: 8)")
    parser.add_argument(
        "--task-seconds",
        type=float,
        default=0.0,
        help="duration of each task; > 0 moves the manual clock, one task per tick",
    )
    parser.add_argument("--database", type=Path, help="SQLite file (default: in a temp dir)")
    parser.add_argument("--raw-seconds", type=float, default=2.0, help="raw sqlite3 pass")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace allocations (slower)"
    )
    parser.add_argument("--breakdown", type=int, default=12, help="statement kinds shown")
    return Options(**vars(parser.parse_args()))


def main() -> None:
    options = parse_options()
    if options.database is not None and options.database.exists():
        raise SystemExit(f"{options.database} exists; the benchmark needs a fresh database")
    facts = machine(sqlalchemy=sa.__version__)
    parent = None if options.database is None else options.database.parent
    with tempfile.TemporaryDirectory(prefix="releasegraph-bench-", dir=parent) as tmp:
        directory = Path(tmp)
        if options.tracemalloc:
            tracemalloc.start()
        database = options.database or directory / "releasegraph.db"
        figures, counter = asyncio.run(measure(options, database))
        limits = {
            "peak RSS": f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB",
            "tracemalloc peak": (
                f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f} MB"
                if options.tracemalloc
                else "not measured (--tracemalloc)"
            ),
        }
        tracemalloc.stop()
        raw = raw_commits_per_second(directory, options.raw_seconds)
    limits["raw sqlite3 INSERT+COMMIT/s"] = f"{raw:,.0f} (WAL, synchronous=NORMAL)"
    report(facts, options, figures, counter, limits)


if __name__ == "__main__":
    main()
