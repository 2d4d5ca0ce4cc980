"""Input that the database or the clock could not hold, refused where it enters the server.

A NUL character (U+0000) in any string a client sends: PostgreSQL text cannot hold one, so
each used to reach psycopg as a DataError, masked as "Unexpected error." and logged with a
traceback. Each way a string enters is refused once, and naming the problem: the request's
JSON, a string in the document, the id inside a global id, a cursor, a definition's text.
Each case runs on SQLite and on PostgreSQL (the ``database_url`` fixture).

Numbers of a definition past their bounds: a timeout of 10**30 minutes was stored, and
starting a release of it raised OverflowError.

Each refusal is followed by the same state as before it, and a request that must succeed.
"""

from __future__ import annotations

import base64
import json
import logging
from urllib.parse import quote

import pytest

from tests.api import JSON, Api
from tests.app_requests import ADA, CREATE_DEFINITION, DEFINITION, VIEWER, bearer, draft_release

STATE = """{
  releaseDefinitions { totalCount edges { node { name revision } } }
  releases { totalCount edges { node { name status description } } }
}"""
NUL_ID = "UmVsZWFzZToA"  # base64 of "Release:\x00"
NUL_DEFINITION_ID = "UmVsZWFzZURlZmluaXRpb246AA=="  # "ReleaseDefinition:\x00"
NUL_IN_ID = "not an id: it holds a NUL character (U+0000)"
NOT_AN_ID = "`{}` is " + NUL_IN_ID
IN_JSON = {"errors": [{"message": "a JSON string with a NUL character (\\u0000)"}]}


def _cursor(*parts: str) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


NUL_CURSOR = _cursor("ReleaseDefinition.name", "a\x00", "x")


def _in_document(column: int) -> JSON:
    error = {"message": "a string with a NUL character (U+0000)"}
    return {"data": None, "errors": [error | {"locations": [{"line": 1, "column": column}]}]}


def _invalid_argument(message: str, field: str) -> JSON:
    return {"message": message, "path": [field], "extensions": {"code": "INVALID_ARGUMENT"}}


async def _given_a_draft_release(api: Api) -> JSON:
    await draft_release(api)
    return await api.data(STATE)


async def _then_nothing_changed(api: Api, before: JSON, caplog: pytest.LogCaptureFixture) -> None:
    assert "Traceback" not in caplog.text
    assert await api.data(STATE) == before
    assert await api.data(VIEWER) == ADA


LITERAL = 'mutation { createReleaseDefinition(input: {source: "a\\u0000"}) { __typename } }'
BLOCK = 'query { releaseDefinitions(nameContains: """a\x00""") { totalCount } }'
RELEASE = "query($id: ID!) { release(id: $id) { name } }"


