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
from releasegraph.schema.scalars import KeyValueInput, as_dict


@strawberry.input(description="Resume a manual step; its named approvers, else any operator.")
class ResumeManualInterventionInput:
    manual_intervention_id: relay.GlobalID
    values: list[KeyValueInput] | None = strawberry.field(
        default=None, description="What the person entered, kept on the intervention."
    )
    comment: str = ""


@strawberry.type
class ResumeManualInterventionPayload:
    manual_intervention: ManualIntervention
    release: Release


@mutation(ResumeManualInterventionPayload, *ANSWER_ERRORS)
def resume_manual_intervention(
    info: Info, input: ResumeManualInterventionInput
) -> ResumeManualInterventionPayload:
    def command(intervention: models.ManualIntervention) -> commands.Command:
        return commands.ResumeManualIntervention(
            **acting(info),
            intervention_id=intervention.id,
            values=as_dict(input.values) or {},
            comment=input.comment,
        )

    done = command_on(info, INTERVENTION, input.manual_intervention_id, command, role=None)
    return ResumeManualInterventionPayload(
        manual_intervention=ManualIntervention.from_row(done.row), release=done.release
    )
