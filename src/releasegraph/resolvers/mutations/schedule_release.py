from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, decode, mutation, require
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, release_of
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


@mutation(ScheduleReleasePayload, *RELEASE_COMMAND_ERRORS)
def schedule_release(info: Info, input: ScheduleReleaseInput) -> ScheduleReleasePayload:
    require(info, Role.OPERATOR)
    release_id = decode(input.release_id, "Release", "releaseId")
    command = commands.ScheduleRelease(**acting(info), start_at=input.start_at)
    info.context.runtime.execute(release_id, command)
    return ScheduleReleasePayload(release=release_of(info, release_id))
