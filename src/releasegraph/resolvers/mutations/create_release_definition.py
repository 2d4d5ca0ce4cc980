from __future__ import annotations

import strawberry

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation, require
from releasegraph.schema.errors import ConflictError, PermissionDeniedError, ValidationError
from releasegraph.schema.releases import ReleaseDefinition


@strawberry.input
class CreateReleaseDefinitionInput:
    source: str = strawberry.field(description="The definition, as YAML or JSON.")


@strawberry.type
class CreateReleaseDefinitionPayload:
    definition: ReleaseDefinition


@mutation(CreateReleaseDefinitionPayload, PermissionDeniedError, ValidationError, ConflictError)
def create_release_definition(
    info: Info, input: CreateReleaseDefinitionInput
) -> CreateReleaseDefinitionPayload:
    require(info, Role.ADMIN)
    command = commands.CreateReleaseDefinition(**acting(info), source=input.source)
    row = info.context.runtime.create_definition(command)
    return CreateReleaseDefinitionPayload(definition=ReleaseDefinition.from_row(row))
