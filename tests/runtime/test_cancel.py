"""Canceling a deployment before and while its tasks run, and abandoning a release."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import (
    AbandonRelease,
    Approve,
    CancelDeployment,
    CreateRelease,
    CreateReleaseDefinition,
    DeployEnvironment,
)
from releasegraph.engine.errors import InvalidTransitionError
from releasegraph.engine.states import (
    ApprovalStatus,
    DeployPhaseStatus,
    EnvironmentStatus,
    ReleaseStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.models import Agent
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import advance, definition, env, latest, pair, settle

T = TaskStatus

SOURCE = definition(
    """
    name: cancelable
    environments:
      - name: staging
        phases:
          - name: deploy
            tasks:
              - {name: long, kind: simulate, durationSeconds: 10}
              - {name: next, kind: simulate}
              - {name: cleanup, kind: simulate, durationSeconds: 5, alwaysRun: true}
      - name: production
        preDeployApprovals: {approvers: [alice]}
        postDeployApprovals: {approvers: [alice]}
        phases:
          - name: deploy
            runOn: SERVER
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 1}
      - name: hotfix
        trigger: MANUAL
        phases:
          - name: deploy
            runOn: SERVER
            tasks:
              - {name: deploy, kind: simulate}
    """
)


async def start(runtime: Runtime) -> str:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="dave", source=SOURCE)
    ).id
    release_id = runtime.create_release(
        CreateRelease(actor="dave", definition_id=definition_id, start=True)
    )
    await settle(runtime)
    return release_id


def tasks_of(state: ReleaseState, env_name: str) -> dict[str, TaskStatus]:
    attempt = latest(state, env_name)
    return {t.name: t.status for p in state.phases_of(attempt) for t in state.tasks_of(p)}


def agents(runtime: Runtime) -> list[Agent]:
    with runtime.session() as session:
        return list(session.exec(select(Agent).order_by(col(Agent.name))))


async def cancel(runtime: Runtime, release_id: str, env_name: str) -> None:
    env_id = env(runtime.load(release_id), env_name).id
    runtime.execute(release_id, CancelDeployment(actor="carol", environment_id=env_id))
    await settle(runtime)


async def test_cancel_before_tasks_run(runtime: Runtime) -> None:
    release_id = await start(runtime)
    assert pair(latest(runtime.load(release_id), "production")) == (St.NOT_DEPLOYED, Op.PENDING)

    await cancel(runtime, release_id, "production")

    state = runtime.load(release_id)
    attempt = latest(state, "production")
    assert pair(attempt) == (St.NOT_DEPLOYED, Op.CANCELED)
    assert (attempt.last_modified_by, attempt.started_on) == ("carol", None)
    assert [a.status for a in state.approvals] == [ApprovalStatus.CANCELED]
    assert env(state, "production").status == EnvironmentStatus.CANCELED
    assert [p.status for p in state.phases_of(attempt)] == [DeployPhaseStatus.NOT_STARTED]
    assert state.runs_of(state.tasks_of(state.phases_of(attempt)[0])[0]) == []


async def test_cancel_while_tasks_run_waits_for_always_run_tasks(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime)
    await advance(runtime, clock, 2)

    await cancel(runtime, release_id, "staging")

    state = runtime.load(release_id)
    attempt = latest(state, "staging")
    assert pair(attempt) == (St.IN_PROGRESS, Op.CANCELLING)
    assert attempt.last_modified_by == "carol"
    assert [p.status for p in state.phases_of(attempt)] == [DeployPhaseStatus.CANCELLING]
    assert tasks_of(state, "staging") == {
        "long": T.CANCELED,
        "next": T.SKIPPED,
        "cleanup": T.IN_PROGRESS,
    }
    (long_run,) = state.runs_of(state.tasks_of(state.phases_of(attempt)[0])[0])
    assert (long_run.status, long_run.error) == (RunStatus.CANCELED, "canceled by carol")
    assert env(state, "staging").status == EnvironmentStatus.IN_PROGRESS
    with pytest.raises(InvalidTransitionError):
        await cancel(runtime, release_id, "staging")

    await advance(runtime, clock, 4)
    assert pair(latest(runtime.load(release_id), "staging")) == (St.IN_PROGRESS, Op.CANCELLING)
    await advance(runtime, clock, 1)

    state = runtime.load(release_id)
    attempt = latest(state, "staging")
    assert pair(attempt) == (St.FAILED, Op.CANCELED)
    assert tasks_of(state, "staging")["cleanup"] == T.SUCCEEDED
    assert [p.status for p in state.phases_of(attempt)] == [DeployPhaseStatus.CANCELED]
    assert env(state, "staging").status == EnvironmentStatus.CANCELED
    assert {a.name: a.phase_id for a in agents(runtime)} == {"local-1": None, "local-2": None}


async def test_cancel_while_a_post_deploy_approval_waits(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime)
    state = runtime.load(release_id)
    runtime.execute(release_id, Approve(actor="alice", approval_id=state.approvals[0].id))
    await advance(runtime, clock, 1)
    assert pair(latest(runtime.load(release_id), "production")) == (St.IN_PROGRESS, Op.PENDING)

    await cancel(runtime, release_id, "production")

    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.FAILED, Op.CANCELED)
    assert sorted(a.status for a in state.approvals) == [
        ApprovalStatus.APPROVED,
        ApprovalStatus.CANCELED,
    ]


async def test_a_canceled_deployment_with_nothing_failed_cancels_the_release(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime)
    await cancel(runtime, release_id, "production")
    assert runtime.load(release_id).release.execution_status == Exec.RUNNING

    await advance(runtime, clock, 10)
    await advance(runtime, clock, 5)

    state = runtime.load(release_id)
    assert env(state, "staging").status == EnvironmentStatus.SUCCEEDED
    assert env(state, "hotfix").status == EnvironmentStatus.NOT_STARTED
    assert state.release.execution_status == Exec.CANCELED
    assert state.release.status == ReleaseStatus.ACTIVE


async def test_abandon_cancels_everything_and_is_final(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime)
    await advance(runtime, clock, 2)

    runtime.execute(release_id, AbandonRelease(actor="carol", comment="wrong build"))
    await settle(runtime)

    state = runtime.load(release_id)
    assert (state.release.status, state.release.execution_status) == (
        ReleaseStatus.ABANDONED,
        Exec.CANCELED,
    )
    assert state.release.modified_by == "carol"
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.CANCELED)
    assert pair(latest(state, "staging")) == (St.IN_PROGRESS, Op.CANCELLING)
    assert state.release.input_required_count == 0

    await advance(runtime, clock, 5)
    state = runtime.load(release_id)
    assert pair(latest(state, "staging")) == (St.FAILED, Op.CANCELED)
    assert tasks_of(state, "staging") == {
        "long": T.CANCELED,
        "next": T.SKIPPED,
        "cleanup": T.SUCCEEDED,
    }
    assert {e.name: e.status for e in state.environments} == {
        "staging": EnvironmentStatus.CANCELED,
        "production": EnvironmentStatus.CANCELED,
        "hotfix": EnvironmentStatus.NOT_STARTED,
    }
    assert state.release.execution_status == Exec.CANCELED
    hotfix_id = env(state, "hotfix").id
    with pytest.raises(InvalidTransitionError):
        runtime.execute(release_id, DeployEnvironment(actor="carol", environment_id=hotfix_id))
    with pytest.raises(InvalidTransitionError):
        runtime.execute(release_id, AbandonRelease(actor="carol"))
