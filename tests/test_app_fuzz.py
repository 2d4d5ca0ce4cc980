"""Random requests against the app: random bytes, JSON nested at random, UTF-8 broken at
random, random variables and operation names, over POST and GET.

Whatever arrives, the answer is a 200, or a 4xx with a GraphQL-over-HTTP error body, and
nothing reaches the log as a traceback (an exception the server did not expect).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from urllib.parse import quote, quote_from_bytes

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api import Api

DOCUMENTS = [
    "{ viewer { name } }",
    "query($v: String) { releaseDefinitions(nameContains: $v) { totalCount } }",
    "query($v: Int) { releases(first: $v) { totalCount } }",
    "query($v: ID!) { release(id: $v) { name } }",
    "query($v: [ID!]!) { nodes(ids: $v) { id } }",
    "query($v: DateTime) { releases(filter: {createdAfter: $v}) { totalCount } }",
    "query($v: ReleaseFilter) { releases(filter: $v) { totalCount } }",
    "query($v: String) { releases(after: $v) { totalCount } }",
    "query($v: Boolean!) { viewer { name @include(if: $v) } }",
    "mutation($v: String!) { createReleaseDefinition(input: {source: $v}) { __typename } }",
    "query A { viewer { name } } query B { viewer { role } }",
    "subscription { releaseEvents { seq } }",
]
ODD_VALUES = [
    "NaN",
    "-Infinity",
    "1e999",
    '"\\ud800"',
    '"\\udc00\\ud800"',
    '"\\u0000"',
    '"2030-01-01T00:00:00"',
    '"0001-01-01T00:00:00+05:00"',
    '"9999-12-31T23:59:59-10:00"',
    '{"createdAfter": "2030-01-01T00:00:00", "definitionId": "x"}',
    '"UmVsZWFzZTrtoIA="',
]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=latin-1",
    "application/jsonx",
    "application/graphql-response+json",
    "text/plain",
    "multipart/form-data; boundary=x",
    "",
]
ACCEPTS = ["application/json", "application/graphql-response+json", "*/*", ""]

characters = st.characters(codec=None)  # surrogates too
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(characters, max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)
value_texts = st.one_of(
    json_values.map(lambda value: json.dumps(value, allow_nan=True)),
    st.integers(1, 300).map(lambda levels: "[" * levels + "]" * levels),
    st.integers(1, 300).map(lambda levels: '{"a": ' * levels + "1" + "}" * levels),
    st.integers(4000, 5000).map(lambda digits: "9" * digits),
    st.sampled_from(ODD_VALUES),
)
variables_texts = value_texts | value_texts.map(lambda text: '{"v": ' + text + "}")
operation_names = st.sampled_from([None, "A", "B", "", 5, ["A"], {"A": 1}])


@st.composite
def broken(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a byte that UTF-8 cannot start or continue with, somewhere."""
    at = draw(st.integers(0, len(data)))
    return data[:at] + bytes([draw(st.integers(0x80, 0xFF))]) + data[at:]


@dataclass(frozen=True)
class Request:
    method: str
    query_string: bytes
    content: bytes
    headers: dict[str, str]


@st.composite
def posted(draw: st.DrawFn) -> bytes:
    fields = [f'"query": {json.dumps(draw(st.sampled_from(DOCUMENTS)))}']
    fields.append(f'"variables": {draw(variables_texts)}')
    name = draw(operation_names)
    if name is not None:
        fields.append(f'"operationName": {json.dumps(name)}')
    body = ("{" + ", ".join(fields) + "}").encode()
    return draw(st.just(body) | broken(body) | st.binary(max_size=64) | st.just(body[:-3]))


@st.composite
def queried(draw: st.DrawFn) -> bytes:
    document = quote(draw(st.sampled_from(DOCUMENTS)))
    variables = draw(variables_texts).encode()
    variables = draw(st.just(variables) | broken(variables))
    return f"query={document}&variables=".encode() + quote_from_bytes(variables).encode()


@st.composite
def requests(draw: st.DrawFn) -> Request:
    headers = {"Accept": draw(st.sampled_from(ACCEPTS))}
    if draw(st.booleans()):
        return Request("GET", draw(queried()), b"", headers)
    headers["Content-Type"] = draw(st.sampled_from(CONTENT_TYPES))
    return Request("POST", b"", draw(posted()), headers)


def _is_refusal(body: object) -> bool:
    """A GraphQL-over-HTTP error body: errors only, each with a message."""
    if not isinstance(body, dict) or set(body) != {"errors"} or not body["errors"]:
        return False
    return all(isinstance(error.get("message"), str) for error in body["errors"])


def _check(response: httpx.Response) -> None:
    body = response.json()
    if response.status_code == 200:
        assert isinstance(body, dict)
        assert "data" in body or "errors" in body, body
    else:
        assert 400 <= response.status_code < 500, (response.status_code, body)
        assert _is_refusal(body), body


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=requests())
async def test_every_request_gets_200_or_a_4xx_error_body_and_no_traceback(
    api: Api, caplog: pytest.LogCaptureFixture, request: Request
) -> None:
    headers = request.headers | {"Authorization": f"Bearer {api.tokens['ada']}"}
    url = httpx.URL("/graphql", query=request.query_string)

    with caplog.at_level(logging.DEBUG):
        response = await api.client.request(
            request.method, url, content=request.content or None, headers=headers
        )

    _check(response)
    assert "Traceback" not in caplog.text
