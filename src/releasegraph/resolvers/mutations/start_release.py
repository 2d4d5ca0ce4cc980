from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import acting, decode, fetch, mutation, require
from releasegraph.schema.errors import (
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


@mutation(
    StartReleasePayload,
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
)
def start_release(info: Info, input: StartReleaseInput) -> StartReleasePayload:
    require(info, Role.OPERATOR)
    release_id = decode(input.release_id, "Release", "releaseId")
    info.context.runtime.execute(release_id, commands.StartRelease(**acting(info)))
    return StartReleasePayload(release=Release.from_row(fetch(info, models.Release, release_id)))
