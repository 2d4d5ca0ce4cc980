"""The revisions, each naming the one before it (Alembic skips this module)."""
