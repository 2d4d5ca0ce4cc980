from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, fetch, mutation, require, target
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, release_of
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


@mutation(DeployEnvironmentPayload, *RELEASE_COMMAND_ERRORS)
def deploy_environment(info: Info, input: DeployEnvironmentInput) -> DeployEnvironmentPayload:
    require(info, Role.OPERATOR)
    environment = target(info, models.ReleaseEnvironment, input.environment_id, "environmentId")
    command = commands.DeployEnvironment(
        **acting(info), environment_id=environment.id, scheduled_at=input.scheduled_at
    )
    created = info.context.runtime.execute(environment.release_id, command)
    attempt = created.one(models.DeploymentAttempt, environment_id=environment.id)
    return DeployEnvironmentPayload(
        environment=ReleaseEnvironment.from_row(
            fetch(info, models.ReleaseEnvironment, environment.id)
        ),
        attempt=DeploymentAttempt.from_row(fetch(info, models.DeploymentAttempt, attempt.id)),
        release=release_of(info, environment.release_id),
    )
