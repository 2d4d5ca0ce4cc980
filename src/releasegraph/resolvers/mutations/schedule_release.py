from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, command_on_release
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
    command = commands.ScheduleRelease(**acting(info), start_at=input.start_at)
    release = command_on_release(info, input.release_id, command, role=Role.OPERATOR)
    return ScheduleReleasePayload(release=release)
