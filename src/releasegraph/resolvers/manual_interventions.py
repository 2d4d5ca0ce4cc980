"""``manualInterventions(filter, first)``: pauses that wait for a person, and their answers."""

from __future__ import annotations

import strawberry
from sqlmodel import col, select
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.resolvers.arguments import node_id, page_size
from releasegraph.schema.decisions import ManualIntervention, may_act
from releasegraph.schema.enums import ManualInterventionStatus

MAX_INTERVENTIONS = 100
_Row = models.ManualIntervention


@strawberry.input(
    description="Manual interventions matching every field given; a list matches any value."
)
class ManualInterventionFilter:
    status: list[ManualInterventionStatus] | None = None
    pending_only: bool = strawberry.field(default=False, description="Only PENDING ones.")
    for_viewer: bool = strawberry.field(
        default=False, description="Only those the viewer may answer now (see `canAct`)."
    )
    release_id: relay.GlobalID | None = None


def manual_interventions(
    info: Info, filter: ManualInterventionFilter | None = None, first: int = MAX_INTERVENTIONS
) -> list[ManualIntervention]:
    limit = page_size(info, "first", first, MAX_INTERVENTIONS)
    given = filter or ManualInterventionFilter()
    query = select(_Row).order_by(col(_Row.created_on), col(_Row.id))
    if given.status is not None:
        query = query.where(col(_Row.status).in_(given.status))
    if given.pending_only or given.for_viewer:
        query = query.where(col(_Row.status) == ManualInterventionStatus.PENDING)
    if given.release_id is not None:
        release = node_id(info, "releaseId", given.release_id, "Release")
        query = query.where(col(_Row.release_id) == release)
    if not given.for_viewer:
        query = query.limit(limit)
    with info.context.read() as session:
        rows = list(session.exec(query))
    info.context.loaders.seen(_Row, rows)
    if given.for_viewer:
        # Approvers are a JSON list: decided here rather than in SQL, among pending ones only.
        rows = [row for row in rows if may_act(info.context.user, row)]
    return [ManualIntervention.from_row(row) for row in rows[:limit]]
