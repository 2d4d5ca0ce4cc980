"""Requests that used to reach an exception the server did not expect, each refused by name.

Every refusal is checked against the log (no traceback) and followed by a request that must
succeed: the server serves on. The exception each row used to raise is in its id.
"""

from __future__ import annotations

import logging

import pytest

from releasegraph.http import MAX_JSON_DEPTH
from tests.api import JSON, Api
from tests.app_requests import ADA, GRAPHQL_RESPONSE, JSON_TYPE, VIEWER, bearer

TOO_DEEP = "JSON nested deeper than 32 levels"
NOT_UTF8 = "JSON that is not UTF-8: {} at byte {}"
SURROGATE = "a JSON string with a lone surrogate (\\ud800 to \\udfff)"
NAME_NOT_TEXT = "The GraphQL operation's `operationName` must be a string or null, if provided."
QUERY_STRING = "the query string is not UTF-8 once percent-decoded"
SUBSCRIPTION = "subscriptions are not allowed over HTTP; use a websocket"
STRING_VARIABLE = "query($v: String) { viewer { name } }"
EVENTS = "subscription { releaseEvents { seq } }"


def _nested(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


def _with_variable(value: bytes, query: str = STRING_VARIABLE) -> bytes:
    return b'{"query": "' + query.encode() + b'", "variables": {"v": ' + value + b"}}"


BAD_BYTES = _with_variable(b'"\xed\xa0\x80"')  # a surrogate, encoded as UTF-8 cannot

POSTED = [
    pytest.param(_with_variable(_nested(200_000)), TOO_DEEP, id="RecursionError-variables"),
    pytest.param(_nested(100_000), TOO_DEEP, id="RecursionError-body"),
    pytest.param(
        b'{"query": "{ viewer { name } }", "extensions": {"x": ' + _nested(50) + b"}}",
        TOO_DEEP,
        id="RecursionError-extensions",
    ),
    pytest.param(
        b'{"query": "{ viewer { name } }\xff"}',
        NOT_UTF8.format("invalid start byte", 30),
        id="UnicodeDecodeError-body",
    ),
    pytest.param(
        BAD_BYTES,
        NOT_UTF8.format("invalid continuation byte", BAD_BYTES.index(b"\xed")),
        id="UnicodeDecodeError-encoded-surrogate",
    ),
    pytest.param(
        '{"query": "{ viewer { name } }"}'.encode("utf-16"),
        NOT_UTF8.format("invalid start byte", 0),
        id="UnicodeDecodeError-utf16",
    ),
    pytest.param(
        _with_variable(b"9" * 5000),
        "a JSON integer of 5000 digits; at most 4300 are read",
        id="ValueError-integer-digits",
    ),
    pytest.param(
        _with_variable(b"1e999"),
        "a JSON number beyond the range of a double: 1e999",
        id="inf-number",
    ),
    pytest.param(_with_variable(b"NaN"), "NaN is not JSON", id="nan"),
    pytest.param(_with_variable(b"-Infinity"), "-Infinity is not JSON", id="infinity"),
    pytest.param(_with_variable(b'"\\ud800"'), SURROGATE, id="UnicodeEncodeError-variable"),
    pytest.param(
        b'{"query": "{ viewer { name } }", "variables": {"\\udfff": 1}}',
        SURROGATE,
        id="UnicodeEncodeError-variable-name",
    ),
    pytest.param(
        b'{"query": "{ viewer { name } }", "operationName": 5}', NAME_NOT_TEXT, id="name-number"
    ),
    pytest.param(
        b'{"query": "query A { viewer { name } }", "operationName": ["A"]}',
        NAME_NOT_TEXT,
        id="name-list",
    ),
    pytest.param(
        b'{"query": "' + EVENTS.encode() + b'"}', SUBSCRIPTION, id="TypeError-subscription"
    ),
]


@pytest.mark.parametrize(("content", "message"), POSTED)
@pytest.mark.parametrize("accept", [JSON_TYPE, GRAPHQL_RESPONSE])
async def test_a_body_that_cannot_run_safely_gets_400_naming_the_problem(
    api: Api, caplog: pytest.LogCaptureFixture, content: bytes, message: str, accept: str
) -> None:
    headers = bearer(api) | {"Content-Type": JSON_TYPE, "Accept": accept}

    with caplog.at_level(logging.DEBUG):
        response = await api.client.post("/graphql", content=content, headers=headers)

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        400,
        accept,
        {"errors": [{"message": message}]},
    )
    assert "Traceback" not in caplog.text
    assert await api.data(VIEWER) == ADA


