"""deployEnvironment: an operator deploys an environment, redeploys it, or schedules that."""

from __future__ import annotations

import pytest

from releasegraph.runtime.clock import ManualClock
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
    validation_failed,
    wrong_id,
)
from tests.support import definition, settle

DEPLOY_ENVIRONMENT = (
    """
mutation($id: ID!, $at: DateTime) {
  deployEnvironment(input: {environmentId: $id, scheduledAt: $at}) {
    __typename
    ... on DeployEnvironmentPayload {
      environment { name status nextScheduledTime }
      attempt { attempt status operationStatus reason requestedBy scheduledAt }
      release { executionStatus environments { name status } }
    }
    ...Errors
  }
}"""
    + ERRORS
)
BY_HAND = definition(
    """
    name: by-hand
    environments:
      - name: staging
        phases:
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 60}
      - name: production
        trigger: MANUAL
        phases:
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 60}
    """
)
"""staging deploys when the release starts; production only when someone deploys it."""


async def _environment_ids(api: Api, release_id: str) -> dict[str, str]:
    tree = await release_tree(api, release_id)
    return {env["name"]: env["id"] for env in tree["environments"]}


async def test_an_operator_deploys_a_manual_environment(api: Api) -> None:
    release_id = await create_release(api, BY_HAND, start=True)
    production = (await _environment_ids(api, release_id))["production"]

    result = await api.data(DEPLOY_ENVIRONMENT, {"id": production}, as_user="alice")

    assert result == {
        "deployEnvironment": {
            "__typename": "DeployEnvironmentPayload",
            "environment": {
                "name": "production",
                "status": "IN_PROGRESS",
                "nextScheduledTime": None,
            },
            "attempt": {
                "attempt": 1,
                "status": "IN_PROGRESS",
                "operationStatus": "PHASE_IN_PROGRESS",
                "reason": "MANUAL",
                "requestedBy": "alice",
                "scheduledAt": None,
            },
            "release": {
                "executionStatus": "RUNNING",
                "environments": [
                    {"name": "staging", "status": "IN_PROGRESS"},
                    {"name": "production", "status": "IN_PROGRESS"},
                ],
            },
        }
    }


async def test_a_finished_environment_is_redeployed_in_a_new_attempt(
    api: Api, clock: ManualClock
) -> None:
    release_id = await create_release(api, ONE_TASK, start=True)
    clock.advance(60)
    await settle(api.runtime)
    staging = (await _environment_ids(api, release_id))["staging"]

    result = await api.data(DEPLOY_ENVIRONMENT, {"id": staging}, as_user="olivia")

    assert result == {
        "deployEnvironment": {
            "__typename": "DeployEnvironmentPayload",
            "environment": {"name": "staging", "status": "IN_PROGRESS", "nextScheduledTime": None},
            "attempt": {
                "attempt": 2,
                "status": "IN_PROGRESS",
                "operationStatus": "PHASE_IN_PROGRESS",
                "reason": "REDEPLOY",
                "requestedBy": "olivia",
                "scheduledAt": None,
            },
            "release": {
                "executionStatus": "RUNNING",
                "environments": [{"name": "staging", "status": "IN_PROGRESS"}],
            },
        }
    }


async def test_a_deployment_scheduled_for_later_waits_for_its_time(
    api: Api, clock: ManualClock
) -> None:
    release_id = await create_release(api, BY_HAND, start=True)
    production = (await _environment_ids(api, release_id))["production"]
    at = "2026-01-01T02:00:00+00:00"

    result = await api.data(DEPLOY_ENVIRONMENT, {"id": production, "at": at}, as_user="olivia")

    assert result == {
        "deployEnvironment": {
            "__typename": "DeployEnvironmentPayload",
            "environment": {"name": "production", "status": "SCHEDULED", "nextScheduledTime": at},
            "attempt": {
                "attempt": 1,
                "status": "NOT_DEPLOYED",
                "operationStatus": "SCHEDULED",
                "reason": "SCHEDULED",
                "requestedBy": "olivia",
                "scheduledAt": at,
            },
            "release": {
                "executionStatus": "RUNNING",
                "environments": [
                    {"name": "staging", "status": "IN_PROGRESS"},
                    {"name": "production", "status": "SCHEDULED"},
                ],
            },
        }
    }
    clock.advance(2 * 3600)
    await settle(api.runtime)
    production_now = (await release_tree(api, release_id))["environments"][1]
    assert (production_now["status"], production_now["attempts"][0]["operationStatus"]) == (
        "IN_PROGRESS",
        "PHASE_IN_PROGRESS",
    )


@pytest.mark.parametrize(
    ("as_user", "target", "at", "expected"),
    [
        pytest.param(
            "victor",
            "production",
            None,
            permission_denied("'victor' is VIEWER; this needs OPERATOR"),
            id="viewer",
        ),
        pytest.param(
            "olivia", "unknown", None, not_found("ReleaseEnvironment"), id="unknown environment"
        ),
        pytest.param(
            "olivia",
            "release",
            None,
            wrong_id("environmentId", "ReleaseEnvironment", "Release"),
            id="release id",
        ),
        pytest.param(
            "olivia",
            "production",
            "2026-01-01T00:00:00+00:00",
            validation_failed("scheduledAt", "must be in the future"),
            id="scheduled in the past",
        ),
        pytest.param(
            "olivia",
            "staging",
            None,
            invalid_transition(
                "environment 'staging' already has a deployment under way"
                " (current status: IN_PROGRESS)",
                "IN_PROGRESS",
            ),
            id="deployment under way",
        ),
    ],
)
async def test_a_refused_deploy_changes_nothing(
    api: Api, as_user: str, target: str, at: str | None, expected: JSON
) -> None:
    release_id = await create_release(api, BY_HAND, start=True)
    ids = {
        **await _environment_ids(api, release_id),
        "unknown": global_id("ReleaseEnvironment"),
        "release": release_id,
    }

    result = await refused(
        api, release_id, DEPLOY_ENVIRONMENT, {"id": ids[target], "at": at}, as_user=as_user
    )

    assert result == expected


async def test_an_environment_of_a_draft_cannot_be_deployed(api: Api) -> None:
    release_id = await create_release(api, BY_HAND, start=False)
    production = (await _environment_ids(api, release_id))["production"]

    result = await refused(
        api, release_id, DEPLOY_ENVIRONMENT, {"id": production}, as_user="olivia"
    )

    assert result == invalid_transition(
        "cannot deploy: release is DRAFT (current status: DRAFT)", "DRAFT"
    )
