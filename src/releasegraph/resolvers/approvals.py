"""``approvals(filter, first)``: for an inbox of what the viewer may answer, and for audits."""

from __future__ import annotations

import strawberry
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine import answerers
from releasegraph.resolvers.arguments import node_id, page_size
from releasegraph.schema.decisions import Approval, may_answer
from releasegraph.schema.enums import ApprovalStatus

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
    query = _filtered(info, given)
    if given.for_viewer:
        names = answerers.approver_names(info.context.user.answerer())
        query = query.where(col(_Row.approver).in_(names))
    else:
        query = query.limit(limit)
    with info.context.read() as session:
        rows = list(session.exec(query))
    info.context.loaders.seen(_Row, rows)
    if given.for_viewer:
        rows = [row for row in rows if may_answer(info, row)]
    return [Approval.from_row(row) for row in rows[:limit]]


def _filtered(info: Info, given: ApprovalFilter) -> SelectOfScalar[_Row]:
    query = select(_Row).order_by(col(_Row.created_on), col(_Row.rank), col(_Row.id))
    if given.status is not None:
        query = query.where(col(_Row.status).in_(given.status))
    if given.pending_only or given.for_viewer:
        query = query.where(col(_Row.status) == ApprovalStatus.PENDING)
    if given.release_id is not None:
        release = node_id(info, "releaseId", given.release_id, "Release")
        query = query.where(col(_Row.release_id) == release)
    return query
