"""approve: a designated approver approves; anyone else is refused and nothing changes."""

from __future__ import annotations

from pathlib import Path

from tests.api import JSON, Api

EXAMPLES = Path(__file__).parents[3] / "examples"

CREATE_DEFINITION = """
mutation($source: String!) {
  createReleaseDefinition(input: {source: $source}) {
    ... on CreateReleaseDefinitionPayload { definition { id } }
  }
}"""
START_RELEASE = """
mutation($definition: ID!) {
  createRelease(input: {definitionId: $definition, start: true}) {
    ... on CreateReleasePayload {
      release { id environments { latestAttempt { preDeployApprovals { id approver } } } }
    }
  }
}"""
APPROVE = """
mutation($id: ID!) {
  approve(input: {approvalId: $id, comment: "ship it"}) {
    __typename
    ... on ApprovePayload { approval { approver status approvedBy comment } }
    ... on Error { code message }
  }
}"""
APPROVALS = """
query($id: ID!) {
  release(id: $id) {
    executionStatus
    environments { latestAttempt { status operationStatus preDeployApprovals { status } } }
  }
}"""


async def _pending_approval(api: Api) -> tuple[str, JSON]:
    source = (EXAMPLES / "approvals.yaml").read_text()
    definition = await api.data(CREATE_DEFINITION, {"source": source})
    definition_id = definition["createReleaseDefinition"]["definition"]["id"]
    started = await api.data(START_RELEASE, {"definition": definition_id}, as_user="olivia")
    release = started["createRelease"]["release"]
    return release["id"], release["environments"][0]["latestAttempt"]["preDeployApprovals"][0]


async def test_the_designated_approver_approves(api: Api) -> None:
    _, approval = await _pending_approval(api)

    result = await api.data(APPROVE, {"id": approval["id"]}, as_user="alice")

    assert result == {
        "approve": {
            "__typename": "ApprovePayload",
            "approval": {
                "approver": "alice",
                "status": "APPROVED",
                "approvedBy": "alice",
                "comment": "ship it",
            },
        }
    }


async def test_someone_who_is_not_an_approver_is_refused_and_nothing_changes(api: Api) -> None:
    release_id, approval = await _pending_approval(api)
    before = await api.data(APPROVALS, {"id": release_id})

    result = await api.data(APPROVE, {"id": approval["id"]}, as_user="victor")

    assert result == {
        "approve": {
            "__typename": "PermissionDeniedError",
            "code": "PERMISSION_DENIED",
            "message": "'victor' is not the approver 'alice'",
        }
    }
    assert await api.data(APPROVALS, {"id": release_id}) == before
