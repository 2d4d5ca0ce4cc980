"""The app over HTTP: the GraphQL-over-HTTP contract, masked errors, health, readiness, CORS.

Every hostile request is followed by one that must succeed: a refusal leaves the
server serving.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from strawberry.relay import to_base64

from releasegraph.app import AppSettings, GraphQLView
from releasegraph.auth import DEMO_USERS, TokenStore
from releasegraph.resolvers.context import Context, DocumentLimits
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.api import JSON, Api, serve_app

VIEWER = "{ viewer { name } }"
ADA = {"viewer": {"name": "ada"}}
JSON_TYPE = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
DEFINITION = """
name: shop
environments:
  - name: production
    phases:
      - name: deploy
        tasks:
          - {name: deploy, kind: simulate, durationSeconds: 1}
"""
CREATE_DEFINITION = """
mutation($source: String!) {
  createReleaseDefinition(input: {source: $source}) {
    ... on CreateReleaseDefinitionPayload { definition { id } }
  }
}"""
CREATE_DRAFT = """
mutation($definition: ID!) {
  createRelease(input: {definitionId: $definition}) {
    ... on CreateReleasePayload { release { id } }
  }
}"""
RELEASE = "query($id: ID!) { release(id: $id) { name status } }"


@pytest.fixture
def unstarted(database_url: str, clock: ManualClock) -> Runtime:
    """A runtime for ``serve_app``, which starts it with the app."""
    return Runtime(Settings(database_url=database_url, agents=2), clock=clock)


def _bearer(api: Api, user: str = "ada") -> dict[str, str]:
    return {"Authorization": f"Bearer {api.tokens[user]}"}


async def _draft_release(api: Api) -> str:
    definition = await api.data(CREATE_DEFINITION, {"source": DEFINITION})
    definition_id = definition["createReleaseDefinition"]["definition"]["id"]
    created = await api.data(CREATE_DRAFT, {"definition": definition_id})
    release_id: str = created["createRelease"]["release"]["id"]
    return release_id


# -- bodies that are not GraphQL requests --------------------------------------------


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (b"{nope", JSON_TYPE, "Unable to parse request body as JSON"),
        (b'"{ viewer { name } }"', JSON_TYPE, "Expected a JSON object"),
        (b"42", JSON_TYPE, "Expected a JSON object"),
        (b"null", JSON_TYPE, "Expected a JSON object"),
        (b'{"variables": {}}', JSON_TYPE, "No GraphQL query found in the request"),
        (
            b'{"query": 5}',
            JSON_TYPE,
            "The GraphQL operation's `query` must be a string or null, if provided.",
        ),
        (
            b'{"query": "{ viewer { name } }", "variables": [1]}',
            JSON_TYPE,
            "The GraphQL operation's `variables` must be an object or null, if provided.",
        ),
        (b"{ viewer { name } }", "text/plain", "Unsupported content type"),
    ],
)
async def test_a_body_that_is_not_a_graphql_request_gets_400(
    api: Api, content: bytes, content_type: str, message: str
) -> None:
    headers = {**_bearer(api), "Content-Type": content_type}

    response = await api.client.post("/graphql", content=content, headers=headers)

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        400,
        JSON_TYPE,
        {"errors": [{"message": message}]},
    )
    assert await api.data(VIEWER) == ADA


async def test_a_refusal_comes_in_the_media_type_the_client_accepts(api: Api) -> None:
    headers = {**_bearer(api), "Content-Type": JSON_TYPE, "Accept": GRAPHQL_RESPONSE}

    response = await api.client.post("/graphql", content=b"{nope", headers=headers)

    assert (response.status_code, response.headers["content-type"]) == (400, GRAPHQL_RESPONSE)


async def test_batches_are_refused(api: Api) -> None:
    """Batching stays off: a batch would multiply every document limit by its length."""
    batch = [{"query": VIEWER}, {"query": VIEWER}]

    response = await api.client.post("/graphql", json=batch, headers=_bearer(api))

    assert (response.status_code, response.json()) == (
        400,
        {"errors": [{"message": "Batching is not enabled"}]},
    )
    assert await api.data(VIEWER) == ADA


# -- documents that cannot run, and what the Accept header changes -------------------

SYNTAX_ERROR = {
    "message": "Syntax Error: Expected Name, found <EOF>.",
    "locations": [{"line": 1, "column": 17}],
}
UNKNOWN_FIELD = {
    "message": "Cannot query field 'nope' on type 'Query'. Did you mean 'node' or 'nodes'?",
    "locations": [{"line": 1, "column": 3}],
}


@pytest.mark.parametrize(
    ("query", "error"), [("{ viewer { name ", SYNTAX_ERROR), ("{ nope }", UNKNOWN_FIELD)]
)
@pytest.mark.parametrize("accept", [None, JSON_TYPE])
async def test_a_document_that_cannot_run_is_200_with_errors_in_json(
    api: Api, query: str, error: JSON, accept: str | None
) -> None:
    headers = _bearer(api) | ({"Accept": accept} if accept else {})

    response = await api.client.post("/graphql", json={"query": query}, headers=headers)

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        200,
        JSON_TYPE,
        {"data": None, "errors": [error]},
    )
    assert await api.data(VIEWER) == ADA


@pytest.mark.parametrize(
    ("query", "error"), [("{ viewer { name ", SYNTAX_ERROR), ("{ nope }", UNKNOWN_FIELD)]
)
async def test_a_document_that_cannot_run_is_400_in_graphql_response_json(
    api: Api, query: str, error: JSON
) -> None:
    headers = _bearer(api) | {"Accept": GRAPHQL_RESPONSE}

    response = await api.client.post("/graphql", json={"query": query}, headers=headers)

    # No data entry at all: the request never ran.
    assert (response.status_code, response.headers["content-type"], response.json()) == (
        400,
        GRAPHQL_RESPONSE,
        {"errors": [error]},
    )
    assert await api.data(VIEWER) == ADA


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [(None, JSON_TYPE), (JSON_TYPE, JSON_TYPE), (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE)],
)
async def test_a_query_that_ran_is_200_in_the_accepted_media_type_even_with_field_errors(
    api: Api, accept: str | None, media_type: str
) -> None:
    headers = _bearer(api) | ({"Accept": accept} if accept else {})
    query = '{ viewer { name } release(id: "!!!") { name } }'

    response = await api.client.post("/graphql", json={"query": query}, headers=headers)

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        200,
        media_type,
        {
            "data": {"viewer": {"name": "ada"}, "release": None},
            "errors": [
                {
                    "message": 'Value cannot represent a GlobalID: "!!!".',
                    "locations": [{"line": 1, "column": 19}],
                    "path": ["release"],
                }
            ],
        },
    )


# -- ids -----------------------------------------------------------------------------


async def test_an_unknown_release_id_is_null(api: Api) -> None:
    unknown = to_base64("Release", "no-such-release")

    assert await api.data(RELEASE, {"id": unknown}) == {"release": None}


async def test_an_id_of_another_type_is_an_invalid_argument(api: Api) -> None:
    task = to_base64("Task", "some-task")

    response = await api.post(RELEASE, {"id": task})

    body = response.json()
    [error] = body["errors"]
    assert (body["data"], error["path"], error["extensions"]) == (
        {"release": None},
        ["release"],
        {"code": "INVALID_ARGUMENT"},
    )
    # The wording is the queries' to choose; both types must be named.
    assert "Release" in error["message"]
    assert "Task" in error["message"]
    assert await api.data(VIEWER) == ADA


async def test_an_id_that_is_not_base64_is_an_error(api: Api) -> None:
    response = await api.post(RELEASE, {"id": "not base64!"})

    assert response.json() == {
        "data": {"release": None},
        "errors": [
            {
                "message": 'Value cannot represent a GlobalID: "not base64!".',
                "locations": [{"line": 1, "column": 19}],
                "path": ["release"],
            }
        ],
    }
    assert await api.data(VIEWER) == ADA


# -- methods -------------------------------------------------------------------------


async def test_a_query_can_be_sent_with_get(api: Api) -> None:
    params = {"query": RELEASE, "variables": '{"id": "UmVsZWFzZTpub25l"}'}

    response = await api.client.get("/graphql", params=params, headers=_bearer(api))

    assert (response.status_code, response.json()) == (200, {"data": {"release": None}})


@pytest.mark.parametrize("accept", [JSON_TYPE, GRAPHQL_RESPONSE])
async def test_a_mutation_sent_with_get_is_405_and_changes_nothing(api: Api, accept: str) -> None:
    headers = _bearer(api) | {"Accept": accept}
    params = {"query": CREATE_DEFINITION, "variables": json.dumps({"source": DEFINITION})}

    response = await api.client.get("/graphql", params=params, headers=headers)

    assert (response.status_code, response.headers["allow"], response.json()) == (
        405,
        "POST",
        {"errors": [{"message": "mutations are not allowed when using GET"}]},
    )
    assert response.headers["content-type"] == accept
    assert await api.data("{ releaseDefinitions { totalCount } }") == {
        "releaseDefinitions": {"totalCount": 0}
    }


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405(api: Api, method: str) -> None:
    response = await api.client.request(
        method, "/graphql", json={"query": VIEWER}, headers=_bearer(api)
    )

    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert await api.data(VIEWER) == ADA


async def test_the_view_alone_runs_no_operation_without_a_user(unstarted: Runtime) -> None:
    # Behind BearerAuth only the GraphiQL page comes without a user; the view holds to that.
    view = GraphQLView(unstarted, TokenStore({}), AppSettings())
    transport = httpx.ASGITransport(app=view)
    async with httpx.AsyncClient(transport=transport, base_url="http://releasegraph") as client:
        response = await client.post("/graphql", json={"query": VIEWER})

    assert (response.status_code, response.json()) == (
        401,
        {"errors": [{"message": "a valid bearer token is required"}]},
    )
    assert response.headers["www-authenticate"] == 'Bearer realm="releasegraph"'


def test_a_shared_subscription_keeps_the_limits_of_the_app(unstarted: Runtime) -> None:
    limits = DocumentLimits(max_depth=3, max_aliases=4, max_tokens=50)
    context = Context(runtime=unstarted, user=DEMO_USERS[0], limits=limits)

    shared = context.for_subscription()

    assert (shared.limits, shared.user, shared.loaders is context.loaders) == (
        limits,
        DEMO_USERS[0],
        False,
    )


# -- unexpected errors ---------------------------------------------------------------


async def test_an_unexpected_error_is_masked_for_the_client_and_logged_with_its_traceback(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    release_id = await _draft_release(api)
    with api.runtime.session() as session:  # a status the engine does not know
        session.execute(sa.text("UPDATE release SET status = 'MISLAID'"))
        session.commit()

    with caplog.at_level(logging.DEBUG, logger="releasegraph"):
        response = await api.post(RELEASE, {"id": release_id})

    assert (response.status_code, response.json()) == (
        200,
        {
            "data": {"release": None},
            "errors": [
                {
                    "message": "Unexpected error.",
                    "locations": [{"line": 1, "column": 19}],
                    "path": ["release"],
                }
            ],
        },
    )
    [logged] = [r for r in caplog.records if r.name == "releasegraph.schema.schema"]
    assert logged.levelno == logging.ERROR
    assert logged.getMessage() == "unexpected error at ['release']"
    assert logged.exc_info is not None
    assert "MISLAID" in str(logged.exc_info[1])
    assert "Traceback" in caplog.text
    assert await api.data(VIEWER) == ADA


async def test_an_expected_refusal_is_not_logged_as_an_error(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await api.post("{ nope }")
        await api.post(RELEASE, {"id": "not base64!"})

    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


# -- health and readiness ------------------------------------------------------------


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


# -- CORS ----------------------------------------------------------------------------

DASHBOARD = "https://dashboard.example"


def _preflight(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }


async def test_a_preflight_from_an_allowed_origin_gets_the_cors_headers(
    unstarted: Runtime,
) -> None:
    async with serve_app(unstarted, AppSettings(allowed_origins=[DASHBOARD])) as api:
        response = await api.client.options("/graphql", headers=_preflight(DASHBOARD))
        actual = await api.client.post(
            "/graphql", json={"query": VIEWER}, headers=_bearer(api) | {"Origin": DASHBOARD}
        )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == DASHBOARD
    assert response.headers["access-control-allow-methods"] == "GET, POST"
    assert "authorization" in response.headers["access-control-allow-headers"]
    assert actual.headers["access-control-allow-origin"] == DASHBOARD


async def test_a_preflight_from_another_origin_gets_none(unstarted: Runtime) -> None:
    async with serve_app(unstarted, AppSettings(allowed_origins=[DASHBOARD])) as api:
        response = await api.client.options("/graphql", headers=_preflight("https://evil.example"))
        actual = await api.client.post(
            "/graphql",
            json={"query": VIEWER},
            headers=_bearer(api) | {"Origin": "https://evil.example"},
        )

    assert (response.status_code, response.text) == (400, "Disallowed CORS origin")
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in actual.headers


# -- introspection -------------------------------------------------------------------

INTROSPECTION = "{ __schema { queryType { name } } }"


async def test_introspection_is_on_by_default(api: Api) -> None:
    assert await api.data(INTROSPECTION) == {"__schema": {"queryType": {"name": "Query"}}}


async def test_introspection_can_be_turned_off(unstarted: Runtime) -> None:
    async with serve_app(unstarted, AppSettings(introspection=False)) as api:
        response = await api.post(INTROSPECTION)

        assert response.json() == {
            "data": None,
            "errors": [
                {
                    "message": "GraphQL introspection has been disabled,"
                    " but the requested query contained the field '__schema'.",
                    "locations": [{"line": 1, "column": 3}],
                },
                {
                    "message": "GraphQL introspection has been disabled,"
                    " but the requested query contained the field 'queryType'.",
                    "locations": [{"line": 1, "column": 14}],
                },
            ],
        }
        assert await api.data("{ __typename }") == {"__typename": "Query"}


async def test_a_missing_variable_is_named_not_masked(api: Api) -> None:
    response = await api.post("query($id: ID!) { release(id: $id) { id } }", {})

    assert response.status_code == 200
    assert [e["message"] for e in response.json()["errors"]] == [
        "Variable '$id' has invalid value: Expected a value of non-null type 'ID!' to be provided."
    ]
    assert await api.data(VIEWER) == ADA
