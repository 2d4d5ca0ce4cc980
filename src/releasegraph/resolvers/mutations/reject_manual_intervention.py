from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import acting, fetch, mutation
from releasegraph.resolvers.mutations.resume_manual_intervention import intervention_to_answer
from releasegraph.schema.decisions import ManualIntervention
from releasegraph.schema.errors import (
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
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


@mutation(
    RejectManualInterventionPayload,
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
    ConflictError,
)
def reject_manual_intervention(
    info: Info, input: RejectManualInterventionInput
) -> RejectManualInterventionPayload:
    intervention = intervention_to_answer(info, input.manual_intervention_id)
    command = commands.RejectManualIntervention(
        **acting(info), intervention_id=intervention.id, comment=input.comment
    )
    info.context.runtime.execute(intervention.release_id, command)
    return RejectManualInterventionPayload(
        manual_intervention=ManualIntervention.from_row(
            fetch(info, models.ManualIntervention, intervention.id)
        ),
        release=Release.from_row(fetch(info, models.Release, intervention.release_id)),
    )
