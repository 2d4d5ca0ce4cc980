from __future__ import annotations

import functools
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import decode, execute, fetch, perform, require
from releasegraph.schema.errors import (
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from releasegraph.schema.releases import Release


@strawberry.input
class ScheduleReleaseInput:
    release_id: relay.GlobalID
    start_at: datetime = strawberry.field(
        description="When the draft starts by itself; must be in the future."
    )


@strawberry.type
class ScheduleReleasePayload:
    release: Release


ScheduleReleaseResult = Annotated[
    ScheduleReleasePayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("ScheduleReleaseResult"),
]


def schedule_release(info: Info, input: ScheduleReleaseInput) -> ScheduleReleaseResult:
    def action() -> ScheduleReleasePayload:
        require(info, Role.OPERATOR)
        release_id = decode(input.release_id, "Release", "releaseId")
        execute(
            info, release_id, functools.partial(commands.ScheduleRelease, start_at=input.start_at)
        )
        return ScheduleReleasePayload(
            release=Release.from_row(fetch(info, models.Release, release_id, "Release"))
        )

    return perform(info, action)
