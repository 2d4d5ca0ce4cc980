from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, decode, mutation, require
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, release_of
from releasegraph.schema.releases import Release


@strawberry.input(description="Start a draft now; a scheduled release starts before its time.")
class StartReleaseInput:
    release_id: relay.GlobalID


@strawberry.type
class StartReleasePayload:
    release: Release


@mutation(StartReleasePayload, *RELEASE_COMMAND_ERRORS)
def start_release(info: Info, input: StartReleaseInput) -> StartReleasePayload:
    require(info, Role.OPERATOR)
    release_id = decode(input.release_id, "Release", "releaseId")
    info.context.runtime.execute(release_id, commands.StartRelease(**acting(info)))
    return StartReleasePayload(release=release_of(info, release_id))
