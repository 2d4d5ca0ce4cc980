from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import acting, fetch, mutation, require, target
from releasegraph.resolvers.mutations.results import RELEASE_COMMAND_ERRORS, release_of
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
    require(info, Role.OPERATOR)
    task = target(info, models.Task, input.task_id, "taskId")
    command = commands.IgnoreTaskFailure(**acting(info), task_id=task.id)
    info.context.runtime.execute(task.release_id, command)
    return IgnoreTaskFailurePayload(
        task=Task.from_row(fetch(info, models.Task, task.id)),
        release=release_of(info, task.release_id),
    )
