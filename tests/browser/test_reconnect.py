"""The dashboard across a restart of its server: the page says it is disconnected, reconnects
by itself, and its timeline then holds exactly the release's events, none lost, none twice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.async_api import Page, expect

from tests.browser.support import UI_TIMEOUT, USERS, Api, sign_in, unique
from tests.e2e.server import Server, free_port, start

DEFINITION = """\
name: {name}
environments:
  - name: staging
    phases:
      - name: deploy
        runOn: SERVER
        tasks:
          - {{name: one, kind: simulate, durationSeconds: 0.3, outcome: SUCCEEDED}}
          - {{name: two, kind: simulate, durationSeconds: 0.3, outcome: SUCCEEDED}}
"""

EVENTS = "query Events($id: ID!) { events(releaseId: $id, first: 500) { seq } }"


@dataclass
class Restartable:
    """A server that can stop and start again on the same port and database."""

    directory: Path
    port: int
    current: Server

    @classmethod
    def launch(cls, directory: Path, port: int) -> Server:
        users = ("--tokens", str(directory / "users.yaml"), "--agents", "2")
        return start(directory, *users, "--port", str(port), port=port)

    def restart(self) -> None:
        self.current.terminate()
        self.current = self.launch(self.directory, self.port)
        self.current.wait_ready()


@pytest.fixture(scope="module")
def restartable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Restartable]:
    directory = tmp_path_factory.mktemp("browser-restart")
    (directory / "users.yaml").write_text(USERS)
    port = free_port()
    first = Restartable.launch(directory, port)
    served = Restartable(directory, port, first)
    try:
        first.wait_ready()
        yield served
    finally:
        served.current.terminate()


@pytest.fixture(scope="module")
def server(restartable: Restartable) -> Server:
    """The first server of ``restartable``: its address stays the same across restarts."""
    return restartable.current


async def test_timeline_reconnects_after_a_restart_and_misses_no_event(
    page: Page, api: Api, restartable: Restartable
) -> None:
    """On a release's timeline, a restart of the server shows the disconnected banner; once
    it is back the page reconnects by itself (the banner goes) and, the release started right
    after the restart, shows exactly the events ``events(releaseId)`` lists."""
    definition = await api.define(DEFINITION.format(name=unique("restart")))
    release_id = await api.create_release(definition, start=False)
    await sign_in(page, "victor")
    await page.goto(f"/releases/{quote(release_id, safe='')}/timeline")
    events = page.get_by_test_id("event")
    await expect(events.first).to_be_visible(timeout=UI_TIMEOUT)
    banner = page.get_by_test_id("connection-banner")
    await expect(banner).to_have_count(0)

    restartable.restart()
    await expect(banner).to_be_visible(timeout=UI_TIMEOUT)
    await api.act("olivia", "startRelease", {"releaseId": release_id})
    await api.until(
        release_id, "the release succeeded", lambda r: r["executionStatus"] == "SUCCEEDED"
    )
    await expect(banner).to_have_count(0, timeout=UI_TIMEOUT)

    listed = [e["seq"] for e in (await api.data("victor", EVENTS, {"id": release_id}))["events"]]
    last = max(listed)
    await expect(page.get_by_test_id("timeline-count")).to_have_attribute(
        "data-last-seq", str(last), timeout=UI_TIMEOUT
    )
    await expect(events).to_have_count(len(listed))
    shown = [int(s) for s in await events.evaluate_all("els => els.map(e => e.dataset.seq)")]
    assert sorted(shown) == listed, (shown, listed)
    assert len(set(shown)) == len(shown)
