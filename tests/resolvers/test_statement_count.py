"""A release's whole tree, and a page of releases, cost the same SQL statements at any size.

Every level of a nested query is one SELECT for all its siblings, never one per row;
the statements are counted on both engines, and only those the request itself runs.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from releasegraph.loaders import Loaders
from releasegraph.models import TaskLogLine
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.api import Api
from tests.resolvers.given import (
    create_definition,
    create_release,
    deployed_twice,
    everything,
    simple,
)
from tests.support import settle

TREE_STATEMENTS = 13
"""``release(id)`` with every nested field, for 1 environment or 3: one BEGIN (the request
reads one snapshot), then 12 SELECTs (release, definition, environments, attempts,
progress, phases, tasks, runs, log, approvals, gates, interventions)."""
PAGE_STATEMENTS = 7
"""A page of 1 or of 50 releases with environments, latest attempts and progress: one BEGIN,
then 6 SELECTs (the page, its total count, definitions, environments, attempts, progress)."""

RELEASE_TREE = """
query($id: ID!) {
  release(id: $id) {
    id name status executionStatus inputRequiredCount
    progress { done total percent }
    definition { name environments { name dependsOn } }
    environments {
      id name status trigger dependsOn critical nextScheduledTime
      latestAttempt { id attempt status operationStatus }
      attempts {
        id attempt status operationStatus reason requestedBy lastModifiedBy
        queuedOn startedOn completedOn
        preDeployApprovals { ...ApprovalFields }
        postDeployApprovals { ...ApprovalFields }
        gates { id status samples lastResults { name passed } }
        phases {
          id name status agent
          tasks {
            id name status logLineCount
            runs { id number status agent exitCode }
            log { line stream text runNumber }
          }
          manualInterventions { id kind status canAct task { name } release { name } }
        }
      }
    }
  }
}
fragment ApprovalFields on Approval {
  id approver status approvedBy canApprove environmentName release { name }
}"""
PAGE = """
query($first: Int!) {
  releases(first: $first) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      node {
        id name status executionStatus inputRequiredCount
        progress { done total }
        definition { name }
        environments {
          name status trigger
          latestAttempt { attempt status operationStatus }
        }
      }
    }
  }
}"""

_counting: ContextVar[bool] = ContextVar("counting", default=False)


@contextlib.contextmanager
def statements(api: Api) -> Iterator[list[str]]:
    """The SQL statements run while the block runs, by this task and the tasks it starts.

    Each transaction's start counts as one "BEGIN": on SQLite our engine sends it, on
    PostgreSQL psycopg does, unseen by the cursor. The runtime's timer loop runs in a task of
    its own, which does not see the flag.
    """
    seen: list[str] = []

    def begin(connection: sa.Connection) -> None:
        if _counting.get():
            seen.append("BEGIN")

    def record(*args: Any) -> None:
        if _counting.get() and args[2] != "BEGIN":
            seen.append(args[2])

    listeners = {"begin": begin, "before_cursor_execute": record}
    # On PostgreSQL reads go through the write engine with options: its listeners hear them.
    shared = api.runtime.read_db.pool is api.runtime.db.pool
    engines = {api.runtime.db} if shared else {api.runtime.read_db, api.runtime.db}
    for engine, (event, listener) in itertools.product(engines, listeners.items()):
        sa.event.listen(engine, event, listener)
    token = _counting.set(True)
    try:
        yield seen
    finally:
        _counting.reset(token)
        for engine, (event, listener) in itertools.product(engines, listeners.items()):
            sa.event.remove(engine, event, listener)


async def tree_statements(api: Api, release_id: str) -> tuple[int, dict[str, Any]]:
    with statements(api) as seen:
        data = await api.data(RELEASE_TREE, {"id": release_id}, as_user="alice")
    return len(seen), data


def shape(tree: dict[str, Any]) -> list[dict[str, int]]:
    """How many rows each level of each attempt holds."""
    return [
        {
            "preDeployApprovals": len(attempt["preDeployApprovals"]),
            "postDeployApprovals": len(attempt["postDeployApprovals"]),
            "gates": len(attempt["gates"]),
            "phases": len(attempt["phases"]),
            "tasks": sum(len(p["tasks"]) for p in attempt["phases"]),
            "runs": sum(len(t["runs"]) for p in attempt["phases"] for t in p["tasks"]),
            "log": sum(len(t["log"]) for p in attempt["phases"] for t in p["tasks"]),
            "manualInterventions": sum(len(p["manualInterventions"]) for p in attempt["phases"]),
        }
        for env in tree["release"]["environments"]
        for attempt in env["attempts"]
    ]


async def test_a_whole_release_tree_costs_the_same_statements_at_any_size(
    api: Api, clock: ManualClock
) -> None:
    small = await deployed_twice(api, clock, everything("small", environments=1, phases=1, tasks=1))
    large = await deployed_twice(api, clock, everything("large", environments=3, phases=2, tasks=3))

    small_count, small_tree = await tree_statements(api, small)
    large_count, large_tree = await tree_statements(api, large)

    deployed = {"preDeployApprovals": 2, "postDeployApprovals": 1, "gates": 1}
    redeploying = {"preDeployApprovals": 2, "postDeployApprovals": 0, "gates": 0}
    nothing_ran = {"runs": 0, "log": 0, "manualInterventions": 0}
    assert shape(small_tree) == [
        {**deployed, "phases": 1, "tasks": 3, "runs": 4, "log": 2, "manualInterventions": 1},
        {**redeploying, "phases": 1, "tasks": 3, **nothing_ran},
    ]
    assert (
        shape(large_tree)
        == [
            {**deployed, "phases": 2, "tasks": 14, "runs": 20, "log": 12, "manualInterventions": 2},
            {**redeploying, "phases": 2, "tasks": 14, **nothing_ran},
        ]
        * 3
    )
    assert (small_count, large_count) == (TREE_STATEMENTS, TREE_STATEMENTS)


async def test_a_page_of_releases_costs_the_same_statements_for_1_or_50(api: Api) -> None:
    definition_id = await create_definition(api, simple("paged"))
    for _ in range(50):
        await create_release(api, definition_id, start=True)
    await settle(api.runtime)

    with statements(api) as one:
        small = await api.data(PAGE, {"first": 1})
    with statements(api) as fifty:
        large = await api.data(PAGE, {"first": 50})

    assert len(small["releases"]["edges"]) == 1
    assert len(large["releases"]["edges"]) == 50
    assert all(e["node"]["environments"][0]["latestAttempt"] for e in large["releases"]["edges"])
    assert (len(one), len(fifty)) == (PAGE_STATEMENTS, PAGE_STATEMENTS)


async def test_the_rows_a_request_read_are_freed_as_it_ends(api: Api, clock: ManualClock) -> None:
    """Not left in reference cycles for the collector: at this size it would pause the server."""
    source = everything("freed", environments=2, phases=1, tasks=2)
    release = await deployed_twice(api, clock, source)
    gc.collect()
    gc.disable()
    try:
        data = await api.data(RELEASE_TREE, {"id": release}, as_user="alice")
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if isinstance(o, sa.Row)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert len(shape(data)) == 4
    assert left == []


def test_no_column_of_a_loaded_model_is_hidden_by_an_attribute_of_a_row() -> None:
    """Loaders give plain rows in place of models: ``row.count`` would be a method."""
    loaders = Loaders(Runtime(Settings(database_url="sqlite://")))
    models: set[type[SQLModel]] = {*loaders._next, *loaders._by_id, TaskLogLine}  # log: by task
    hidden = {
        (model.__name__, column.key)
        for model in models
        for column in sa.inspect(model).columns
        if hasattr(sa.Row, column.key)
    }
    assert len(models) >= 12
    assert hidden == set()
