from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from releasegraph.runtime.http_requests import HttpResult, check_http, run_http
from tests.waiting import DEADLINE


class Handler(BaseHTTPRequestHandler):
    release_slow = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/slow":
            # Held until the test ends, so the client's timeout always fires first.
            self.release_slow.wait(DEADLINE)
        status = {"/ok": 200, "/created": 201, "/fail": 500, "/slow": 200}.get(self.path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        self.send_response(202 if self.path == "/ok" else 405)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.release_slow.clear()
    # A short poll interval keeps shutdown() quick at teardown.
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release_slow.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_http_200_succeeds(server: str) -> None:
    result = await run_http(f"{server}/ok")

    assert result == HttpResult(status_code=200, error=None)
    assert result.succeeded


async def test_http_method_is_used(server: str) -> None:
    result = await run_http(f"{server}/ok", method="POST")

    assert result == HttpResult(status_code=202, error=None)


async def test_http_500_does_not_succeed(server: str) -> None:
    result = await run_http(f"{server}/fail")

    assert result == HttpResult(status_code=500, error=None)
    assert not result.succeeded


async def test_http_refused_connection_is_reported(closed_port: int) -> None:
    result = await run_http(f"http://127.0.0.1:{closed_port}/ok")

    assert result.status_code is None
    assert result.error is not None
    assert result.error.startswith("connection failed")
    assert not result.succeeded


async def test_http_timeout_is_reported(server: str) -> None:
    result = await run_http(f"{server}/slow", timeout_seconds=0.2)

    assert result.status_code is None
    assert result.error is not None
    assert "timeout" in result.error


async def test_http_invalid_url_is_reported() -> None:
    result = await run_http("not a url")

    assert result.status_code is None
    assert result.error is not None


async def test_check_http(server: str, closed_port: int) -> None:
    assert await check_http(f"{server}/ok") is True
    assert await check_http(f"{server}/created") is True
    assert await check_http(f"{server}/fail") is False
    assert await check_http(f"http://127.0.0.1:{closed_port}/") is False
