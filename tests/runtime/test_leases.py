"""Leases on runs: the process executing a run owns it while it renews it; another process
takes a run over only once its lease has expired, and a report under a lost lease is refused."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition, RunFinished
from releasegraph.engine.errors import ErrorCode, StaleLeaseError
from releasegraph.engine.states import ReleaseExecutionStatus, RunStatus
from releasegraph.models import Event, TaskLogLine, TaskRun
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.run_executor import execution_id
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.support import advance, definition, settle
from tests.waiting import DEADLINE, poll_async

LEASE = 30.0
NOW = datetime(2026, 1, 1, tzinfo=UTC)

FIRST_RUN_HANGS = definition(
    """
    name: leased
    environments:
      - name: prod
        phases:
          - name: deploy
            tasks:
              - name: migrate
                kind: script
                run: >-
                  echo "id=$RELEASEGRAPH_RUN_ID";
                  if [ "$RELEASEGRAPH_RUN" = 1 ]; then sleep 60; fi
    """
)

ONE_QUICK_SCRIPT = definition(
    """
    name: quick
    environments:
      - name: prod
        phases: [{name: deploy, tasks: [{name: check, kind: script, run: "true"}]}]
    """
)


@pytest.fixture
async def first(database_url: str, clock: ManualClock) -> AsyncIterator[Runtime]:
    """A runtime that executes runs but has no timer loop: it never renews a lease."""
    rt = Runtime(Settings(database_url=database_url, agents=1), clock=clock)
    rt.open()
    yield rt
    await rt.stop()


def release_with_a_hanging_run(runtime: Runtime) -> str:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="dave", source=FIRST_RUN_HANGS)
    ).id
    return runtime.create_release(
        CreateRelease(actor="dave", definition_id=definition_id, start=True)
    )


def runs(runtime: Runtime, release_id: str) -> list[TaskRun]:
    return sorted(runtime.load(release_id).runs, key=lambda run: run.number)


async def running(runtime: Runtime, release_id: str) -> TaskRun:
    """The first run, once its script has started and said its id."""

    def said_its_id() -> TaskRun | None:
        (run, *_) = runs(runtime, release_id)
        return run if f"id={run.id}" in said(runtime) else None

    return await poll_async(said_its_id, "the first run started and said its id")


async def test_a_run_is_leased_to_its_process_renewed_and_released_at_stop(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = release_with_a_hanging_run(runtime)
    run = await running(runtime, release_id)
    assert (run.lease_owner, run.lease_expires_at) == (
        runtime.owner,
        clock.now() + timedelta(seconds=LEASE),
    )

    clock.advance(runtime.settings.lease_renewal)
    renewed = clock.now() + timedelta(seconds=LEASE)
    await poll_async(
        lambda: runs(runtime, release_id)[0].lease_expires_at == renewed, "the lease renewed"
    )
    await runtime.stop()

    (stopped,) = runs(runtime, release_id)
    assert (stopped.status, stopped.lease_expires_at) == (RunStatus.IN_PROGRESS, clock.now())


async def test_another_process_leaves_a_live_run_alone_and_takes_over_an_expired_one(
    first: Runtime, runtime: Runtime, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    release_id = release_with_a_hanging_run(first)
    run = await running(first, release_id)
    await advance(runtime, clock, LEASE - 1)
    assert [r.status for r in runs(runtime, release_id)] == [RunStatus.IN_PROGRESS]

    with caplog.at_level(logging.ERROR):
        await advance(runtime, clock, runtime.settings.lease_renewal)  # its next look
        refused = await poll_async(
            lambda: stale_lease_events(runtime), "the refusal recorded", until=bool
        )
        await poll_async(
            lambda: runtime.load(release_id).release.completed_on, "the release completed"
        )

    first_run, second_run = runs(runtime, release_id)
    assert (first_run.id, first_run.status) == (run.id, RunStatus.INTERRUPTED)
    assert (second_run.status, second_run.lease_owner) == (RunStatus.SUCCEEDED, runtime.owner)
    state = runtime.load(release_id)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED
    assert [(e.entity_id, e.data["owner"], e.data["refused"]) for e in refused] == [
        (run.id, first.owner, "report")
    ]
    assert said(runtime) == [f"id={run.id}", f"id={run.id}"]  # one execution, run twice
    assert f"STALE_LEASE: run {run.id!r} is no longer leased to {first.owner!r}" in caplog.text


def said(runtime: Runtime) -> list[str]:
    with runtime.read_session() as session:
        return list(session.exec(select(TaskLogLine.text).order_by(col(TaskLogLine.line))))


def stale_lease_events(runtime: Runtime) -> list[Event]:
    with runtime.read_session() as session:
        return list(session.exec(select(Event).where(col(Event.kind) == "taskRun.staleLease")))


async def test_a_report_from_a_process_that_does_not_hold_the_run_changes_nothing(
    runtime: Runtime,
) -> None:
    release_id = release_with_a_hanging_run(runtime)
    run = await running(runtime, release_id)
    before = runtime.load(release_id)

    with pytest.raises(StaleLeaseError) as refused:
        runtime.execute(
            release_id,
            RunFinished(actor="system", run_id=run.id, succeeded=True, lease_owner="elsewhere"),
        )

    assert refused.value.code == ErrorCode.STALE_LEASE
    after = runtime.load(release_id)
    assert [(r.id, r.status, r.lease_owner) for r in after.runs] == [
        (r.id, r.status, r.lease_owner) for r in before.runs
    ]
    assert stale_lease_events(runtime) == []


async def test_a_graceful_stop_lets_the_next_process_take_the_run_at_once(
    first: Runtime, database_url: str, clock: ManualClock
) -> None:
    release_id = release_with_a_hanging_run(first)
    await running(first, release_id)
    await first.stop()

    second = Runtime(Settings(database_url=database_url, agents=1), clock=clock)
    await second.start()
    try:
        await settle(second)
        assert [r.status for r in runs(second, release_id)] == [
            RunStatus.INTERRUPTED,
            RunStatus.SUCCEEDED,
        ]
    finally:
        await second.stop()


def test_a_script_sees_the_id_of_the_run_it_carries_on_and_a_retry_a_new_one() -> None:
    def run(number: int, status: RunStatus) -> TaskRun:
        return TaskRun(
            id=f"r{number}",
            release_id="x",
            task_id="t",
            number=number,
            status=status,
            started_on=NOW,
        )

    history = [
        run(1, RunStatus.FAILED),
        run(2, RunStatus.INTERRUPTED),
        run(3, RunStatus.INTERRUPTED),
        run(4, RunStatus.IN_PROGRESS),
    ]

    assert [execution_id(history, r) for r in history] == ["r1", "r2", "r2", "r2"]


async def test_a_renewal_right_after_a_run_reported_its_end_does_not_call_the_run_lost(
    first: Runtime,
) -> None:
    # The report's commit wakes the timer loop, which runs before the run's task has ended: a
    # renewal then must not find the run over and call its lease lost.
    loop = asyncio.get_running_loop()
    renewals: list[asyncio.Future[None]] = []

    def renew_soon(events: object) -> None:
        renewed = loop.create_future()
        renewals.append(renewed)

        def renew() -> None:
            try:
                first.runs.renew()
            finally:
                renewed.set_result(None)

        loop.call_soon(renew)

    first.listeners.append(renew_soon)
    definition_id = first.create_definition(
        CreateReleaseDefinition(actor="dave", source=ONE_QUICK_SCRIPT)
    ).id
    release_id = first.create_release(
        CreateRelease(actor="dave", definition_id=definition_id, start=True)
    )

    await poll_async(lambda: first.load(release_id).release.completed_on, "the release completed")
    async with asyncio.timeout(DEADLINE):
        await asyncio.gather(*renewals)  # the renewals its commits asked for

    assert [r.status for r in runs(first, release_id)] == [RunStatus.SUCCEEDED]
    assert stale_lease_events(first) == []