@pytest.mark.parametrize(
    ("query_string", "message"),
    [
        ("query=%7Bviewer%7Bname%7D%7D%ff", QUERY_STRING),
        ("query=%7Bviewer%7Bname%7D%7D&variables=%7B%22v%22%3A%22%c3%28%22%7D", QUERY_STRING),
        ("query=%7Bviewer%7Bname%7D%7D&variables=" + "%5B" * 100 + "%5D" * 100, TOO_DEEP),
        ("query=%7Bviewer%7Bname%7D%7D&variables=%7B%22v%22%3ANaN%7D", "NaN is not JSON"),
        ("query=" + EVENTS.replace(" ", "+"), SUBSCRIPTION),
    ],
    ids=["in-the-query", "in-a-variable", "nested", "nan", "subscription"],
)
async def test_a_query_string_that_cannot_run_safely_gets_400_naming_the_problem(
    api: Api, caplog: pytest.LogCaptureFixture, query_string: str, message: str
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = await api.client.get(f"/graphql?{query_string}", headers=bearer(api))

    assert (response.status_code, response.json()) == (400, {"errors": [{"message": message}]})
    assert "Traceback" not in caplog.text
    assert await api.data(VIEWER) == ADA


@pytest.mark.parametrize(
    ("levels", "status"), [(MAX_JSON_DEPTH - 2, 200), (MAX_JSON_DEPTH - 1, 400)]
)
async def test_json_may_nest_as_deep_as_the_limit_the_request_object_counted(
    api: Api, levels: int, status: int
) -> None:
    # The request object and its extensions object are two levels.
    content = b'{"query": "{ viewer { name } }", "extensions": {"x": ' + _nested(levels) + b"}}"
    headers = bearer(api) | {"Content-Type": JSON_TYPE}

    response = await api.client.post("/graphql", content=content, headers=headers)

    assert response.status_code == status


LONG_INTEGER = "9" * 5000
LONG_INTEGER_REFUSED = {
    "message": (
        "Expected value of type 'Int', but encountered error 'Exceeds the limit (4300 digits)"
        " for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits()"
        f" to increase the limit'; found: {LONG_INTEGER}."
    ),
    "locations": [{"line": 1, "column": 19}],
}


@pytest.mark.parametrize(
    ("accept", "status", "answer"),
    [
        (JSON_TYPE, 200, {"data": None, "errors": [LONG_INTEGER_REFUSED]}),
        (GRAPHQL_RESPONSE, 400, {"errors": [LONG_INTEGER_REFUSED]}),
    ],
)
async def test_an_integer_literal_longer_than_python_reads_is_refused_not_masked(
    api: Api, caplog: pytest.LogCaptureFixture, accept: str, status: int, answer: JSON
) -> None:
    # ValueError from graphql-core's Int, which it reports with the exception attached.
    query = f"{{ releases(first: {LONG_INTEGER}) {{ totalCount }} }}"
    headers = bearer(api) | {"Accept": accept}

    with caplog.at_level(logging.DEBUG):
        response = await api.client.post("/graphql", json={"query": query}, headers=headers)

    assert (response.status_code, response.json()) == (status, answer)
    assert "Traceback" not in caplog.text
    assert await api.data(VIEWER) == ADA
