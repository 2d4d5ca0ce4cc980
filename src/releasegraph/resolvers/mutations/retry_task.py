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
    description="Run a failed task again: in its attempt while it waits for a decision,"
    " else in a new attempt of its environment that resumes at this task."
)
class RetryTaskInput:
    task_id: relay.GlobalID


@strawberry.type
class RetryTaskPayload:
    task: Task = strawberry.field(description="The task retried (a new attempt has its own copy).")
    release: Release


@mutation(
    RetryTaskPayload,
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
)
def retry_task(info: Info, input: RetryTaskInput) -> RetryTaskPayload:
    require(info, Role.OPERATOR)
    task_id = decode(input.task_id, "Task", "taskId")
    task = fetch(info, models.Task, task_id)
    info.context.runtime.execute(
        task.release_id, commands.RetryTask(**acting(info), task_id=task_id)
    )
    return RetryTaskPayload(
        task=Task.from_row(fetch(info, models.Task, task_id)),
        release=Release.from_row(fetch(info, models.Release, task.release_id)),
    )
