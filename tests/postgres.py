"""A fresh PostgreSQL database per test, or a visible skip where no server answers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

from releasegraph.runtime import revisions
from releasegraph.runtime.db import make_engine

SERVER_URL = os.environ.get(
    "RELEASEGRAPH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=3)


@contextmanager
def fresh_database(*, migrated: bool = True) -> Iterator[str]:
    """Create a database of its own, yield its URL, drop it afterwards.

    ``migrated``: its schema at the code's revision, as ``releasegraph migrate`` leaves it
    (a runtime refuses to start on PostgreSQL otherwise); else empty.
    """
    try:
        admin = _admin()
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL at {SERVER_URL}: {error}")
    name = f"releasegraph_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = SERVER_URL.rsplit("/", 1)[0] + f"/{name}"
            if migrated:
                _migrate(url)
            yield url
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        revisions.upgrade(engine)
    finally:
        engine.dispose()
