"""Two runtimes on one PostgreSQL database, as two replicas: a release another one is deciding
for is skipped, not waited for; NOTIFY wakes the other's followers, also after a lost
connection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from releasegraph.engine.commands import (
    CreateRelease,
    CreateReleaseDefinition,
    Tick,
    UpdateDraftRelease,
)
from releasegraph.engine.states import AgentStatus
from releasegraph.events import changes
from releasegraph.events.log import events_after
from releasegraph.models import Agent, Event, Release
from releasegraph.runtime import agents, store
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.created import Created
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from releasegraph.runtime.store import ReleaseBusyError
from tests.postgres import fresh_database
from tests.waiting import DEADLINE, poll_async

EXAMPLES = Path(__file__).parents[2] / "examples"
NO_POLLING = 3600.0
"""A poll interval no test lasts: only a notification can wake a follower."""


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_database() as url:
        yield url


@pytest.fixture
async def replicas(postgres_url: str) -> AsyncIterator[tuple[Runtime, Runtime]]:
    settings = Settings(database_url=postgres_url, agents=1, poll_interval=NO_POLLING)
    pair = (Runtime(settings, clock=ManualClock()), Runtime(settings, clock=ManualClock()))
    for replica in pair:
        await replica.start()
    yield pair
    for replica in pair:
        await replica.stop()


def new_release(runtime: Runtime, name: str = "dag") -> str:
    source = (EXAMPLES / "dag.yaml").read_text().replace("name: dag", f"name: {name}", 1)
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="ann", source=source)
    ).id
    return runtime.create_release(CreateRelease(actor="ann", definition_id=definition_id))


async def test_a_release_another_replica_holds_is_skipped_not_waited_for(
    replicas: tuple[Runtime, Runtime],
) -> None:
    a, b = replicas
    release_id = new_release(a)
    with b.session() as session:  # due now, for b's timers
        session.execute(
            sa.update(Release)
            .where(col(Release.id) == release_id)
            .values(next_wakeup_at=b.clock.now())
        )
        session.commit()

    with a.session() as holding, ThreadPoolExecutor(1) as thread:
        store.load_release(holding, release_id)  # FOR UPDATE: a decides for it now
        with pytest.raises(ReleaseBusyError):
            b.execute(release_id, Tick(actor="system"), claim=True)
        # b's timers pass over it at once: neither waiting for a nor looking again and again.
        assert thread.submit(b.run_due).result(timeout=DEADLINE) == 0
    done = b.execute(release_id, Tick(actor="system"), claim=True)

    assert done == Created(())  # claimed this time; a tick of a draft creates nothing
    with b.session() as session:  # and the claim held the row: a second holder is refused
        assert store.claim_release(session, release_id)
        with a.session() as other:
            assert not store.claim_release(other, release_id)


async def test_a_commit_on_one_replica_wakes_the_other_without_polling(
    replicas: tuple[Runtime, Runtime],
) -> None:
    a, b = replicas
    new_release(a)
    head = a.bus.latest

    await poll_async(lambda: b.bus.latest, "b woken", until=lambda seq: seq >= head)


async def test_after_a_lost_connection_the_listener_listens_again_and_catches_up(
    replicas: tuple[Runtime, Runtime],
) -> None:
    a, b = replicas
    new_release(a)
    await poll_async(lambda: b.bus.latest, "b woken", until=lambda seq: seq == a.bus.latest)
    with a.session() as session:
        killed = session.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE query LIKE 'LISTEN%' AND datname = current_database()"
            )
        ).all()
    assert len(killed) == 2

    new_release(a, "dag-2")  # committed while nobody listens, or just after: either way b sees it
    head = a.bus.latest

    await poll_async(lambda: b.bus.latest, "b caught up", until=lambda seq: seq == head)
    await poll_async(lambda: listening(a), "both replicas listen again", until=lambda n: n == 2)


def backends(runtime: Runtime, where: str) -> int:
    """Connections to the runtime's database (this one's own too) that match ``where``."""
    with runtime.read_session() as session:
        count: int = session.execute(
            sa.text(
                f"SELECT count(*) FROM pg_stat_activity WHERE {where}"
                " AND datname = current_database()"
            )
        ).scalar_one()
        return count


def listening(runtime: Runtime) -> int:
    return backends(runtime, "query LIKE 'LISTEN%'")


async def test_an_event_committed_between_a_followers_two_reads_is_still_sent(
    replicas: tuple[Runtime, Runtime], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The follower finds no new event of the release, then reads the log's head: an event
    # committed on another replica between the two reads must not be passed over. (Under READ
    # COMMITTED the head saw it and the event was never sent; a read is one snapshot now.)
    a, b = replicas
    release_id = new_release(a)
    await poll_async(lambda: b.bus.latest, "b woken", until=lambda seq: seq == a.bus.latest)
    committed: list[Created] = []

    def commit_after_an_empty_read(*args: Any, **kwargs: Any) -> list[Event]:
        events = events_after(*args, **kwargs)
        if not events and not committed:
            committed.append(
                a.execute(release_id, UpdateDraftRelease(actor="ann", description="x"))
            )
        return events

    monkeypatch.setattr(changes, "events_after", commit_after_an_empty_read)
    followed = changes.follow(b, b.bus.latest, release_ids=[release_id])
    async with asyncio.timeout(10):
        batch = await anext(followed)
    await followed.aclose()

    assert [(e.release_id, e.kind) for e in batch] == [(release_id, "release.updated")]


async def test_replicas_starting_at_once_share_their_local_agents_without_a_duplicate_key(
    postgres_url: str,
) -> None:
    # Both register local-1 and local-2: the second one waits for the first one's insert and
    # takes its rows once it commits, where a read-then-insert failed on the duplicate key.
    settings = Settings(database_url=postgres_url, agents=2, poll_interval=NO_POLLING)
    first, second = Runtime(settings), Runtime(settings)
    try:
        with first.session() as inserting:
            agents.register_local(inserting, settings, first.clock.now())
            inserting.flush()  # inserted, not committed
            opening = asyncio.create_task(asyncio.to_thread(second.open))
            await poll_async(lambda: waiting_for_a_lock(first), "the second replica waits")
            inserting.commit()
        await opening

        with second.read_session() as session:
            rows = session.exec(select(Agent.name, Agent.status).order_by(col(Agent.name)))
            assert list(rows) == [("local-1", AgentStatus.ONLINE), ("local-2", AgentStatus.ONLINE)]
    finally:
        await first.stop()
        await second.stop()


def waiting_for_a_lock(runtime: Runtime) -> bool:
    return backends(runtime, "wait_event_type = 'Lock'") > 0
