"""Engines: on PostgreSQL one pool of the configured size, shared by reads and writes."""

from __future__ import annotations

from sqlalchemy.pool import QueuePool

from releasegraph.runtime.db import make_engine
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings

POSTGRES = "postgresql://postgres@db.invalid/releases"  # engines connect only when used


def test_a_postgres_engine_holds_at_most_its_pool_size() -> None:
    engine = make_engine(POSTGRES, pool_size=3)

    assert isinstance(engine.pool, QueuePool)
    assert engine.pool.size() == 3


def test_a_postgres_runtime_reads_and_writes_through_one_pool() -> None:
    runtime = Runtime(Settings(database_url=POSTGRES, pool_size=4))

    assert runtime.read_db is runtime.db
    assert isinstance(runtime.db.pool, QueuePool)
    assert runtime.db.pool.size() == 4
