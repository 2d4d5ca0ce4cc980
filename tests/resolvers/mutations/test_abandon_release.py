"""abandonRelease: an operator cancels everything still going on; abandoning is final."""

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

ABANDON_RELEASE = (
    """
mutation($id: ID!) {
  abandonRelease(input: {releaseId: $id, comment: "superseded"}) {
    __typename
    ... on AbandonReleasePayload {
      release {
        status executionStatus modifiedBy
        environments {
          name status
          latestAttempt {
            status operationStatus lastModifiedBy phases { status tasks { status } }
          }
        }
      }
    }
    ...Errors
  }
}"""
    + ERRORS
)


async def test_an_operator_abandons_a_running_release(api: Api) -> None:
    release_id = await create_release(api, ONE_TASK, start=True)

    result = await api.data(ABANDON_RELEASE, {"id": release_id}, as_user="alice")

    assert result == {
        "abandonRelease": {
            "__typename": "AbandonReleasePayload",
            "release": {
                "status": "ABANDONED",
                "executionStatus": "CANCELED",
                "modifiedBy": "alice",
                "environments": [
                    {
                        "name": "staging",
                        "status": "CANCELED",
                        "latestAttempt": {
                            "status": "FAILED",
                            "operationStatus": "CANCELED",
                            "lastModifiedBy": "alice",
                            "phases": [{"status": "CANCELED", "tasks": [{"status": "CANCELED"}]}],
                        },
                    }
                ],
            },
        }
    }


async def test_an_operator_abandons_a_draft(api: Api) -> None:
    release_id = await create_release(api, ONE_TASK, start=False)

    result = await api.data(ABANDON_RELEASE, {"id": release_id}, as_user="olivia")

    assert result == {
        "abandonRelease": {
            "__typename": "AbandonReleasePayload",
            "release": {
                "status": "ABANDONED",
                "executionStatus": "CANCELED",
                "modifiedBy": "olivia",
                "environments": [
                    {"name": "staging", "status": "NOT_STARTED", "latestAttempt": None}
                ],
            },
        }
    }


@pytest.mark.parametrize(
    ("as_user", "target", "expected"),
    [
        pytest.param(
            "bob",
            "release",
            permission_denied("'bob' is VIEWER; this needs OPERATOR"),
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
async def test_a_refused_abandon_changes_nothing(
    api: Api, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, ONE_TASK, start=True)
    ids = {
        "release": release_id,
        "unknown": global_id("Release"),
        "environment": (await release_tree(api, release_id))["environments"][0]["id"],
    }

    result = await refused(api, release_id, ABANDON_RELEASE, {"id": ids[target]}, as_user=as_user)

    assert result == expected


async def test_an_abandoned_release_cannot_be_abandoned_again(api: Api) -> None:
    release_id = await create_release(api, ONE_TASK, start=True)
    await api.data(ABANDON_RELEASE, {"id": release_id}, as_user="olivia")

    result = await refused(api, release_id, ABANDON_RELEASE, {"id": release_id}, as_user="alice")

    assert result == invalid_transition(
        "cannot abandon the release: release is ABANDONED (current status: ABANDONED)",
        "ABANDONED",
    )
