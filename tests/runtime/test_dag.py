"""Environments as a DAG: parallel branches, a join, skipped dependents and their revival."""

from __future__ import annotations

from pathlib import Path

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import (
    DeployEnvironment,
    RetryTask,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import (
    DeploymentReason,
    DeployPhaseStatus,
    EnvironmentStatus,
    ReleaseExecutionStatus,
    TaskStatus,
)
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import advance, definition, env, latest, pair, settle, start

Env = EnvironmentStatus


def dag(build_task: str) -> str:
    """build → (test-a, test-b) → prod; test-a takes 1 s, test-b 2 s, on agents."""
    return definition(
        f"""
        name: dag
        environments:
          - name: build
            phases:
              - name: compile
                tasks:
                  - {build_task}
          - name: test-a
            trigger: AFTER_DEPENDENCIES
            dependsOn: [build]
            phases:
              - name: tests
                tasks:
                  - {{name: unit, kind: simulate, durationSeconds: 1}}
          - name: test-b
            trigger: AFTER_DEPENDENCIES
            dependsOn: [build]
            phases:
              - name: tests
                tasks:
                  - {{name: integration, kind: simulate, durationSeconds: 2}}
          - name: prod
            trigger: AFTER_DEPENDENCIES
            dependsOn: [test-a, test-b]
            phases:
              - name: deploy
                runOn: SERVER
                tasks:
                  - {{name: deploy, kind: simulate, durationSeconds: 1}}
        """
    )


def statuses(state: ReleaseState) -> dict[str, tuple[Env, bool]]:
    return {e.name: (e.status, e.skipped) for e in state.environments}


def fails_once(marker: Path) -> str:
    """A script that fails its first run and succeeds in every later attempt."""
    script = f"if [ -e {marker} ]; then exit 0; fi; touch {marker}; exit 1"
    return f"{{name: compile, kind: script, run: '{script}'}}"


async def test_parallel_branches_run_at_once_and_the_join_waits_for_both(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(
        runtime, dag("{name: compile, kind: simulate, durationSeconds: 1}"), creator="alice"
    )
    assert statuses(runtime.load(release_id)) == {
        "build": (Env.IN_PROGRESS, False),
        "test-a": (Env.NOT_STARTED, False),
        "test-b": (Env.NOT_STARTED, False),
        "prod": (Env.NOT_STARTED, False),
    }

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert statuses(state)["test-a"] == (Env.IN_PROGRESS, False)
    assert statuses(state)["test-b"] == (Env.IN_PROGRESS, False)
    assert pair(latest(state, "test-a")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
    assert pair(latest(state, "test-b")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
    agents = {p.agent_name for p in state.phases if p.status == DeployPhaseStatus.IN_PROGRESS}
    assert agents == {"local-1", "local-2"}

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert statuses(state)["test-a"] == (Env.SUCCEEDED, False)
    assert statuses(state)["test-b"] == (Env.IN_PROGRESS, False)
    assert statuses(state)["prod"] == (Env.NOT_STARTED, False)
    assert state.release.execution_status == ReleaseExecutionStatus.RUNNING

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert statuses(state)["test-b"] == (Env.SUCCEEDED, False)
    assert pair(latest(state, "prod")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
    assert latest(state, "prod").reason == DeploymentReason.AUTOMATED

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert {name: s for name, (s, _) in statuses(state).items()} == dict.fromkeys(
        ["build", "test-a", "test-b", "prod"], Env.SUCCEEDED
    )
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED


async def test_a_failed_dependency_skips_every_dependent(runtime: Runtime) -> None:
    release_id = await start(
        runtime, dag("{name: compile, kind: simulate, outcome: FAILED}"), creator="alice"
    )

    state = runtime.load(release_id)
    assert pair(latest(state, "build")) == (St.FAILED, Op.PHASE_FAILED)
    assert statuses(state) == {
        "build": (Env.FAILED, False),
        "test-a": (Env.NOT_STARTED, True),
        "test-b": (Env.NOT_STARTED, True),
        "prod": (Env.NOT_STARTED, True),
    }
    assert len(state.attempts) == 1
    assert state.release.execution_status == ReleaseExecutionStatus.FAILED


async def test_a_successful_retry_of_the_dependency_triggers_the_skipped_dependents(
    runtime: Runtime, clock: ManualClock, tmp_path: Path
) -> None:
    release_id = await start(runtime, dag(fails_once(tmp_path / "built")), creator="alice")
    state = runtime.load(release_id)
    assert statuses(state)["test-a"] == (Env.NOT_STARTED, True)
    failed = next(t for t in state.tasks if t.name == "compile")
    assert failed.status == TaskStatus.FAILED

    runtime.execute(release_id, RetryTask(actor="alice", task_id=failed.id))
    await settle(runtime)

    state = runtime.load(release_id)
    retry = latest(state, "build")
    assert (retry.attempt, retry.reason, pair(retry)) == (
        2,
        DeploymentReason.RETRY,
        (St.SUCCEEDED, Op.APPROVED),
    )
    assert statuses(state)["test-a"] == (Env.IN_PROGRESS, False)
    assert statuses(state)["test-b"] == (Env.IN_PROGRESS, False)
    assert statuses(state)["prod"] == (Env.NOT_STARTED, False)
    assert state.release.execution_status == ReleaseExecutionStatus.RUNNING

    await advance(runtime, clock, 2)
    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert statuses(state)["prod"] == (Env.SUCCEEDED, False)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED


async def test_a_redeploy_of_the_dependency_triggers_the_skipped_dependents(
    runtime: Runtime, clock: ManualClock, tmp_path: Path
) -> None:
    release_id = await start(runtime, dag(fails_once(tmp_path / "built")), creator="alice")
    build_id = env(runtime.load(release_id), "build").id

    runtime.execute(release_id, DeployEnvironment(actor="bob", environment_id=build_id))
    await settle(runtime)

    state = runtime.load(release_id)
    redeploy = latest(state, "build")
    assert (redeploy.attempt, redeploy.reason, redeploy.requested_by) == (
        2,
        DeploymentReason.REDEPLOY,
        "bob",
    )
    assert pair(redeploy) == (St.SUCCEEDED, Op.APPROVED)
    assert [t.carried_over for t in state.tasks if t.attempt_id == redeploy.id] == [False]
    assert statuses(state)["test-a"] == (Env.IN_PROGRESS, False)
    assert statuses(state)["test-b"] == (Env.IN_PROGRESS, False)

    await advance(runtime, clock, 2)
    await advance(runtime, clock, 1)
    assert runtime.load(release_id).release.execution_status == ReleaseExecutionStatus.SUCCEEDED
