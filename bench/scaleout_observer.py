"""The PostgreSQL side of ``bench/scaleout.py``, in a process of its own: what the replicas'
backends wait on, and the CPU of every PostgreSQL process.

``scaleout.py`` starts it as ``python bench/scaleout_observer.py URL INTERVAL``; it is not
run by hand. Commands come as lines on stdin, answers go as JSON lines on stdout:

- ``start``: a window begins; it answers ``{"started": true}``;
- ``stop``: the window ends; it answers with the window's figures (``Observer.figures``).

Within a window it reads ``pg_stat_activity`` every INTERVAL seconds (one statement, its own
backend left out) and files every backend of the replicas that is inside a transaction under
what it is doing: waiting for a lock (on the event counter row: the ``UPDATE
sequence_counter`` of ``runtime/store.py`` append_events; or on something else), committing,
running another statement, or idle in its transaction while the replica works between two
statements. Samples at a steady pace estimate the share of transaction time each takes.
Every half second it also reads ``/proc/<pid>/stat`` of every PostgreSQL process it sees,
so a window's CPU is summed per kind: backends of the benchmark's database (the replicas'
connections, autovacuum), the server's background processes (shared with every other
database), backends of other databases (whoever else uses this server), and its own.

It runs apart from the coordinator so that its sampling, which is frequent, neither delays
the coordinator's clock readings nor shares its interpreter lock.
"""

from __future__ import annotations

import json
import re
import select
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import psycopg

from scaleout_cluster import BENCH_APPLICATION, process_cpu

OBSERVER_APPLICATION = f"{BENCH_APPLICATION}-observer"
COUNTER_WAIT = "waiting for a lock: the event counter row (UPDATE sequence_counter)"
_CPU_EVERY = 0.5
_ACTIVITY = """
SELECT state, wait_event_type, wait_event, left(query, 200)
FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
  AND backend_type = 'client backend' AND application_name NOT LIKE %s
  AND xact_start IS NOT NULL
"""
_PROCESSES = "SELECT pid, datname, backend_type, application_name FROM pg_stat_activity"
_DATABASE = """
SELECT xact_commit + xact_rollback, tup_inserted, tup_updated, tup_fetched
FROM pg_stat_database WHERE datname = current_database()
"""
_DATABASE_FIGURES = ("transactions", "rows inserted", "rows updated", "rows fetched")
_TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE)\s+\"?(\w+)", re.IGNORECASE)


def statement(query: str) -> str:
    """A statement's verb and table: ``UPDATE agent``, ``SELECT release FOR UPDATE``."""
    words = query.split(None, 1)
    verb = words[0].upper() if words else "?"
    table = _TABLE.search(query)
    lock = " FOR UPDATE" if "FOR UPDATE" in query.upper() else ""
    return f"{verb} {table.group(1)}{lock}" if table else verb


def category(state: str, wait_type: str | None, wait_event: str | None, query: str) -> str:
    """What a backend inside a transaction is doing."""
    upper = query.lstrip().upper()
    if wait_type == "Lock":
        if upper.startswith("UPDATE SEQUENCE_COUNTER"):
            return COUNTER_WAIT
        return f"waiting for a lock: {wait_event} in {statement(query)}"
    if state.startswith("idle in transaction"):
        return "idle in transaction (the replica works between two statements)"
    if upper.startswith("COMMIT"):
        return "COMMIT (WAL flush; the NOTIFY queue)"
    if wait_type in ("LWLock", "IO", "IPC"):
        return f"waiting: {wait_type} {wait_event} in {statement(query)}"
    return "running a statement"


