"""``manualInterventions(filter, first)``: pauses that wait for a person, and their answers."""

from __future__ import annotations

import strawberry
from sqlmodel import col, select
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine.states import ManualInterventionStatus
from releasegraph.resolvers.arguments import page_size
from releasegraph.resolvers.decision_lists import listed
from releasegraph.schema.decisions import ManualIntervention, may_act

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
    rows = listed(
        info,
        select(_Row).order_by(col(_Row.created_on), col(_Row.id)),
        filter or ManualInterventionFilter(),
        model=_Row,
        pending=ManualInterventionStatus.PENDING,
        limit=limit,
        # Approvers are a JSON list: decided after reading, among pending ones only.
        may_answer=lambda row: may_act(info.context.user, row),
    )
    return [ManualIntervention.from_row(row) for row in rows]
