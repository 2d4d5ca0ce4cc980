from __future__ import annotations

import functools
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import decode, execute, fetch, perform
from releasegraph.schema.decisions import Approval
from releasegraph.schema.errors import (
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
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


ApproveResult = Annotated[
    ApprovePayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("ApproveResult"),
]


def approve(info: Info, input: ApproveInput) -> ApproveResult:
    def action() -> ApprovePayload:
        approval_id = decode(input.approval_id, "Approval", "approvalId")
        approval = fetch(info, models.Approval, approval_id, "Approval")
        execute(
            info,
            approval.release_id,
            functools.partial(
                commands.Approve,
                approval_id=approval_id,
                comment=input.comment,
                defer_until=input.defer_until,
            ),
        )
        return ApprovePayload(
            approval=Approval.from_row(fetch(info, models.Approval, approval_id, "Approval")),
            release=Release.from_row(fetch(info, models.Release, approval.release_id, "Release")),
        )

    return perform(info, action)
