"""A real ``releasegraph serve`` per module, and a Chromium page per test that records every
request and websocket it opens: at the end of the test none may have gone anywhere but the
server, and the final page is saved as ``test-results/browser/<test>.png``."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.async_api import Page, Request, WebSocket, async_playwright

from tests.browser.support import TOKENS, USERS, Api
from tests.e2e.server import Server, running

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-results" / "browser"
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``serve`` on a free loopback port, a SQLite file, the users of USERS and 2 local
    agents."""
    if CHROMIUM is None:
        pytest.skip("no Chromium: apt-get install chromium; .ci/run does")
    directory = tmp_path_factory.mktemp("browser-server")
    (directory / "users.yaml").write_text(USERS)
    with running(directory, "--tokens", str(directory / "users.yaml"), "--agents", "2") as s:
        yield s


@pytest.fixture
async def api(server: Server) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(timeout=30, trust_env=False) as http:
        yield Api(server, http, TOKENS)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
async def page(server: Server, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    """A fresh context (1280 x 800) and page on the server; every request and websocket recorded,
    and checked at the end to have gone to the server's origin only."""
    if CHROMIUM is None:
        pytest.skip("no Chromium: apt-get install chromium; .ci/run does")
    allowed = {server.base_url, server.base_url.replace("http://", "ws://")}
    opened: list[str] = []

    def on_request(req: Request) -> None:
        opened.append(req.url)

    def on_websocket(ws: WebSocket) -> None:
        opened.append(ws.url)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = await browser.new_context(
                viewport={"width": 1280, "height": 800}, base_url=server.base_url
            )
            context.on("request", on_request)
            tab = await context.new_page()
            tab.on("websocket", on_websocket)
            try:
                yield tab
            finally:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                name = re.sub(r"[^\w.-]+", "_", request.node.name)
                await tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
                await context.close()
        finally:
            await browser.close()
    elsewhere = [url for url in opened if _origin(url) not in allowed]
    assert not elsewhere, f"the page reached beyond {server.base_url}: {elsewhere}"
    assert opened, "no request recorded at all"
