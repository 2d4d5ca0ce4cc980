"""Illegal commands on tasks and manual interventions: retrying a task that succeeded,
ignoring one that has not failed, resuming a failure, fixing with an unknown input.

Each is refused by ``refuse`` (``tests.runtime.refusals``) with its typed error and exact
code and a database left as it was; the release then goes on.
"""

from __future__ import annotations

from releasegraph.engine.commands import (
    DeployEnvironment,
    FixAndContinue,
    IgnoreTaskFailure,
    ResumeManualIntervention,
    RetryTask,
)
from releasegraph.engine.errors import ErrorCode, ValidationError
from releasegraph.engine.states import ManualInterventionKind, TaskStatus
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.runtime.refusals import (
    QUICK,
    SLOW,
    SUCCEEDED,
    one_environment,
    prod_id,
    prod_pair,
    refuse,
    run,
    task_id,
)
from tests.support import advance, latest, pair, start


async def test_retrying_a_succeeded_task_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=QUICK))
    assert runtime.load(release_id).tasks[0].status == TaskStatus.SUCCEEDED

    refuse(
        runtime,
        release_id,
        RetryTask(actor="erin", operator=True, task_id=task_id(runtime, release_id)),
        ErrorCode.INVALID_TRANSITION,
    )

    await run(
        runtime,
        release_id,
        DeployEnvironment(actor="erin", operator=True, environment_id=prod_id(runtime, release_id)),
    )
    state = runtime.load(release_id)
    assert (latest(state, "prod").attempt, pair(latest(state, "prod"))) == (2, SUCCEEDED)


async def test_ignoring_a_task_that_has_not_failed_is_refused(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW, extra="onTaskFailure: PROMPT"))
    assert runtime.load(release_id).tasks[0].status == TaskStatus.IN_PROGRESS

    refuse(
        runtime,
        release_id,
        IgnoreTaskFailure(actor="erin", operator=True, task_id=task_id(runtime, release_id)),
        ErrorCode.INVALID_TRANSITION,
    )

    await advance(runtime, clock, 60)
    assert prod_pair(runtime, release_id) == SUCCEEDED


FLAKY = "[{name: deploy, kind: simulate, failTimes: 1, inputs: {label: first}}]"


async def prompted_failure(runtime: Runtime) -> str:
    release_id = await start(runtime, one_environment(tasks=FLAKY, extra="onTaskFailure: PROMPT"))
    [failure] = runtime.load(release_id).interventions
    assert failure.kind == ManualInterventionKind.FAILURE
    return release_id


async def test_resuming_a_failure_intervention_is_refused(runtime: Runtime) -> None:
    release_id = await prompted_failure(runtime)
    [failure] = runtime.load(release_id).interventions

    refuse(
        runtime,
        release_id,
        ResumeManualIntervention(actor="erin", operator=True, intervention_id=failure.id),
        ErrorCode.INVALID_TRANSITION,
    )

    await run(runtime, release_id, RetryTask(actor="erin", operator=True, task_id=failure.task_id))
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_fix_and_continue_with_an_unknown_input_is_refused(runtime: Runtime) -> None:
    release_id = await prompted_failure(runtime)
    task = task_id(runtime, release_id)

    error = refuse(
        runtime,
        release_id,
        FixAndContinue(actor="erin", operator=True, task_id=task, inputs={"lable": "second"}),
        ErrorCode.VALIDATION_FAILED,
    )

    assert isinstance(error, ValidationError)
    assert [issue.path for issue in error.issues] == ["inputs.lable"]
    await run(
        runtime,
        release_id,
        FixAndContinue(actor="erin", operator=True, task_id=task, inputs={"label": "second"}),
    )
    state = runtime.load(release_id)
    assert (state.tasks[0].inputs, pair(latest(state, "prod"))) == ({"label": "second"}, SUCCEEDED)
