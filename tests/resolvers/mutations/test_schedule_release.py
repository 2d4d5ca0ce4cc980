"""scheduleRelease: a draft starts by itself at the time an operator gave it."""

from __future__ import annotations

import pytest

from releasegraph.runtime.clock import ManualClock
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
    validation_failed,
    wrong_id,
)
from tests.support import settle

SCHEDULE_RELEASE = (
    """
mutation($id: ID!, $at: DateTime!) {
  scheduleRelease(input: {releaseId: $id, startAt: $at}) {
    __typename
    ... on ScheduleReleasePayload {
      release { status executionStatus scheduledStartTime startedOn modifiedBy }
    }
    ...Errors
  }
}"""
    + ERRORS
)
IN_AN_HOUR = "2026-01-01T01:00:00+00:00"


async def test_an_operator_schedules_a_draft_which_starts_on_time(
    api: Api, clock: ManualClock
) -> None:
    release_id = await create_release(api, ONE_TASK, start=False)

    result = await api.data(SCHEDULE_RELEASE, {"id": release_id, "at": IN_AN_HOUR}, as_user="alice")

    assert result == {
        "scheduleRelease": {
            "__typename": "ScheduleReleasePayload",
            "release": {
                "status": "DRAFT",
                "executionStatus": "SCHEDULED",
                "scheduledStartTime": IN_AN_HOUR,
                "startedOn": None,
                "modifiedBy": "alice",
            },
        }
    }
    clock.advance(3600)
    await settle(api.runtime)
    tree = await release_tree(api, release_id)
    assert (tree["status"], tree["executionStatus"], tree["startedOn"]) == (
        "ACTIVE",
        "RUNNING",
        IN_AN_HOUR,
    )


@pytest.mark.parametrize(
    ("as_user", "target", "at", "expected"),
    [
        pytest.param(
            "bob",
            "release",
            IN_AN_HOUR,
            permission_denied("'bob' is VIEWER; this needs OPERATOR"),
            id="viewer",
        ),
        pytest.param("olivia", "unknown", IN_AN_HOUR, not_found("Release"), id="unknown release"),
        pytest.param(
            "olivia",
            "environment",
            IN_AN_HOUR,
            wrong_id("releaseId", "Release", "ReleaseEnvironment"),
            id="environment id",
        ),
        pytest.param(
            "olivia",
            "release",
            "2026-01-01T00:00:00+00:00",
            validation_failed("startAt", "must be in the future"),
            id="not in the future",
        ),
    ],
)
async def test_a_refused_schedule_changes_nothing(
    api: Api, as_user: str, target: str, at: str, expected: JSON
) -> None:
    release_id = await create_release(api, ONE_TASK, start=False)
    ids = {
        "release": release_id,
        "unknown": global_id("Release"),
        "environment": (await release_tree(api, release_id))["environments"][0]["id"],
    }

    result = await refused(
        api, release_id, SCHEDULE_RELEASE, {"id": ids[target], "at": at}, as_user=as_user
    )

    assert result == expected


async def test_a_started_release_cannot_be_scheduled(api: Api) -> None:
    release_id = await create_release(api, ONE_TASK, start=True)

    result = await refused(
        api, release_id, SCHEDULE_RELEASE, {"id": release_id, "at": IN_AN_HOUR}, as_user="olivia"
    )

    assert result == invalid_transition(
        "cannot schedule the release: release is ACTIVE (current status: ACTIVE)", "ACTIVE"
    )
