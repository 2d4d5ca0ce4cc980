"""Credentials out of the log: ``redact`` on the lines uvicorn, websockets and Strawberry write,
and a real server's output after requests that carry secrets where they do not belong."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect

from releasegraph.cli.logs import redact
from tests.e2e.server import printed_users, running
from tests.subscriptions.wire import TRANSPORT_WS, Socket
from tests.waiting import DEADLINE

# Each starts and ends with SECRET: a log line that keeps only its head or its tail shows.
IN_QUERY, IN_ACCESS_TOKEN = "SECRET-in-the-query-SECRET", "SECRET-access-token-SECRET"
IN_HEADER, IN_COOKIE = "SECRET-in-a-header-SECRET", "SECRET-in-a-cookie-SECRET"
IN_WS_QUERY, IN_WS_HEADER = "SECRET-websocket-query-SECRET", "SECRET-websocket-header-SECRET"
IN_INIT = "SECRET-" + "in-connection-init-" * 4 + "SECRET"  # long: websockets logs it cut


@pytest.mark.parametrize(
    ("line", "redacted"),
    [
        (
            '127.0.0.1:5 - "GET /graphql?token=s3cr3t&x=1 HTTP/1.1" 401',
            '127.0.0.1:5 - "GET /graphql?token=[REDACTED]&x=1 HTTP/1.1" 401',
        ),
        ("/graphql?x=1&Access_Token=s3cr3t", "/graphql?x=1&Access_Token=[REDACTED]"),
        ("?%74oken=s3cr3t&API-KEY=s3cr3t;q=2", "?%74oken=[REDACTED]&API-KEY=[REDACTED];q=2"),
        (
            "?password=s3&auth=s3&Secret=s3",
            "?password=[REDACTED]&auth=[REDACTED]&Secret=[REDACTED]",
        ),
        ("< authorization: Bearer s3cr3t", "< authorization: [REDACTED]"),
        ("< Cookie: sid=s3cr3t; theme=dark", "< Cookie: [REDACTED]"),
        ("> set-cookie: sid=s3cr3t; HttpOnly", "> set-cookie: [REDACTED]"),
        (
            "{'query_string': b'token=s3cr3t', 'headers': [(b'authorization', b'Bearer s')]}",
            "{'query_string': b'token=[REDACTED]', 'headers': [(b'authorization', b'[REDACTED]')]}",
        ),
        (
            """< TEXT '{"type": "connection_init", "payload": {"token"...s3cr3t"}}' [85 bytes]""",
            "< TEXT '[REDACTED]' [85 bytes]",
        ),
        (
            '{"Authorization": "Bearer s3cr3t", "password": "it\\"s", "x": 1}',
            '{"Authorization": "[REDACTED]", "password": "[REDACTED]", "x": 1}',
        ),
        ('{"token": "s3cr3t and then cut', '{"token": "[REDACTED]'),
        ("postgresql://release:s3cr3t@db/releases", "postgresql://release:[REDACTED]@db/releases"),
    ],
)
def test_redact_replaces_each_credential_and_keeps_the_rest(line: str, redacted: str) -> None:
    assert redact(line) == redacted


@pytest.mark.parametrize(
    "line",
    [
        '127.0.0.1:5 - "GET /graphql?query=%7B+viewer+%7D&tokens=2 HTTP/1.1" 200 OK',
        "< sec-websocket-key: dGhlIHNhbXBsZQ==",
        """< TEXT '{"type":"subscribe","id":"1","payload":{"query":"{ viewer }"}}' [62 bytes]""",
        "GraphiQL: http://127.0.0.1:8000/graphql",
        "refused: a valid bearer token is required",
    ],
)
def test_redact_leaves_a_line_without_credentials_alone(line: str) -> None:
    assert redact(line) == line


async def test_a_server_logs_no_credential_of_a_url_a_header_or_a_websocket(
    tmp_path: Path,
) -> None:
    with running(tmp_path, "--log-level", "trace") as server:
        admin_token = printed_users(server.stdout())["admin"].token
        async with httpx.AsyncClient() as client:
            await client.get(f"{server.graphql_url}?token={IN_QUERY}&x=1")
            await client.post(
                f"{server.graphql_url}?access_token={IN_ACCESS_TOKEN}",
                headers={"Authorization": f"Bearer {IN_HEADER}", "Cookie": f"session={IN_COOKIE}"},
                json={"query": "{ viewer { name } }"},
            )
        url = f"{server.graphql_url.replace('http', 'ws')}?token={IN_WS_QUERY}"
        headers = {"Authorization": f"Bearer {IN_WS_HEADER}", "Cookie": f"session={IN_COOKIE}"}
        async with connect(
            url, subprotocols=[TRANSPORT_WS], additional_headers=headers, open_timeout=DEADLINE
        ) as ws:
            await Socket(ws).init(admin_token)
        async with connect(url, subprotocols=[TRANSPORT_WS], open_timeout=DEADLINE) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {"token": IN_INIT}}))
            refused = await Socket(ws).closed()
        server.terminate()

    stdout, stderr = server.stdout(), server.stderr()
    assert refused == (4403, "Forbidden")
    assert "SECRET" not in stdout + stderr
    assert admin_token[:8] not in stderr  # websockets logs a long frame's head and tail
    assert admin_token[-8:] not in stderr
    assert stdout.count(admin_token) == 2  # the banner's users table and curl line, only
    assert '"GET /graphql?token=[REDACTED]&x=1 HTTP/1.1" 401' in stdout
    assert '"POST /graphql?access_token=[REDACTED] HTTP/1.1" 401' in stdout
    assert '"WebSocket /graphql?token=[REDACTED]" [accepted]' in stderr
    assert "< authorization: [REDACTED]" in stderr
    assert "< cookie: [REDACTED]" in stderr
    assert "< TEXT '[REDACTED]'" in stderr
