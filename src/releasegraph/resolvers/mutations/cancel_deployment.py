from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, fetch, mutation, require, target
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, release_of
from releasegraph.schema.releases import Release, ReleaseEnvironment


@strawberry.input(description="Cancel the environment's deployment under way.")
class CancelDeploymentInput:
    environment_id: relay.GlobalID
    comment: str = ""


@strawberry.type
class CancelDeploymentPayload:
    environment: ReleaseEnvironment
    release: Release


@mutation(CancelDeploymentPayload, *RELEASE_COMMAND_ERRORS)
def cancel_deployment(info: Info, input: CancelDeploymentInput) -> CancelDeploymentPayload:
    require(info, Role.OPERATOR)
    environment = target(info, models.ReleaseEnvironment, input.environment_id, "environmentId")
    command = commands.CancelDeployment(
        **acting(info), environment_id=environment.id, comment=input.comment
    )
    info.context.runtime.execute(environment.release_id, command)
    return CancelDeploymentPayload(
        environment=ReleaseEnvironment.from_row(
            fetch(info, models.ReleaseEnvironment, environment.id)
        ),
        release=release_of(info, environment.release_id),
    )
