from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import acting, decode, fetch, mutation
from releasegraph.schema.decisions import ManualIntervention
from releasegraph.schema.errors import (
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
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


def intervention_to_answer(info: Info, global_id: relay.GlobalID) -> models.ManualIntervention:
    """The intervention an input names (who may answer it is the engine's to decide)."""
    intervention_id = decode(global_id, "ManualIntervention", "manualInterventionId")
    return fetch(info, models.ManualIntervention, intervention_id)


@mutation(
    ResumeManualInterventionPayload,
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
    ConflictError,
)
def resume_manual_intervention(
    info: Info, input: ResumeManualInterventionInput
) -> ResumeManualInterventionPayload:
    intervention = intervention_to_answer(info, input.manual_intervention_id)
    command = commands.ResumeManualIntervention(
        **acting(info),
        intervention_id=intervention.id,
        values=as_dict(input.values) or {},
        comment=input.comment,
    )
    info.context.runtime.execute(intervention.release_id, command)
    return ResumeManualInterventionPayload(
        manual_intervention=ManualIntervention.from_row(
            fetch(info, models.ManualIntervention, intervention.id)
        ),
        release=Release.from_row(fetch(info, models.Release, intervention.release_id)),
    )
