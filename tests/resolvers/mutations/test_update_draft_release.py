"""updateDraftRelease: an operator edits a draft; fields left out keep their value."""

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

UPDATE_DRAFT_RELEASE = (
    """
mutation($input: UpdateDraftReleaseInput!) {
  updateDraftRelease(input: $input) {
    __typename
    ... on UpdateDraftReleasePayload {
      release {
        status description modifiedBy version
        artifacts { name value }
        variables { name value }
      }
    }
    ...Errors
  }
}"""
    + ERRORS
)
WITH_VARIABLE = ONE_TASK.replace("name: one-task", "name: one-task\nvariables: {region: eu-west}")


async def test_an_operator_edits_a_draft(api: Api) -> None:
    release_id = await create_release(api, WITH_VARIABLE, start=False)
    edit = {
        "releaseId": release_id,
        "description": "hotfix",
        "artifacts": [{"name": "web", "value": "1.4.2"}, {"name": "api", "value": "2.0.0"}],
        "variables": [{"name": "region", "value": "us-east"}],
    }

    result = await api.data(UPDATE_DRAFT_RELEASE, {"input": edit}, as_user="alice")

    assert result == {
        "updateDraftRelease": {
            "__typename": "UpdateDraftReleasePayload",
            "release": {
                "status": "DRAFT",
                "description": "hotfix",
                "modifiedBy": "alice",
                "version": 2,
                "artifacts": [{"name": "api", "value": "2.0.0"}, {"name": "web", "value": "1.4.2"}],
                "variables": [{"name": "region", "value": "us-east"}],
            },
        }
    }


async def test_fields_left_out_keep_their_value(api: Api) -> None:
    release_id = await create_release(api, WITH_VARIABLE, start=False)

    result = await api.data(
        UPDATE_DRAFT_RELEASE,
        {"input": {"releaseId": release_id, "description": "only this"}},
        as_user="olivia",
    )

    assert result == {
        "updateDraftRelease": {
            "__typename": "UpdateDraftReleasePayload",
            "release": {
                "status": "DRAFT",
                "description": "only this",
                "modifiedBy": "olivia",
                "version": 2,
                "artifacts": [],
                "variables": [{"name": "region", "value": "eu-west"}],
            },
        }
    }


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
async def test_a_refused_edit_changes_nothing(
    api: Api, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, WITH_VARIABLE, start=False)
    ids = {
        "release": release_id,
        "unknown": global_id("Release"),
        "environment": (await release_tree(api, release_id))["environments"][0]["id"],
    }
    edit = {"releaseId": ids[target], "description": "changed"}

    result = await refused(api, release_id, UPDATE_DRAFT_RELEASE, {"input": edit}, as_user=as_user)

    assert result == expected


async def test_a_started_release_can_no_longer_be_edited(api: Api) -> None:
    release_id = await create_release(api, WITH_VARIABLE, start=True)
    edit = {"releaseId": release_id, "artifacts": [{"name": "web", "value": "1.4.3"}]}

    result = await refused(api, release_id, UPDATE_DRAFT_RELEASE, {"input": edit}, as_user="olivia")

    assert result == invalid_transition(
        "cannot edit the release: release is ACTIVE (current status: ACTIVE)", "ACTIVE"
    )
