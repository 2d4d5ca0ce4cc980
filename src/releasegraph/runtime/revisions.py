"""The schema's revision: Alembic's migrations (``releasegraph/migrations``) read, checked
and applied.

The embedded SQLite file is upgraded whenever a process opens it: one process at a time
holds its write lock. On PostgreSQL several replicas start at once, so none of them
changes the schema: ``releasegraph migrate`` does, once, and a replica refuses to start on
a schema older than its code.
"""

from __future__ import annotations

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

import releasegraph.migrations
from releasegraph.runtime.db import is_sqlite

SCRIPTS = str(Path(releasegraph.migrations.__file__).parent)
"""Alembic's folder: ``env.py`` and ``versions/``."""
BASELINE = "0001"
"""The schema as it was before migrations: a database with its tables and no version
table is at this revision."""
_BASELINE_TABLE = "event"
"""A table every database made before migrations has."""
_MIGRATION_LOCK = 0x72656C67
"""PostgreSQL advisory lock that makes two ``migrate`` at once take turns."""


class OutdatedSchemaError(Exception):
    """The database's schema is not the revision the code needs."""

    def __init__(self, current: str | None, head: str) -> None:
        super().__init__(
            f"the database schema is at revision {current or 'none (an empty database)'},"
            f" the code needs {head}"
        )
        self.current = current
        self.head = head


def config(connection: sa.Connection) -> Config:
    """Alembic's configuration: our scripts, run on ``connection`` (see ``migrations/env.py``)."""
    alembic_config = Config()
    alembic_config.set_main_option("script_location", SCRIPTS)
    alembic_config.attributes["connection"] = connection
    return alembic_config


@functools.cache
def head() -> str:
    """The revision the code needs."""
    script = ScriptDirectory(SCRIPTS)
    latest = script.get_current_head()
    assert latest is not None, "the migrations have one head"
    return latest


def current(connection: sa.Connection) -> str | None:
    """The database's revision: its version table's, else the baseline for a database made
    before migrations; None for an empty database."""
    stamped = _stamped(connection)
    if stamped is None and _made_before_migrations(connection):
        return BASELINE
    return stamped


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to ``head()`` in one transaction: the revisions from and to.

    A database made before migrations is stamped as the baseline first, not created anew.
    """
    with engine.begin() as connection:  # on SQLite: BEGIN IMMEDIATE, the write lock
        if not is_sqlite(engine):
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
        stamped = _stamped(connection)
        if stamped == head():  # the usual case, at every start: nothing else to read
            return stamped, stamped
        before = current(connection)
        if before == BASELINE and stamped is None:
            command.stamp(config(connection), BASELINE)
        command.upgrade(config(connection), "head")
    return before, head()


def require_current(engine: Engine) -> None:
    """Refuse a schema that is not at ``head()``: ``OutdatedSchemaError``."""
    with engine.connect() as connection:
        revision = current(connection)
    if revision != head():
        raise OutdatedSchemaError(revision, head())


def prepare(engine: Engine) -> None:
    """Make the schema usable at start: SQLite is upgraded, PostgreSQL must be current."""
    if is_sqlite(engine):
        upgrade(engine)
    else:
        require_current(engine)


def _stamped(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _made_before_migrations(connection: sa.Connection) -> bool:
    return sa.inspect(connection).has_table(_BASELINE_TABLE)
