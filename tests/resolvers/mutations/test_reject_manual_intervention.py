"""rejectManualIntervention: a manual step rejected, or a failed task's attempt failed, by
the named approvers, or by any operator where the intervention names nobody."""

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

REJECT_MANUAL_INTERVENTION = (
    """
mutation($id: ID!) {
  rejectManualIntervention(input: {manualInterventionId: $id, comment: "error rate is up"}) {
    __typename
    ... on RejectManualInterventionPayload {
      manualIntervention { kind status resolution actedBy comment }
      release {
        executionStatus inputRequiredCount
        environments {
          status
          latestAttempt { status operationStatus phases { status tasks { name status } } }
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


async def test_a_named_approver_rejects_a_manual_step_and_the_attempt_fails(api: Api) -> None:
    release_id = await create_release(api, NAMED, start=True)
    intervention = await pending_intervention(api, release_id)

    result = await api.data(REJECT_MANUAL_INTERVENTION, {"id": intervention}, as_user="bob")

    assert result == {
        "rejectManualIntervention": {
            "__typename": "RejectManualInterventionPayload",
            "manualIntervention": {
                "kind": "TASK",
                "status": "REJECTED",
                "resolution": "reject",
                "actedBy": "bob",
                "comment": "error rate is up",
            },
            "release": {
                "executionStatus": "FAILED",
                "inputRequiredCount": 0,
                "environments": [
                    {
                        "status": "FAILED",
                        "latestAttempt": {
                            "status": "FAILED",
                            "operationStatus": "PHASE_FAILED",
                            "phases": [
                                {
                                    "status": "FAILED",
                                    "tasks": [
                                        {"name": "sign-off", "status": "FAILED"},
                                        {"name": "notify", "status": "SKIPPED"},
                                    ],
                                }
                            ],
                        },
                    }
                ],
            },
        }
    }


async def test_an_operator_fails_a_failed_task_waiting_for_a_decision(api: Api) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    failure = await pending_intervention(api, release_id)

    result = await api.data(REJECT_MANUAL_INTERVENTION, {"id": failure}, as_user="olivia")

    assert result == {
        "rejectManualIntervention": {
            "__typename": "RejectManualInterventionPayload",
            "manualIntervention": {
                "kind": "FAILURE",
                "status": "REJECTED",
                "resolution": "fail",
                "actedBy": "olivia",
                "comment": "error rate is up",
            },
            "release": {
                "executionStatus": "FAILED",
                "inputRequiredCount": 0,
                "environments": [
                    {
                        "status": "FAILED",
                        "latestAttempt": {
                            "status": "FAILED",
                            "operationStatus": "PHASE_FAILED",
                            "phases": [
                                {
                                    "status": "FAILED",
                                    "tasks": [
                                        {"name": "flaky", "status": "FAILED"},
                                        {"name": "after", "status": "SKIPPED"},
                                    ],
                                }
                            ],
                        },
                    }
                ],
            },
        }
    }


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
            PROMPTED,
            "bob",
            "intervention",
            permission_denied(
                "'bob' may not act on this manual intervention:"
                " one that names no approvers is for operators"
            ),
            id="a viewer failing a failed task",
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
async def test_a_refused_reject_changes_nothing(
    api: Api, source: str, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, source, start=True)
    ids = {
        "intervention": await pending_intervention(api, release_id),
        "unknown": global_id("ManualIntervention"),
        "release": release_id,
    }

    result = await refused(
        api, release_id, REJECT_MANUAL_INTERVENTION, {"id": ids[target]}, as_user=as_user
    )

    assert result == expected


async def test_the_second_of_two_approvers_gets_a_conflict(api: Api) -> None:
    release_id = await create_release(api, NAMED, start=True)
    intervention = await pending_intervention(api, release_id)
    await api.data(REJECT_MANUAL_INTERVENTION, {"id": intervention}, as_user="bob")

    result = await refused(
        api, release_id, REJECT_MANUAL_INTERVENTION, {"id": intervention}, as_user="alice"
    )

    assert result == conflict("manual intervention was already answered by 'bob' (REJECTED)")


async def test_a_rejected_intervention_cannot_be_rejected_again(api: Api) -> None:
    release_id = await create_release(api, NAMED, start=True)
    intervention = await pending_intervention(api, release_id)
    await api.data(REJECT_MANUAL_INTERVENTION, {"id": intervention}, as_user="bob")

    result = await refused(
        api, release_id, REJECT_MANUAL_INTERVENTION, {"id": intervention}, as_user="bob"
    )

    assert result == invalid_transition(
        "manual intervention is not pending (current status: REJECTED)", "REJECTED"
    )
