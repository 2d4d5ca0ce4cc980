"""A fresh PostgreSQL database per test, or a visible skip where no server answers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

SERVER_URL = os.environ.get(
    "RELEASEGRAPH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=3)


@contextmanager
def fresh_database() -> Iterator[str]:
    """Create a database of its own, yield its URL, drop it afterwards."""
    try:
        admin = _admin()
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL at {SERVER_URL}: {error}")
    name = f"releasegraph_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield SERVER_URL.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
