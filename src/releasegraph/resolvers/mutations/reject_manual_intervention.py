from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import ANSWER_ERRORS, INTERVENTION, command_on
from releasegraph.schema.decisions import ManualIntervention
from releasegraph.schema.releases import Release


@strawberry.input(
    description="Reject a manual step, or fail a failed task's attempt;"
    " the intervention's named approvers, else any operator."
)
class RejectManualInterventionInput:
    manual_intervention_id: relay.GlobalID
    comment: str = ""


@strawberry.type
class RejectManualInterventionPayload:
    manual_intervention: ManualIntervention
    release: Release


@mutation(RejectManualInterventionPayload, *ANSWER_ERRORS)
def reject_manual_intervention(
    info: Info, input: RejectManualInterventionInput
) -> RejectManualInterventionPayload:
    def command(intervention: models.ManualIntervention) -> commands.Command:
        return commands.RejectManualIntervention(
            **acting(info), intervention_id=intervention.id, comment=input.comment
        )

    done = command_on(info, INTERVENTION, input.manual_intervention_id, command, role=None)
    return RejectManualInterventionPayload(
        manual_intervention=ManualIntervention.from_row(done.row), release=done.release
    )
