"""The DateTime scalar over HTTP: a time comes with its offset from UTC and is read in UTC.

A time without an offset used to reach the database or the engine and fail there (an
"Unexpected error." and a traceback: TypeError comparing it with stored times, ValueError
from the UTC column); one at the very ends of the calendar, an OverflowError moving it to
UTC. Both are now the client's refusal, like any value the scalar cannot read.
"""

from __future__ import annotations

import logging

import pytest

from tests.api import Api
from tests.app_requests import CREATE_DEFINITION, DEFINITION

SCHEDULE = """
mutation($definition: ID!, $at: DateTime!) {
  createRelease(input: {definitionId: $definition, scheduledStartTime: $at}) {
    ... on CreateReleasePayload { release { scheduledStartTime } }
  }
}"""
CREATED_AFTER = "query($at: DateTime) { releases(filter: {createdAfter: $at}) { totalCount } }"


def _refused(text: str, problem: str) -> str:
    prefix = "Variable '$at' has invalid value: Value cannot represent a DateTime"
    return f'{prefix}: "{text}". {problem}'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2030-01-01T00:00:00", "It has no offset from UTC (Z or +hh:mm)."),
        ("0001-01-01T00:00:00+05:00", "date value out of range"),
        ("9999-12-31T23:59:59-10:00", "date value out of range"),
    ],
    ids=["no-offset", "before-year-1-in-utc", "after-9999-in-utc"],
)
async def test_a_time_that_has_no_utc_is_refused_as_a_variable(
    api: Api, caplog: pytest.LogCaptureFixture, text: str, problem: str
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = await api.post(CREATED_AFTER, {"at": text})

    assert response.json() == {
        "data": None,
        "errors": [{"message": _refused(text, problem), "locations": [{"line": 1, "column": 7}]}],
    }
    assert "Traceback" not in caplog.text


async def test_a_time_without_an_offset_is_refused_as_a_literal(api: Api) -> None:
    query = '{ releases(filter: {createdAfter: "2030-01-01T00:00:00"}) { totalCount } }'

    response = await api.post(query)

    assert response.json()["errors"][0]["message"] == (
        'Value cannot represent a DateTime: "2030-01-01T00:00:00".'
        " It has no offset from UTC (Z or +hh:mm)."
    )


async def test_a_time_with_an_offset_is_read_in_utc(api: Api) -> None:
    created = await api.data(CREATE_DEFINITION, {"source": DEFINITION})
    definition_id = created["createReleaseDefinition"]["definition"]["id"]

    scheduled = await api.data(
        SCHEDULE, {"definition": definition_id, "at": "2030-01-01T02:30:00+02:00"}
    )

    assert scheduled == {
        "createRelease": {"release": {"scheduledStartTime": "2030-01-01T00:30:00+00:00"}}
    }
