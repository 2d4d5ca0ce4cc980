"""Migrations on SQLite and PostgreSQL: an empty database, one at the previous revision and
one made before migrations are all brought to the code's revision; the models and the
migrations never disagree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from releasegraph.engine.commands import CreateReleaseDefinition
from releasegraph.models import Agent, ReleaseDefinitionRow, SequenceCounter
from releasegraph.runtime import revisions
from releasegraph.runtime.db import EVENT_SEQUENCE, make_engine
from releasegraph.runtime.revisions import BASELINE, OutdatedSchemaError
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.postgres import fresh_database

EXAMPLES = Path(__file__).parents[2] / "examples"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database without a table."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'releasegraph.db'}"
        return
    with fresh_database(migrated=False) as url:
        yield url


@pytest.fixture
def engine(empty_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_url)
    yield engine
    engine.dispose()


def differences(engine: Engine, metadata: sa.MetaData = SQLModel.metadata) -> list[tuple[Any, ...]]:
    """What autogenerate would put in a new revision: the models against the schema.

    Alembic types them Any: tuples of several shapes, ``("add_column", schema, table,
    column)`` among them."""
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))


def stamped(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def previous_revision() -> str | None:
    revision = ScriptDirectory(revisions.SCRIPTS).get_revision(revisions.head())
    assert revision is not None
    down = revision.down_revision
    assert down is None or isinstance(down, str), "no merge revisions"
    return down


def make_before_migrations(engine: Engine) -> None:
    """What ``create_schema`` made before migrations existed (the baseline's tables, with its
    counter row, and no ``alembic_version``), and one definition in it."""
    with engine.begin() as connection:
        command.upgrade(revisions.config(connection), BASELINE)
        connection.execute(sa.text("DROP TABLE alembic_version"))
    with Session(engine) as session:
        session.add(
            ReleaseDefinitionRow(
                id="d1",
                name="kept",
                source="name: kept",
                spec={},
                created_by="ann",
                created_on=NOW,
                modified_by="ann",
                modified_on=NOW,
            )
        )
        session.commit()


def test_an_empty_database_is_upgraded_to_the_models(engine: Engine) -> None:
    upgraded = revisions.upgrade(engine)

    assert upgraded == (None, revisions.head())
    assert stamped(engine) == revisions.head()
    assert differences(engine) == []
    with Session(engine) as session:
        counters = session.exec(select(SequenceCounter.name, SequenceCounter.value)).all()
    assert counters == [(EVENT_SEQUENCE, 0)]


def test_a_current_database_is_left_as_it_is(engine: Engine) -> None:
    revisions.upgrade(engine)

    assert revisions.upgrade(engine) == (revisions.head(), revisions.head())
    revisions.require_current(engine)


def test_a_database_made_before_migrations_is_stamped_as_the_baseline_and_kept(
    engine: Engine,
) -> None:
    make_before_migrations(engine)
    with engine.connect() as connection:
        assert revisions.current(connection) == BASELINE

    upgraded = revisions.upgrade(engine)

    assert upgraded == (BASELINE, revisions.head())
    assert stamped(engine) == revisions.head()
    assert differences(engine) == []
    with Session(engine) as session:
        assert session.exec(select(ReleaseDefinitionRow.name)).all() == ["kept"]


def test_a_database_one_revision_back_is_downgraded_and_upgraded_again(engine: Engine) -> None:
    revisions.upgrade(engine)

    with engine.begin() as connection:
        command.downgrade(revisions.config(connection), "-1")
    assert stamped(engine) == previous_revision()
    upgraded = revisions.upgrade(engine)

    assert upgraded == (previous_revision(), revisions.head())
    assert differences(engine) == []


def test_a_model_changed_without_a_migration_is_found(engine: Engine) -> None:
    revisions.upgrade(engine)
    changed = sa.MetaData()
    for table in SQLModel.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["task_run"].append_column(sa.Column("worker_note", sa.String()))

    found = differences(engine, changed)

    assert [(kind, table, column.name) for kind, _, table, column in found] == [
        ("add_column", "task_run", "worker_note")
    ]


def test_an_out_of_date_database_is_refused_with_both_revisions(engine: Engine) -> None:
    with pytest.raises(OutdatedSchemaError) as refused:
        revisions.require_current(engine)

    assert (refused.value.current, refused.value.head) == (None, revisions.head())
    assert str(refused.value) == (
        "the database schema is at revision none (an empty database),"
        f" the code needs {revisions.head()}"
    )


async def test_a_runtime_opens_a_sqlite_file_made_before_migrations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = make_engine(url)
    make_before_migrations(old)
    old.dispose()
    runtime = Runtime(Settings(database_url=url, agents=0))

    await runtime.start()
    try:
        runtime.create_definition(
            CreateReleaseDefinition(actor="ann", source=(EXAMPLES / "dag.yaml").read_text())
        )
    finally:
        await runtime.stop()

    engine = make_engine(url)
    assert stamped(engine) == revisions.head()
    engine.dispose()


def test_a_runtime_refuses_an_empty_postgres_database() -> None:
    with fresh_database(migrated=False) as url:
        runtime = Runtime(Settings(database_url=url, agents=0))
        with pytest.raises(OutdatedSchemaError):
            runtime.open()
        runtime.db.dispose()


def test_rows_of_the_previous_revision_get_the_new_columns_defaults(engine: Engine) -> None:
    """0003 (remote agents) on a database with an agent: it stays a local agent of
    capacity 1 with no capabilities, version or refusals."""
    revisions.upgrade(engine)
    with engine.begin() as connection:
        command.downgrade(revisions.config(connection), "0002")
        connection.execute(
            sa.text(
                "INSERT INTO agent (id, name, pool, status, enabled)"
                " VALUES ('local-1', 'local-1', 'default', 'ONLINE', true)"
            )
        )

    revisions.upgrade(engine)

    with Session(engine) as session:
        (agent,) = session.exec(select(Agent)).all()
    assert (agent.remote, agent.capacity, agent.capabilities) == (False, 1, {})
    assert (agent.process, agent.version, agent.stale_refusals) == (None, None, 0)
