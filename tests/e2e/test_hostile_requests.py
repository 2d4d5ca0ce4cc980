"""Hostile requests to a real ``releasegraph serve``, and a document of two operations.

A body the server cannot read gets 400 with a GraphQL-over-HTTP error body naming the
problem, leaves one line in the server's log (the access line, no traceback), and the
server serves on. A document of several operations without an ``operationName`` is a
request error, whose status depends on the media type the client accepts.
"""

from __future__ import annotations

import json

import httpx
import pytest

from tests.e2e.conftest import TOKENS
from tests.e2e.server import JSON, Server
from tests.waiting import poll_async

HEADERS = {"Authorization": f"Bearer {TOKENS['ada']}", "Content-Type": "application/json"}
VIEWER = "{ viewer { name } }"
DEEP = 200_000
NESTED = b"[" * DEEP + b"]" * DEEP


def _request(query: str, variables: bytes) -> bytes:
    return b'{"query": ' + json.dumps(query).encode() + b', "variables": ' + variables + b"}"


BAD_VARIABLE = _request("query($name: String) { viewer { name } }", b'{"name": "\xc3\x28"}')
BAD_BYTE = BAD_VARIABLE.index(b"\xc3")
HOSTILE = [
    pytest.param(
        _request(VIEWER, b'{"x": ' + NESTED + b"}"),
        "JSON nested deeper than 32 levels",
        id="200000-levels-undeclared",
    ),
    pytest.param(
        _request("query($x: [Int]) { viewer { name } }", b'{"x": ' + NESTED + b"}"),
        "JSON nested deeper than 32 levels",
        id="200000-levels-declared",
    ),
    pytest.param(
        b'{"query": "{ viewer { name } }\xff"}',
        "JSON that is not UTF-8: invalid start byte at byte 30",
        id="invalid-utf8",
    ),
    pytest.param(
        BAD_VARIABLE,
        f"JSON that is not UTF-8: invalid continuation byte at byte {BAD_BYTE}",
        id="invalid-utf8-in-a-variable",
    ),
]


def _log_since(server: Server, start: tuple[int, int]) -> list[str] | None:
    """The lines the server logged (access lines to stdout, the rest to stderr) since
    ``start``, the lengths of both; None while there are none."""
    out, err = server.stdout()[start[0] :], server.stderr()[start[1] :]
    return (out + err).splitlines() or None


def _log_end(server: Server) -> tuple[int, int]:
    return len(server.stdout()), len(server.stderr())


async def _still_served(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": VIEWER}, headers=HEADERS)
    assert (response.status_code, response.json()) == (200, {"data": {"viewer": {"name": "ada"}}})


@pytest.mark.parametrize(("body", "message"), HOSTILE)
async def test_a_body_the_server_cannot_read_gets_400_naming_the_problem_and_one_log_line(
    server: Server, body: bytes, message: str
) -> None:
    start = _log_end(server)
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as client:
        response = await client.post("/graphql", content=body, headers=HEADERS)

        assert (response.status_code, response.headers["content-type"], response.json()) == (
            400,
            "application/json",
            {"errors": [{"message": message}]},
        )
        [logged] = await poll_async(lambda: _log_since(server, start), "a line in the log")
        assert '"POST /graphql HTTP/1.1" 400' in logged
        await _still_served(client)
    assert "Traceback" not in server.stdout() + server.stderr()


TWO_OPERATIONS = "query A { viewer { name } } query B { viewer { role } }"
NO_NAME = {"message": "Must provide operation name if query contains multiple operations."}


@pytest.mark.parametrize(
    ("accept", "status", "answer"),
    [
        ("application/json", 200, {"data": None, "errors": [NO_NAME]}),
        ("application/graphql-response+json", 400, {"errors": [NO_NAME]}),
    ],
)
async def test_two_operations_without_an_operation_name_are_a_request_error(
    server: Server, accept: str, status: int, answer: JSON
) -> None:
    headers = HEADERS | {"Accept": accept}
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as client:
        response = await client.post("/graphql", json={"query": TWO_OPERATIONS}, headers=headers)
        named = await client.post(
            "/graphql", json={"query": TWO_OPERATIONS, "operationName": "B"}, headers=headers
        )

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        status,
        accept,
        answer,
    )
    assert (named.status_code, named.json()) == (200, {"data": {"viewer": {"role": "ADMIN"}}})
