"""Chaos on PostgreSQL with remote agents: two ``releasegraph serve`` replicas on one database
running no local agents (``--agents 0``), three ``releasegraph agent`` processes doing the
work of 30 releases made and started through both replicas. Once a few releases are
complete, the agent talking to the second replica is SIGKILLed while it runs a script, then
that replica; once half are complete, an agent of the surviving replica is SIGSTOPped while
it runs a script, and woken once that run is LOST and another agent has taken its task.

Every release completes, nobody touching it after its creation; the runs of the killed and
the paused agents are recorded LOST (naming their slot) and their tasks run again on another
agent and succeed; no task succeeds twice, nor fails; the paused agent's late writes are
refused (a ``taskRun.staleLease`` event for its run); and a subscriber on the surviving
replica, there from the start, has received exactly the event table: every event once, in
order, none missing.

Leases are short (3 s, renewed each second) so that the test takes seconds; every wait polls
the database with a deadline.
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from releasegraph.engine.states import AgentStatus, ReleaseExecutionStatus, RunStatus
from releasegraph.models import Agent, Task, TaskRun
from tests.e2e.processes import (
    STARTS,
    TOKENS,
    Database,
    create_definition,
    create_release,
    feed,
    launch,
    operator,
    starts,
    stop,
)
from tests.e2e.server import Server, start
from tests.postgres import fresh_database
from tests.waiting import DEADLINE, PROCESS_DEADLINE, poll_async

AGENT_TOKEN = "agent-chaos-token-0123456789"
USERS = f"""\
users:
  - {{name: ada, token: {TOKENS["ada"]}, role: ADMIN}}
  - {{name: olivia, token: {TOKENS["olivia"]}, role: OPERATOR}}
  - {{name: victor, token: {TOKENS["victor"]}, role: VIEWER}}
  - {{name: robot, token: {AGENT_TOKEN}, role: AGENT}}
"""
PEOPLE = frozenset({"ada", "olivia", "victor"})

SERVE = ("--agents", "0", "--lease-seconds", "3", "--lease-renewal", "1")
RELEASES = 30
CAPACITY = 2
ALL_DONE = 100.0
"""Seconds for the 30 releases to complete, through two kills and a pause."""

PIPELINE = """
name: agents-chaos
environments:
  - name: build
    trigger: AFTER_RELEASE
    phases:
      - name: remote
        runOn: AGENT
        tasks:
          - {{name: compile, kind: script, run: {script}}}
          - {{name: package, kind: script, run: {script}}}
"""
"""One AGENT phase of two scripts: each phase holds one agent slot for both."""


@dataclass
class Cluster:
    survivor: Server
    doomed: Server
    agents: dict[str, subprocess.Popen[bytes]]
    """By name: ``killed`` (on the doomed replica), ``paused`` and ``steady`` (survivor)."""
    directory: Path

    def log_of(self, agent: str) -> str:
        return (self.directory / agent / "agent.log").read_text()


def _end(process: subprocess.Popen[bytes]) -> None:
    """Wake ``process`` if stopped, SIGTERM it; SIGKILL it if it takes too long."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGCONT)
            process.send_signal(signal.SIGTERM)
    stop(process)


@pytest.fixture
def database() -> Iterator[tuple[str, Database]]:
    with fresh_database() as url:
        db = Database(url)
        try:
            yield url, db
        finally:
            db.close()


@pytest.fixture
def cluster(tmp_path: Path, database: tuple[str, Database]) -> Iterator[Cluster]:
    """Two ready replicas and three agents with ``CAPACITY`` slots each, all online; every
    process is ended at the end, whatever happens."""
    url, _ = database
    (tmp_path / "users.yaml").write_text(USERS)
    users = ("--tokens", str(tmp_path / "users.yaml"))
    replicas: list[Server] = []
    agents: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for number in (1, 2):
            replicas.append(start(tmp_path / f"serve-{number}", *users, "--database", url, *SERVE))
        for replica in replicas:
            replica.wait_ready()
        survivor, doomed = replicas
        for name, server in (("killed", doomed), ("paused", survivor), ("steady", survivor)):
            agents[name], _ = launch(
                tmp_path / name,
                "agent",
                "--server",
                server.base_url,
                "--token",
                AGENT_TOKEN,
                "--pool",
                "default",
                "--name",
                name,
                "--capacity",
                str(CAPACITY),
                "--capability",
                f"chaos={name}",
            )
        yield Cluster(survivor=survivor, doomed=doomed, agents=agents, directory=tmp_path)
    finally:
        for process in [*agents.values(), *(replica.process for replica in replicas)]:
            _end(process)


