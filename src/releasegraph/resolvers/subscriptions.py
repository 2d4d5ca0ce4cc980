"""Root subscription fields: streams that follow the event log, and live snapshots.

Streams (``releaseEvents``, ``taskLog``) send every item once, in order, from where
the client says. Snapshots (``releaseUpdated``, ``releasesUpdated``,
``inputRequired``) send the current state at once and after every change; when
changes come faster than a client reads, it gets the latest state (see
``subscriptions.fanout``).

Every item's nested fields read the state as it is when the item is sent: the request's
loaders are refreshed before each, and ``schema.CloseSnapshot`` ends the item's snapshot
once it is sent. A subscription that looked and found nothing to send ends its own before
it waits.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.events.changes import changed, follow, follow_log
from releasegraph.resolvers.approvals import ApprovalFilter, approvals
from releasegraph.resolvers.arguments import invalid_argument, node_id
from releasegraph.resolvers.manual_interventions import (
    ManualInterventionFilter,
    manual_interventions,
)
from releasegraph.resolvers.releases import ReleaseFilter, ReleaseOrder, releases
from releasegraph.schema.decisions import Approval, ManualIntervention
from releasegraph.schema.events import Event
from releasegraph.schema.execution import LogLine
from releasegraph.schema.releases import Release

MAX_LIST = 100


@strawberry.type(description="What the viewer may act on now.")
class InputRequired:
    approvals: list[Approval]
    manual_interventions: list[ManualIntervention]

    @strawberry.field
    def count(self) -> int:
        return len(self.approvals) + len(self.manual_interventions)


async def release_events(
    info: Info, release_id: relay.GlobalID | None = None, after: int = 0
) -> AsyncGenerator[Event, None]:
    """Every event of one release (of all, without ``releaseId``) after ``after``, in order."""
    ids = None if release_id is None else [node_id(info, "releaseId", release_id, "Release")]
    async for batch in follow(info.context.runtime, after, release_ids=ids):
        for row in batch:
            info.context.refresh()  # its release may be newer than the last event's read
            yield Event.from_row(row)


async def release_updated(info: Info, id: relay.GlobalID) -> AsyncGenerator[Release, None]:
    """The release now, then after every change of it."""
    release = node_id(info, "id", id, "Release")
    runtime = info.context.runtime
    head = runtime.bus.latest  # before the read: a change committed meanwhile is not missed
    info.context.refresh()
    start = info.context.loaders.release.get(release)
    if start is None:
        raise invalid_argument(info, f"`id`: no release {release!r}")
    yield Release.from_row(start)
    while True:
        head = await changed(runtime, head, release_ids=[release])
        info.context.refresh()
        # Through the loaders: the release and its nested fields from one snapshot.
        row = info.context.loaders.release.get(release)
        if row is not None:
            yield Release.from_row(row)


async def releases_updated(
    info: Info, filter: ReleaseFilter | None = None, first: int = 20
) -> AsyncGenerator[list[Release], None]:
    """The newest ``first`` releases matching ``filter``, now and after every change of any."""
    runtime = info.context.runtime
    head = runtime.bus.latest
    previous: list[tuple[str, int]] | None = None
    while True:
        info.context.refresh()
        page = releases(
            info, first=min(first, MAX_LIST), filter=filter, order_by=ReleaseOrder.CREATED_ON_DESC
        )
        current = [edge.node for edge in page.edges]
        versions = [(str(r.id), r.version) for r in current]
        if versions != previous:
            previous = versions
            yield current
        info.context.close()
        head = await changed(runtime, head)


async def input_required(info: Info) -> AsyncGenerator[InputRequired, None]:
    """Approvals and manual interventions the viewer may act on: now, and as they change."""
    runtime = info.context.runtime
    head = runtime.bus.latest
    previous: tuple[list[str], list[str]] | None = None
    while True:
        info.context.refresh()
        current = InputRequired(
            approvals=approvals(info, ApprovalFilter(for_viewer=True)),
            manual_interventions=manual_interventions(
                info, ManualInterventionFilter(for_viewer=True)
            ),
        )
        ids = (
            [str(a.id) for a in current.approvals],
            [str(m.id) for m in current.manual_interventions],
        )
        if ids != previous:
            previous = ids
            yield current
        info.context.close()
        head = await changed(runtime, head)


async def task_log(
    info: Info, task_id: relay.GlobalID, after_line: int = 0
) -> AsyncGenerator[LogLine, None]:
    """The task's log lines after ``afterLine``, as they are written."""
    task = node_id(info, "taskId", task_id, "Task")
    with info.context.runtime.read_session() as session:
        if session.get(models.Task, task) is None:
            raise invalid_argument(info, f"`taskId`: no task {task!r}")
    runs: dict[str, int] = {}
    async for lines in follow_log(info.context.runtime, task, after_line):
        if any(row.run_id not in runs for row in lines):  # a run began since the last look
            info.context.refresh()
            runs = {r.id: r.number for r in info.context.loaders.runs_by_task.get(task)}
        for row in lines:
            yield LogLine(
                line=row.line,
                stream=row.stream,
                text=row.text,
                at=row.at,
                run_number=runs.get(row.run_id),
            )


@strawberry.type
class Subscription:
    release_events: AsyncGenerator[Event, None] = strawberry.subscription(resolver=release_events)
    release_updated: AsyncGenerator[Release, None] = strawberry.subscription(
        resolver=release_updated
    )
    releases_updated: AsyncGenerator[list[Release], None] = strawberry.subscription(
        resolver=releases_updated
    )
    input_required: AsyncGenerator[InputRequired, None] = strawberry.subscription(
        resolver=input_required
    )
    task_log: AsyncGenerator[LogLine, None] = strawberry.subscription(resolver=task_log)
