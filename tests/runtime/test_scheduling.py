"""Starting releases on demand, at a scheduled time, before it (pre-execution), and
deployments of a manual environment scheduled for later."""

from __future__ import annotations

from datetime import timedelta

import pytest

from releasegraph.engine.commands import (
    CancelDeployment,
    CreateRelease,
    CreateReleaseDefinition,
    DeployEnvironment,
    ScheduleRelease,
    StartRelease,
)
from releasegraph.engine.errors import InvalidTransitionError, ValidationError
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import (
    DeploymentReason,
    EnvironmentStatus,
    ReleaseExecutionStatus,
    ReleaseStatus,
)
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import advance, definition, env, latest, pair, settle

ONE_ENVIRONMENT = definition(
    """
    name: nightly
    environments:
      - name: staging
        phases:
          - name: deploy
            runOn: SERVER
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 5}
    """
)

WITH_MANUAL = definition(
    """
    name: with-manual
    environments:
      - name: staging
        phases:
          - name: deploy
            runOn: SERVER
            tasks:
              - {name: deploy, kind: simulate}
      - name: production
        trigger: MANUAL
        phases:
          - name: deploy
            runOn: SERVER
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 2}
    """
)


async def test_scheduled_release_waits_as_a_draft(runtime: Runtime, clock: ManualClock) -> None:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="alice", source=ONE_ENVIRONMENT)
    ).id
    start_at = clock.now() + timedelta(hours=1)

    release_id = runtime.create_release(
        CreateRelease(actor="alice", definition_id=definition_id, scheduled_start_time=start_at)
    )
    await advance(runtime, clock, 1800)

    state = runtime.load(release_id)
    assert state.release.status == ReleaseStatus.DRAFT
    assert state.release.execution_status == ReleaseExecutionStatus.SCHEDULED
    assert state.release.scheduled_start_time == start_at
    assert state.release.started_on is None
    assert state.attempts == []
    assert env(state, "staging").status == EnvironmentStatus.NOT_STARTED


async def test_pre_execution_starts_a_scheduled_release_now(
    runtime: Runtime, clock: ManualClock
) -> None:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="alice", source=ONE_ENVIRONMENT)
    ).id
    release_id = runtime.create_release(
        CreateRelease(
            actor="alice",
            definition_id=definition_id,
            scheduled_start_time=clock.now() + timedelta(hours=1),
        )
    )
    await advance(runtime, clock, 600)

    runtime.execute(release_id, StartRelease(actor="bob"))
    await settle(runtime)

    state = runtime.load(release_id)
    assert state.release.status == ReleaseStatus.ACTIVE
    assert state.release.execution_status == ReleaseExecutionStatus.RUNNING
    assert state.release.started_on == clock.now()
    assert pair(latest(state, "staging")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
    assert latest(state, "staging").requested_by == "bob"

    await advance(runtime, clock, 5)
    state = runtime.load(release_id)
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED
    assert len(state.attempts) == 1


async def test_scheduled_release_starts_by_itself_when_the_clock_passes(
    runtime: Runtime, clock: ManualClock
) -> None:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="alice", source=ONE_ENVIRONMENT)
    ).id
    start_at = clock.now() + timedelta(minutes=10)
    release_id = runtime.create_release(
        CreateRelease(actor="alice", definition_id=definition_id, scheduled_start_time=start_at)
    )

    await advance(runtime, clock, 599)
    assert runtime.load(release_id).release.status == ReleaseStatus.DRAFT

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert state.release.status == ReleaseStatus.ACTIVE
    assert state.release.started_on == start_at
    assert state.release.execution_status == ReleaseExecutionStatus.RUNNING
    assert pair(latest(state, "staging")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)

    await advance(runtime, clock, 5)
    state = runtime.load(release_id)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED


