"""resumeManualIntervention: the named approvers, or any operator where it names none,
resume a manual step; the release goes on."""

from __future__ import annotations

import pytest

from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ERRORS,
    PROMPTED,
    conflict,
    create_release,
    global_id,
    invalid_transition,
    not_found,
    pending_intervention,
    permission_denied,
    refused,
    sign_off,
    wrong_id,
)

RESUME_MANUAL_INTERVENTION = (
    """
mutation($id: ID!) {
  resumeManualIntervention(input: {
    manualInterventionId: $id, values: [{name: "error-rate", value: "flat"}], comment: "looks good"
  }) {
    __typename
    ... on ResumeManualInterventionPayload {
      manualIntervention { kind status resolution actedBy comment values { name value } }
      release {
        executionStatus inputRequiredCount
        environments {
          latestAttempt { status operationStatus phases { tasks { name status } } }
        }
      }
    }
    ...Errors
  }
}"""
    + ERRORS
)
NAMED = sign_off("[group:release-managers]")
UNNAMED = sign_off("[]")


def resumed(by: str) -> JSON:
    return {
        "resumeManualIntervention": {
            "__typename": "ResumeManualInterventionPayload",
            "manualIntervention": {
                "kind": "TASK",
                "status": "APPROVED",
                "resolution": "resume",
                "actedBy": by,
                "comment": "looks good",
                "values": [{"name": "error-rate", "value": "flat"}],
            },
            "release": {
                "executionStatus": "SUCCEEDED",
                "inputRequiredCount": 0,
                "environments": [
                    {
                        "latestAttempt": {
                            "status": "SUCCEEDED",
                            "operationStatus": "APPROVED",
                            "phases": [
                                {
                                    "tasks": [
                                        {"name": "sign-off", "status": "SUCCEEDED"},
                                        {"name": "notify", "status": "SUCCEEDED"},
                                    ]
                                }
                            ],
                        }
                    }
                ],
            },
        }
    }


async def test_a_named_approver_resumes_even_as_a_viewer(api: Api) -> None:
    release_id = await create_release(api, NAMED, start=True)
    intervention = await pending_intervention(api, release_id)

    result = await api.data(RESUME_MANUAL_INTERVENTION, {"id": intervention}, as_user="bob")

    assert result == resumed(by="bob")


async def test_any_operator_resumes_an_intervention_that_names_nobody(api: Api) -> None:
    release_id = await create_release(api, UNNAMED, start=True)
    intervention = await pending_intervention(api, release_id)

    result = await api.data(RESUME_MANUAL_INTERVENTION, {"id": intervention}, as_user="olivia")

    assert result == resumed(by="olivia")


@pytest.mark.parametrize(
    ("source", "as_user", "target", "expected"),
    [
        pytest.param(
            NAMED,
            "olivia",
            "intervention",
            permission_denied("'olivia' may not act on this manual intervention"),
            id="an operator who is not named",
        ),
        pytest.param(
            UNNAMED,
            "victor",
            "intervention",
            permission_denied(
                "'victor' may not act on this manual intervention:"
                " one that names no approvers is for operators"
            ),
            id="a viewer where nobody is named",
        ),
        pytest.param(
            NAMED, "alice", "unknown", not_found("ManualIntervention"), id="unknown intervention"
        ),
        pytest.param(
            NAMED,
            "alice",
            "release",
            wrong_id("manualInterventionId", "ManualIntervention", "Release"),
            id="release id",
        ),
    ],
)
async def test_a_refused_resume_changes_nothing(
    api: Api, source: str, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, source, start=True)
    ids = {
        "intervention": await pending_intervention(api, release_id),
        "unknown": global_id("ManualIntervention"),
        "release": release_id,
    }

    result = await refused(
        api, release_id, RESUME_MANUAL_INTERVENTION, {"id": ids[target]}, as_user=as_user
    )

    assert result == expected


async def test_the_second_of_two_approvers_gets_a_conflict(api: Api) -> None:
    release_id = await create_release(api, NAMED, start=True)
    intervention = await pending_intervention(api, release_id)
    await api.data(RESUME_MANUAL_INTERVENTION, {"id": intervention}, as_user="alice")

    result = await refused(
        api, release_id, RESUME_MANUAL_INTERVENTION, {"id": intervention}, as_user="bob"
    )

    assert result == conflict("manual intervention was already answered by 'alice' (APPROVED)")


async def test_a_resumed_intervention_cannot_be_resumed_again(api: Api) -> None:
    release_id = await create_release(api, NAMED, start=True)
    intervention = await pending_intervention(api, release_id)
    await api.data(RESUME_MANUAL_INTERVENTION, {"id": intervention}, as_user="alice")

    result = await refused(
        api, release_id, RESUME_MANUAL_INTERVENTION, {"id": intervention}, as_user="alice"
    )

    assert result == invalid_transition(
        "manual intervention is not pending (current status: APPROVED)", "APPROVED"
    )


async def test_a_failed_task_is_not_resumed_but_retried_ignored_or_fixed(api: Api) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    failure = await pending_intervention(api, release_id)

    result = await refused(
        api, release_id, RESUME_MANUAL_INTERVENTION, {"id": failure}, as_user="olivia"
    )

    assert result == invalid_transition(
        "a FAILURE intervention cannot resume or reject (current status: PENDING)", "PENDING"
    )
