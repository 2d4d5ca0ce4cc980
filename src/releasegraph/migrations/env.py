"""Alembic's environment: every migration runs on the connection, and in the transaction,
that ``runtime.revisions`` hands over in the config's attributes."""

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import releasegraph.models  # noqa: F401  (registers every table, for autogenerate)

connection: Connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite alters a table by copying it: Alembic's batch mode does it.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