async def test_schedule_release_command_on_a_draft(runtime: Runtime, clock: ManualClock) -> None:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="alice", source=ONE_ENVIRONMENT)
    ).id
    release_id = runtime.create_release(CreateRelease(actor="alice", definition_id=definition_id))
    assert runtime.load(release_id).release.execution_status == ReleaseExecutionStatus.NOT_STARTED

    with pytest.raises(ValidationError):
        runtime.execute(release_id, ScheduleRelease(actor="alice", start_at=clock.now()))
    runtime.execute(
        release_id, ScheduleRelease(actor="alice", start_at=clock.now() + timedelta(seconds=30))
    )
    assert runtime.load(release_id).release.execution_status == ReleaseExecutionStatus.SCHEDULED

    await advance(runtime, clock, 30)
    state = runtime.load(release_id)
    assert state.release.status == ReleaseStatus.ACTIVE
    with pytest.raises(InvalidTransitionError):
        runtime.execute(release_id, StartRelease(actor="alice"))


async def test_deployment_of_a_manual_environment_scheduled_for_later(
    runtime: Runtime, clock: ManualClock
) -> None:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="alice", source=WITH_MANUAL)
    ).id
    release_id = runtime.create_release(
        CreateRelease(actor="alice", definition_id=definition_id, start=True)
    )
    await settle(runtime)
    state = runtime.load(release_id)
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)
    assert env(state, "production").status == EnvironmentStatus.NOT_STARTED
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED
    production_id = env(state, "production").id
    deploy_at = clock.now() + timedelta(hours=2)

    runtime.execute(
        release_id,
        DeployEnvironment(actor="carol", environment_id=production_id, scheduled_at=deploy_at),
    )
    await advance(runtime, clock, 3600)

    state = runtime.load(release_id)
    attempt = latest(state, "production")
    assert pair(attempt) == (St.NOT_DEPLOYED, Op.SCHEDULED)
    assert attempt.reason == DeploymentReason.SCHEDULED
    assert attempt.requested_by == "carol"
    assert env(state, "production").status == EnvironmentStatus.SCHEDULED
    assert env(state, "production").next_scheduled_time == deploy_at
    assert state.release.execution_status == ReleaseExecutionStatus.SCHEDULED

    await advance(runtime, clock, 3600)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
    assert env(state, "production").status == EnvironmentStatus.IN_PROGRESS
    assert env(state, "production").next_scheduled_time is None
    assert state.release.execution_status == ReleaseExecutionStatus.RUNNING

    await advance(runtime, clock, 2)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.SUCCEEDED, Op.APPROVED)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED


async def test_scheduled_deployment_must_be_in_the_future(
    runtime: Runtime, clock: ManualClock
) -> None:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="alice", source=WITH_MANUAL)
    ).id
    release_id = runtime.create_release(
        CreateRelease(actor="alice", definition_id=definition_id, start=True)
    )
    await settle(runtime)
    production_id = env(runtime.load(release_id), "production").id

    with pytest.raises(ValidationError):
        runtime.execute(
            release_id,
            DeployEnvironment(
                actor="carol", environment_id=production_id, scheduled_at=clock.now()
            ),
        )

    state = runtime.load(release_id)
    assert state.attempts_of(env(state, "production")) == []


async def test_a_scheduled_deployment_canceled_before_its_time(
    runtime: Runtime, clock: ManualClock
) -> None:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="alice", source=WITH_MANUAL)
    ).id
    release_id = runtime.create_release(
        CreateRelease(actor="alice", definition_id=definition_id, start=True)
    )
    await settle(runtime)
    production_id = env(runtime.load(release_id), "production").id
    deploy_at = clock.now() + timedelta(hours=1)
    runtime.execute(
        release_id,
        DeployEnvironment(actor="carol", environment_id=production_id, scheduled_at=deploy_at),
    )

    runtime.execute(release_id, CancelDeployment(actor="carol", environment_id=production_id))
    await advance(runtime, clock, 7200)

    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.CANCELED)
    assert env(state, "production").status == EnvironmentStatus.CANCELED
    assert env(state, "production").next_scheduled_time is None
    attempt_id = latest(state, "production").id
    assert [r for r in state.runs if state.task(r.task_id).attempt_id == attempt_id] == []
    assert state.release.execution_status == ReleaseExecutionStatus.CANCELED
