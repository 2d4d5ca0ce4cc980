from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, fetch, mutation, target
from releasegraph.resolvers.mutations.results import ANSWER_ERRORS, release_of
from releasegraph.schema.decisions import Approval
from releasegraph.schema.releases import Release


@strawberry.input(description="Reject an approval; only its designated approver may.")
class RejectInput:
    approval_id: relay.GlobalID
    comment: str = ""


@strawberry.type
class RejectPayload:
    approval: Approval
    release: Release


@mutation(RejectPayload, *ANSWER_ERRORS)
def reject(info: Info, input: RejectInput) -> RejectPayload:
    approval = target(info, models.Approval, input.approval_id, "approvalId")
    command = commands.Reject(**acting(info), approval_id=approval.id, comment=input.comment)
    info.context.runtime.execute(approval.release_id, command)
    return RejectPayload(
        approval=Approval.from_row(fetch(info, models.Approval, approval.id)),
        release=release_of(info, approval.release_id),
    )