def online_slots(db: Database) -> int:
    query = select(Agent).where(col(Agent.remote), col(Agent.status) == AgentStatus.ONLINE)
    with db.session() as session:
        return len(list(session.exec(query)))


async def make_releases(cluster: Cluster, marker: Path) -> datetime:
    """The definition (ada), then 30 started releases (olivia), half through each replica;
    when the last was made."""
    started, ended = STARTS.format(marker=marker), STARTS.format(marker=ends_of(marker))
    script = json.dumps(f"{started}; sleep 0.3; echo done; {ended}")
    async with operator(cluster.survivor) as api:
        definition = await create_definition(api, PIPELINE.format(script=script))
    replicas = (cluster.survivor, cluster.doomed)
    for i in range(RELEASES):
        async with operator(replicas[i % 2]) as api:
            await create_release(api, definition, description=f"release {i}", start=True)
    return datetime.now(UTC)


def ends_of(marker: Path) -> Path:
    """Where the scripts write a line as they end, as they do to ``marker`` as they start."""
    return marker.with_suffix(".ends")


def running_scripts(db: Database, marker: Path, agent: str) -> TaskRun | None:
    """A run claimed by a slot of ``agent`` whose script has started and not ended yet: its
    report cannot be on its way."""
    query = (
        select(Task, TaskRun)
        .join(TaskRun, col(TaskRun.task_id) == col(Task.id))
        .where(
            col(TaskRun.status) == RunStatus.IN_PROGRESS,
            col(TaskRun.lease_owner).like(f"agent:{agent}/%:%"),
        )
    )
    with db.session() as session:
        claimed = list(session.exec(query))
    started = set(starts(marker)) - set(starts(ends_of(marker)))
    for task, run in claimed:
        if (task.release_id, task.name, run.number) in started:
            return run
    return None


async def running_script(db: Database, marker: Path, agent: str) -> TaskRun:
    return await poll_async(
        lambda: running_scripts(db, marker, agent),
        f"a script of agent {agent} runs",
        deadline=ALL_DONE,
    )


async def kill_agent_and_replica(db: Database, cluster: Cluster, marker: Path) -> TaskRun:
    """Once a few releases are complete, SIGKILL the agent ``killed`` while a script of it
    runs, then the replica it talks to; that run."""
    await poll_async(
        db.unfinished,
        "a few releases complete",
        until=lambda n: n <= RELEASES - 3,
        deadline=ALL_DONE,
    )
    run = await running_script(db, marker, "killed")
    agent = cluster.agents["killed"]
    agent.send_signal(signal.SIGKILL)
    agent.wait(timeout=DEADLINE)
    cluster.doomed.process.send_signal(signal.SIGKILL)
    cluster.doomed.process.wait(timeout=DEADLINE)
    return run


def rerun_elsewhere(db: Database, run: TaskRun, agent: str) -> tuple[RunStatus, str | None]:
    """The status of ``run``, and the slot of a later run of its task on another agent."""
    status = db.run(run.id).status
    slots = [
        later.agent_name
        for task, later in db.runs()
        if task.id == run.task_id and later.number > run.number
    ]
    elsewhere = [s for s in slots if s is not None and not s.startswith(f"{agent}/")]
    return status, next(iter(elsewhere), None)


async def pause_past_its_lease(db: Database, cluster: Cluster, marker: Path) -> TaskRun:
    """Once half the releases are complete, SIGSTOP the agent ``paused`` while a script of it
    runs; SIGCONT once the surviving replica has recorded that run LOST (its lease expired)
    and another agent has taken its task. The run, as it was when stopped.

    A run whose report was on its way when the signal came ends as reported: then again,
    with another run.
    """
    await poll_async(
        db.unfinished,
        "half the releases complete",
        until=lambda n: n <= RELEASES // 2,
        deadline=ALL_DONE,
    )
    agent = cluster.agents["paused"]
    while True:
        run = await running_script(db, marker, "paused")
        agent.send_signal(signal.SIGSTOP)
        try:
            ended, _ = await poll_async(
                lambda: rerun_elsewhere(db, run, "paused"),  # noqa: B023 (awaited here)
                f"run {run.id} of the paused agent LOST and its task taken by another agent",
                until=lambda seen: (
                    seen[0] != RunStatus.IN_PROGRESS
                    and (seen[0] != RunStatus.LOST or seen[1] is not None)
                ),
                deadline=ALL_DONE / 2,
            )
        finally:
            agent.send_signal(signal.SIGCONT)
        if ended == RunStatus.LOST:
            return run


