"""``events(releaseId, after, first)``: the event log read in sequence order."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlmodel import col, select
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.resolvers.arguments import node_id, page_size
from releasegraph.schema.events import Event

MAX_EVENTS = 500
DEFAULT_EVENTS = 100


def events(
    info: Info,
    release_id: Annotated[
        relay.GlobalID | None,
        strawberry.argument(description="Only this release's events; all releases' when null."),
    ] = None,
    after: Annotated[
        int, strawberry.argument(description="Only events after this sequence number.")
    ] = 0,
    first: Annotated[
        int, strawberry.argument(description=f"At most this many, up to {MAX_EVENTS}.")
    ] = DEFAULT_EVENTS,
) -> list[Event]:
    limit = page_size(info, "first", first, MAX_EVENTS)
    row = models.Event
    query = select(row).where(col(row.seq) > after).order_by(col(row.seq)).limit(limit)
    if release_id is not None:
        query = query.where(
            col(row.release_id) == node_id(info, "releaseId", release_id, "Release")
        )
    with info.context.read() as session:
        rows = list(session.exec(query))
    info.context.loaders.seen(row, rows)
    return [Event.from_row(r) for r in rows]
