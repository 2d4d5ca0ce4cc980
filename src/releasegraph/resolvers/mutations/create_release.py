from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, decode, fetch, mutation, require
from releasegraph.schema.errors import NotFoundError, PermissionDeniedError, ValidationError
from releasegraph.schema.releases import Release
from releasegraph.schema.scalars import KeyValueInput, as_dict


@strawberry.input
class CreateReleaseInput:
    definition_id: relay.GlobalID
    description: str = ""
    artifacts: list[KeyValueInput] | None = None
    variables: list[KeyValueInput] | None = strawberry.field(
        default=None, description="Overrides of the definition's variables."
    )
    start: bool = strawberry.field(default=False, description="Start at once; else a draft.")
    scheduled_start_time: datetime | None = strawberry.field(
        default=None, description="Start by itself at this time (the release stays a draft)."
    )


@strawberry.type
class CreateReleasePayload:
    release: Release


@mutation(CreateReleasePayload, NotFoundError, PermissionDeniedError, ValidationError)
def create_release(info: Info, input: CreateReleaseInput) -> CreateReleasePayload:
    require(info, Role.OPERATOR)
    command = commands.CreateRelease(
        **acting(info),
        definition_id=decode(input.definition_id, "ReleaseDefinition", "definitionId"),
        description=input.description,
        artifacts=as_dict(input.artifacts) or {},
        variables=as_dict(input.variables) or {},
        start=input.start,
        scheduled_start_time=input.scheduled_start_time,
    )
    release_id = info.context.runtime.create_release(command)
    return CreateReleasePayload(release=Release.from_row(fetch(info, models.Release, release_id)))
