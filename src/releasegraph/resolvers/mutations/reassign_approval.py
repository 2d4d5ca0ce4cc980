from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, fetch, mutation
from releasegraph.resolvers.mutations.results import ANSWER_ERRORS, APPROVAL, command_on
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
    def command(approval: models.Approval) -> commands.Command:
        return commands.ReassignApproval(
            **acting(info), approval_id=approval.id, to=input.to, comment=input.comment
        )

    done = command_on(info, APPROVAL, input.approval_id, command, role=None)
    # The reassigned approval keeps its approver: the replacement names it as its origin.
    replacement = done.created.one(models.Approval, reassigned_from=done.row.approver)
    return ReassignApprovalPayload(
        approval=Approval.from_row(done.row),
        new_approval=Approval.from_row(fetch(info, models.Approval, replacement.id)),
        release=done.release,
    )