async def test_agents_carry_on_through_kills_and_a_pause(
    tmp_path: Path, database: tuple[str, Database], cluster: Cluster
) -> None:
    _, db = database
    marker = tmp_path / "starts.txt"
    await poll_async(
        lambda: online_slots(db),
        "every agent slot online",
        until=lambda n: n == 3 * CAPACITY,
        deadline=PROCESS_DEADLINE,
    )
    async with feed(cluster.survivor, "victor") as subscriber:
        created = await make_releases(cluster, marker)
        killed_run = await kill_agent_and_replica(db, cluster, marker)
        paused_run = await pause_past_its_lease(db, cluster, marker)
        await poll_async(
            db.unfinished, "every release completes", until=lambda n: n == 0, deadline=ALL_DONE
        )
        await poll_async(
            lambda: [
                e for e in db.events(kind="taskRun.staleLease") if e.entity_id == paused_run.id
            ],
            f"a late write about run {paused_run.id} refused",
        )
        table = db.events()
        received = await subscriber.until_seq(table[-1].seq, deadline=DEADLINE)

    assert [(e["seq"], e["kind"]) for e in received] == [(e.seq, e.kind) for e in table]
    assert [e.seq for e in table] == list(range(1, len(table) + 1))
    assert_releases_completed_untouched(db, created)
    assert_lost_and_ran_again(db, killed_run, "killed")
    assert_lost_and_ran_again(db, paused_run, "paused")
    assert_every_task_succeeded_once(db)
    assert_late_writes_refused(db, cluster, paused_run)


def assert_releases_completed_untouched(db: Database, created: datetime) -> None:
    """Every release SUCCEEDED; no person did anything after the releases were made."""
    releases = db.releases()
    assert len(releases) == RELEASES
    assert [r.execution_status for r in releases] == [ReleaseExecutionStatus.SUCCEEDED] * RELEASES
    by_people = [e for e in db.events() if e.actor in PEOPLE]
    assert by_people
    assert all(e.at <= created for e in by_people), [e for e in by_people if e.at > created]


def assert_lost_and_ran_again(db: Database, run: TaskRun, agent: str) -> None:
    """``run`` of ``agent`` is LOST, its error naming the slot; its task ran again on another
    agent and succeeded, the loss counted as no failure."""
    lost = db.run(run.id)
    assert lost.status == RunStatus.LOST, lost
    assert lost.agent_name is not None
    assert lost.agent_name.startswith(f"{agent}/"), lost
    assert lost.error is not None
    assert lost.agent_name in lost.error, lost
    later = sorted(
        (r for task, r in db.runs() if task.id == run.task_id and r.number > run.number),
        key=lambda r: r.number,
    )
    assert later, f"task of run {run.id} never ran again"
    assert later[-1].status == RunStatus.SUCCEEDED, later
    assert later[-1].agent_name is not None
    assert not later[-1].agent_name.startswith(f"{agent}/"), later
    assert all(r.status in (RunStatus.LOST, RunStatus.SUCCEEDED) for r in later), later


def assert_every_task_succeeded_once(db: Database) -> None:
    """Each task succeeded exactly once, after any number of runs LOST (none FAILED,
    INTERRUPTED or still running); no script run started twice."""
    outcomes: dict[str, list[RunStatus]] = {}
    for task, run in db.runs():
        outcomes.setdefault(task.id, []).append(run.status)
    assert len(outcomes) == 2 * RELEASES
    for got in outcomes.values():
        assert Counter(got)[RunStatus.SUCCEEDED] == 1, outcomes
        assert set(got) <= {RunStatus.SUCCEEDED, RunStatus.LOST}, outcomes
    assert any(RunStatus.LOST in got for got in outcomes.values())


def assert_late_writes_refused(db: Database, cluster: Cluster, run: TaskRun) -> None:
    """The paused agent's writes about its lost run were refused: a staleLease event naming
    its claim, the run still LOST with no status moved after it, and STALE_LEASE in its log."""
    stale = [e for e in db.events(kind="taskRun.staleLease") if e.entity_id == run.id]
    assert stale
    assert all(str(e.data["owner"]).startswith("agent:paused/") for e in stale), stale
    moves = [e.to_status for e in db.events(kind="taskRun.status") if e.entity_id == run.id]
    assert moves[-1] == RunStatus.LOST.value, moves
    assert moves.count(RunStatus.LOST.value) == 1, moves
    assert "STALE_LEASE" in cluster.log_of("paused")
