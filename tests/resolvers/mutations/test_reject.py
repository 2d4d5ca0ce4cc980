"""reject: a designated approver rejects; anyone else is refused and nothing changes."""

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
    wrong_id,
)

REJECT = (
    """
mutation($id: ID!) {
  reject(input: {approvalId: $id, comment: "not today"}) {
    __typename
    ... on RejectPayload {
      approval { approver status approvedBy comment }
      release {
        executionStatus
        environments {
          status
          latestAttempt { status operationStatus preDeployApprovals { approver status } }
        }
      }
    }
    ...Errors
  }
}"""
    + ERRORS
)
GROUP = "group:release-managers"


async def test_a_member_of_the_approving_group_rejects_even_as_a_viewer(api: Api) -> None:
    release_id = await create_release(api, GUARDED, start=True)
    approvals = await pending_approvals(api, release_id)

    result = await api.data(REJECT, {"id": approvals[GROUP]}, as_user="bob")

    assert result == {
        "reject": {
            "__typename": "RejectPayload",
            "approval": {
                "approver": GROUP,
                "status": "REJECTED",
                "approvedBy": "bob",
                "comment": "not today",
            },
            "release": {
                "executionStatus": "FAILED",
                "environments": [
                    {
                        "status": "REJECTED",
                        "latestAttempt": {
                            "status": "NOT_DEPLOYED",
                            "operationStatus": "REJECTED",
                            "preDeployApprovals": [
                                {"approver": "alice", "status": "SKIPPED"},
                                {"approver": GROUP, "status": "REJECTED"},
                            ],
                        },
                    }
                ],
            },
        }
    }


@pytest.mark.parametrize(
    ("as_user", "target", "expected"),
    [
        pytest.param(
            "victor",
            "alice",
            permission_denied("'victor' is not the approver 'alice'"),
            id="not the approver",
        ),
        pytest.param(
            "olivia",
            GROUP,
            permission_denied("'olivia' is not the approver 'group:release-managers'"),
            id="an operator outside the group",
        ),
        pytest.param("alice", "unknown", not_found("Approval"), id="unknown approval"),
        pytest.param(
            "alice", "release", wrong_id("approvalId", "Approval", "Release"), id="release id"
        ),
    ],
)
async def test_a_refused_reject_changes_nothing(
    api: Api, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, GUARDED, start=True)
    ids = {
        **await pending_approvals(api, release_id),
        "unknown": global_id("Approval"),
        "release": release_id,
    }

    result = await refused(api, release_id, REJECT, {"id": ids[target]}, as_user=as_user)

    assert result == expected


async def test_the_second_of_two_group_members_gets_a_conflict(api: Api) -> None:
    release_id = await create_release(api, GUARDED, start=True)
    group_approval = (await pending_approvals(api, release_id))[GROUP]
    first = await api.data(REJECT, {"id": group_approval}, as_user="alice")
    assert first["reject"]["__typename"] == "RejectPayload"

    result = await refused(api, release_id, REJECT, {"id": group_approval}, as_user="bob")

    assert result == conflict("approval was already answered by 'alice' (REJECTED)")


async def test_an_approval_already_answered_cannot_be_rejected(api: Api) -> None:
    release_id = await create_release(api, GUARDED, start=True)
    own_approval = (await pending_approvals(api, release_id))["alice"]
    await api.data(REJECT, {"id": own_approval}, as_user="alice")

    result = await refused(api, release_id, REJECT, {"id": own_approval}, as_user="alice")

    assert result == invalid_transition(
        "approval is not pending (current status: REJECTED)", "REJECTED"
    )
