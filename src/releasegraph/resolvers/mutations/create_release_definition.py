from __future__ import annotations

from typing import Annotated

import strawberry

from releasegraph.auth import Role
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import perform, require
from releasegraph.schema.errors import (
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from releasegraph.schema.releases import ReleaseDefinition


@strawberry.input
class CreateReleaseDefinitionInput:
    source: str = strawberry.field(description="The definition, as YAML or JSON.")


@strawberry.type
class CreateReleaseDefinitionPayload:
    definition: ReleaseDefinition


CreateReleaseDefinitionResult = Annotated[
    CreateReleaseDefinitionPayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("CreateReleaseDefinitionResult"),
]


def create_release_definition(
    info: Info, input: CreateReleaseDefinitionInput
) -> CreateReleaseDefinitionResult:
    def action() -> CreateReleaseDefinitionPayload:
        require(info, Role.ADMIN)
        command = commands.CreateReleaseDefinition(
            actor=info.context.user.name, source=input.source
        )
        row = info.context.runtime.create_definition(command)
        return CreateReleaseDefinitionPayload(definition=ReleaseDefinition.from_row(row))

    return perform(info, action)
