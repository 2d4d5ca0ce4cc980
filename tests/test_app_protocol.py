"""The GraphQL-over-HTTP contract: request bodies, status codes and media types, methods.

Every hostile request is followed by one that must succeed: a refusal leaves the
server serving.
"""

from __future__ import annotations

import json

import pytest

from tests.api import JSON, Api
from tests.app_requests import (
    ADA,
    CREATE_DEFINITION,
    DEFINITION,
    GRAPHQL_RESPONSE,
    JSON_TYPE,
    RELEASE,
    VIEWER,
    bearer,
)

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
    ],
)
async def test_a_body_that_is_not_a_graphql_request_gets_400(
    api: Api, content: bytes, content_type: str, message: str
) -> None:
    headers = {**bearer(api), "Content-Type": content_type}

    response = await api.client.post("/graphql", content=content, headers=headers)

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        400,
        JSON_TYPE,
        {"errors": [{"message": message}]},
    )
    assert await api.data(VIEWER) == ADA


NOT_JSON = "unsupported Content-Type {!r}; a POST body must be application/json"
DEFINITION_REQUEST = json.dumps({"query": CREATE_DEFINITION, "variables": {"source": DEFINITION}})
NO_DEFINITIONS = {"releaseDefinitions": {"totalCount": 0}}


@pytest.mark.parametrize(
    ("content_type", "message"),
    [
        ("application/jsonx", NOT_JSON.format("application/jsonx")),
        ("text/plain; profile=application/json", NOT_JSON.format("text/plain")),
        (
            "application/json; charset=latin-1",
            "unsupported charset 'latin-1'; a POST body must be application/json in utf-8",
        ),
        (None, "the request has no Content-Type; a POST body must be application/json"),
    ],
    ids=["a-longer-subtype", "json-in-a-parameter", "another-charset", "none"],
)
async def test_a_body_that_is_not_json_by_its_media_type_gets_415_and_changes_nothing(
    api: Api, content_type: str | None, message: str
) -> None:
    # "application/jsonx" was read as JSON: Strawberry looked for "application/json" in it.
    headers = bearer(api) | ({"Content-Type": content_type} if content_type else {})

    response = await api.client.post("/graphql", content=DEFINITION_REQUEST, headers=headers)

    assert (response.status_code, response.headers["accept"], response.json()) == (
        415,
        JSON_TYPE,
        {"errors": [{"message": message}]},
    )
    assert await api.data("{ releaseDefinitions { totalCount } }") == NO_DEFINITIONS


@pytest.mark.parametrize(
    "content_type", ["application/json", 'Application/JSON ; Charset="UTF-8"; profile=x']
)
async def test_a_json_body_is_read_whatever_the_case_and_parameters_of_its_media_type(
    api: Api, content_type: str
) -> None:
    headers = bearer(api) | {"Content-Type": content_type}

    response = await api.client.post(
        "/graphql", content=b'{"query": "{ viewer { name } }"}', headers=headers
    )

    assert (response.status_code, response.json()) == (200, {"data": ADA})


async def test_a_refusal_comes_in_the_media_type_the_client_accepts(api: Api) -> None:
    headers = {**bearer(api), "Content-Type": JSON_TYPE, "Accept": GRAPHQL_RESPONSE}

    response = await api.client.post("/graphql", content=b"{nope", headers=headers)

    assert (response.status_code, response.headers["content-type"]) == (400, GRAPHQL_RESPONSE)


async def test_batches_are_refused(api: Api) -> None:
    """Batching stays off: a batch would multiply every document limit by its length."""
    batch = [{"query": VIEWER}, {"query": VIEWER}]

    response = await api.client.post("/graphql", json=batch, headers=bearer(api))

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
    headers = bearer(api) | ({"Accept": accept} if accept else {})

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
    headers = bearer(api) | {"Accept": GRAPHQL_RESPONSE}

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
    headers = bearer(api) | ({"Accept": accept} if accept else {})
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


# -- methods -------------------------------------------------------------------------


async def test_a_query_can_be_sent_with_get(api: Api) -> None:
    params = {"query": RELEASE, "variables": '{"id": "UmVsZWFzZTpub25l"}'}

    response = await api.client.get("/graphql", params=params, headers=bearer(api))

    assert (response.status_code, response.json()) == (200, {"data": {"release": None}})


@pytest.mark.parametrize("accept", [JSON_TYPE, GRAPHQL_RESPONSE])
async def test_a_mutation_sent_with_get_is_405_and_changes_nothing(api: Api, accept: str) -> None:
    headers = bearer(api) | {"Accept": accept}
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


MUTATION_AND_QUERY = (
    CREATE_DEFINITION.replace("mutation(", "mutation A(") + " query B { viewer { name } }"
)
NO_NAME = {"message": "Must provide operation name if query contains multiple operations."}


@pytest.mark.parametrize(
    ("accept", "status", "answer"),
    [
        (JSON_TYPE, 200, {"data": None, "errors": [NO_NAME]}),
        (GRAPHQL_RESPONSE, 400, {"errors": [NO_NAME]}),
    ],
)
async def test_a_get_of_several_operations_without_a_name_asks_for_the_name_not_the_method(
    api: Api, accept: str, status: int, answer: JSON
) -> None:
    # The first operation is a mutation: the GET got 405, as if it had been chosen.
    headers = bearer(api) | {"Accept": accept}
    params = {"query": MUTATION_AND_QUERY, "variables": json.dumps({"source": DEFINITION})}

    response = await api.client.get("/graphql", params=params, headers=headers)

    assert (response.status_code, response.headers["content-type"], response.json()) == (
        status,
        accept,
        answer,
    )
    assert await api.data("{ releaseDefinitions { totalCount } }") == NO_DEFINITIONS


@pytest.mark.parametrize(("name", "status"), [("A", 405), ("B", 200)])
async def test_a_get_of_several_operations_runs_the_named_query_and_refuses_the_mutation(
    api: Api, name: str, status: int
) -> None:
    params = {
        "query": MUTATION_AND_QUERY,
        "variables": json.dumps({"source": DEFINITION}),
        "operationName": name,
    }

    response = await api.client.get("/graphql", params=params, headers=bearer(api))

    assert response.status_code == status
    assert await api.data("{ releaseDefinitions { totalCount } }") == NO_DEFINITIONS


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405(api: Api, method: str) -> None:
    response = await api.client.request(
        method, "/graphql", json={"query": VIEWER}, headers=bearer(api)
    )

    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert await api.data(VIEWER) == ADA
