"""Bearer tokens, the media type of responses, and the body limit, over HTTP.

The body limit is proven against a real uvicorn server on a loopback port: only a
real server reads a body from a socket in pieces, declared or chunked.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from releasegraph.app import AppSettings, create_app
from releasegraph.auth import demo_store
from releasegraph.http import (
    MAX_JSON_DEPTH,
    RequestJSONError,
    is_utf8_query_string,
    json_body_problem,
    read_json,
    response_media_type,
)
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.api import Api, serve_app
from tests.waiting import poll_async

VIEWER = "{ viewer { name role } }"
UNAUTHENTICATED = {
    "errors": [
        {"message": "a valid bearer token is required", "extensions": {"code": "UNAUTHENTICATED"}}
    ]
}
TOO_LARGE = {
    "errors": [
        {
            "message": "the request body is over 1000000 bytes",
            "extensions": {"code": "PAYLOAD_TOO_LARGE"},
        }
    ]
}


# -- who is asking -------------------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [None, "Basic b2xpdmlhOnNlY3JldA==", "Bearer not-a-token-of-anyone", "Bearer ", "Token x"],
)
async def test_a_request_without_a_valid_bearer_token_is_refused(
    api: Api, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}

    response = await api.client.post("/graphql", json={"query": VIEWER}, headers=headers)

    assert (response.status_code, response.json()) == (401, UNAUTHENTICATED)
    assert response.headers["www-authenticate"] == 'Bearer realm="releasegraph"'
    assert await api.data(VIEWER) == {"viewer": {"name": "ada", "role": "ADMIN"}}


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
async def test_a_valid_token_is_its_user_whatever_the_case_of_the_scheme(
    api: Api, scheme: str
) -> None:
    headers = {"Authorization": f"{scheme} {api.tokens['victor']}"}

    response = await api.client.post("/graphql", json={"query": VIEWER}, headers=headers)

    assert (response.status_code, response.json()) == (
        200,
        {"data": {"viewer": {"name": "victor", "role": "VIEWER"}}},
    )


async def test_a_browser_gets_the_graphiql_page_without_a_token(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "GraphiQL" in response.text


@pytest.mark.parametrize("query_string", ["query={viewer{name}}", "%71uery={viewer{name}}"])
async def test_a_query_in_the_address_needs_a_token_even_from_a_browser(
    api: Api, query_string: str
) -> None:
    # "%71uery" is "query" once decoded: the view would run it as the anonymous user.
    response = await api.client.get(f"/graphql?{query_string}", headers={"Accept": "text/html"})

    assert (response.status_code, response.json()) == (401, UNAUTHENTICATED)


# -- what they accept ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        ("application/graphql-response+json", "application/graphql-response+json"),
        (
            "application/graphql-response+json, application/json;q=0.9",
            "application/graphql-response+json",
        ),
        (
            "application/json, application/graphql-response+json",
            "application/graphql-response+json",
        ),
        ("application/json, application/graphql-response+json;q=0.5", "application/json"),
        ("application/graphql-response+json;q=0", "application/json"),
        ("application/graphql-response+json;q=x", "application/json"),
        ("Application/GraphQL-Response+JSON", "application/graphql-response+json"),
    ],
)
def test_the_response_media_type_is_the_one_the_client_ranks_highest(
    accept: str, media_type: str
) -> None:
    assert response_media_type(accept) == media_type


NOT_JSON = "unsupported Content-Type {!r}; a POST body must be application/json"


@pytest.mark.parametrize(
    ("content_type", "problem"),
    [
        ("application/json", None),
        ("Application/JSON", None),
        ('application/json ; charset="UTF-8"; profile=x', None),
        ("application/jsonx", NOT_JSON.format("application/jsonx")),
        ("text/application/json", NOT_JSON.format("text/application/json")),
        ("application/json-seq", NOT_JSON.format("application/json-seq")),
        ("text/plain; x=application/json", NOT_JSON.format("text/plain")),
        (
            "application/json; charset=latin-1",
            "unsupported charset 'latin-1'; a POST body must be application/json in utf-8",
        ),
        ("", "the request has no Content-Type; a POST body must be application/json"),
        (None, "the request has no Content-Type; a POST body must be application/json"),
    ],
)
def test_a_post_body_must_be_json_by_its_media_type_not_a_substring(
    content_type: str | None, problem: str | None
) -> None:
    # "application/jsonx" was read as JSON: Strawberry looks for "application/json" in it.
    assert json_body_problem(content_type) == problem


# -- what JSON they may send ---------------------------------------------------------


def _nested_text(levels: int) -> str:
    return "[" * levels + "]" * levels


def _nested_lists(levels: int) -> list[object]:
    value: list[object] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_an_unclosed_string_of_escaped_quotes_is_read_in_one_pass() -> None:
    # 600,000 escaped quotes after a quote never closed: a search for each string's closing
    # quote rescans the rest from every one of them (hours of CPU at the body's size limit).
    hostile = "[" * (MAX_JSON_DEPTH + 1) + '"' + '\\"' * 600_000

    with pytest.raises(RequestJSONError, match="nested deeper"):
        read_json(hostile)


def test_json_may_nest_as_deep_as_the_limit_and_no_deeper() -> None:
    assert read_json(_nested_text(MAX_JSON_DEPTH)) == _nested_lists(MAX_JSON_DEPTH)
    with pytest.raises(RequestJSONError) as refused:
        read_json(_nested_text(MAX_JSON_DEPTH + 1))
    assert refused.value.msg == f"JSON nested deeper than {MAX_JSON_DEPTH} levels"


@pytest.mark.parametrize(
    ("data", "value"),
    [
        (b'{"a": [1, 2.5, "\\ud83d\\ude00", null]}', {"a": [1, 2.5, "\U0001f600", None]}),
        (b"\xef\xbb\xbf{}", {}),
        ('{"s": "' + "[" * 40 + '"}', {"s": "[" * 40}),
    ],
    ids=["a-surrogate-pair", "a-byte-order-mark", "brackets-in-a-string"],
)
def test_json_within_the_rules_is_read(data: str | bytes, value: object) -> None:
    assert read_json(data) == value


@pytest.mark.parametrize(
    "data",
    [r'{"a": "\u0000"}', r'{"a": ["x\\\u0000"]}', r'{"\u0000": 1}', r'["\\\\\u0000"]'],
    ids=["a-value", "after-an-escaped-backslash", "a-key", "after-two"],
)
def test_a_string_with_nul_is_refused(data: str) -> None:
    # PostgreSQL text cannot hold NUL: psycopg raised DataError, masked as an unexpected error.
    with pytest.raises(RequestJSONError) as refused:
        read_json(data)
    assert refused.value.msg == "a JSON string with a NUL character (\\u0000)"


@pytest.mark.parametrize(
    ("data", "value"),
    [(r'["\\u0000"]', ["\\" + "u0000"]), (r'["\\\\\\u0000"]', ["\\" * 3 + "u0000"])],
    ids=["an-escaped-backslash", "three-escaped-backslashes"],
)
def test_a_backslash_before_u0000_is_no_nul(data: str, value: object) -> None:
    assert read_json(data) == value


def test_a_refusal_is_a_json_decode_error() -> None:
    """So that whatever refuses malformed JSON refuses it too: Strawberry's websocket reader."""
    with pytest.raises(json.JSONDecodeError):
        read_json("NaN")


