"""Errors of operations that ran: ids that name nothing or the wrong type, masked and logged
unexpected errors, quiet expected refusals, and missing variables.

Each refusal is followed by a request that must succeed: the server keeps serving.
"""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa
from strawberry.relay import to_base64

from tests.api import Api
from tests.app_requests import ADA, RELEASE, VIEWER, draft_release

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


# -- masked and unmasked errors ------------------------------------------------------


async def test_an_unexpected_error_is_masked_for_the_client_and_logged_with_its_traceback(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    release_id = await draft_release(api)
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
    [logged] = [r for r in caplog.records if r.name == "releasegraph.graphql_schema"]
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


async def test_a_missing_variable_is_named_not_masked(api: Api) -> None:
    response = await api.post("query($id: ID!) { release(id: $id) { id } }", {})

    assert response.status_code == 200
    assert [e["message"] for e in response.json()["errors"]] == [
        "Variable '$id' has invalid value: Expected a value of non-null type 'ID!' to be provided."
    ]
    assert await api.data(VIEWER) == ADA
