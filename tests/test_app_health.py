"""Health and readiness: ``/healthz`` needs no token, ``/readyz`` asks the database."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.api import Api, serve_app
from tests.app_requests import ADA, VIEWER


async def test_healthz_says_ok_without_a_token(api: Api) -> None:
    response = await api.client.get("/healthz")

    assert (response.status_code, response.text) == (200, "ok")


async def test_readyz_says_ready_while_the_database_answers(api: Api) -> None:
    response = await api.client.get("/readyz")

    assert (response.status_code, response.json()) == (200, {"ready": True})


async def test_readyz_says_not_ready_once_the_database_file_is_gone(
    tmp_path: Path, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    directory = tmp_path / "volume"
    directory.mkdir()
    runtime = Runtime(Settings(database_url=f"sqlite:///{directory / 'rg.db'}"), clock=clock)
    async with serve_app(runtime) as api:
        assert await api.data(VIEWER) == ADA  # the pool now holds an open connection
        shutil.rmtree(directory)  # as an unmounted volume would

        with caplog.at_level(logging.WARNING, logger="releasegraph"):
            ready = await api.client.get("/readyz")
        health = await api.client.get("/healthz")

    assert (ready.status_code, ready.json()) == (
        503,
        {"ready": False, "reason": "the database does not answer"},
    )
    assert caplog.messages == [
        "not ready: the database does not answer: unable to open database file"
    ]
    assert (health.status_code, health.text) == (200, "ok")
