"""The work of the scale-out benchmark: releases of many short script tasks, kept coming.

A release runs one environment of one agent phase of ``tasks`` script tasks ``true``: each
run is a ``/bin/sh -c true`` that the replica which started it spawns, and its end is a
``RunFinished`` decided and committed in a transaction of its own (with the start of the
next task). The feeder keeps ``in_flight`` releases unfinished, creating new ones (started at
once) through the replicas' API in turn; completions are counted from ``task_run`` rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg

from scaleout_cluster import BENCH_APPLICATION, Api, Database, Replica

DEFINITION_NAME = "scaleout"
_UNFINISHED = ("NOT_STARTED", "SCHEDULED", "RUNNING", "ON_HOLD")


def definition_source(tasks: int) -> str:
    return json.dumps(
        {
            "name": DEFINITION_NAME,
            "environments": [
                {
                    "name": "work",
                    "phases": [
                        {
                            "name": "scripts",
                            "runOn": "AGENT",
                            "tasks": [
                                {"name": f"t{i}", "kind": "script", "run": "true"}
                                for i in range(1, tasks + 1)
                            ],
                        }
                    ],
                }
            ],
        }
    )


async def create_definition(api: Api, tasks: int) -> str:
    result = await api.mutate(
        "createReleaseDefinition",
        {"source": definition_source(tasks)},
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


@dataclass
class Feeder:
    apis: Sequence[Api]
    definition_id: str
    in_flight: int
    database: Database
    created: int = 0

    async def run(self) -> None:
        """For ever: top the unfinished releases of the definition up to ``in_flight``."""
        async with await psycopg.AsyncConnection.connect(
            self.database.url, autocommit=True, application_name=BENCH_APPLICATION
        ) as conn:
            while True:
                row = await (
                    await conn.execute(
                        "SELECT count(*) FROM release r JOIN release_definition d"
                        " ON d.id = r.definition_id WHERE d.name = %s"
                        " AND r.execution_status = ANY(%s) AND r.status <> 'DRAFT'",
                        (DEFINITION_NAME, list(_UNFINISHED)),
                    )
                ).fetchone()
                missing = self.in_flight - (row[0] if row else 0)
                for _ in range(max(0, missing)):
                    api = self.apis[self.created % len(self.apis)]
                    self.created += 1
                    await create_release(api, self.definition_id, start=True)
                await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def feeding(feeder: Feeder) -> AsyncIterator[Feeder]:
    task = asyncio.create_task(feeder.run(), name="feeder")
    try:
        yield feeder
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@dataclass(frozen=True, kw_only=True)
class Count:
    """What the database says about a window."""

    succeeded: int
    other_outcomes: dict[str, int]
    by_replica: dict[str, int]
    events: int


_RUNS = """
SELECT status, lease_owner, count(*) FROM task_run
WHERE completed_on >= %s AND completed_on < %s GROUP BY status, lease_owner
"""


def utc_now() -> datetime:
    """As the replicas write their times: UTC without its offset."""
    return datetime.now(UTC).replace(tzinfo=None)


def event_head(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SELECT value FROM sequence_counter WHERE name = 'event'").fetchone()
    return int(row[0]) if row else 0


def count_window(
    conn: psycopg.Connection[Any],
    replicas: Sequence[Replica],
    start: datetime,
    end: datetime,
    events: int,
) -> Count:
    """Runs that ended in [start, end), by status, the succeeded ones by the replica that ran
    them (the pid in their lease owner, ``host:pid:token``)."""
    by_pid = {str(r.pid): r.name for r in replicas}
    succeeded, others, mine = 0, Counter[str](), Counter[str]()
    for status, owner, n in conn.execute(_RUNS, (start, end)):
        if status != "SUCCEEDED":
            others[status] += n
            continue
        succeeded += n
        pid = (owner or "::").rsplit(":", 2)[1]
        mine[by_pid.get(pid, "another process")] += n
    return Count(
        succeeded=succeeded, other_outcomes=dict(others), by_replica=dict(mine), events=events
    )
