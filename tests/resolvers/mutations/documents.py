"""GraphQL documents and helpers shared by the mutation tests: set-up through the API,
the whole release tree (to prove a refused mutation changed nothing), expected errors."""

from __future__ import annotations

from strawberry import relay

from tests.api import JSON, Api
from tests.support import definition

ERRORS = """
fragment Errors on Error {
  code message
  ... on InvalidTransitionError { currentStatus }
  ... on ValidationError { issues { path message } }
  ... on NotFoundError { entity entityId }
}"""
"""Appended to a mutation document that spreads ``...Errors`` in its result."""

CREATE_DEFINITION = """
mutation($source: String!) {
  createReleaseDefinition(input: {source: $source}) {
    ... on CreateReleaseDefinitionPayload { definition { id } }
  }
}"""
CREATE_RELEASE = """
mutation($definition: ID!, $start: Boolean!) {
  createRelease(input: {definitionId: $definition, start: $start}) {
    ... on CreateReleasePayload { release { id } }
  }
}"""
RELEASE_TREE = """
query($id: ID!) {
  release(id: $id) {
    status executionStatus description version modifiedBy inputRequiredCount
    scheduledStartTime startedOn completedOn
    artifacts { name value }
    variables { name value }
    environments {
      id name status nextScheduledTime
      attempts {
        attempt status operationStatus reason requestedBy lastModifiedBy
        scheduledAt deferredUntil startedOn completedOn
        preDeployApprovals { id approver status approvedBy comment reassignedFrom }
        postDeployApprovals { id approver status approvedBy comment reassignedFrom }
        phases {
          name status
          tasks { id name status carriedOver inputs { name value } runs { number status } }
          manualInterventions {
            id kind status resolution actedBy comment values { name value }
          }
        }
      }
    }
  }
}"""

ONE_TASK = definition(
    """
    name: one-task
    environments:
      - name: staging
        phases:
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 60}
    """
)
"""One environment deployed after the release starts; its one task takes a minute."""

GUARDED = definition(
    """
    name: guarded
    environments:
      - name: production
        preDeployApprovals: {approvers: [alice, group:release-managers], requiredCount: 1}
        phases:
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 60}
    """
)
"""A pre-deploy approval for alice and one for the group release-managers (alice, bob)."""


def sign_off(approvers: str) -> str:
    """A manual step answered by ``approvers`` (a YAML list; [] = any operator), then a task."""
    return definition(
        f"""
        name: sign-off
        environments:
          - name: production
            phases:
              - name: verify
                runOn: SERVER
                tasks:
                  - {{name: sign-off, kind: manualIntervention, instructions: "Check the dashboard",
                     approvers: {approvers}}}
                  - {{name: notify, kind: simulate}}
        """
    )


PROMPTED = definition(
    """
    name: prompted
    variables: {region: eu-west}
    environments:
      - name: staging
        onTaskFailure: PROMPT
        phases:
          - name: deploy
            tasks:
              - {name: flaky, kind: simulate, failTimes: 1, inputs: {label: first}}
              - {name: after, kind: simulate}
    """
)
"""A task that fails its first run and then waits for a person's decision."""

FAILING = PROMPTED.replace("name: prompted", "name: failing").replace("PROMPT", "FAIL")
"""The same task, whose failure fails the attempt at once."""


async def create_definition(api: Api, source: str) -> str:
    data = await api.data(CREATE_DEFINITION, {"source": source})
    definition_id: str = data["createReleaseDefinition"]["definition"]["id"]
    return definition_id


async def create_release(api: Api, source: str, *, start: bool) -> str:
    """A release of a new definition, created by olivia: a draft, or started."""
    variables = {"definition": await create_definition(api, source), "start": start}
    data = await api.data(CREATE_RELEASE, variables, as_user="olivia")
    release_id: str = data["createRelease"]["release"]["id"]
    return release_id


async def release_tree(api: Api, release_id: str) -> JSON:
    """The release and everything under it, as ada (an admin) sees it."""
    data = await api.data(RELEASE_TREE, {"id": release_id})
    tree: JSON = data["release"]
    return tree


def only(tree: JSON, *path: str) -> JSON:
    """Follow the first element of each level: environment, attempt (latest), phase, ..."""
    node = tree
    for key in path:
        items = node[key]
        node = items[-1] if key == "attempts" else items[0]
    return node


def global_id(type_name: str, node_id: str = "missing") -> str:
    return str(relay.GlobalID(type_name, node_id))


def not_found(entity: str) -> JSON:
    """The error for ``global_id(entity)``."""
    return {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "message": f"{entity} 'missing' does not exist",
        "entity": entity,
        "entityId": "missing",
    }


def validation_failed(path: str, message: str) -> JSON:
    return {
        "__typename": "ValidationError",
        "code": "VALIDATION_FAILED",
        "message": f"{path}: {message}",
        "issues": [{"path": path, "message": message}],
    }


def wrong_id(path: str, expected: str, got: str) -> JSON:
    return validation_failed(path, f"expected a {expected} id, got a {got} id")


def permission_denied(message: str) -> JSON:
    return {"__typename": "PermissionDeniedError", "code": "PERMISSION_DENIED", "message": message}


def invalid_transition(message: str, current_status: str) -> JSON:
    return {
        "__typename": "InvalidTransitionError",
        "code": "INVALID_TRANSITION",
        "message": message,
        "currentStatus": current_status,
    }


def conflict(message: str) -> JSON:
    return {"__typename": "ConflictError", "code": "CONFLICT", "message": message}


async def refused(
    api: Api, release_id: str, document: str, variables: JSON, *, as_user: str
) -> JSON:
    """Run a mutation that must be refused; its one result, once the tree proved unchanged."""
    before = await release_tree(api, release_id)
    data = await api.data(document, variables, as_user=as_user)
    assert await release_tree(api, release_id) == before
    (result,) = data.values()
    assert isinstance(result, dict)
    return result


async def pending_approvals(api: Api, release_id: str) -> dict[str, str]:
    """The pending pre-deploy approvals of the first environment's latest attempt, by approver."""
    attempt = only(await release_tree(api, release_id), "environments", "attempts")
    return {
        a["approver"]: a["id"] for a in attempt["preDeployApprovals"] if a["status"] == "PENDING"
    }


async def pending_intervention(api: Api, release_id: str) -> str:
    """The one pending manual intervention of the first environment's latest attempt."""
    attempt = only(await release_tree(api, release_id), "environments", "attempts")
    (pending,) = [
        i["id"]
        for phase in attempt["phases"]
        for i in phase["manualInterventions"]
        if i["status"] == "PENDING"
    ]
    intervention_id: str = pending
    return intervention_id


async def task_ids(api: Api, release_id: str) -> dict[str, str]:
    """The tasks of the first environment's latest attempt, by name."""
    attempt = only(await release_tree(api, release_id), "environments", "attempts")
    return {t["name"]: t["id"] for phase in attempt["phases"] for t in phase["tasks"]}
