"""Database engines: a SQLite file by default (WAL), PostgreSQL for several replicas."""

from __future__ import annotations

import functools
import sqlite3
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import ConnectionPoolEntry

DEFAULT_URL = "sqlite:///releasegraph.db"
DEFAULT_POOL_SIZE = 10
EVENT_SEQUENCE = "event"
"""The counter row of event sequence numbers (the baseline migration creates it)."""


def engines(url: str, pool_size: int, *, idle_in_transaction: float) -> tuple[Engine, Engine]:
    """A process's engines, for writing and for reading.

    PostgreSQL reads share the writes' pool, in REPEATABLE READ: one snapshot, as a
    deferred transaction is on SQLite, so a whole GraphQL response is of one state.
    """
    db = make_engine(url, pool_size=pool_size, idle_transaction_timeout=idle_in_transaction)
    if is_sqlite(db):
        return db, make_engine(url, read_only=True)
    return db, db.execution_options(isolation_level="REPEATABLE READ")


def make_engine(
    url: str,
    *,
    read_only: bool = False,
    pool_size: int = DEFAULT_POOL_SIZE,
    idle_transaction_timeout: float | None = None,
) -> Engine:
    """An engine whose transactions take the write lock up front on SQLite.

    A ``read_only`` engine begins SQLite transactions deferred instead, so that
    readers see one snapshot without queueing behind writers. On PostgreSQL the engine
    holds at most ``pool_size`` connections (no overflow: replicas times the pool size is what
    the server must allow), and ``read_only`` changes nothing.

    ``idle_transaction_timeout`` (PostgreSQL): seconds a transaction may wait for its process
    between two statements before the server aborts it and closes the connection. A process
    that stops mid-transaction (paused, swapped out) would otherwise keep its row locks — the
    release's, and the event counter's that every writer of every replica needs — for as long
    as it stays stopped. A process at work hardly ever waits inside a transaction: its writes
    run from first statement to commit without yielding, and a request's read snapshot waits
    only while the event loop serves others.
    """
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith("sqlite"):
        engine = sa.create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=0)
        if idle_transaction_timeout is not None:
            milliseconds = max(1, round(idle_transaction_timeout * 1000))
            sa.event.listen(engine, "connect", functools.partial(_idle_timeout, milliseconds))
        return engine
    engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin_read if read_only else _sqlite_begin)
    return engine


def _idle_timeout(milliseconds: int, dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # A statement, not a startup option: poolers that refuse unknown options pass it on.
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET idle_in_transaction_session_timeout = {milliseconds:d}")
    dbapi_connection.commit()


def _sqlite_connect(dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite would defer it).
    dbapi_connection.isolation_level = None
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=30000"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _sqlite_begin(connection: sa.Connection) -> None:
    # IMMEDIATE: a transaction that will write never fails to upgrade its lock midway.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_begin_read(connection: sa.Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
