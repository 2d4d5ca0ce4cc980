from __future__ import annotations

from datetime import datetime

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
from releasegraph.schema.execution import DeploymentAttempt
from releasegraph.schema.releases import Release, ReleaseEnvironment


@strawberry.input(description="Deploy an environment, or redeploy one whose deployment ended.")
class DeployEnvironmentInput:
    environment_id: relay.GlobalID
    scheduled_at: datetime | None = strawberry.field(
        default=None, description="Deploy at this time instead of now; must be in the future."
    )


@strawberry.type
class DeployEnvironmentPayload:
    environment: ReleaseEnvironment
    attempt: DeploymentAttempt = strawberry.field(
        description="The attempt this deploy created, now the environment's latest."
    )
    release: Release


@mutation(
    DeployEnvironmentPayload,
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
)
def deploy_environment(info: Info, input: DeployEnvironmentInput) -> DeployEnvironmentPayload:
    require(info, Role.OPERATOR)
    environment_id = decode(input.environment_id, "ReleaseEnvironment", "environmentId")
    environment = fetch(info, models.ReleaseEnvironment, environment_id)
    command = commands.DeployEnvironment(
        **acting(info), environment_id=environment_id, scheduled_at=input.scheduled_at
    )
    created = info.context.runtime.execute(environment.release_id, command)
    attempt = created.one(models.DeploymentAttempt, environment_id=environment_id)
    return DeployEnvironmentPayload(
        environment=ReleaseEnvironment.from_row(
            fetch(info, models.ReleaseEnvironment, environment_id)
        ),
        attempt=DeploymentAttempt.from_row(fetch(info, models.DeploymentAttempt, attempt.id)),
        release=Release.from_row(fetch(info, models.Release, environment.release_id)),
    )
