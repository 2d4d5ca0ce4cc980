from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, mutation
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, TASK, command_on
from releasegraph.schema.execution import Task
from releasegraph.schema.releases import Release


@strawberry.input(
    description="Mark a failed task that waits for a decision IGNORED and go on;"
    " its phase then ends partially succeeded."
)
class IgnoreTaskFailureInput:
    task_id: relay.GlobalID


@strawberry.type
class IgnoreTaskFailurePayload:
    task: Task
    release: Release


@mutation(IgnoreTaskFailurePayload, *RELEASE_COMMAND_ERRORS)
def ignore_task_failure(info: Info, input: IgnoreTaskFailureInput) -> IgnoreTaskFailurePayload:
    def command(task: models.Task) -> commands.Command:
        return commands.IgnoreTaskFailure(**acting(info), task_id=task.id)

    done = command_on(info, TASK, input.task_id, command, role=Role.OPERATOR)
    return IgnoreTaskFailurePayload(task=Task.from_row(done.row), release=done.release)
