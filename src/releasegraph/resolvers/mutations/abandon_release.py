from __future__ import annotations

import functools
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


@strawberry.input(description="Cancel everything still going on; an abandoned release is final.")
class AbandonReleaseInput:
    release_id: relay.GlobalID
    comment: str = ""


@strawberry.type
class AbandonReleasePayload:
    release: Release


AbandonReleaseResult = Annotated[
    AbandonReleasePayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("AbandonReleaseResult"),
]


def abandon_release(info: Info, input: AbandonReleaseInput) -> AbandonReleaseResult:
    def action() -> AbandonReleasePayload:
        require(info, Role.OPERATOR)
        release_id = decode(input.release_id, "Release", "releaseId")
        execute(info, release_id, functools.partial(commands.AbandonRelease, comment=input.comment))
        return AbandonReleasePayload(
            release=Release.from_row(fetch(info, models.Release, release_id, "Release"))
        )

    return perform(info, action)