@pytest.mark.parametrize(
    ("query_string", "utf8"),
    [
        (b"query=%7B%7D", True),
        (b"q=%C3%A9+x", True),
        (b"q=%zz", True),
        (b"q=%FF", False),
        (b"q=%ED%A0%80", False),  # a surrogate, which UTF-8 cannot encode
    ],
)
def test_a_query_string_must_be_utf8_once_percent_decoded(query_string: bytes, utf8: bool) -> None:
    assert is_utf8_query_string({"type": "http", "query_string": query_string}) is utf8


# -- how much they may send: a real server -------------------------------------------


@pytest.fixture
async def server(
    database_url: str, clock: ManualClock
) -> AsyncIterator[tuple[int, dict[str, str]]]:
    """The app in uvicorn on a free loopback port: the port, and the demo users' tokens."""
    runtime = Runtime(Settings(database_url=database_url, agents=1), clock=clock)
    store, tokens = demo_store()
    config = uvicorn.Config(
        create_app(runtime, store, AppSettings()),
        host="127.0.0.1",
        port=0,
        lifespan="on",
        log_level="warning",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        await poll_async(lambda: server.started, "uvicorn started")  # it has no startup event
        yield server.servers[0].sockets[0].getsockname()[1], tokens
    finally:
        server.should_exit = True
        await task


async def _exchange(port: int, request: bytes, body_chunks: list[bytes]) -> tuple[int, bytes]:
    """Send a raw request head and ``body_chunks`` (maybe not the whole body); read the answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        for chunk in body_chunks:
            writer.write(chunk)
            await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next(
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        return status, await reader.readexactly(length)
    finally:
        writer.close()


def _head(token: str, framing: str) -> bytes:
    return (
        "POST /graphql HTTP/1.1\r\nHost: releasegraph\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n"
    ).encode()


async def _works(port: int, token: str) -> None:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        response = await client.post(
            "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {token}"}
        )
    assert (response.status_code, response.json()) == (
        200,
        {"data": {"viewer": {"name": "ada", "role": "ADMIN"}}},
    )


async def test_a_body_declared_at_10_mb_is_refused_before_any_of_it_is_sent(
    server: tuple[int, dict[str, str]],
) -> None:
    port, tokens = server

    status, body = await _exchange(port, _head(tokens["ada"], "Content-Length: 10000000"), [])

    assert (status, json.loads(body)) == (413, TOO_LARGE)
    await _works(port, tokens["ada"])


async def test_a_chunked_body_is_refused_once_it_grows_over_the_limit(
    server: tuple[int, dict[str, str]],
) -> None:
    port, tokens = server
    chunk = b"x" * 65536
    chunks = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * 17  # 1.1 MB, and no last chunk

    status, body = await _exchange(port, _head(tokens["ada"], "Transfer-Encoding: chunked"), chunks)

    assert (status, json.loads(body)) == (413, TOO_LARGE)
    await _works(port, tokens["ada"])


async def test_a_client_sending_10_mb_whole_reads_the_413(
    server: tuple[int, dict[str, str]],
) -> None:
    port, tokens = server
    headers = {"Authorization": f"Bearer {tokens['ada']}", "Content-Type": "application/json"}
    body = b'{"query": "' + b"x" * 10_000_000 + b'"}'

    async def streamed() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 65536):
            yield body[start : start + 65536]

    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        declared = await client.post("/graphql", content=body, headers=headers)
        chunked = await client.post("/graphql", content=streamed(), headers=headers)

    assert (declared.status_code, declared.json()) == (413, TOO_LARGE)
    assert (chunked.status_code, chunked.json()) == (413, TOO_LARGE)
    assert chunked.request.headers["transfer-encoding"] == "chunked"
    await _works(port, tokens["ada"])


async def test_malformed_requests_are_refused_and_the_server_serves_on(
    server: tuple[int, dict[str, str]],
) -> None:
    port, tokens = server
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"NOT HTTP AT ALL\r\n\r\n")
    garbage = await reader.read()
    writer.close()

    status, body = await _exchange(port, _head(tokens["ada"], "Content-Length: 5"), [b"{nope"])

    assert garbage.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert (status, json.loads(body)) == (
        400,
        {"errors": [{"message": "Unable to parse request body as JSON"}]},
    )
    await _works(port, tokens["ada"])


async def test_a_declared_length_of_other_digits_than_ascii_ones_is_no_length(api: Api) -> None:
    # "²" (a Latin-1 header byte) is a digit to str.isdigit(): int() used to raise ValueError.
    headers = {
        b"authorization": f"Bearer {api.tokens['ada']}".encode(),
        b"content-type": b"application/json",
        b"content-length": b"\xb2",
    }

    response = await api.client.post("/graphql", json={"query": VIEWER}, headers=headers)

    assert (response.status_code, response.json()) == (
        200,
        {"data": {"viewer": {"name": "ada", "role": "ADMIN"}}},
    )


async def test_the_body_limit_is_a_setting(database_url: str, clock: ManualClock) -> None:
    runtime = Runtime(Settings(database_url=database_url), clock=clock)
    async with serve_app(runtime, AppSettings(max_body_bytes=100)) as api:
        large = await api.post(VIEWER + " " * 100)

        assert (large.status_code, large.json()["errors"][0]["message"]) == (
            413,
            "the request body is over 100 bytes",
        )
        assert await api.data(VIEWER) == {"viewer": {"name": "ada", "role": "ADMIN"}}
