from __future__ import annotations

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


@strawberry.input(description="Start a draft now; a scheduled release starts before its time.")
class StartReleaseInput:
    release_id: relay.GlobalID


@strawberry.type
class StartReleasePayload:
    release: Release


StartReleaseResult = Annotated[
    StartReleasePayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("StartReleaseResult"),
]


def start_release(info: Info, input: StartReleaseInput) -> StartReleaseResult:
    def action() -> StartReleasePayload:
        require(info, Role.OPERATOR)
        release_id = decode(input.release_id, "Release", "releaseId")
        execute(info, release_id, commands.StartRelease)
        return StartReleasePayload(
            release=Release.from_row(fetch(info, models.Release, release_id, "Release"))
        )

    return perform(info, action)
