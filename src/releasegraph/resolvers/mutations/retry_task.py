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
    description="Run a failed task again: in its attempt while it waits for a decision,"
    " else in a new attempt of its environment that resumes at this task."
)
class RetryTaskInput:
    task_id: relay.GlobalID


@strawberry.type
class RetryTaskPayload:
    task: Task = strawberry.field(description="The task retried (a new attempt has its own copy).")
    release: Release


@mutation(RetryTaskPayload, *RELEASE_COMMAND_ERRORS)
def retry_task(info: Info, input: RetryTaskInput) -> RetryTaskPayload:
    def command(task: models.Task) -> commands.Command:
        return commands.RetryTask(**acting(info), task_id=task.id)

    done = command_on(info, TASK, input.task_id, command, role=Role.OPERATOR)
    return RetryTaskPayload(task=Task.from_row(done.row), release=done.release)
