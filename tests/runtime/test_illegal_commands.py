"""Illegal commands: each is refused with its typed error and exact code, and changes nothing.

"Nothing" is checked on the database itself: every row of every table, the
number of events and the event sequence counter are the same before and after
the refusal; and the engine, given the loaded release, raises before it touches
any of its rows. Each test then shows that the runtime carries on with a legal
command.
"""

from __future__ import annotations

import pytest

from releasegraph.engine.commands import (
    AbandonRelease,
    Approve,
    CancelDeployment,
    Command,
    DeployEnvironment,
    FixAndContinue,
    IgnoreTaskFailure,
    ReassignApproval,
    Reject,
    RejectManualIntervention,
    ResumeManualIntervention,
    RetryTask,
    StartRelease,
    Tick,
    UpdateDraftRelease,
)
from releasegraph.engine.errors import ConflictError, ErrorCode, NotFoundError, ValidationError
from releasegraph.engine.states import (
    ApprovalStage,
    ManualInterventionKind,
    ReleaseStatus,
    TaskStatus,
)
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.runtime.refusals import (
    QUICK,
    SLOW,
    SUCCEEDED,
    UNKNOWN_RELEASE,
    approve,
    decide_now,
    one_environment,
    pending_of,
    prod_id,
    prod_pair,
    refuse,
    rows_of,
    run,
    snapshot,
    start,
    task_id,
)
from tests.support import advance, latest, pair, settle


async def test_the_checks_would_see_a_change(runtime: Runtime) -> None:
    """The guard of every test below: a legal command does show in both checks."""
    release_id = await start(
        runtime, one_environment(approvals="{approvers: [alice]}", tasks=QUICK)
    )
    command = Approve(actor="alice", approval_id=pending_of(runtime, release_id, "alice"))
    before, state = snapshot(runtime), runtime.load(release_id)
    rows = rows_of(state)

    decide_now(runtime, state, command)
    runtime.execute(release_id, command)

    assert rows_of(state) != rows
    after = snapshot(runtime)
    assert (after.events > before.events, after.sequence > before.sequence) == (True, True)
    assert after.rows["approval"] != before.rows["approval"]


# --- approvals ------------------------------------------------------------------------


async def test_approving_twice_is_refused(runtime: Runtime) -> None:
    release_id = await start(
        runtime, one_environment(approvals="{approvers: [alice, bob]}", tasks=QUICK)
    )
    alice = pending_of(runtime, release_id, "alice")
    await run(runtime, release_id, Approve(actor="alice", approval_id=alice))

    refuse(
        runtime, release_id, Approve(actor="alice", approval_id=alice), ErrorCode.INVALID_TRANSITION
    )

    await approve(runtime, release_id, "bob")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_approving_a_stage_twice_through_a_group_is_refused(runtime: Runtime) -> None:
    approvals = "{approvers: [alice, 'group:ops']}"
    release_id = await start(runtime, one_environment(approvals=approvals, tasks=QUICK))
    ops = frozenset({"ops"})
    await approve(runtime, release_id, "alice")

    group_approval = pending_of(runtime, release_id, "group:ops")
    refuse(
        runtime,
        release_id,
        Approve(actor="alice", groups=ops, approval_id=group_approval),
        ErrorCode.PERMISSION_DENIED,
    )

    await approve(runtime, release_id, "group:ops", by="olga")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_approving_as_someone_not_asked_is_refused(runtime: Runtime) -> None:
    release_id = await start(
        runtime, one_environment(approvals="{approvers: [alice]}", tasks=QUICK)
    )
    alice = pending_of(runtime, release_id, "alice")

    refuse(
        runtime,
        release_id,
        Approve(actor="mallory", approval_id=alice),
        ErrorCode.PERMISSION_DENIED,
    )

    await approve(runtime, release_id, "alice")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_the_creator_may_not_approve_when_the_definition_says_so(runtime: Runtime) -> None:
    approvals = "{approvers: [dave, alice], requiredCount: 1, creatorCanApprove: false}"
    release_id = await start(
        runtime, one_environment(approvals=approvals, tasks=QUICK), creator="dave"
    )

    refuse(
        runtime,
        release_id,
        Approve(actor="dave", approval_id=pending_of(runtime, release_id, "dave")),
        ErrorCode.PERMISSION_DENIED,
    )

    await approve(runtime, release_id, "alice")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_approving_out_of_sequential_order_is_refused(runtime: Runtime) -> None:
    approvals = "{approvers: [alice, bob], order: SEQUENTIAL}"
    release_id = await start(runtime, one_environment(approvals=approvals, tasks=QUICK))
    bob = pending_of(runtime, release_id, "bob")

    refuse(runtime, release_id, Approve(actor="bob", approval_id=bob), ErrorCode.INVALID_TRANSITION)

    await approve(runtime, release_id, "alice")
    await run(runtime, release_id, Approve(actor="bob", approval_id=bob))
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_deferring_a_post_deploy_approval_is_refused(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, one_environment(post="{approvers: [alice]}", tasks=QUICK))
    alice = pending_of(runtime, release_id, "alice")
    assert runtime.load(release_id).approvals[0].stage == ApprovalStage.POST_DEPLOY

    error = refuse(
        runtime,
        release_id,
        Approve(actor="alice", approval_id=alice, defer_until=clock.now().replace(year=2027)),
        ErrorCode.VALIDATION_FAILED,
    )

    assert isinstance(error, ValidationError)
    assert [issue.path for issue in error.issues] == ["deferUntil"]
    await approve(runtime, release_id, "alice")
    assert prod_pair(runtime, release_id) == SUCCEEDED


