from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import ANSWER_ERRORS, APPROVAL, command_on
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
    def command(approval: models.Approval) -> commands.Command:
        return commands.Approve(
            **acting(info),
            approval_id=approval.id,
            comment=input.comment,
            defer_until=input.defer_until,
        )

    done = command_on(info, APPROVAL, input.approval_id, command, role=None)
    return ApprovePayload(approval=Approval.from_row(done.row), release=done.release)
