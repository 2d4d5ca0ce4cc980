"""cancelDeployment: an operator cancels an environment's deployment under way."""

from __future__ import annotations

import pytest

from releasegraph.runtime.clock import ManualClock
from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ERRORS,
    GUARDED,
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
from tests.support import definition, settle

CANCEL_DEPLOYMENT = (
    """
mutation($id: ID!) {
  cancelDeployment(input: {environmentId: $id, comment: "wrong build"}) {
    __typename
    ... on CancelDeploymentPayload {
      environment {
        name status
        latestAttempt {
          status operationStatus lastModifiedBy
          preDeployApprovals { approver status }
          phases { status tasks { name status } }
        }
      }
      release { executionStatus }
    }
    ...Errors
  }
}"""
    + ERRORS
)
WITH_CLEANUP = definition(
    """
    name: with-cleanup
    environments:
      - name: staging
        phases:
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 60}
              - {name: cleanup, kind: simulate, durationSeconds: 10, alwaysRun: true}
    """
)


async def _staging(api: Api, release_id: str) -> str:
    environment_id: str = (await release_tree(api, release_id))["environments"][0]["id"]
    return environment_id


async def test_a_cancel_while_tasks_run_lets_always_run_tasks_finish(
    api: Api, clock: ManualClock
) -> None:
    release_id = await create_release(api, WITH_CLEANUP, start=True)

    result = await api.data(
        CANCEL_DEPLOYMENT, {"id": await _staging(api, release_id)}, as_user="alice"
    )

    assert result == {
        "cancelDeployment": {
            "__typename": "CancelDeploymentPayload",
            "environment": {
                "name": "staging",
                "status": "IN_PROGRESS",
                "latestAttempt": {
                    "status": "IN_PROGRESS",
                    "operationStatus": "CANCELLING",
                    "lastModifiedBy": "alice",
                    "preDeployApprovals": [],
                    "phases": [
                        {
                            "status": "CANCELLING",
                            "tasks": [
                                {"name": "deploy", "status": "CANCELED"},
                                {"name": "cleanup", "status": "IN_PROGRESS"},
                            ],
                        }
                    ],
                },
            },
            "release": {"executionStatus": "RUNNING"},
        }
    }
    clock.advance(10)
    await settle(api.runtime)
    tree = await release_tree(api, release_id)
    attempt = tree["environments"][0]["attempts"][0]
    assert (tree["executionStatus"], attempt["status"], attempt["operationStatus"]) == (
        "CANCELED",
        "FAILED",
        "CANCELED",
    )


async def test_a_cancel_before_tasks_run_cancels_the_approvals(api: Api) -> None:
    release_id = await create_release(api, GUARDED, start=True)

    result = await api.data(
        CANCEL_DEPLOYMENT, {"id": await _staging(api, release_id)}, as_user="olivia"
    )

    assert result == {
        "cancelDeployment": {
            "__typename": "CancelDeploymentPayload",
            "environment": {
                "name": "production",
                "status": "CANCELED",
                "latestAttempt": {
                    "status": "NOT_DEPLOYED",
                    "operationStatus": "CANCELED",
                    "lastModifiedBy": "olivia",
                    "preDeployApprovals": [
                        {"approver": "alice", "status": "CANCELED"},
                        {"approver": "group:release-managers", "status": "CANCELED"},
                    ],
                    "phases": [
                        {
                            "status": "NOT_STARTED",
                            "tasks": [{"name": "deploy", "status": "PENDING"}],
                        }
                    ],
                },
            },
            "release": {"executionStatus": "CANCELED"},
        }
    }


@pytest.mark.parametrize(
    ("as_user", "target", "expected"),
    [
        pytest.param(
            "victor",
            "staging",
            permission_denied("'victor' is VIEWER; this needs OPERATOR"),
            id="viewer",
        ),
        pytest.param("olivia", "unknown", not_found("ReleaseEnvironment"), id="unknown"),
        pytest.param(
            "olivia",
            "release",
            wrong_id("environmentId", "ReleaseEnvironment", "Release"),
            id="release id",
        ),
    ],
)
async def test_a_refused_cancel_changes_nothing(
    api: Api, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, WITH_CLEANUP, start=True)
    ids = {
        "staging": await _staging(api, release_id),
        "unknown": global_id("ReleaseEnvironment"),
        "release": release_id,
    }

    result = await refused(api, release_id, CANCEL_DEPLOYMENT, {"id": ids[target]}, as_user=as_user)

    assert result == expected


async def test_a_finished_deployment_cannot_be_canceled(api: Api, clock: ManualClock) -> None:
    release_id = await create_release(api, ONE_TASK, start=True)
    clock.advance(60)
    await settle(api.runtime)

    result = await refused(
        api,
        release_id,
        CANCEL_DEPLOYMENT,
        {"id": await _staging(api, release_id)},
        as_user="olivia",
    )

    assert result == invalid_transition(
        "environment 'staging' has no deployment to cancel (current status: SUCCEEDED)",
        "SUCCEEDED",
    )


async def test_a_cancelling_deployment_cannot_be_canceled_again(api: Api) -> None:
    release_id = await create_release(api, WITH_CLEANUP, start=True)
    staging = await _staging(api, release_id)
    await api.data(CANCEL_DEPLOYMENT, {"id": staging}, as_user="olivia")

    result = await refused(api, release_id, CANCEL_DEPLOYMENT, {"id": staging}, as_user="alice")

    assert result == invalid_transition(
        "environment 'staging' has no deployment to cancel (current status: IN_PROGRESS)",
        "IN_PROGRESS",
    )
