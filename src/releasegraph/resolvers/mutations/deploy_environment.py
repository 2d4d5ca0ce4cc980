from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, fetch, mutation
from releasegraph.resolvers.mutations.results import ENVIRONMENT, RELEASE_COMMAND_ERRORS, command_on
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
    def command(environment: models.ReleaseEnvironment) -> commands.Command:
        return commands.DeployEnvironment(
            **acting(info), environment_id=environment.id, scheduled_at=input.scheduled_at
        )

    done = command_on(info, ENVIRONMENT, input.environment_id, command, role=Role.OPERATOR)
    attempt = done.created.one(models.DeploymentAttempt, environment_id=done.row.id)
    return DeployEnvironmentPayload(
        environment=ReleaseEnvironment.from_row(done.row),
        attempt=DeploymentAttempt.from_row(fetch(info, models.DeploymentAttempt, attempt.id)),
        release=done.release,
    )
