"""Remote agents as the server serves them, in process: registration, offers and held claims,
fenced renewals, log batches and reports, a lost agent, and slots going offline."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from releasegraph import __version__
from releasegraph.engine.commands import CancelDeployment, CreateRelease, CreateReleaseDefinition
from releasegraph.engine.errors import StaleLeaseError, ValidationError
from releasegraph.engine.states import (
    AgentStatus,
    DeploymentOperationStatus,
    DeploymentStatus,
    ReleaseExecutionStatus,
    RunStatus,
)
from releasegraph.events.bus import MemoryBus
from releasegraph.models import Agent, Event, TaskLogLine, TaskRun
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.remote_agents import Job, Registration
from releasegraph.runtime.service import Runtime
from tests.support import definition
from tests.waiting import DEADLINE, poll_async

REMOTE = definition(
    """
    name: remote
    variables: {region: eu}
    environments:
      - name: prod
        phases:
          - name: deploy
            demands: {os: linux}
            tasks: [{name: migrate, kind: script, run: ./migrate.sh}]
    """
)


def in_pool(name: str, pool: str) -> str:
    return definition(
        f"""
        name: {name}
        environments:
          - name: prod
            phases: [{{name: deploy, pool: {pool}, tasks: [{{name: t, kind: script, run: x}}]}}]
        """
    )


def register(runtime: Runtime, name: str = "box", *, capacity: int = 1, **overrides: str) -> None:
    registration = Registration(
        name=name,
        pool=overrides.get("pool", "default"),
        capacity=capacity,
        capabilities={"os": "linux"},
        version=overrides.get("version", __version__),
        actor="agent",
    )
    runtime.remote_agents.register(registration)


def release(runtime: Runtime, source: str = REMOTE) -> str:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="dave", source=source)
    ).id
    return runtime.create_release(
        CreateRelease(actor="dave", definition_id=definition_id, start=True)
    )


def runs(runtime: Runtime, release_id: str) -> list[TaskRun]:
    return sorted(runtime.load(release_id).runs, key=lambda run: run.number)


def agents(runtime: Runtime) -> list[Agent]:
    with runtime.read_session() as session:
        return list(session.exec(select(Agent).order_by(col(Agent.name))))


def stale_refusals(runtime: Runtime) -> list[str]:
    with runtime.read_session() as session:
        query = select(Event).where(col(Event.kind) == "taskRun.staleLease")
        return [str(e.data["refused"]) for e in session.exec(query.order_by(col(Event.seq)))]


async def present() -> bool:
    """The asker of a claim is still there."""
    return False


async def hung_up() -> bool:
    return True


async def held(runtime: Runtime) -> None:
    """Until a claim waits on the runtime's bus, having found nothing to take."""
    bus = runtime.bus
    assert isinstance(bus, MemoryBus)
    await poll_async(lambda: bus.subscribers, "a claim held", until=lambda n: n == 1)


async def claim(runtime: Runtime, slot: str = "box") -> Job:
    job = await runtime.remote_agents.claim(slot, 0, gone=present)
    assert job is not None, f"nothing offered to {slot}"
    return job


def test_an_agent_registers_one_slot_per_capacity_with_what_it_offers(opened: Runtime) -> None:
    register(opened, "box", capacity=2)

    slots = [(a.name, a.remote, a.process, a.capacity, a.capabilities) for a in agents(opened)]

    assert slots == [
        ("box/1", True, "box", 2, {"os": "linux"}),
        ("box/2", True, "box", 2, {"os": "linux"}),
    ]


