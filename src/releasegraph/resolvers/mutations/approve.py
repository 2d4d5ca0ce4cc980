from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, fetch, mutation, target
from releasegraph.resolvers.mutations.results import ANSWER_ERRORS, release_of
from releasegraph.schema.decisions import Approval
from releasegraph.schema.releases import Release


@strawberry.input
class ApproveInput:
    approval_id: relay.GlobalID
    comment: str = ""
    defer_until: datetime | None = strawberry.field(
        default=None, description="Approve, but deploy no earlier than this (pre-deploy only)."
    )


@strawberry.type
class ApprovePayload:
    approval: Approval
    release: Release


@mutation(ApprovePayload, *ANSWER_ERRORS)
def approve(info: Info, input: ApproveInput) -> ApprovePayload:
    approval = target(info, models.Approval, input.approval_id, "approvalId")
    command = commands.Approve(
        **acting(info),
        approval_id=approval.id,
        comment=input.comment,
        defer_until=input.defer_until,
    )
    info.context.runtime.execute(approval.release_id, command)
    return ApprovePayload(
        approval=Approval.from_row(fetch(info, models.Approval, approval.id)),
        release=release_of(info, approval.release_id),
    )
