"""The release outcome of ARCHITECTURE.md §2, derived from its environments."""

from __future__ import annotations

from datetime import timedelta

from releasegraph.engine.commands import (
    CancelDeployment,
    DeployEnvironment,
)
from releasegraph.engine.states import EnvironmentStatus, ReleaseStatus
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import advance, definition, env, settle, start

Env = EnvironmentStatus


def stage(
    name: str,
    *,
    outcome: str = "SUCCEEDED",
    trigger: str = "AFTER_RELEASE",
    critical: bool = True,
    depends_on: str = "",
    seconds: int = 0,
) -> str:
    depends = f"[{depends_on}]" if depends_on else "[]"
    return (
        f"{{name: {name}, trigger: {trigger}, dependsOn: {depends},"
        f" critical: {str(critical).lower()}, phases: [{{name: deploy, runOn: SERVER, tasks: ["
        f"{{name: deploy, kind: simulate, outcome: {outcome}, durationSeconds: {seconds}}}]}}]}}"
    )


def release_of(*stages: str, partial: bool = False) -> str:
    listed = "\n".join(f"  - {s}" for s in stages)
    return definition(
        f"name: outcome\nallowPartialSuccess: {str(partial).lower()}\nenvironments:\n{listed}"
    )


def outcome(runtime: Runtime, release_id: str) -> tuple[Exec, dict[str, tuple[Env, bool]]]:
    state = runtime.load(release_id)
    envs = {e.name: (e.status, e.skipped) for e in state.environments}
    return state.release.execution_status, envs


async def test_succeeded_when_every_started_environment_succeeded(runtime: Runtime) -> None:
    release_id = await start(
        runtime, release_of(stage("a"), stage("b", trigger="AFTER_DEPENDENCIES", depends_on="a"))
    )

    assert outcome(runtime, release_id) == (
        Exec.SUCCEEDED,
        {"a": (Env.SUCCEEDED, False), "b": (Env.SUCCEEDED, False)},
    )
    assert runtime.load(release_id).release.completed_on is not None


async def test_a_manual_environment_nobody_deployed_does_not_count(runtime: Runtime) -> None:
    release_id = await start(
        runtime, release_of(stage("a"), stage("hotfix", trigger="MANUAL", outcome="FAILED"))
    )

    assert outcome(runtime, release_id) == (
        Exec.SUCCEEDED,
        {"a": (Env.SUCCEEDED, False), "hotfix": (Env.NOT_STARTED, False)},
    )


async def test_only_manual_environments_leave_the_release_not_started(runtime: Runtime) -> None:
    release_id = await start(runtime, release_of(stage("hotfix", trigger="MANUAL")))

    state = runtime.load(release_id)
    assert (state.release.status, state.release.execution_status) == (
        ReleaseStatus.ACTIVE,
        Exec.NOT_STARTED,
    )


async def test_partial_success_when_a_non_critical_environment_failed(runtime: Runtime) -> None:
    release_id = await start(
        runtime,
        release_of(
            stage("core"),
            stage("docs", critical=False, outcome="FAILED"),
            stage("publish", critical=False, trigger="AFTER_DEPENDENCIES", depends_on="docs"),
            partial=True,
        ),
    )

    assert outcome(runtime, release_id) == (
        Exec.PARTIAL_SUCCESS,
        {
            "core": (Env.SUCCEEDED, False),
            "docs": (Env.FAILED, False),
            "publish": (Env.NOT_STARTED, True),
        },
    )


async def test_non_critical_needs_allow_partial_success(runtime: Runtime) -> None:
    release_id = await start(
        runtime, release_of(stage("core"), stage("docs", critical=False, outcome="FAILED"))
    )

    assert outcome(runtime, release_id)[0] == Exec.FAILED


async def test_failed_when_a_critical_environment_failed(runtime: Runtime) -> None:
    release_id = await start(
        runtime,
        release_of(
            stage("core", outcome="FAILED"),
            stage("docs", critical=False),
            partial=True,
        ),
    )

    assert outcome(runtime, release_id) == (
        Exec.FAILED,
        {"core": (Env.FAILED, False), "docs": (Env.SUCCEEDED, False)},
    )


async def test_canceled_when_a_deployment_was_canceled_and_nothing_failed(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, release_of(stage("a"), stage("b", seconds=5)))
    b_id = env(runtime.load(release_id), "b").id

    runtime.execute(release_id, CancelDeployment(actor="carol", environment_id=b_id))
    await settle(runtime)

    assert outcome(runtime, release_id) == (
        Exec.CANCELED,
        {"a": (Env.SUCCEEDED, False), "b": (Env.CANCELED, False)},
    )


async def test_a_canceled_dependency_skips_its_dependent_and_cancels_the_release(
    runtime: Runtime,
) -> None:
    release_id = await start(
        runtime,
        release_of(stage("a", seconds=5), stage("b", trigger="AFTER_DEPENDENCIES", depends_on="a")),
    )
    a_id = env(runtime.load(release_id), "a").id

    runtime.execute(release_id, CancelDeployment(actor="carol", environment_id=a_id))
    await settle(runtime)

    assert outcome(runtime, release_id) == (
        Exec.CANCELED,
        {"a": (Env.CANCELED, False), "b": (Env.NOT_STARTED, True)},
    )


async def test_failed_wins_over_canceled(runtime: Runtime, clock: ManualClock) -> None:
    release_id = await start(
        runtime, release_of(stage("a", outcome="FAILED", seconds=1), stage("b", seconds=5))
    )
    b_id = env(runtime.load(release_id), "b").id
    runtime.execute(release_id, CancelDeployment(actor="carol", environment_id=b_id))
    await advance(runtime, clock, 1)

    assert outcome(runtime, release_id) == (
        Exec.FAILED,
        {"a": (Env.FAILED, False), "b": (Env.CANCELED, False)},
    )


async def test_a_redeploy_that_ends_at_once_turns_one_outcome_into_another(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, release_of(stage("a"), stage("hotfix", trigger="MANUAL")))
    hotfix = env(runtime.load(release_id), "hotfix").id
    later = clock.now() + timedelta(hours=1)
    runtime.execute(
        release_id, DeployEnvironment(actor="dave", environment_id=hotfix, scheduled_at=later)
    )
    runtime.execute(release_id, CancelDeployment(actor="carol", environment_id=hotfix))
    await settle(runtime)
    assert outcome(runtime, release_id)[0] == Exec.CANCELED

    runtime.execute(release_id, DeployEnvironment(actor="dave", environment_id=hotfix))
    await settle(runtime)

    assert outcome(runtime, release_id) == (
        Exec.SUCCEEDED,
        {"a": (Env.SUCCEEDED, False), "hotfix": (Env.SUCCEEDED, False)},
    )


async def test_a_redeploy_moves_a_completed_release_back_to_running(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, release_of(stage("a", seconds=3)))
    await advance(runtime, clock, 3)
    assert outcome(runtime, release_id)[0] == Exec.SUCCEEDED
    assert runtime.load(release_id).release.completed_on == clock.now()

    runtime.execute(
        release_id,
        DeployEnvironment(actor="dave", environment_id=env(runtime.load(release_id), "a").id),
    )
    await settle(runtime)
    state = runtime.load(release_id)
    assert (state.release.execution_status, state.release.completed_on) == (Exec.RUNNING, None)
    assert env(state, "a").status == Env.IN_PROGRESS

    await advance(runtime, clock, 3)
    state = runtime.load(release_id)
    assert (state.release.execution_status, state.release.completed_on) == (
        Exec.SUCCEEDED,
        clock.now(),
    )
