from __future__ import annotations

from collections.abc import Iterator

import pytest

from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings


@pytest.fixture
def opened(database_url: str, clock: ManualClock) -> Iterator[Runtime]:
    """A runtime with its tables but no timer loop: the test alone decides when to tick."""
    rt = Runtime(Settings(database_url=database_url, agents=0), clock=clock)
    rt.open()
    yield rt
    rt.db.dispose()
    rt.read_db.dispose()
