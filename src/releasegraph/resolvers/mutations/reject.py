from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import ANSWER_ERRORS, APPROVAL, command_on
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
    def command(approval: models.Approval) -> commands.Command:
        return commands.Reject(**acting(info), approval_id=approval.id, comment=input.comment)

    done = command_on(info, APPROVAL, input.approval_id, command, role=None)
    return RejectPayload(approval=Approval.from_row(done.row), release=done.release)
