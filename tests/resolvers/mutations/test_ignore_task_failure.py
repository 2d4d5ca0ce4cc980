"""ignoreTaskFailure: an operator marks a failed task IGNORED and the release goes on,
ending partially succeeded."""

from __future__ import annotations

import pytest

from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ERRORS,
    FAILING,
    PROMPTED,
    create_release,
    global_id,
    invalid_transition,
    not_found,
    permission_denied,
    refused,
    task_ids,
    wrong_id,
)

IGNORE_TASK_FAILURE = (
    """
mutation($id: ID!) {
  ignoreTaskFailure(input: {taskId: $id}) {
    __typename
    ... on IgnoreTaskFailurePayload {
      task { name status runs { number status } }
      release {
        executionStatus inputRequiredCount
        environments {
          status
          latestAttempt {
            status operationStatus
            phases {
              status
              tasks { name status }
              manualInterventions { kind status resolution actedBy }
            }
          }
        }
      }
    }
    ...Errors
  }
}"""
    + ERRORS
)


async def test_an_operator_ignores_a_failure_and_the_release_partially_succeeds(
    api: Api,
) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    flaky = (await task_ids(api, release_id))["flaky"]

    result = await api.data(IGNORE_TASK_FAILURE, {"id": flaky}, as_user="alice")

    assert result == {
        "ignoreTaskFailure": {
            "__typename": "IgnoreTaskFailurePayload",
            "task": {
                "name": "flaky",
                "status": "IGNORED",
                "runs": [{"number": 1, "status": "FAILED"}],
            },
            "release": {
                "executionStatus": "PARTIAL_SUCCESS",
                "inputRequiredCount": 0,
                "environments": [
                    {
                        "status": "PARTIALLY_SUCCEEDED",
                        "latestAttempt": {
                            "status": "PARTIALLY_SUCCEEDED",
                            "operationStatus": "PHASE_PARTIALLY_SUCCEEDED",
                            "phases": [
                                {
                                    "status": "PARTIALLY_SUCCEEDED",
                                    "tasks": [
                                        {"name": "flaky", "status": "IGNORED"},
                                        {"name": "after", "status": "SUCCEEDED"},
                                    ],
                                    "manualInterventions": [
                                        {
                                            "kind": "FAILURE",
                                            "status": "APPROVED",
                                            "resolution": "ignore",
                                            "actedBy": "alice",
                                        }
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
    ("as_user", "target", "expected"),
    [
        pytest.param(
            "victor",
            "flaky",
            permission_denied("'victor' is VIEWER; this needs OPERATOR"),
            id="viewer",
        ),
        pytest.param("olivia", "unknown", not_found("Task"), id="unknown task"),
        pytest.param("olivia", "release", wrong_id("taskId", "Task", "Release"), id="release id"),
        pytest.param(
            "olivia",
            "after",
            invalid_transition(
                "task 'after' is not waiting for a failure decision (current status: PENDING)",
                "PENDING",
            ),
            id="a task that did not fail",
        ),
    ],
)
async def test_a_refused_ignore_changes_nothing(
    api: Api, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    ids = {
        **await task_ids(api, release_id),
        "unknown": global_id("Task"),
        "release": release_id,
    }

    result = await refused(
        api, release_id, IGNORE_TASK_FAILURE, {"id": ids[target]}, as_user=as_user
    )

    assert result == expected


async def test_a_task_whose_failure_failed_the_attempt_cannot_be_ignored(api: Api) -> None:
    release_id = await create_release(api, FAILING, start=True)
    flaky = (await task_ids(api, release_id))["flaky"]

    result = await refused(api, release_id, IGNORE_TASK_FAILURE, {"id": flaky}, as_user="olivia")

    assert result == invalid_transition(
        "task 'flaky' is not waiting for a failure decision (current status: FAILED)", "FAILED"
    )


async def test_a_failure_another_operator_decided_is_no_longer_waiting(api: Api) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    flaky = (await task_ids(api, release_id))["flaky"]
    await api.data(IGNORE_TASK_FAILURE, {"id": flaky}, as_user="olivia")

    result = await refused(api, release_id, IGNORE_TASK_FAILURE, {"id": flaky}, as_user="alice")

    assert result == invalid_transition(
        "task 'flaky' is not waiting for a failure decision (current status: IGNORED)", "IGNORED"
    )
