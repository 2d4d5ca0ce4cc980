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


@strawberry.input(description="Hand an approval to someone else; only its approver may.")
class ReassignApprovalInput:
    approval_id: relay.GlobalID
    to: str = strawberry.field(description="A user name, or group:NAME.")
    comment: str = ""


@strawberry.type
class ReassignApprovalPayload:
    approval: Approval = strawberry.field(description="The approval handed on, now REASSIGNED.")
    new_approval: Approval = strawberry.field(description="Its replacement, pending for `to`.")
    release: Release


@mutation(ReassignApprovalPayload, *ANSWER_ERRORS)
def reassign_approval(info: Info, input: ReassignApprovalInput) -> ReassignApprovalPayload:
    approval = target(info, models.Approval, input.approval_id, "approvalId")
    command = commands.ReassignApproval(
        **acting(info), approval_id=approval.id, to=input.to, comment=input.comment
    )
    created = info.context.runtime.execute(approval.release_id, command)
    replacement = created.one(models.Approval, reassigned_from=approval.approver)
    return ReassignApprovalPayload(
        approval=Approval.from_row(fetch(info, models.Approval, approval.id)),
        new_approval=Approval.from_row(fetch(info, models.Approval, replacement.id)),
        release=release_of(info, approval.release_id),
    )
