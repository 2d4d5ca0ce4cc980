from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, decode, mutation, require
from releasegraph.schema.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from releasegraph.schema.releases import ReleaseDefinition


@strawberry.input
class UpdateReleaseDefinitionInput:
    id: relay.GlobalID
    source: str = strawberry.field(
        description="The whole new definition, as YAML or JSON; releases keep their snapshot."
    )


@strawberry.type
class UpdateReleaseDefinitionPayload:
    definition: ReleaseDefinition


@mutation(
    UpdateReleaseDefinitionPayload,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    ConflictError,
)
def update_release_definition(
    info: Info, input: UpdateReleaseDefinitionInput
) -> UpdateReleaseDefinitionPayload:
    require(info, Role.ADMIN)
    command = commands.UpdateReleaseDefinition(
        **acting(info),
        definition_id=decode(input.id, "ReleaseDefinition", "id"),
        source=input.source,
    )
    row = info.context.runtime.update_definition(command)
    return UpdateReleaseDefinitionPayload(definition=ReleaseDefinition.from_row(row))
