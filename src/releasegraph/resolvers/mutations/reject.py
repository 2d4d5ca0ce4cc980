from __future__ import annotations

import functools
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


@strawberry.input(description="Reject an approval; only its designated approver may.")
class RejectInput:
    approval_id: relay.GlobalID
    comment: str = ""


@strawberry.type
class RejectPayload:
    approval: Approval
    release: Release


RejectResult = Annotated[
    RejectPayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("RejectResult"),
]


def reject(info: Info, input: RejectInput) -> RejectResult:
    def action() -> RejectPayload:
        approval_id = decode(input.approval_id, "Approval", "approvalId")
        approval = fetch(info, models.Approval, approval_id, "Approval")
        execute(
            info,
            approval.release_id,
            functools.partial(commands.Reject, approval_id=approval_id, comment=input.comment),
        )
        return RejectPayload(
            approval=Approval.from_row(fetch(info, models.Approval, approval_id, "Approval")),
            release=Release.from_row(fetch(info, models.Release, approval.release_id, "Release")),
        )

    return perform(info, action)
