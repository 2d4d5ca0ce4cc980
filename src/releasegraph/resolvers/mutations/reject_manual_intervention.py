from __future__ import annotations

import functools
from typing import Annotated

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import decode, execute, fetch, perform
from releasegraph.resolvers.mutations.resume_manual_intervention import require_may_answer
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


RejectManualInterventionResult = Annotated[
    RejectManualInterventionPayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("RejectManualInterventionResult"),
]


def reject_manual_intervention(
    info: Info, input: RejectManualInterventionInput
) -> RejectManualInterventionResult:
    def action() -> RejectManualInterventionPayload:
        intervention_id = decode(
            input.manual_intervention_id, "ManualIntervention", "manualInterventionId"
        )
        intervention = fetch(info, models.ManualIntervention, intervention_id, "ManualIntervention")
        require_may_answer(info, intervention)
        execute(
            info,
            intervention.release_id,
            functools.partial(
                commands.RejectManualIntervention,
                intervention_id=intervention_id,
                comment=input.comment,
            ),
        )
        return RejectManualInterventionPayload(
            manual_intervention=ManualIntervention.from_row(
                fetch(info, models.ManualIntervention, intervention_id, "ManualIntervention")
            ),
            release=Release.from_row(
                fetch(info, models.Release, intervention.release_id, "Release")
            ),
        )

    return perform(info, action)
