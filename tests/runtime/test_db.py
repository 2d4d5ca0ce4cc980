"""Engines: on PostgreSQL one pool of the configured size, shared by reads and writes; a
transaction its process leaves open (stopped mid-commit) is aborted, its locks freed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.pool import QueuePool
from sqlmodel import col, select

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition, UpdateDraftRelease
from releasegraph.models import Event, SequenceCounter
from releasegraph.runtime.db import make_engine
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.postgres import fresh_database
from tests.waiting import poll

EXAMPLES = Path(__file__).parents[2] / "examples"

POSTGRES = "postgresql://postgres@db.invalid/releases"  # engines connect only when used


def test_a_postgres_engine_holds_at_most_its_pool_size() -> None:
    engine = make_engine(POSTGRES, pool_size=3)

    assert isinstance(engine.pool, QueuePool)
    assert engine.pool.size() == 3


def test_a_postgres_runtime_reads_and_writes_through_one_pool() -> None:
    runtime = Runtime(Settings(database_url=POSTGRES, pool_size=4))

    assert runtime.read_db.pool is runtime.db.pool
    assert runtime.read_db.get_execution_options()["isolation_level"] == "REPEATABLE READ"
    assert isinstance(runtime.db.pool, QueuePool)
    assert runtime.db.pool.size() == 4


def test_a_transaction_its_process_leaves_open_is_aborted_within_a_lease_renewal() -> None:
    # A replica stopped (SIGSTOP, a paused VM) between two statements of a commit kept the
    # event counter's row lock: every writer of every replica waited behind it, none could
    # renew its leases, and the one to wake first took the others' runs as expired.
    with fresh_database() as url:
        settings = Settings(database_url=url, lease_seconds=2, lease_renewal=0.5)
        stopped, other = Runtime(settings), Runtime(settings)
        take_a_number = sa.update(SequenceCounter).values(value=col(SequenceCounter.value) + 1)
        try:
            with stopped.session() as holding:
                holding.execute(take_a_number)  # as a commit of events does; then it stops
                with other.session() as writing:
                    writing.execute(sa.text("SET LOCAL lock_timeout = '10s'"))
                    writing.execute(take_a_number)  # waits until the server aborts `holding`
                    writing.commit()
                with pytest.raises(sa.exc.DBAPIError, match="idle-in-transaction timeout"):
                    holding.commit()
        finally:
            stopped.db.dispose()
            other.db.dispose()


def test_a_command_whose_transaction_the_server_ended_is_decided_again() -> None:
    # A replica stopped mid-commit past the idle timeout finds its connection gone when it
    # wakes: the command is decided once more (its report then meets STALE_LEASE, say), not lost.
    with fresh_database() as url:
        runtime = Runtime(Settings(database_url=url, agents=0, lease_seconds=2, lease_renewal=0.5))
        runtime.open()
        try:
            release_id = draft_release(runtime)
            stalled: list[int] = []
            sa.event.listen(runtime.db, "before_cursor_execute", stall_once(url, stalled))

            runtime.execute(release_id, UpdateDraftRelease(actor="ann", description="once"))

            assert len(stalled) == 1
            with runtime.read_session() as session:
                kinds = session.exec(select(Event.kind).where(col(Event.kind) == "release.updated"))
                assert list(kinds) == ["release.updated"]
        finally:
            runtime.db.dispose()


def draft_release(runtime: Runtime) -> str:
    source = (EXAMPLES / "dag.yaml").read_text()
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="ann", source=source)
    ).id
    return runtime.create_release(CreateRelease(actor="ann", definition_id=definition_id))


def stall_once(url: str, stalled: list[int]) -> Callable[..., None]:
    """Before the first counter update, stop until the server has ended the transaction."""

    def before(conn: sa.Connection, cursor: object, statement: str, *args: object) -> None:
        if stalled or "sequence_counter" not in statement:
            return
        pid: int = conn.connection.dbapi_connection.info.backend_pid  # type: ignore[union-attr]
        stalled.append(pid)
        with psycopg.connect(url, autocommit=True) as admin:
            query = "SELECT count(*) FROM pg_stat_activity WHERE pid = %s"
            poll(lambda: admin.execute(query, (pid,)).fetchone() == (0,), "the backend ended")

    return before
