"""Set-up through the API for the query tests: definitions, releases, answers, errors."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from releasegraph.engine.commands import DeployEnvironment, ResumeManualIntervention
from releasegraph.engine.states import ManualInterventionStatus, ReleaseExecutionStatus
from releasegraph.runtime.clock import ManualClock
from tests.api import JSON, Api
from tests.support import advance, definition, settle

EXAMPLES = Path(__file__).parents[2] / "examples"

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
PENDING_FOR_ALICE = """
query($release: ID!) { approvals(filter: {forViewer: true, releaseId: $release}) { id } }"""
APPROVE = """
mutation($id: ID!) {
  approve(input: {approvalId: $id}) { __typename }
}"""


def simple(name: str, environment: str = "staging", seconds: int = 60) -> str:
    """One environment deployed as the release starts; its one agent task takes ``seconds``."""
    return definition(
        f"""
        name: {name}
        environments:
          - name: {environment}
            phases:
              - name: deploy
                tasks:
                  - {{name: deploy, kind: simulate, durationSeconds: {seconds}}}
        """
    )


def example(name: str) -> str:
    return (EXAMPLES / f"{name}.yaml").read_text()


async def create_definition(api: Api, source: str) -> str:
    data = await api.data(CREATE_DEFINITION, {"source": source})
    definition_id: str = data["createReleaseDefinition"]["definition"]["id"]
    return definition_id


async def create_release(
    api: Api, definition_id: str, *, start: bool = False, as_user: str = "olivia"
) -> str:
    variables = {"definition": definition_id, "start": start}
    data = await api.data(CREATE_RELEASE, variables, as_user=as_user)
    release_id: str = data["createRelease"]["release"]["id"]
    return release_id


async def approve(api: Api, approval_id: str, *, as_user: str) -> None:
    data = await api.data(APPROVE, {"id": approval_id}, as_user=as_user)
    assert data == {"approve": {"__typename": "ApprovePayload"}}


async def errors(api: Api, query: str, variables: JSON | None = None) -> list[Any]:
    """The errors of a request that must fail, without their source locations."""
    response = await api.post(query, variables)
    assert response.status_code == 200, response.text
    body = response.json()
    return [{k: v for k, v in e.items() if k != "locations"} for e in body["errors"]]


def everything(name: str, *, environments: int, phases: int, tasks: int) -> str:
    """Every level of the tree filled: approvals both sides, a gate, runs, logs, a pause."""
    task_lines = "\n".join(
        f"""
              - {{name: say-{t}, kind: script, run: "echo one; echo two"}}
              - {{name: flaky-{t}, kind: simulate, failTimes: 1, retries: 1}}"""
        for t in range(tasks)
    )
    phase_lines = "\n".join(
        f"""
          - name: phase-{p}
            tasks:{task_lines}
              - {{name: check-{p}, kind: manualIntervention, approvers: [alice]}}"""
        for p in range(phases)
    )
    environment_lines = "\n".join(
        f"""
      - name: env-{e}
        preDeployApprovals: {{approvers: [alice, bob], requiredCount: 1}}
        postDeployApprovals: {{approvers: [alice]}}
        gates: {{stage: PRE_DEPLOY, samplingIntervalSeconds: 1, timeoutMinutes: 5,
                checks: [{{name: health, kind: simulate}}]}}
        phases:{phase_lines}"""
        for e in range(environments)
    )
    return definition(f"name: {name}\nenvironments:{environment_lines}\n")


async def deployed_twice(api: Api, clock: ManualClock, source: str) -> str:
    """A release run to success through every approval and pause, then redeployed: each
    environment's second attempt waits for its pre-deploy approval."""
    release_id = await create_release(api, await create_definition(api, source), start=True)
    await settle(api.runtime)
    for _ in range(20):
        state = api.runtime.load(raw_id(release_id))
        if state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED:
            break
        pending = await api.data(PENDING_FOR_ALICE, {"release": release_id}, as_user="alice")
        for approval in pending["approvals"]:
            await approve(api, approval["id"], as_user="alice")
        for pause in state.interventions:
            if pause.status == ManualInterventionStatus.PENDING:
                command = ResumeManualIntervention(actor="alice", intervention_id=pause.id)
                api.runtime.execute(state.release.id, command)
        await advance(api.runtime, clock, 1)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED
    for env in state.environments:
        api.runtime.execute(
            state.release.id, DeployEnvironment(actor="olivia", environment_id=env.id)
        )
    await settle(api.runtime)
    return release_id


def invalid(message: str, *path: str | int) -> JSON:
    """A refused query argument, as the client sees it."""
    return {"message": message, "path": list(path), "extensions": {"code": "INVALID_ARGUMENT"}}


def raw_id(global_id: str) -> str:
    """The database id inside a global id: ties in an order are broken by it."""
    return base64.b64decode(global_id).decode().split(":", 1)[1]
