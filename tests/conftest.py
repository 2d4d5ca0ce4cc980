from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests import postgres
from tests.api import Api, serve_app


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop the PostgreSQL template of this session, if one was made."""
    postgres.drop_template()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(params=postgres.BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of the test's own: a SQLite file, and again a PostgreSQL database
    at the code's revision (skipped, saying why, where no server answers; see
    ``tests.postgres``)."""
    with postgres.database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def api(database_url: str, clock: ManualClock) -> AsyncIterator[Api]:
    """The GraphQL app on a fresh database with a hand-moved clock; see ``tests.api``."""
    async with serve_app(Runtime(Settings(database_url=database_url, agents=2), clock=clock)) as a:
        yield a


@pytest.fixture
async def runtime(database_url: str, clock: ManualClock) -> AsyncIterator[Runtime]:
    """A started runtime on a fresh database: two local agents, no job limit."""
    rt = Runtime(Settings(database_url=database_url, agents=2), clock=clock)
    await rt.start()
    yield rt
    await rt.stop()