# --- tasks and manual interventions -----------------------------------------------------


async def test_retrying_a_succeeded_task_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=QUICK))
    assert runtime.load(release_id).tasks[0].status == TaskStatus.SUCCEEDED

    refuse(
        runtime,
        release_id,
        RetryTask(actor="erin", task_id=task_id(runtime, release_id)),
        ErrorCode.INVALID_TRANSITION,
    )

    await run(
        runtime,
        release_id,
        DeployEnvironment(actor="erin", environment_id=prod_id(runtime, release_id)),
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
        IgnoreTaskFailure(actor="erin", task_id=task_id(runtime, release_id)),
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
        ResumeManualIntervention(actor="erin", intervention_id=failure.id),
        ErrorCode.INVALID_TRANSITION,
    )

    await run(runtime, release_id, RetryTask(actor="erin", task_id=failure.task_id))
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_fix_and_continue_with_an_unknown_input_is_refused(runtime: Runtime) -> None:
    release_id = await prompted_failure(runtime)
    task = task_id(runtime, release_id)

    error = refuse(
        runtime,
        release_id,
        FixAndContinue(actor="erin", task_id=task, inputs={"lable": "second"}),
        ErrorCode.VALIDATION_FAILED,
    )

    assert isinstance(error, ValidationError)
    assert [issue.path for issue in error.issues] == ["inputs.lable"]
    await run(
        runtime, release_id, FixAndContinue(actor="erin", task_id=task, inputs={"label": "second"})
    )
    state = runtime.load(release_id)
    assert (state.tasks[0].inputs, pair(latest(state, "prod"))) == ({"label": "second"}, SUCCEEDED)


# --- deployments and the release --------------------------------------------------------


async def test_deploying_in_an_abandoned_release_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW))
    await run(runtime, release_id, AbandonRelease(actor="erin"))

    refuse(
        runtime,
        release_id,
        DeployEnvironment(actor="erin", environment_id=prod_id(runtime, release_id)),
        ErrorCode.INVALID_TRANSITION,
    )

    await still_releases(runtime, runtime.load(release_id).release.definition_id)


async def test_abandoning_twice_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW))
    await run(runtime, release_id, AbandonRelease(actor="erin"))
    assert runtime.load(release_id).release.status == ReleaseStatus.ABANDONED

    refuse(runtime, release_id, AbandonRelease(actor="erin"), ErrorCode.INVALID_TRANSITION)

    await still_releases(runtime, runtime.load(release_id).release.definition_id)


async def still_releases(runtime: Runtime, definition_id: str) -> None:
    """A new release of the same definition starts deploying."""
    release_id = runtime.create_release(definition_id, actor="dave", start=True)
    await settle(runtime)
    assert runtime.load(release_id).release.status == ReleaseStatus.ACTIVE
    assert prod_pair(runtime, release_id)[0] == St.IN_PROGRESS


async def test_editing_the_artifacts_of_an_active_release_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=QUICK))

    refuse(
        runtime,
        release_id,
        UpdateDraftRelease(actor="erin", artifacts={"web": "2.0"}),
        ErrorCode.INVALID_TRANSITION,
    )

    definition_id = runtime.load(release_id).release.definition_id
    draft_id = runtime.create_release(definition_id, actor="dave")
    await run(runtime, draft_id, UpdateDraftRelease(actor="erin", artifacts={"web": "2.0"}))
    await run(runtime, draft_id, StartRelease(actor="erin"))
    state = runtime.load(draft_id)
    assert (state.release.artifacts, pair(latest(state, "prod"))) == ({"web": "2.0"}, SUCCEEDED)