@pytest.mark.parametrize(
    ("name", "version", "path"),
    [
        ("box", "0.0.1", "version"),
        ("local-1", __version__, "name"),
        ("a/b", __version__, "name"),
        ("a:b", __version__, "name"),
    ],
)
def test_a_registration_it_may_not_make_is_refused_and_changes_nothing(
    opened: Runtime, name: str, version: str, path: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        register(opened, name, version=version)

    assert [issue.path for issue in refused.value.issues] == [path]
    assert agents(opened) == []


async def test_a_run_of_a_remote_phase_is_offered_to_its_slot_and_claimed_once(
    opened: Runtime,
) -> None:
    register(opened)
    release_id = release(opened)
    (offered,) = runs(opened, release_id)

    job = await claim(opened)
    again = await opened.remote_agents.claim("box", 0, gone=present)

    assert (offered.agent_name, offered.lease_owner) == ("box", "agent:box")
    assert job.order.run_id == offered.id
    assert job.token.startswith("agent:box:")
    assert (job.order.env["region"], job.order.env["RELEASEGRAPH_RUN_ID"]) == ("eu", offered.id)
    assert again is None
    assert runs(opened, release_id)[0].lease_owner == job.token


async def test_a_held_claim_gets_the_run_offered_while_it_waits(opened: Runtime) -> None:
    register(opened)
    waiting = asyncio.create_task(opened.remote_agents.claim("box", DEADLINE, gone=present))
    await held(opened)  # before the release exists

    release_id = release(opened)
    async with asyncio.timeout(DEADLINE):
        job = await waiting

    assert job is not None
    assert job.order.run_id == runs(opened, release_id)[0].id


async def test_a_claim_whose_asker_hung_up_takes_nothing(opened: Runtime) -> None:
    register(opened)
    release_id = release(opened)

    taken = await opened.remote_agents.claim("box", 0, gone=hung_up)

    assert taken is None
    assert runs(opened, release_id)[0].lease_owner == "agent:box"  # still offered
    assert (await claim(opened)).order.run_id == runs(opened, release_id)[0].id


async def test_held_claims_end_taking_nothing_when_the_server_stops(opened: Runtime) -> None:
    register(opened)
    waiting = asyncio.create_task(opened.remote_agents.claim("box", DEADLINE, gone=present))
    await held(opened)

    opened.remote_agents.close()
    release_id = release(opened)
    async with asyncio.timeout(DEADLINE):
        taken = await waiting

    assert taken is None
    assert runs(opened, release_id)[0].lease_owner == "agent:box"


async def test_log_batches_are_stored_once_in_order_even_when_sent_again(
    opened: Runtime,
) -> None:
    register(opened)
    release_id = release(opened)
    job = await claim(opened)
    lines = [("stdout", "one"), ("stdout", "two")]

    first = opened.remote_agents.append_log(job.order.run_id, job.token, 0, lines)
    again = opened.remote_agents.append_log(job.order.run_id, job.token, 0, lines)
    more = opened.remote_agents.append_log(
        job.order.run_id, job.token, 1, [("stdout", "two"), ("stderr", "three")]
    )
    with pytest.raises(ValidationError):
        opened.remote_agents.append_log(job.order.run_id, job.token, 9, [("stdout", "gap")])

    with opened.read_session() as session:
        stored = session.exec(select(TaskLogLine.text).order_by(col(TaskLogLine.line))).all()
    assert (first, again, more) == (2, 2, 3)
    assert list(stored) == ["one", "two", "three"]
    assert runs(opened, release_id)[0].log_received == 3


async def test_a_report_under_the_claim_decides_the_task(opened: Runtime) -> None:
    register(opened)
    release_id = release(opened)
    job = await claim(opened)

    opened.remote_agents.report(job.order.run_id, job.token, exit_code=0, error=None, actor="a")

    state = opened.load(release_id)
    assert [r.status for r in state.runs] == [RunStatus.SUCCEEDED]
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED


async def test_a_renewal_extends_the_lease_and_says_stop_once_the_run_is_canceled(
    opened: Runtime, clock: ManualClock
) -> None:
    register(opened)
    release_id = release(opened)
    job = await claim(opened)
    clock.advance(10)

    renewed = opened.remote_agents.renew(job.order.run_id, job.token)
    environment_id = opened.load(release_id).environments[0].id
    opened.execute(release_id, CancelDeployment(actor="dave", environment_id=environment_id))
    stopped = opened.remote_agents.renew(job.order.run_id, job.token)

    lease = timedelta(seconds=opened.settings.lease_seconds)
    assert (renewed.stop, renewed.expires_at) == (False, clock.now() + lease)
    assert stopped.stop
    assert runs(opened, release_id)[0].status == RunStatus.CANCELED


async def test_a_lost_agent_s_run_is_lost_run_again_elsewhere_and_its_late_writes_refused(
    opened: Runtime, clock: ManualClock
) -> None:
    register(opened, "gone")
    release_id = release(opened)
    late = await claim(opened, "gone")
    clock.advance(opened.settings.lease_seconds + 1)
    register(opened, "spare")  # seen now; "gone" was not, for a whole lease

    opened.runs.recover()
    rerun = await claim(opened, "spare")
    opened.remote_agents.report(rerun.order.run_id, rerun.token, exit_code=0, error=None, actor="a")
    refused = []
    for write in (
        lambda: opened.remote_agents.report(
            late.order.run_id, late.token, exit_code=0, error=None, actor="a"
        ),
        lambda: opened.remote_agents.renew(late.order.run_id, late.token),
        lambda: opened.remote_agents.append_log(late.order.run_id, late.token, 0, [("o", "x")]),
    ):
        with pytest.raises(StaleLeaseError):
            write()
        refused.append("refused")

    lost, again = runs(opened, release_id)
    assert (lost.id, lost.status, lost.agent_name) == (late.order.run_id, RunStatus.LOST, "gone")
    assert (again.status, again.agent_name) == (RunStatus.SUCCEEDED, "spare")
    assert stale_refusals(opened) == ["report", "renewal", "log"]
    assert [(a.name, a.stale_refusals) for a in agents(opened)] == [("gone", 3), ("spare", 0)]
    assert opened.load(release_id).release.execution_status == ReleaseExecutionStatus.SUCCEEDED


async def test_an_offer_never_claimed_expires_like_a_lease_and_goes_to_another_agent(
    opened: Runtime, clock: ManualClock
) -> None:
    register(opened, "silent")  # registers, then dies before it claims
    release_id = release(opened)
    clock.advance(opened.settings.lease_seconds + 1)
    register(opened, "spare")

    opened.runs.recover()
    job = await claim(opened, "spare")

    lost, offered = runs(opened, release_id)
    assert (lost.status, lost.agent_name) == (RunStatus.LOST, "silent")
    assert (offered.id, offered.agent_name) == (job.order.run_id, "spare")


async def test_a_freed_agent_wakes_a_release_waiting_in_its_own_pool_not_an_older_elsewhere(
    opened: Runtime,
) -> None:
    register(opened, "far", pool="far")
    register(opened, "near")
    release(opened, in_pool("far-1", "far"))  # takes "far"
    older = release(opened, in_pool("far-2", "far"))  # waits for "far"
    busy = release(opened)  # takes "near"
    younger = release(opened, in_pool("near-2", "default"))  # waits for "near"
    opened.run_due()  # the agents that came are seen: from now on, only frees wake
    job = await claim(opened, "near")

    opened.remote_agents.report(job.order.run_id, job.token, exit_code=0, error=None, actor="a")
    opened.run_due()

    assert opened.load(busy).release.execution_status == ReleaseExecutionStatus.SUCCEEDED
    assert [p.agent_name for p in opened.load(younger).phases] == ["near"]
    assert [p.agent_name for p in opened.load(older).phases] == [None]


async def test_a_slot_not_seen_for_a_lease_goes_offline_and_comes_back_at_its_next_claim(
    opened: Runtime, clock: ManualClock
) -> None:
    register(opened)
    clock.advance(opened.settings.lease_seconds + 1)

    opened._mark_agents_away()
    away = [a.status for a in agents(opened)]
    await opened.remote_agents.claim("box", 0, gone=present)

    assert away == [AgentStatus.OFFLINE]
    assert [a.status for a in agents(opened)] == [AgentStatus.ONLINE]


async def test_a_release_started_as_another_process_takes_its_agent_decides_again_and_waits(
    database_url: str, opened: Runtime
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("another process's row lock: SQLite writes one at a time")
    register(opened)
    with opened.db.connect() as other:
        # Another replica's decision takes the agent and has not committed yet.
        taking = other.begin()
        other.execute(sa.update(Agent).where(col(Agent.name) == "box").values(phase_id="elsewhere"))
        creating = asyncio.create_task(asyncio.to_thread(release, opened))
        await poll_async(
            lambda: waiting_on_a_lock(opened), "the creation waits on the agent's row", until=bool
        )
        taking.commit()
        async with asyncio.timeout(DEADLINE):
            release_id = await creating

    (attempt,) = opened.load(release_id).attempts
    assert (attempt.status, attempt.operation_status) == (
        DeploymentStatus.NOT_DEPLOYED,
        DeploymentOperationStatus.QUEUED_FOR_AGENT,
    )
    assert runs(opened, release_id) == []


def waiting_on_a_lock(runtime: Runtime) -> int:
    with runtime.read_session() as session:
        count: int = session.execute(
            sa.text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND datname = current_database()"
            )
        ).scalar_one()
        return count
