"""Chaos on PostgreSQL: three ``releasegraph serve`` replicas on one database, 30 releases
made through the API of all three; one replica SIGKILLed while its scripts run, another
SIGSTOPped past its lease and woken again.

Every release completes; every timer fires once (scheduled starts, gate samples, approval
timeouts, simulated durations); no task succeeds twice and no run's script starts twice; the
paused replica's late writes are refused (``STALE_LEASE`` in its log, a ``taskRun.staleLease``
event) and never recorded; and a subscriber on the surviving replica, there from the start,
has received exactly the event table: every event once, in order, none missing.

Leases are short (3 s, renewed each second) so that the test takes seconds; every wait polls
the database with a deadline.
"""

from __future__ import annotations

import json
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from releasegraph.engine.states import ReleaseExecutionStatus, RunStatus
from releasegraph.models import TaskRun
from tests.e2e.processes import (
    STARTS,
    Database,
    create_definition,
    create_release,
    feed,
    log_of,
    operator,
    servers,
    starts,
    stop,
)
from tests.e2e.server import Server
from tests.postgres import fresh_database
from tests.waiting import DEADLINE, poll_async

LEASE = ("--lease-seconds", "3", "--lease-renewal", "1", "--agents", "6")
RELEASES = 30
ALL_DONE = 90.0
"""Seconds for the 30 releases to complete, through a kill and a pause (~25 s here)."""

PIPELINE = """
name: chaos-pipeline
environments:
  - name: build
    trigger: AFTER_RELEASE
    gates: {{stage: PRE_DEPLOY, samplingIntervalSeconds: 1, minimumSuccessSeconds: 0,
            timeoutMinutes: 10, onFailure: REJECT,
            checks: [{{name: health, kind: simulate, failTimes: 1}}]}}
    phases:
      - {{name: compile, tasks: [{{name: compile, kind: script, run: {script}}}]}}
  - name: test-a
    trigger: AFTER_DEPENDENCIES
    dependsOn: [build]
    phases:
      - {{name: tests, tasks: [{{name: unit, kind: script, run: {script}}}]}}
  - name: test-b
    trigger: AFTER_DEPENDENCIES
    dependsOn: [build]
    phases:
      - {{name: tests, tasks: [{{name: integration, kind: script, run: {script}}}]}}
  - name: prod
    trigger: AFTER_DEPENDENCIES
    dependsOn: [test-a, test-b]
    phases:
      - name: deploy
        tasks:
          - {{name: deploy, kind: script, run: {script}, timeoutSeconds: 300}}
          - {{name: settle, kind: simulate, durationSeconds: 0.2}}
"""
"""A gate whose first sample fails, scripts in four environments, a simulated duration."""

APPROVAL = """
name: chaos-approval
allowPartialSuccess: true
environments:
  - name: deploy
    trigger: AFTER_RELEASE
    phases:
      - {{name: deploy, tasks: [{{name: ship, kind: script, run: {script}}}]}}
  - name: sign-off
    trigger: AFTER_RELEASE
    critical: false
    preDeployApprovals: {{approvers: [nobody], requiredCount: 1, timeoutMinutes: 0.05}}
    phases:
      - {{name: never, tasks: [{{name: never, kind: simulate}}]}}
"""
"""A script, and an approval nobody gives that times out after 3 s: partial success."""

KINDS = ("started", "approval", "scheduled")
"""Release i is of kind i % 3 (its description), made on replica (i // 3) % 3."""


@pytest.fixture
def database() -> Iterator[tuple[str, Database]]:
    with fresh_database() as url:
        db = Database(url)
        try:
            yield url, db
        finally:
            db.close()


