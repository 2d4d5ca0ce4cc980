"""Failing tasks: continueOnError, retries, the PROMPT decisions (retry, ignore,
fix-and-continue, fail), a retry after a failed attempt, and a redeploy."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, select

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import (
    Approve,
    DeployEnvironment,
    FixAndContinue,
    IgnoreTaskFailure,
    RejectManualIntervention,
    RetryTask,
)
from releasegraph.engine.errors import InvalidTransitionError
from releasegraph.engine.states import (
    ApprovalStatus,
    DeploymentReason,
    DeployPhaseStatus,
    EnvironmentStatus,
    ManualInterventionKind,
    ManualInterventionStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.models import DeploymentAttempt, ManualIntervention, Task, TaskLogLine
from releasegraph.runtime.service import Runtime
from tests.support import definition, env, latest, pair, settle, start

R, T = RunStatus, TaskStatus


def one_phase(tasks: str, *, on_failure: str = "FAIL", extra: str = "") -> str:
    return definition(
        f"""
        name: failing
        variables: {{region: eu-west}}
        environments:
          - name: staging
            onTaskFailure: {on_failure}
            {extra}
            phases:
              - name: deploy
                tasks: {tasks}
        """
    )


def task(state: ReleaseState, name: str, attempt: DeploymentAttempt | None = None) -> Task:
    attempt = attempt or latest(state, "staging")
    return next(t for t in state.tasks if t.name == name and t.attempt_id == attempt.id)


def runs(state: ReleaseState, name: str) -> list[tuple[int, RunStatus]]:
    return [(r.number, r.status) for r in state.runs_of(task(state, name))]


def task_statuses(state: ReleaseState, attempt: DeploymentAttempt) -> dict[str, TaskStatus]:
    return {t.name: t.status for p in state.phases_of(attempt) for t in state.tasks_of(p)}


def failure(state: ReleaseState) -> ManualIntervention:
    (pending,) = [
        i
        for i in state.interventions
        if i.kind == ManualInterventionKind.FAILURE and i.status == ManualInterventionStatus.PENDING
    ]
    return pending


def log_of(runtime: Runtime, task_id: str) -> list[str]:
    with runtime.session() as session:
        query = select(TaskLogLine).where(col(TaskLogLine.task_id) == task_id)
        return [line.text for line in session.exec(query.order_by(col(TaskLogLine.line)))]


async def test_continue_on_error_ends_the_phase_partially_succeeded(runtime: Runtime) -> None:
    release_id = await start(
        runtime,
        one_phase(
            "[{name: lint, kind: simulate, outcome: FAILED, continueOnError: true},"
            " {name: deploy, kind: simulate}]"
        ),
    )

    state = runtime.load(release_id)
    attempt = latest(state, "staging")
    assert task_statuses(state, attempt) == {"lint": T.FAILED, "deploy": T.SUCCEEDED}
    assert [p.status for p in state.phases_of(attempt)] == [DeployPhaseStatus.PARTIALLY_SUCCEEDED]
    assert pair(attempt) == (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED)
    assert env(state, "staging").status == EnvironmentStatus.PARTIALLY_SUCCEEDED
    assert state.release.execution_status == Exec.PARTIAL_SUCCESS


async def test_retries_run_a_failed_task_again_and_keep_every_run(runtime: Runtime) -> None:
    release_id = await start(
        runtime,
        one_phase(
            "[{name: flaky, kind: simulate, failTimes: 2, retries: 2},"
            " {name: stubborn, kind: simulate, failTimes: 2, retries: 1}]"
        ),
    )

    state = runtime.load(release_id)
    assert runs(state, "flaky") == [(1, R.FAILED), (2, R.FAILED), (3, R.SUCCEEDED)]
    assert [r.error for r in state.runs_of(task(state, "flaky"))] == [
        "simulated failure",
        "simulated failure",
        None,
    ]
    assert runs(state, "stubborn") == [(1, R.FAILED), (2, R.FAILED)]
    assert task_statuses(state, latest(state, "staging")) == {
        "flaky": T.SUCCEEDED,
        "stubborn": T.FAILED,
    }
    assert pair(latest(state, "staging")) == (St.FAILED, Op.PHASE_FAILED)
    assert state.release.execution_status == Exec.FAILED


PROMPTED = "[{name: flaky, kind: simulate, failTimes: 1}, {name: after, kind: simulate}]"


async def test_prompt_waits_for_a_decision_then_retry_runs_it_again(runtime: Runtime) -> None:
    release_id = await start(runtime, one_phase(PROMPTED, on_failure="PROMPT"))
    state = runtime.load(release_id)
    assert pair(latest(state, "staging")) == (St.IN_PROGRESS, Op.MANUAL_INTERVENTION_PENDING)
    assert task(state, "flaky").status == T.FAILED
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.ON_HOLD, 1)
    assert failure(state).instructions == "task 'flaky' failed"

    runtime.execute(
        release_id, RetryTask(actor="erin", operator=True, task_id=task(state, "flaky").id)
    )
    await settle(runtime)

    state = runtime.load(release_id)
    (decided,) = state.interventions
    assert (decided.status, decided.resolution, decided.acted_by) == (
        ManualInterventionStatus.APPROVED,
        "retry",
        "erin",
    )
    assert runs(state, "flaky") == [(1, R.FAILED), (2, R.SUCCEEDED)]
    assert task_statuses(state, latest(state, "staging")) == {
        "flaky": T.SUCCEEDED,
        "after": T.SUCCEEDED,
    }
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)
    assert state.release.execution_status == Exec.SUCCEEDED


async def test_prompt_then_ignore_marks_the_task_ignored(runtime: Runtime) -> None:
    release_id = await start(runtime, one_phase(PROMPTED, on_failure="PROMPT"))
    flaky_id = task(runtime.load(release_id), "flaky").id

    runtime.execute(release_id, IgnoreTaskFailure(actor="erin", operator=True, task_id=flaky_id))
    await settle(runtime)

    state = runtime.load(release_id)
    attempt = latest(state, "staging")
    assert task_statuses(state, attempt) == {"flaky": T.IGNORED, "after": T.SUCCEEDED}
    assert runs(state, "flaky") == [(1, R.FAILED)]
    assert [p.status for p in state.phases_of(attempt)] == [DeployPhaseStatus.PARTIALLY_SUCCEEDED]
    assert pair(attempt) == (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED)
    assert state.release.execution_status == Exec.PARTIAL_SUCCESS
    with pytest.raises(InvalidTransitionError):
        runtime.execute(
            release_id, IgnoreTaskFailure(actor="erin", operator=True, task_id=flaky_id)
        )


async def test_fix_and_continue_runs_again_with_changed_input_and_variable(
    runtime: Runtime,
) -> None:
    script = 'echo "$INPUT_TARGET $REGION"; [ "$INPUT_TARGET" = good ] && [ "$REGION" = us-east ]'
    release_id = await start(
        runtime,
        one_phase(
            f"[{{name: check, kind: script, run: '{script}', inputs: {{target: bad}}}}]",
            on_failure="PROMPT",
        ),
    )
    state = runtime.load(release_id)
    check = task(state, "check")
    assert runs(state, "check") == [(1, R.FAILED)]
    assert [r.exit_code for r in state.runs_of(check)] == [1]
    assert pair(latest(state, "staging")) == (St.IN_PROGRESS, Op.MANUAL_INTERVENTION_PENDING)

    runtime.execute(
        release_id,
        FixAndContinue(
            actor="erin",
            operator=True,
            task_id=check.id,
            inputs={"target": "good"},
            variables={"region": "us-east"},
        ),
    )
    await settle(runtime)

    state = runtime.load(release_id)
    assert runs(state, "check") == [(1, R.FAILED), (2, R.SUCCEEDED)]
    assert task(state, "check").inputs == {"target": "good"}
    assert state.release.variables == {"region": "us-east"}
    assert log_of(runtime, check.id) == ["bad eu-west", "good us-east"]
    (decided,) = state.interventions
    assert (decided.resolution, decided.values) == ("fixAndContinue", {"target": "good"})
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)


async def test_prompt_then_fail_fails_the_attempt_after_always_run_tasks(
    runtime: Runtime,
) -> None:
    release_id = await start(
        runtime,
        one_phase(
            "[{name: flaky, kind: simulate, failTimes: 1}, {name: after, kind: simulate},"
            " {name: cleanup, kind: simulate, alwaysRun: true}]",
            on_failure="PROMPT",
        ),
    )
    intervention = failure(runtime.load(release_id))

    runtime.execute(
        release_id,
        RejectManualIntervention(actor="erin", operator=True, intervention_id=intervention.id),
    )
    await settle(runtime)

    state = runtime.load(release_id)
    attempt = latest(state, "staging")
    assert state.intervention(intervention.id).status == ManualInterventionStatus.REJECTED
    assert state.intervention(intervention.id).resolution == "fail"
    assert task_statuses(state, attempt) == {
        "flaky": T.FAILED,
        "after": T.SKIPPED,
        "cleanup": T.SUCCEEDED,
    }
    assert [p.status for p in state.phases_of(attempt)] == [DeployPhaseStatus.FAILED]
    assert pair(attempt) == (St.FAILED, Op.PHASE_FAILED)
    assert state.release.execution_status == Exec.FAILED


def two_phases(marker: Path) -> str:
    migrate = f"if [ -e {marker} ]; then exit 0; fi; touch {marker}; exit 3"
    return definition(
        f"""
        name: resumable
        environments:
          - name: staging
            preDeployApprovals: {{approvers: [alice]}}
            phases:
              - name: prepare
                runOn: SERVER
                tasks:
                  - {{name: prepare, kind: simulate}}
              - name: deploy
                tasks:
                  - {{name: backup, kind: simulate}}
                  - {{name: migrate, kind: script, run: '{migrate}'}}
                  - {{name: finish, kind: simulate}}
        """
    )


async def approve_all(runtime: Runtime, release_id: str) -> None:
    for approval in runtime.load(release_id).approvals:
        if approval.status == ApprovalStatus.PENDING:
            runtime.execute(release_id, Approve(actor="alice", approval_id=approval.id))
    await settle(runtime)


async def test_retry_after_a_failed_attempt_resumes_at_the_failed_task(
    runtime: Runtime, tmp_path: Path
) -> None:
    release_id = await start(runtime, two_phases(tmp_path / "migrated"))
    await approve_all(runtime, release_id)
    state = runtime.load(release_id)
    first = latest(state, "staging")
    assert pair(first) == (St.FAILED, Op.PHASE_FAILED)
    assert task_statuses(state, first) == {
        "prepare": T.SUCCEEDED,
        "backup": T.SUCCEEDED,
        "migrate": T.FAILED,
        "finish": T.SKIPPED,
    }
    assert [r.exit_code for r in state.runs_of(task(state, "migrate"))] == [3]
    with pytest.raises(InvalidTransitionError):
        runtime.execute(release_id, RetryTask(actor="dave", task_id=task(state, "backup").id))

    runtime.execute(release_id, RetryTask(actor="dave", task_id=task(state, "migrate").id))
    await settle(runtime)

    state = runtime.load(release_id)
    second = latest(state, "staging")
    assert (second.attempt, second.reason, pair(second)) == (
        2,
        DeploymentReason.RETRY,
        (St.SUCCEEDED, Op.APPROVED),
    )
    assert [a.attempt_id for a in state.approvals] == [first.id]
    assert task_statuses(state, second) == dict.fromkeys(
        ["prepare", "backup", "migrate", "finish"], T.SUCCEEDED
    )
    carried = {t.name: t.carried_over for p in state.phases_of(second) for t in state.tasks_of(p)}
    assert carried == {"prepare": True, "backup": True, "migrate": False, "finish": False}
    assert {name: runs(state, name) for name in carried} == {
        "prepare": [],
        "backup": [],
        "migrate": [(2, R.SUCCEEDED)],  # its run 1 failed in the first attempt
        "finish": [(1, R.SUCCEEDED)],
    }
    assert [p.status for p in state.phases_of(second)] == [DeployPhaseStatus.SUCCEEDED] * 2
    assert state.release.execution_status == Exec.SUCCEEDED


async def test_redeploy_runs_a_whole_new_attempt(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "migrated").touch()
    release_id = await start(runtime, two_phases(tmp_path / "migrated"))
    await approve_all(runtime, release_id)
    state = runtime.load(release_id)
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)

    runtime.execute(
        release_id, DeployEnvironment(actor="dave", environment_id=env(state, "staging").id)
    )
    await settle(runtime)
    state = runtime.load(release_id)
    second = latest(state, "staging")
    assert (second.attempt, second.reason, pair(second)) == (
        2,
        DeploymentReason.REDEPLOY,
        (St.NOT_DEPLOYED, Op.PENDING),
    )
    assert state.release.execution_status == Exec.ON_HOLD

    await approve_all(runtime, release_id)
    state = runtime.load(release_id)
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)
    assert not any(t.carried_over for t in state.tasks)
    assert runs(state, "prepare") == [(1, R.SUCCEEDED)]
    assert len(state.runs) == 8
    assert [a.attempt for a in state.attempts_of(env(state, "staging"))] == [1, 2]
