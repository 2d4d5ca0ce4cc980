"""``approvals(filter, first)``: for an inbox of what the viewer may answer, and for audits."""

from __future__ import annotations

import strawberry
from sqlmodel import col, select
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine import answerers
from releasegraph.engine.states import ApprovalStatus
from releasegraph.resolvers.arguments import page_size
from releasegraph.resolvers.decision_lists import listed
from releasegraph.schema.decisions import Approval, may_answer

MAX_APPROVALS = 100
_Row = models.Approval


@strawberry.input(description="Approvals matching every field given; a list matches any value.")
class ApprovalFilter:
    status: list[ApprovalStatus] | None = None
    pending_only: bool = strawberry.field(default=False, description="Only PENDING ones.")
    for_viewer: bool = strawberry.field(
        default=False, description="Only those the viewer may answer now (see `canApprove`)."
    )
    release_id: relay.GlobalID | None = None


def approvals(
    info: Info, filter: ApprovalFilter | None = None, first: int = MAX_APPROVALS
) -> list[Approval]:
    limit = page_size(info, "first", first, MAX_APPROVALS)
    given = filter or ApprovalFilter()
    query = select(_Row).order_by(col(_Row.created_on), col(_Row.rank), col(_Row.id))
    if given.for_viewer:
        # Narrowed in SQL to approvals naming the viewer or their groups; the rules decide.
        names = answerers.approver_names(info.context.user.answerer())
        query = query.where(col(_Row.approver).in_(names))
    rows = listed(
        info,
        query,
        given,
        model=_Row,
        pending=ApprovalStatus.PENDING,
        limit=limit,
        may_answer=lambda row: may_answer(info, row),
    )
    return [Approval.from_row(row) for row in rows]
