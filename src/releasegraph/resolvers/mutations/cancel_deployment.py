from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import ENVIRONMENT, RELEASE_COMMAND_ERRORS, command_on
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
    def command(environment: models.ReleaseEnvironment) -> commands.Command:
        return commands.CancelDeployment(
            **acting(info), environment_id=environment.id, comment=input.comment
        )

    done = command_on(info, ENVIRONMENT, input.environment_id, command, role=Role.OPERATOR)
    return CancelDeploymentPayload(
        environment=ReleaseEnvironment.from_row(done.row), release=done.release
    )
