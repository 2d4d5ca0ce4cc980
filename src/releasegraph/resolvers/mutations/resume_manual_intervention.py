from __future__ import annotations

import functools
from typing import Annotated

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.engine import commands
from releasegraph.engine import errors as domain
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import decode, execute, fetch, perform
from releasegraph.schema.decisions import ManualIntervention, may_answer_intervention
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


ResumeManualInterventionResult = Annotated[
    ResumeManualInterventionPayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("ResumeManualInterventionResult"),
]


def require_may_answer(info: Info, row: models.ManualIntervention) -> None:
    """An intervention naming nobody is any operator's; the engine checks named approvers."""
    user = info.context.user
    if not row.approvers and not may_answer_intervention(user, row):
        raise domain.PermissionDeniedError(
            f"{user.name!r} is {user.role.value};"
            " a manual intervention that names no approvers needs OPERATOR"
        )


def resume_manual_intervention(
    info: Info, input: ResumeManualInterventionInput
) -> ResumeManualInterventionResult:
    def action() -> ResumeManualInterventionPayload:
        intervention_id = decode(
            input.manual_intervention_id, "ManualIntervention", "manualInterventionId"
        )
        intervention = fetch(info, models.ManualIntervention, intervention_id, "ManualIntervention")
        require_may_answer(info, intervention)
        execute(
            info,
            intervention.release_id,
            functools.partial(
                commands.ResumeManualIntervention,
                intervention_id=intervention_id,
                values=as_dict(input.values) or {},
                comment=input.comment,
            ),
        )
        return ResumeManualInterventionPayload(
            manual_intervention=ManualIntervention.from_row(
                fetch(info, models.ManualIntervention, intervention_id, "ManualIntervention")
            ),
            release=Release.from_row(
                fetch(info, models.Release, intervention.release_id, "Release")
            ),
        )

    return perform(info, action)
