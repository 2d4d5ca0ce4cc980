from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, command_on_release
from releasegraph.schema.releases import Release


@strawberry.input(description="Start a draft now; a scheduled release starts before its time.")
class StartReleaseInput:
    release_id: relay.GlobalID


@strawberry.type
class StartReleasePayload:
    release: Release


@mutation(StartReleasePayload, *RELEASE_COMMAND_ERRORS)
def start_release(info: Info, input: StartReleaseInput) -> StartReleasePayload:
    command = commands.StartRelease(**acting(info))
    release = command_on_release(info, input.release_id, command, role=Role.OPERATOR)
    return StartReleasePayload(release=release)
