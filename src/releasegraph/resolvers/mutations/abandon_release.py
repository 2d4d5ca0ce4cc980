from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, decode, mutation, require
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, release_of
from releasegraph.schema.releases import Release


@strawberry.input(description="Cancel everything still going on; an abandoned release is final.")
class AbandonReleaseInput:
    release_id: relay.GlobalID
    comment: str = ""


@strawberry.type
class AbandonReleasePayload:
    release: Release


@mutation(AbandonReleasePayload, *RELEASE_COMMAND_ERRORS)
def abandon_release(info: Info, input: AbandonReleaseInput) -> AbandonReleasePayload:
    require(info, Role.OPERATOR)
    release_id = decode(input.release_id, "Release", "releaseId")
    command = commands.AbandonRelease(**acting(info), comment=input.comment)
    info.context.runtime.execute(release_id, command)
    return AbandonReleasePayload(release=release_of(info, release_id))
