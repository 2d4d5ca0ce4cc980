"""Two runtimes on one PostgreSQL database, as two replicas: a release another one is deciding
for is skipped, not waited for; NOTIFY wakes the other's followers, also after a lost
connection."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition, Tick
from releasegraph.runtime import store
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Created, Runtime
from releasegraph.runtime.settings import Settings
from tests.postgres import fresh_database
from tests.waiting import poll_async

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

    with a.session() as holding:
        store.load_release(holding, release_id)  # FOR UPDATE: a decides for it now
        skipped = b.execute(release_id, Tick(actor="system"), claim=True)
    done = b.execute(release_id, Tick(actor="system"), claim=True)

    assert skipped == Created(())
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


def listening(runtime: Runtime) -> int:
    with runtime.session() as session:
        count: int = session.execute(
            sa.text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE query LIKE 'LISTEN%' AND datname = current_database()"
            )
        ).scalar_one()
        return count
