"""reassignApproval: an approver hands an approval to someone else, who may then answer it."""

from __future__ import annotations

import pytest

from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ERRORS,
    GUARDED,
    conflict,
    create_release,
    global_id,
    invalid_transition,
    not_found,
    pending_approvals,
    permission_denied,
    refused,
    validation_failed,
    wrong_id,
)

REASSIGN_APPROVAL = (
    """
mutation($id: ID!, $to: String!) {
  reassignApproval(input: {approvalId: $id, to: $to, comment: "on holiday"}) {
    __typename
    ... on ReassignApprovalPayload {
      approval { approver status approvedBy comment reassignedFrom }
      newApproval { id approver status approvedBy comment reassignedFrom }
      release {
        executionStatus inputRequiredCount
        environments {
          latestAttempt { status operationStatus preDeployApprovals { approver status } }
        }
      }
    }
    ...Errors
  }
}"""
    + ERRORS
)
APPROVE = """
mutation($id: ID!) {
  approve(input: {approvalId: $id}) { ... on ApprovePayload { approval { status approvedBy } } }
}"""
GROUP = "group:release-managers"


async def test_an_approver_reassigns_and_the_new_approver_approves(api: Api) -> None:
    release_id = await create_release(api, GUARDED, start=True)
    approvals = await pending_approvals(api, release_id)

    result = await api.data(
        REASSIGN_APPROVAL, {"id": approvals["alice"], "to": "ada"}, as_user="alice"
    )

    new_approval = result["reassignApproval"]["newApproval"].pop("id")
    assert result == {
        "reassignApproval": {
            "__typename": "ReassignApprovalPayload",
            "approval": {
                "approver": "alice",
                "status": "REASSIGNED",
                "approvedBy": None,
                "comment": "on holiday",
                "reassignedFrom": None,
            },
            "newApproval": {
                "approver": "ada",
                "status": "PENDING",
                "approvedBy": None,
                "comment": "",
                "reassignedFrom": "alice",
            },
            "release": {
                "executionStatus": "ON_HOLD",
                "inputRequiredCount": 2,
                "environments": [
                    {
                        "latestAttempt": {
                            "status": "NOT_DEPLOYED",
                            "operationStatus": "PENDING",
                            "preDeployApprovals": [
                                {"approver": "alice", "status": "REASSIGNED"},
                                {"approver": "ada", "status": "PENDING"},
                                {"approver": GROUP, "status": "PENDING"},
                            ],
                        }
                    }
                ],
            },
        }
    }
    approved = await api.data(APPROVE, {"id": new_approval}, as_user="ada")
    assert approved == {"approve": {"approval": {"status": "APPROVED", "approvedBy": "ada"}}}


@pytest.mark.parametrize(
    ("as_user", "target", "to", "expected"),
    [
        pytest.param(
            "victor",
            "alice",
            "bob",
            permission_denied("'victor' is not the approver 'alice'"),
            id="not the approver",
        ),
        pytest.param("alice", "unknown", "bob", not_found("Approval"), id="unknown approval"),
        pytest.param(
            "alice",
            "release",
            "bob",
            wrong_id("approvalId", "Approval", "Release"),
            id="release id",
        ),
        pytest.param(
            "alice",
            "alice",
            "  ",
            validation_failed("to", "must name a user or group:NAME"),
            id="nobody to hand it to",
        ),
    ],
)
async def test_a_refused_reassign_changes_nothing(
    api: Api, as_user: str, target: str, to: str, expected: JSON
) -> None:
    release_id = await create_release(api, GUARDED, start=True)
    ids = {
        **await pending_approvals(api, release_id),
        "unknown": global_id("Approval"),
        "release": release_id,
    }

    result = await refused(
        api, release_id, REASSIGN_APPROVAL, {"id": ids[target], "to": to}, as_user=as_user
    )

    assert result == expected


async def test_an_approval_another_member_answered_gives_a_conflict(api: Api) -> None:
    release_id = await create_release(api, GUARDED, start=True)
    group_approval = (await pending_approvals(api, release_id))[GROUP]
    await api.data(APPROVE, {"id": group_approval}, as_user="alice")

    result = await refused(
        api, release_id, REASSIGN_APPROVAL, {"id": group_approval, "to": "ada"}, as_user="bob"
    )

    assert result == conflict("approval was already answered by 'alice' (APPROVED)")


async def test_a_reassigned_approval_cannot_be_reassigned_again(api: Api) -> None:
    release_id = await create_release(api, GUARDED, start=True)
    own_approval = (await pending_approvals(api, release_id))["alice"]
    await api.data(REASSIGN_APPROVAL, {"id": own_approval, "to": "ada"}, as_user="alice")

    result = await refused(
        api, release_id, REASSIGN_APPROVAL, {"id": own_approval, "to": "bob"}, as_user="alice"
    )

    assert result == invalid_transition(
        "approval is not pending (current status: REASSIGNED)", "REASSIGNED"
    )