async def test_starting_a_started_release_is_refused(runtime: Runtime, clock: ManualClock) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW))

    refuse(runtime, release_id, StartRelease(actor="erin"), ErrorCode.INVALID_TRANSITION)

    await advance(runtime, clock, 60)
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_canceling_an_environment_with_no_deployment_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=QUICK, extra="trigger: MANUAL"))

    refuse(
        runtime,
        release_id,
        CancelDeployment(actor="erin", environment_id=prod_id(runtime, release_id)),
        ErrorCode.INVALID_TRANSITION,
    )

    await run(
        runtime,
        release_id,
        DeployEnvironment(actor="erin", environment_id=prod_id(runtime, release_id)),
    )
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_deploying_an_environment_already_under_way_is_refused(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW))
    prod = prod_id(runtime, release_id)

    refuse(
        runtime,
        release_id,
        DeployEnvironment(actor="erin", environment_id=prod),
        ErrorCode.INVALID_TRANSITION,
    )

    await advance(runtime, clock, 60)
    await run(runtime, release_id, DeployEnvironment(actor="erin", environment_id=prod))
    assert latest(runtime.load(release_id), "prod").attempt == 2


# --- unknown ids ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "entity"),
    [
        (Approve(actor="alice", approval_id="no-such-approval"), "Approval"),
        (ReassignApproval(actor="alice", approval_id="no-such-approval", to="bob"), "Approval"),
        (Reject(actor="alice", approval_id="no-such-approval"), "Approval"),
        (RetryTask(actor="erin", task_id="no-such-task"), "Task"),
        (FixAndContinue(actor="erin", task_id="no-such-task"), "Task"),
        (IgnoreTaskFailure(actor="erin", task_id="no-such-task"), "Task"),
        (DeployEnvironment(actor="erin", environment_id="no-such-env"), "ReleaseEnvironment"),
        (CancelDeployment(actor="erin", environment_id="no-such-env"), "ReleaseEnvironment"),
        (ResumeManualIntervention(actor="erin", intervention_id="nope"), "ManualIntervention"),
        (RejectManualIntervention(actor="erin", intervention_id="nope"), "ManualIntervention"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Command) else str(value),
)
async def test_an_unknown_id_is_not_found(runtime: Runtime, command: Command, entity: str) -> None:
    release_id = await start(
        runtime, one_environment(approvals="{approvers: [alice]}", tasks=QUICK)
    )

    error = refuse(runtime, release_id, command, ErrorCode.NOT_FOUND)

    assert isinstance(error, NotFoundError)
    assert error.entity == entity
    await approve(runtime, release_id, "alice")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_an_unknown_release_is_not_found(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=QUICK))

    error = refuse(runtime, UNKNOWN_RELEASE, Tick(actor="erin"), ErrorCode.NOT_FOUND)
    assert isinstance(error, NotFoundError)
    assert (error.entity, error.entity_id) == ("Release", UNKNOWN_RELEASE)
    refuse(runtime, UNKNOWN_RELEASE, AbandonRelease(actor="erin"), ErrorCode.NOT_FOUND)

    await run(runtime, release_id, AbandonRelease(actor="erin"))
    assert runtime.load(release_id).release.status == ReleaseStatus.ABANDONED


async def test_a_release_of_an_unknown_definition_is_not_found(runtime: Runtime) -> None:
    await start(runtime, one_environment(tasks=QUICK))
    before = snapshot(runtime)

    with pytest.raises(NotFoundError) as refused:
        runtime.create_release("no-such-definition", actor="dave", start=True)

    assert (refused.value.code, refused.value.entity) == (ErrorCode.NOT_FOUND, "ReleaseDefinition")
    assert snapshot(runtime) == before


# --- definitions ------------------------------------------------------------------------


async def test_a_definition_with_a_taken_name_is_refused(runtime: Runtime) -> None:
    source = one_environment(tasks=QUICK)
    runtime.create_definition(source, actor="dave")
    before = snapshot(runtime)

    with pytest.raises(ConflictError) as refused:
        runtime.create_definition(source, actor="erin")

    assert refused.value.code == ErrorCode.CONFLICT
    assert snapshot(runtime) == before
    renamed = source.replace("name: illegal", "name: illegal-2")
    assert runtime.create_definition(renamed, actor="erin").name == "illegal-2"


async def test_an_invalid_definition_is_refused_and_nothing_stored(runtime: Runtime) -> None:
    source = one_environment(tasks="[{name: deploy, kind: scirpt}]", extra="trigger: SOMETIMES")
    before = snapshot(runtime)

    with pytest.raises(ValidationError) as refused:
        runtime.create_definition(source, actor="dave")

    assert refused.value.code == ErrorCode.VALIDATION_FAILED
    assert [issue.path for issue in refused.value.issues] == [
        "environments[0].trigger",
        "environments[0].phases[0].tasks[0].kind",
    ]
    assert snapshot(runtime) == before
    assert before.rows["release_definition"] == []
    fixed = runtime.create_definition(one_environment(tasks=QUICK), actor="dave")
    assert fixed.name == "illegal"
