from __future__ import annotations

import functools
from typing import Annotated

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import decode, execute, fetch, perform, require
from releasegraph.schema.errors import (
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from releasegraph.schema.releases import Release, ReleaseEnvironment


@strawberry.input(description="Cancel the environment's deployment under way.")
class CancelDeploymentInput:
    environment_id: relay.GlobalID
    comment: str = ""


@strawberry.type
class CancelDeploymentPayload:
    environment: ReleaseEnvironment
    release: Release


CancelDeploymentResult = Annotated[
    CancelDeploymentPayload
    | NotFoundError
    | InvalidTransitionError
    | PermissionDeniedError
    | ValidationError
    | ConflictError,
    strawberry.union("CancelDeploymentResult"),
]


def cancel_deployment(info: Info, input: CancelDeploymentInput) -> CancelDeploymentResult:
    def action() -> CancelDeploymentPayload:
        require(info, Role.OPERATOR)
        environment_id = decode(input.environment_id, "ReleaseEnvironment", "environmentId")
        environment = fetch(info, models.ReleaseEnvironment, environment_id, "ReleaseEnvironment")
        execute(
            info,
            environment.release_id,
            functools.partial(
                commands.CancelDeployment, environment_id=environment_id, comment=input.comment
            ),
        )
        return CancelDeploymentPayload(
            environment=ReleaseEnvironment.from_row(
                fetch(info, models.ReleaseEnvironment, environment_id, "ReleaseEnvironment")
            ),
            release=Release.from_row(
                fetch(info, models.Release, environment.release_id, "Release")
            ),
        )

    return perform(info, action)
