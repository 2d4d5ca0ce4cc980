"""startRelease: an operator starts a draft, or a scheduled release before its time."""

from __future__ import annotations

import pytest

from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ERRORS,
    ONE_TASK,
    create_release,
    global_id,
    invalid_transition,
    not_found,
    permission_denied,
    refused,
    release_tree,
    wrong_id,
)

START_RELEASE = (
    """
mutation($id: ID!) {
  startRelease(input: {releaseId: $id}) {
    __typename
    ... on StartReleasePayload {
      release {
        status executionStatus scheduledStartTime startedOn modifiedBy
        environments {
          name status latestAttempt { attempt status operationStatus reason requestedBy }
        }
      }
    }
    ...Errors
  }
}"""
    + ERRORS
)
SCHEDULE_RELEASE = """
mutation($id: ID!, $at: DateTime!) {
  scheduleRelease(input: {releaseId: $id, startAt: $at}) { __typename }
}"""


def started(scheduled_start_time: str | None) -> JSON:
    release = {
        "status": "ACTIVE",
        "executionStatus": "RUNNING",
        "scheduledStartTime": scheduled_start_time,
        "startedOn": "2026-01-01T00:00:00+00:00",
        "modifiedBy": "olivia",
        "environments": [
            {
                "name": "staging",
                "status": "IN_PROGRESS",
                "latestAttempt": {
                    "attempt": 1,
                    "status": "IN_PROGRESS",
                    "operationStatus": "PHASE_IN_PROGRESS",
                    "reason": "AUTOMATED",
                    "requestedBy": "olivia",
                },
            }
        ],
    }
    return {"startRelease": {"__typename": "StartReleasePayload", "release": release}}


async def test_an_operator_starts_a_draft(api: Api) -> None:
    release_id = await create_release(api, ONE_TASK, start=False)

    result = await api.data(START_RELEASE, {"id": release_id}, as_user="olivia")

    assert result == started(scheduled_start_time=None)


async def test_a_scheduled_release_starts_before_its_time(api: Api) -> None:
    release_id = await create_release(api, ONE_TASK, start=False)
    at = "2026-01-01T06:00:00+00:00"
    scheduled = await api.data(SCHEDULE_RELEASE, {"id": release_id, "at": at}, as_user="alice")
    assert scheduled == {"scheduleRelease": {"__typename": "ScheduleReleasePayload"}}

    result = await api.data(START_RELEASE, {"id": release_id}, as_user="olivia")

    assert result == started(scheduled_start_time=at)


@pytest.mark.parametrize(
    ("as_user", "target", "expected"),
    [
        pytest.param(
            "victor",
            "release",
            permission_denied("'victor' is VIEWER; this needs OPERATOR"),
            id="viewer",
        ),
        pytest.param("olivia", "unknown", not_found("Release"), id="unknown release"),
        pytest.param(
            "olivia",
            "environment",
            wrong_id("releaseId", "Release", "ReleaseEnvironment"),
            id="environment id",
        ),
    ],
)
async def test_a_refused_start_changes_nothing(
    api: Api, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, ONE_TASK, start=False)
    ids = {
        "release": release_id,
        "unknown": global_id("Release"),
        "environment": (await release_tree(api, release_id))["environments"][0]["id"],
    }

    result = await refused(api, release_id, START_RELEASE, {"id": ids[target]}, as_user=as_user)

    assert result == expected


async def test_a_started_release_cannot_start_again(api: Api) -> None:
    release_id = await create_release(api, ONE_TASK, start=True)

    result = await refused(api, release_id, START_RELEASE, {"id": release_id}, as_user="olivia")

    assert result == invalid_transition(
        "cannot start the release: release is ACTIVE (current status: ACTIVE)", "ACTIVE"
    )
