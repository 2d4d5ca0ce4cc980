from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, command_on_release
from releasegraph.schema.releases import Release
from releasegraph.schema.scalars import KeyValueInput, as_dict


@strawberry.input(description="Fields left out (or null) keep their value.")
class UpdateDraftReleaseInput:
    release_id: relay.GlobalID
    description: str | None = None
    artifacts: list[KeyValueInput] | None = strawberry.field(
        default=None, description="Replaces every artifact."
    )
    variables: list[KeyValueInput] | None = strawberry.field(
        default=None, description="Replaces every variable."
    )


@strawberry.type
class UpdateDraftReleasePayload:
    release: Release


@mutation(UpdateDraftReleasePayload, *RELEASE_COMMAND_ERRORS)
def update_draft_release(info: Info, input: UpdateDraftReleaseInput) -> UpdateDraftReleasePayload:
    command = commands.UpdateDraftRelease(
        **acting(info),
        description=input.description,
        artifacts=as_dict(input.artifacts),
        variables=as_dict(input.variables),
    )
    release = command_on_release(info, input.release_id, command, role=Role.OPERATOR)
    return UpdateDraftReleasePayload(release=release)
