"""Whole releases against a real ``releasegraph serve``, driven over HTTP with the gql client.

Here a definition is created (and a bad one refused with every problem), and a release
goes the whole way: approved, its failed smoke test retried, the sign-off resumed, the
deployment approved after it, production deployed, then redeployed. Releases that recover
from the failed task another way are in ``test_release_recovery``; rejected and canceled
ones in ``test_release_stopping``; what they share is in ``lifecycle``.
"""

from __future__ import annotations

from tests.e2e.lifecycle import (
    DEFINITION,
    approve_and_fail_once,
    environment,
    expect,
    intervention,
    runs,
    sign_off_and_approve,
    task,
    until,
)
from tests.e2e.server import GraphQLApi

# -- the scenarios --------------------------------------------------------------------------------


async def test_a_definition_is_created_and_a_bad_one_refused_with_every_problem(
    api: GraphQLApi,
) -> None:
    created = await api.act(
        "createReleaseDefinition",
        {"source": f"name: e2e-definition\n{DEFINITION}"},
        as_user="ada",
        select="... on CreateReleaseDefinitionPayload"
        " { definition { name revision environments { name trigger dependsOn } } }",
    )
    refused = await api.query(
        """mutation Bad($input: CreateReleaseDefinitionInput!) {
             createReleaseDefinition(input: $input) {
               ... on ValidationError { code issues { path message } } } }""",
        {"input": {"source": "name: bad\nenvironments: [{name: a, phases: [{name: p, tasks: "
         "[{name: t, kind: scirpt}]}]}, {name: b, dependsOn: [c], trigger: AFTER_DEPENDENCIES}]"}},
        as_user="ada",
    )  # fmt: skip

    assert created["definition"] == {
        "name": "e2e-definition",
        "revision": 1,
        "environments": [
            {"name": "staging", "trigger": "AFTER_RELEASE", "dependsOn": []},
            {"name": "production", "trigger": "AFTER_DEPENDENCIES", "dependsOn": ["staging"]},
        ],
    }
    assert refused["createReleaseDefinition"] == {
        "code": "VALIDATION_FAILED",
        "issues": [
            {
                "path": "environments[0].phases[0].tasks[0].kind",
                "message": "unknown kind 'scirpt' (allowed: script, http, wait,"
                " manualIntervention, simulate)",
            },
            {"path": "environments[1].phases", "message": "must contain at least one phase"},
            {"path": "environments[1].dependsOn", "message": "unknown environment 'c'"},
        ],
    }


async def test_approve_retry_resume_and_approve_again_then_redeploy(api: GraphQLApi) -> None:
    release_id, release = await approve_and_fail_once(api, "e2e-happy")

    await api.act("retryTask", {"taskId": task(release, "smoke")["id"]}, as_user="olivia")
    await sign_off_and_approve(api, release_id)
    succeeded = ("SUCCEEDED", (1, "SUCCEEDED", "APPROVED"))
    release = await until(api, release_id, expect(("ACTIVE", "SUCCEEDED", 0), succeeded, succeeded))

    assert runs(release, "smoke") == [(1, "FAILED"), (2, "SUCCEEDED")]
    assert runs(release, "cleanup") == [(1, "SUCCEEDED")]
    assert [intervention(release, k)["status"] for k in ("FAILURE", "TASK")] == ["APPROVED"] * 2

    redeployed = await api.act(
        "deployEnvironment",
        {"environmentId": environment(release, "production")["id"]},
        as_user="olivia",
        select="... on DeployEnvironmentPayload"
        " { attempt { attempt reason requestedBy } release { executionStatus } }",
    )
    assert redeployed["attempt"] == {"attempt": 2, "reason": "REDEPLOY", "requestedBy": "olivia"}
    assert redeployed["release"]["executionStatus"] == "RUNNING"
    redeploy_succeeded = ("SUCCEEDED", (2, "SUCCEEDED", "APPROVED"))
    await until(api, release_id, expect(("ACTIVE", "SUCCEEDED", 0), succeeded, redeploy_succeeded))
