from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import acting, decode, fetch, mutation
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


@mutation(
    RejectPayload,
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
    ConflictError,
)
def reject(info: Info, input: RejectInput) -> RejectPayload:
    approval_id = decode(input.approval_id, "Approval", "approvalId")
    approval = fetch(info, models.Approval, approval_id)
    command = commands.Reject(**acting(info), approval_id=approval_id, comment=input.comment)
    info.context.runtime.execute(approval.release_id, command)
    return RejectPayload(
        approval=Approval.from_row(fetch(info, models.Approval, approval_id)),
        release=Release.from_row(fetch(info, models.Release, approval.release_id)),
    )
