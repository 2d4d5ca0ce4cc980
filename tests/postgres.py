"""A fresh PostgreSQL database per test, or a visible skip where no server answers.

A migrated database is a copy of one template per test session (``CREATE DATABASE …
TEMPLATE``, where migrating each anew takes ~0.5 s); the template is made on first use and
dropped when the session ends (``drop_template``, from ``tests/conftest.py``). A copy takes
~0.15 s, mostly the server writing it out, so the next test's copy is made while a test runs.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import psycopg
import pytest

from releasegraph.runtime import revisions
from releasegraph.runtime.db import make_engine

SERVER_URL = os.environ.get(
    "RELEASEGRAPH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)

T = TypeVar("T")


def url_of(database: str) -> str:
    """The URL of ``database`` on the server of ``SERVER_URL``."""
    return SERVER_URL.rsplit("/", 1)[0] + f"/{database}"


class _Server:
    """The session's one administrative connection, its template and the next copy of it.

    The connection is used by one worker thread only, in turn: the copy made ahead and the
    drops, which no test waits for (a drop that failed fails the next test to ask for a
    database). Once no server has answered, every later test is skipped with the same reason
    at once.
    """

    def __init__(self) -> None:
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="postgres-test-databases")
        self._admin: psycopg.Connection[tuple[object, ...]] | None = None
        self._unreachable: str | None = None
        self._template: str | None = None
        self._next: Future[str] | None = None
        self._drops: list[Future[None]] = []

    def create(self, *, migrated: bool) -> str:
        """A new database (its name): a copy of the template, or empty."""
        if self._unreachable is not None:
            pytest.skip(self._unreachable)
        self._dropped()
        if not migrated:
            return self._run(lambda: self._create(None))
        ready, self._next = self._next or self._worker.submit(self._copy), None
        name = ready.result()
        self._next = self._worker.submit(self._copy)
        return name

    def drop(self, name: str) -> None:
        self._drops.append(
            self._worker.submit(self._execute, f'DROP DATABASE "{name}" WITH (FORCE)')
        )

    def close(self) -> None:
        """Drop the copy made ahead and the template; close the connection."""
        if self._next is not None and self._next.exception() is None:
            self.drop(self._next.result())
        if self._template is not None:
            self.drop(self._template)
        if self._admin is not None:
            self._run(self._admin.close)
        self._admin = self._template = self._next = None
        self._dropped()

    def _dropped(self) -> None:
        """Raise what a finished drop raised."""
        done = [drop for drop in self._drops if drop.done()]
        self._drops = [drop for drop in self._drops if not drop.done()]
        for drop in done:
            drop.result()

    def _run(self, work: Callable[[], T]) -> T:
        return self._worker.submit(work).result()

    def _copy(self) -> str:
        if self._template is None:
            self._template = self._create(None, prefix="releasegraph_template_")
            try:
                _migrate(url_of(self._template))
            except BaseException:
                self._execute(f'DROP DATABASE "{self._template}" WITH (FORCE)')
                self._template = None
                raise
        return self._create(self._template)

    def _create(self, template: str | None, prefix: str = "releasegraph_test_") -> str:
        name = f"{prefix}{revisions.head()}_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        self._execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def _execute(self, statement: str) -> None:
        if self._admin is None or self._admin.closed:
            try:
                self._admin = psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=3)
            except psycopg.OperationalError as error:
                self._unreachable = f"no PostgreSQL at {SERVER_URL}: " + " ".join(
                    f"{error}".split()
                )
                pytest.skip(self._unreachable)
        self._admin.execute(statement)


_SERVER = _Server()


@contextmanager
def fresh_database(*, migrated: bool = True) -> Iterator[str]:
    """Create a database of its own, yield its URL, drop it afterwards.

    ``migrated``: its schema at the code's revision, as ``releasegraph migrate`` leaves it
    (a runtime refuses to start on PostgreSQL otherwise); else empty.
    """
    name = _SERVER.create(migrated=migrated)
    try:
        yield url_of(name)
    finally:
        _SERVER.drop(name)


BACKENDS = ["sqlite", "postgresql"]
"""What a database test runs on, by its id: ``test_x[sqlite]``, ``test_x[postgresql]``."""


@contextmanager
def database(backend: str, directory: Path) -> Iterator[str]:
    """A fresh database's URL: a SQLite file in ``directory``, or ``fresh_database()``."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'releasegraph.db'}"
        return
    with fresh_database() as url:
        yield url


def drop_template() -> None:
    """At the session's end: drop what was made ahead and the template, if any."""
    _SERVER.close()


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        revisions.upgrade(engine)
    finally:
        engine.dispose()
