from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, command_on_release
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
    command = commands.AbandonRelease(**acting(info), comment=input.comment)
    release = command_on_release(info, input.release_id, command, role=Role.OPERATOR)
    return AbandonReleasePayload(release=release)
