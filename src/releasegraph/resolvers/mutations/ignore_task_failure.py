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


@mutation(
    IgnoreTaskFailurePayload,
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
)
def ignore_task_failure(info: Info, input: IgnoreTaskFailureInput) -> IgnoreTaskFailurePayload:
    require(info, Role.OPERATOR)
    task_id = decode(input.task_id, "Task", "taskId")
    task = fetch(info, models.Task, task_id)
    info.context.runtime.execute(
        task.release_id, commands.IgnoreTaskFailure(**acting(info), task_id=task_id)
    )
    return IgnoreTaskFailurePayload(
        task=Task.from_row(fetch(info, models.Task, task_id)),
        release=Release.from_row(fetch(info, models.Release, task.release_id)),
    )