@pytest.mark.parametrize(
    ("method", "sent", "answer"),
    [
        ("POST", {"query": CREATE_DEFINITION, "variables": {"source": "a\x00"}}, (400, IN_JSON)),
        ("POST", {"query": RELEASE, "variables": {"id": "\x00"}}, (400, IN_JSON)),
        ("POST", {"query": LITERAL}, (200, _in_document(52))),
        ("GET", {"query": RELEASE, "variables": json.dumps({"id": "\x00"})}, (400, IN_JSON)),
        ("GET", {"query": BLOCK}, (200, _in_document(42))),
    ],
    ids=["variable", "id-variable", "literal", "get-variable", "get-block-string"],
)
async def test_a_nul_character_in_a_request_is_refused_and_changes_nothing(
    api: Api,
    caplog: pytest.LogCaptureFixture,
    method: str,
    sent: dict[str, str],
    answer: tuple[int, JSON],
) -> None:
    before = await _given_a_draft_release(api)

    with caplog.at_level(logging.DEBUG):
        if method == "GET":
            query_string = "&".join(f"{k}={quote(v)}" for k, v in sent.items())
            response = await api.client.get(f"/graphql?{query_string}", headers=bearer(api))
        else:
            response = await api.client.post("/graphql", json=sent, headers=bearer(api))

    assert (response.status_code, response.json()) == answer
    await _then_nothing_changed(api, before, caplog)


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        (
            f'{{ release(id: "{NUL_ID}") {{ name }} }}',
            {
                "data": {"release": None},
                "errors": [_invalid_argument(NOT_AN_ID.format("id"), "release")],
            },
        ),
        (
            f'{{ node(id: "{NUL_ID}") {{ id }} }}',
            {"data": {"node": None}, "errors": [{"message": NUL_IN_ID, "path": ["node"]}]},
        ),
        (
            f'{{ nodes(ids: ["{NUL_ID}"]) {{ id }} }}',
            {"data": None, "errors": [{"message": NUL_IN_ID, "path": ["nodes"]}]},
        ),
        (
            f'{{ releases(filter: {{definitionId: "{NUL_DEFINITION_ID}"}}) {{ totalCount }} }}',
            {
                "data": None,
                "errors": [_invalid_argument(NOT_AN_ID.format("definitionId"), "releases")],
            },
        ),
        (
            f'{{ releaseDefinitions(after: "{NUL_CURSOR}") {{ totalCount }} }}',
            {
                "data": None,
                "errors": [
                    _invalid_argument(
                        f"`after` is not a cursor: {NUL_CURSOR!r}", "releaseDefinitions"
                    )
                ],
            },
        ),
    ],
    ids=["release", "node", "nodes", "filter", "cursor"],
)
async def test_a_nul_character_inside_an_id_or_a_cursor_is_an_invalid_argument(
    api: Api, caplog: pytest.LogCaptureFixture, query: str, answer: JSON
) -> None:
    before = await _given_a_draft_release(api)

    with caplog.at_level(logging.DEBUG):
        response = await api.post(query)

    body = response.json()
    for error in body["errors"]:
        error.pop("locations", None)  # where the field is; the error is the argument's
    assert (response.status_code, body) == (200, answer)
    await _then_nothing_changed(api, before, caplog)


START = """
mutation($id: ID!) {
  startRelease(input: {releaseId: $id}) { ... on ValidationError { code issues { path message } } }
}"""
CREATE = """
mutation($source: String!) {
  createReleaseDefinition(input: {source: $source}) {
    ... on ValidationError { code issues { path message } }
  }
}"""


def _refused(mutation: str, *issues: tuple[str, str]) -> JSON:
    listed = [{"path": path, "message": message} for path, message in issues]
    return {mutation: {"code": "VALIDATION_FAILED", "issues": listed}}


@pytest.mark.parametrize(
    ("mutation", "variables", "answer"),
    [
        (
            START,
            {"id": NUL_ID},
            _refused("startRelease", ("releaseId", NUL_IN_ID)),
        ),
        (
            CREATE,
            {"source": DEFINITION.replace("name: shop", 'name: "sh\\0op"')},
            _refused("createReleaseDefinition", ("name", "holds a NUL character (U+0000)")),
        ),
        (
            CREATE,
            {
                "source": json.dumps(
                    {"name": "shop", "variables": {"a\x00": "b\x00"}, "environments": []}
                )
            },
            _refused(
                "createReleaseDefinition",
                ("variables.a\\u0000", "a key that holds a NUL character (U+0000)"),
                ("variables.a\\u0000", "holds a NUL character (U+0000)"),
            ),
        ),
    ],
    ids=["global-id", "definition-yaml", "definition-json"],
)
async def test_a_nul_character_in_a_mutation_input_is_a_validation_error(
    api: Api, caplog: pytest.LogCaptureFixture, mutation: str, variables: JSON, answer: JSON
) -> None:
    before = await _given_a_draft_release(api)

    with caplog.at_level(logging.DEBUG):
        data = await api.data(mutation, variables)

    assert data == answer
    await _then_nothing_changed(api, before, caplog)


TASK = "environments[0].phases[0].tasks[0]"


async def test_a_definition_with_a_number_past_its_bound_is_refused_with_its_path(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    # Stored, this definition's release failed to start with OverflowError (timedelta).
    huge = "1" + "0" * 30
    source = DEFINITION.replace("durationSeconds: 1", f"durationSeconds: 1, timeoutSeconds: {huge}")
    before = await _given_a_draft_release(api)

    with caplog.at_level(logging.DEBUG):
        data = await api.data(CREATE, {"source": source.replace("name: shop", "name: other")})

    assert data == _refused(
        "createReleaseDefinition",
        (f"{TASK}.timeoutSeconds", f"must be at most 31536000, got {huge}"),
    )
    await _then_nothing_changed(api, before, caplog)
