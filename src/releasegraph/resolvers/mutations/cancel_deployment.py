from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.engine import commands
from releasegraph.resolvers.context import Info
from releasegraph.resolvers.mutations.common import acting, decode, fetch, mutation, require
from releasegraph.schema.errors import (
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


@mutation(
    CancelDeploymentPayload,
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
)
def cancel_deployment(info: Info, input: CancelDeploymentInput) -> CancelDeploymentPayload:
    require(info, Role.OPERATOR)
    environment_id = decode(input.environment_id, "ReleaseEnvironment", "environmentId")
    environment = fetch(info, models.ReleaseEnvironment, environment_id)
    command = commands.CancelDeployment(
        **acting(info), environment_id=environment_id, comment=input.comment
    )
    info.context.runtime.execute(environment.release_id, command)
    return CancelDeploymentPayload(
        environment=ReleaseEnvironment.from_row(
            fetch(info, models.ReleaseEnvironment, environment_id)
        ),
        release=Release.from_row(fetch(info, models.Release, environment.release_id)),
    )
