"""Queueing policy of an environment across the releases of one definition."""

from __future__ import annotations

from releasegraph.engine.commands import CancelDeployment, CreateRelease, CreateReleaseDefinition
from releasegraph.engine.pairs import Pair
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import EnvironmentStatus
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import advance, definition, env, latest, pair, settle

RUNNING: Pair = (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
QUEUED: Pair = (St.NOT_DEPLOYED, Op.QUEUED)
DONE: Pair = (St.SUCCEEDED, Op.APPROVED)


def queued(policy: str, max_parallel: int = 1) -> str:
    return definition(
        f"""
        name: queued-{policy.lower()}
        environments:
          - name: production
            queue: {{maxParallel: {max_parallel}, policy: {policy}}}
            phases:
              - name: deploy
                runOn: SERVER
                tasks:
                  - {{name: deploy, kind: simulate, durationSeconds: 10}}
        """
    )


async def releases(runtime: Runtime, clock: ManualClock, source: str, count: int) -> list[str]:
    """``count`` started releases, one a second: the queue keeps them in that order."""
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="dave", source=source)
    ).id
    ids = []
    for number in range(count):
        if number:
            await advance(runtime, clock, 1)
        ids.append(
            runtime.create_release(
                CreateRelease(actor="dave", definition_id=definition_id, start=True)
            )
        )
        await settle(runtime)
    return ids


def pairs(runtime: Runtime, release_ids: list[str]) -> list[Pair]:
    return [pair(latest(runtime.load(r), "production")) for r in release_ids]


async def test_sequential_queue_starts_the_next_when_the_first_finishes(
    runtime: Runtime, clock: ManualClock
) -> None:
    first, second = await releases(runtime, clock, queued("SEQUENTIAL"), 2)

    assert pairs(runtime, [first, second]) == [RUNNING, QUEUED]
    state = runtime.load(second)
    assert env(state, "production").status == EnvironmentStatus.QUEUED
    assert state.release.execution_status == Exec.RUNNING
    assert latest(state, "production").started_on is None

    await advance(runtime, clock, 9)
    assert pairs(runtime, [first, second]) == [DONE, RUNNING]
    assert latest(runtime.load(second), "production").started_on == clock.now()

    await advance(runtime, clock, 10)
    assert pairs(runtime, [first, second]) == [DONE, DONE]
    assert runtime.load(second).release.execution_status == Exec.SUCCEEDED


async def test_sequential_queue_keeps_order_and_the_parallel_limit(
    runtime: Runtime, clock: ManualClock
) -> None:
    ids = await releases(runtime, clock, queued("SEQUENTIAL", max_parallel=2), 4)
    assert pairs(runtime, ids) == [RUNNING, RUNNING, QUEUED, QUEUED]

    await advance(runtime, clock, 7)
    assert pairs(runtime, ids) == [DONE, RUNNING, RUNNING, QUEUED]
    await advance(runtime, clock, 1)
    assert pairs(runtime, ids) == [DONE, DONE, RUNNING, RUNNING]


async def test_a_canceled_deployment_frees_its_queue_slot(
    runtime: Runtime, clock: ManualClock
) -> None:
    first, second = await releases(runtime, clock, queued("SEQUENTIAL"), 2)
    first_env = env(runtime.load(first), "production").id

    runtime.execute(first, CancelDeployment(actor="carol", environment_id=first_env))
    await settle(runtime)

    assert pairs(runtime, [first, second]) == [(St.FAILED, Op.CANCELED), RUNNING]


async def test_latest_only_cancels_the_older_queued_deployment(
    runtime: Runtime, clock: ManualClock
) -> None:
    first, middle, newest = await releases(runtime, clock, queued("LATEST_ONLY"), 3)

    assert pairs(runtime, [first, middle, newest]) == [
        RUNNING,
        (St.NOT_DEPLOYED, Op.CANCELED),
        QUEUED,
    ]
    state = runtime.load(middle)
    assert env(state, "production").status == EnvironmentStatus.CANCELED
    assert state.release.execution_status == Exec.CANCELED
    assert latest(state, "production").last_modified_by == "system"

    await advance(runtime, clock, 8)
    assert pairs(runtime, [first, middle, newest]) == [
        DONE,
        (St.NOT_DEPLOYED, Op.CANCELED),
        RUNNING,
    ]
    await advance(runtime, clock, 10)
    assert runtime.load(newest).release.execution_status == Exec.SUCCEEDED


async def test_latest_only_with_two_releases_keeps_the_queued_one(
    runtime: Runtime, clock: ManualClock
) -> None:
    first, second = await releases(runtime, clock, queued("LATEST_ONLY"), 2)
    assert pairs(runtime, [first, second]) == [RUNNING, QUEUED]

    await advance(runtime, clock, 9)
    assert pairs(runtime, [first, second]) == [DONE, RUNNING]