@dataclass
class Observer:
    connection: psycopg.Connection[Any]
    interval: float
    database: str = ""
    own_pid: int = 0
    rounds: int = 0
    in_transaction: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    counter_rounds: int = 0
    """Rounds in which at least one backend waited for the counter row."""
    first: dict[int, float] = field(default_factory=dict)
    last: dict[int, float] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    started: float = 0.0
    cpu_started: float = 0.0
    database_started: tuple[int, ...] = ()
    statements: int = 0
    """The observer's own, each a transaction of its own (autocommit)."""

    def start(self) -> None:
        self.rounds = self.in_transaction = self.counter_rounds = self.statements = 0
        self.categories.clear()
        self.first.clear()
        self.last.clear()
        self.kinds.clear()
        self.started, self.cpu_started = time.monotonic(), time.process_time()
        self.database_started = self.database_counts()
        self.read_cpu()

    def database_counts(self) -> tuple[int, ...]:
        """pg_stat_database's counters of this database (every process's, the observer's
        too), as of the last statistics report of each backend: a second or so behind."""
        self.connection.execute("SELECT pg_stat_clear_snapshot()")
        row = self.connection.execute(_DATABASE).fetchone()
        self.statements += 2
        return tuple(int(n) for n in row) if row else (0, 0, 0, 0)

    def sample(self) -> None:
        rows = self.connection.execute(_ACTIVITY, (f"{BENCH_APPLICATION}%",)).fetchall()
        self.statements += 1
        self.rounds += 1
        self.in_transaction += len(rows)
        kinds = [category(*row) for row in rows]
        self.categories.update(kinds)
        self.counter_rounds += COUNTER_WAIT in kinds

    def read_cpu(self) -> None:
        self.statements += 1
        for pid, datname, backend_type, application in self.connection.execute(_PROCESSES):
            cpu = process_cpu(pid)
            if cpu is None:
                continue
            self.first.setdefault(pid, cpu.own)
            self.last[pid] = cpu.own
            self.kinds[pid] = self.kind(pid, datname, backend_type, application or "")

    def kind(self, pid: int, datname: str | None, backend_type: str, application: str) -> str:
        if pid == self.own_pid:
            return "observer's own backend"
        if application.startswith(BENCH_APPLICATION):
            return "benchmark's backends"
        if datname == self.database:
            return "backends of the benchmark's database"
        if datname is None:
            return f"background: {backend_type}"
        return "backends of other databases"

    def database_figures(self) -> dict[str, int]:
        """What the database did in the window; transactions without the observer's own."""
        counts = self.database_counts()
        figures = {
            name: after - before
            for name, before, after in zip(
                _DATABASE_FIGURES, self.database_started, counts, strict=True
            )
        }
        figures["transactions"] -= self.statements
        return figures

    def figures(self) -> dict[str, object]:
        self.read_cpu()
        cpu: dict[str, float] = {}
        for pid, last in self.last.items():
            kind = self.kinds[pid]
            cpu[kind] = cpu.get(kind, 0.0) + last - self.first[pid]
        return {
            "seconds": time.monotonic() - self.started,
            "rounds": self.rounds,
            "in_transaction": self.in_transaction,
            "categories": dict(self.categories.most_common()),
            "counter_rounds": self.counter_rounds,
            "cpu": cpu,
            "observer_cpu": time.process_time() - self.cpu_started,
            "database": self.database_figures(),
        }


def main() -> None:
    url, interval = sys.argv[1], float(sys.argv[2])
    with psycopg.connect(url, autocommit=True, application_name=OBSERVER_APPLICATION) as conn:
        database, pid = conn.execute("SELECT current_database(), pg_backend_pid()").fetchone() or (
            "",
            0,
        )
        observer = Observer(conn, interval, database=database, own_pid=pid)
        observe(observer)


def observe(observer: Observer) -> None:
    watching = False
    next_sample = next_cpu = time.monotonic()
    while True:
        timeout = max(0.0, min(next_sample, next_cpu) - time.monotonic()) if watching else None
        ready, _, _ = select.select([sys.stdin], [], [], timeout)
        if ready:
            command = sys.stdin.readline().strip()
            if command == "start":
                observer.start()
                watching = True
                next_sample = next_cpu = time.monotonic()
                answer({"started": True})
            elif command == "stop":
                watching = False
                answer(observer.figures())
            else:
                return  # end of input: the coordinator is done
            continue
        now = time.monotonic()
        if now >= next_sample:
            observer.sample()
            next_sample = max(next_sample + observer.interval, now)
        if now >= next_cpu:
            observer.read_cpu()
            next_cpu = now + _CPU_EVERY


def answer(message: dict[str, object]) -> None:
    print(json.dumps(message), flush=True)


if __name__ == "__main__":
    main()
