from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.api import Api, serve_app


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'releasegraph.db'}"


@pytest.fixture
async def api(database_url: str, clock: ManualClock) -> AsyncIterator[Api]:
    """The GraphQL app on a fresh SQLite file with a hand-moved clock; see ``tests.api``."""
    async with serve_app(Runtime(Settings(database_url=database_url, agents=2), clock=clock)) as a:
        yield a


@pytest.fixture
async def runtime(database_url: str, clock: ManualClock) -> AsyncIterator[Runtime]:
    """A started runtime on a fresh SQLite file: two local agents, no job limit."""
    rt = Runtime(Settings(database_url=database_url, agents=2), clock=clock)
    await rt.start()
    yield rt
    await rt.stop()
