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
from releasegraph.schema.scalars import KeyValueInput, as_dict


@strawberry.input(
    description="Run a failed task that waits for a decision again, with changed values."
)
class FixAndContinueInput:
    task_id: relay.GlobalID
    inputs: list[KeyValueInput] | None = strawberry.field(
        default=None, description="New values of the task's declared inputs."
    )
    variables: list[KeyValueInput] | None = strawberry.field(
        default=None, description="Release variables to add or change."
    )


@strawberry.type
class FixAndContinuePayload:
    task: Task
    release: Release


@mutation(FixAndContinuePayload, *RELEASE_COMMAND_ERRORS)
def fix_and_continue(info: Info, input: FixAndContinueInput) -> FixAndContinuePayload:
    def command(task: models.Task) -> commands.Command:
        return commands.FixAndContinue(
            **acting(info),
            task_id=task.id,
            inputs=as_dict(input.inputs) or {},
            variables=as_dict(input.variables) or {},
        )

    done = command_on(info, TASK, input.task_id, command, role=Role.OPERATOR)
    return FixAndContinuePayload(task=Task.from_row(done.row), release=done.release)