async def make_releases(replicas: list[Server], marker: Path) -> None:
    """The two definitions (ada, on the first replica), then 30 releases (olivia), spread."""
    script = json.dumps(STARTS.format(marker=marker) + "; sleep 0.5; echo done")
    async with operator(replicas[0]) as api:
        pipeline = await create_definition(api, PIPELINE.format(script=script))
        approval = await create_definition(api, APPROVAL.format(script=script))
    for i in range(RELEASES):
        kind = KINDS[i % 3]
        async with operator(replicas[(i // 3) % 3]) as api:
            if kind == "scheduled":
                at = (datetime.now(UTC) + timedelta(seconds=3)).isoformat()
                await create_release(api, pipeline, description=kind, scheduledStartTime=at)
            else:
                definition = approval if kind == "approval" else pipeline
                await create_release(api, definition, description=kind, start=True)


async def running_script(db: Database, replica: Server) -> TaskRun:
    """A run of ``replica`` whose script runs now."""
    pid = replica.process.pid
    return await poll_async(lambda: db.running_script(pid), f"a script of replica {pid} runs")


async def kill_mid_way(db: Database, replica: Server) -> TaskRun:
    """Once a third of the releases are complete, SIGKILL ``replica`` while a script of it
    runs; that run."""
    await poll_async(
        db.unfinished,
        "a third of the releases complete",
        until=lambda n: n <= RELEASES - RELEASES // 3,
        deadline=ALL_DONE,
    )
    run = await running_script(db, replica)
    replica.process.send_signal(signal.SIGKILL)
    replica.process.wait(timeout=DEADLINE)
    return run


async def pause_past_its_lease(db: Database, replica: Server) -> TaskRun:
    """SIGSTOP ``replica`` while a script of it runs; SIGCONT once another replica has
    recorded that run INTERRUPTED (its lease expired). The run, as it was when stopped.

    A run whose report was on its way when the signal came ends as reported: then again,
    with another run.
    """
    while True:
        run = await running_script(db, replica)
        replica.process.send_signal(signal.SIGSTOP)
        try:
            ended = await poll_async(
                lambda: db.run(run.id).status,  # noqa: B023 (awaited in this iteration)
                f"run {run.id} of the paused replica over",
                until=lambda status: status != RunStatus.IN_PROGRESS,
            )
        finally:
            replica.process.send_signal(signal.SIGCONT)
        if ended == RunStatus.INTERRUPTED:
            return run


async def quiet(db: Database, paused: Server, run: TaskRun) -> None:
    """Once every release is complete and the paused replica's late report refused, stop that
    replica: from then on only the survivor runs, and nothing is left to do."""
    await poll_async(
        db.unfinished, "every release completes", until=lambda n: n == 0, deadline=ALL_DONE
    )
    await poll_async(
        lambda: [e for e in db.events(kind="taskRun.staleLease") if e.entity_id == run.id],
        f"the late report on run {run.id} refused",
    )
    paused.process.send_signal(signal.SIGTERM)
    stop(paused.process)


async def test_replicas_carry_on_through_a_kill_and_a_pause_and_every_timer_fires_once(
    tmp_path: Path, database: tuple[str, Database]
) -> None:
    url, db = database
    marker = tmp_path / "starts.txt"
    with servers(tmp_path, 3, "--database", url, *LEASE) as replicas:
        survivor, killed, paused = replicas
        async with feed(survivor, "victor") as subscriber:
            await make_releases(replicas, marker)
            killed_run = await kill_mid_way(db, killed)
            paused_run = await pause_past_its_lease(db, paused)
            await quiet(db, paused, paused_run)
            table = db.events()
            received = await subscriber.until_seq(table[-1].seq, deadline=DEADLINE)

    assert [(e["seq"], e["kind"]) for e in received] == [(e.seq, e.kind) for e in table]
    assert [e.seq for e in table] == list(range(1, len(table) + 1))
    assert db.run(killed_run.id).status == RunStatus.INTERRUPTED
    assert_releases_completed(db)
    assert_timers_fired_once(db)
    assert_every_task_succeeded_once(db, marker)
    assert_late_writes_refused(db, paused, paused_run)


def assert_releases_completed(db: Database) -> None:
    releases = db.releases()
    outcome = {
        "started": ReleaseExecutionStatus.SUCCEEDED,
        "scheduled": ReleaseExecutionStatus.SUCCEEDED,
        "approval": ReleaseExecutionStatus.PARTIAL_SUCCESS,
    }
    assert Counter(r.description for r in releases) == {kind: RELEASES // 3 for kind in KINDS}
    assert [r.execution_status for r in releases] == [outcome[r.description] for r in releases]
    for release in releases:
        if release.scheduled_start_time is not None:
            assert release.started_on is not None
            assert release.started_on >= release.scheduled_start_time


def assert_timers_fired_once(db: Database) -> None:
    """One start per release (a scheduled one started by a timer), one timeout per approval
    nobody gave, gate samples 1 (failed) and 2 (passed) once each, one run per simulation."""
    releases = db.releases()
    started = Counter(
        e.release_id for e in db.events(kind="release.status") if e.to_status == "ACTIVE"
    )
    assert started == {r.id: 1 for r in releases}
    timed_out = Counter(
        e.release_id for e in db.events(kind="approval.status") if e.to_status == "TIMED_OUT"
    )
    assert timed_out == {r.id: 1 for r in releases if r.description == "approval"}
    samples: dict[str, list[tuple[int, bool]]] = {}
    for event in db.events(kind="gate.sampled"):
        sample = (int(str(event.data["sample"])), bool(event.data["passed"]))
        samples.setdefault(event.entity_id, []).append(sample)
    assert len(samples) == 2 * RELEASES // 3
    assert all(got == [(1, False), (2, True)] for got in samples.values()), samples
    settles = Counter(task.id for task, _ in db.runs() if task.name == "settle")
    assert sorted(settles.values()) == [1] * (2 * RELEASES // 3)


def assert_every_task_succeeded_once(db: Database, marker: Path) -> None:
    """Each task that ran succeeded exactly once, after any number of interrupted runs; the
    script of no run started twice, and each succeeded run's script started once."""
    outcomes: dict[str, list[RunStatus]] = {}
    for task, run in db.runs():
        outcomes.setdefault(task.id, []).append(run.status)
    interrupted = [s for got in outcomes.values() for s in got[:-1]]
    assert all(got[-1] == RunStatus.SUCCEEDED for got in outcomes.values()), outcomes
    assert set(interrupted) <= {RunStatus.INTERRUPTED}, outcomes
    assert interrupted  # the kill and the pause cut runs short
    started = Counter(starts(marker))
    assert max(started.values()) == 1, [run for run, n in started.items() if n > 1]
    succeeded = {
        (task.release_id, task.name, run.number)
        for task, run in db.runs()
        if task.kind == "script" and run.status == RunStatus.SUCCEEDED
    }
    assert succeeded <= set(started)


def assert_late_writes_refused(db: Database, paused: Server, run: TaskRun) -> None:
    """The paused replica logged STALE_LEASE; every run it lost has a staleLease event naming
    it, stays INTERRUPTED, and has no outcome recorded after the interruption."""
    assert "STALE_LEASE" in log_of(paused)
    stale = db.events(kind="taskRun.staleLease")
    assert run.id in {event.entity_id for event in stale}
    assert all(f":{paused.process.pid}:" in str(event.data["owner"]) for event in stale), stale
    for run_id in {event.entity_id for event in stale}:
        assert db.run(run_id).status == RunStatus.INTERRUPTED
        moves = [e.to_status for e in db.events(kind="taskRun.status") if e.entity_id == run_id]
        assert moves == [RunStatus.INTERRUPTED.value], moves
