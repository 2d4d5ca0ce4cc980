"""retryTask: an operator runs a failed task again, in its attempt while it waits for a
decision, else in a new attempt that resumes at that task."""

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
    pending_intervention,
    permission_denied,
    refused,
    task_ids,
    wrong_id,
)
from tests.support import definition

RETRY_TASK = (
    """
mutation($id: ID!) {
  retryTask(input: {taskId: $id}) {
    __typename
    ... on RetryTaskPayload {
      task { name status runs { number status } }
      release {
        executionStatus
        environments {
          status
          attempts {
            attempt status operationStatus reason requestedBy
            phases {
              tasks { name status carriedOver runs { number status } }
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
CHECKED = definition(
    """
    name: checked
    environments:
      - name: staging
        phases:
          - name: deploy
            runOn: SERVER
            tasks:
              - {name: prepare, kind: simulate}
              - {name: check, kind: manualIntervention, instructions: "Look", approvers: [alice]}
    """
)
"""A manual check after a task: when alice rejects it, the attempt fails at the check."""
REJECT_INTERVENTION = """
mutation($id: ID!) {
  rejectManualIntervention(input: {manualInterventionId: $id}) { __typename }
}"""
IGNORE_TASK_FAILURE = """
mutation($id: ID!) { ignoreTaskFailure(input: {taskId: $id}) { __typename } }"""
RETRY_TASK_RUNS = """
mutation($id: ID!) {
  retryTask(input: {taskId: $id}) {
    ... on RetryTaskPayload {
      task { name runs { number attempt status } }
      release {
        environments {
          attempts {
            attempt reason status
            phases { tasks { name status runs { number attempt status } } }
          }
        }
      }
    }
  }
}"""


async def test_a_task_waiting_for_a_decision_runs_again_in_its_attempt(api: Api) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    flaky = (await task_ids(api, release_id))["flaky"]

    result = await api.data(RETRY_TASK, {"id": flaky}, as_user="olivia")

    assert result == {
        "retryTask": {
            "__typename": "RetryTaskPayload",
            "task": {
                "name": "flaky",
                "status": "SUCCEEDED",
                "runs": [{"number": 1, "status": "FAILED"}, {"number": 2, "status": "SUCCEEDED"}],
            },
            "release": {
                "executionStatus": "SUCCEEDED",
                "environments": [
                    {
                        "status": "SUCCEEDED",
                        "attempts": [
                            {
                                "attempt": 1,
                                "status": "SUCCEEDED",
                                "operationStatus": "APPROVED",
                                "reason": "AUTOMATED",
                                "requestedBy": "olivia",
                                "phases": [
                                    {
                                        "tasks": [
                                            {
                                                "name": "flaky",
                                                "status": "SUCCEEDED",
                                                "carriedOver": False,
                                                "runs": [
                                                    {"number": 1, "status": "FAILED"},
                                                    {"number": 2, "status": "SUCCEEDED"},
                                                ],
                                            },
                                            {
                                                "name": "after",
                                                "status": "SUCCEEDED",
                                                "carriedOver": False,
                                                "runs": [{"number": 1, "status": "SUCCEEDED"}],
                                            },
                                        ],
                                        "manualInterventions": [
                                            {
                                                "kind": "FAILURE",
                                                "status": "APPROVED",
                                                "resolution": "retry",
                                                "actedBy": "olivia",
                                            }
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ],
            },
        }
    }


async def test_a_task_of_a_failed_attempt_runs_again_in_a_new_attempt(api: Api) -> None:
    release_id = await create_release(api, CHECKED, start=True)
    await api.data(
        REJECT_INTERVENTION, {"id": await pending_intervention(api, release_id)}, as_user="alice"
    )
    check = (await task_ids(api, release_id))["check"]

    result = await api.data(RETRY_TASK, {"id": check}, as_user="olivia")

    assert result == {
        "retryTask": {
            "__typename": "RetryTaskPayload",
            "task": {
                "name": "check",
                "status": "FAILED",
                "runs": [{"number": 1, "status": "FAILED"}],
            },
            "release": {
                "executionStatus": "ON_HOLD",
                "environments": [
                    {
                        "status": "IN_PROGRESS",
                        "attempts": [
                            {
                                "attempt": 1,
                                "status": "FAILED",
                                "operationStatus": "PHASE_FAILED",
                                "reason": "AUTOMATED",
                                "requestedBy": "olivia",
                                "phases": [
                                    {
                                        "tasks": [
                                            {
                                                "name": "prepare",
                                                "status": "SUCCEEDED",
                                                "carriedOver": False,
                                                "runs": [{"number": 1, "status": "SUCCEEDED"}],
                                            },
                                            {
                                                "name": "check",
                                                "status": "FAILED",
                                                "carriedOver": False,
                                                "runs": [{"number": 1, "status": "FAILED"}],
                                            },
                                        ],
                                        "manualInterventions": [
                                            {
                                                "kind": "TASK",
                                                "status": "REJECTED",
                                                "resolution": "reject",
                                                "actedBy": "alice",
                                            }
                                        ],
                                    }
                                ],
                            },
                            {
                                "attempt": 2,
                                "status": "IN_PROGRESS",
                                "operationStatus": "MANUAL_INTERVENTION_PENDING",
                                "reason": "RETRY",
                                "requestedBy": "olivia",
                                "phases": [
                                    {
                                        "tasks": [
                                            {
                                                "name": "prepare",
                                                "status": "SUCCEEDED",
                                                "carriedOver": True,
                                                "runs": [],
                                            },
                                            {
                                                "name": "check",
                                                "status": "IN_PROGRESS",
                                                "carriedOver": False,
                                                "runs": [{"number": 2, "status": "IN_PROGRESS"}],
                                            },
                                        ],
                                        "manualInterventions": [
                                            {
                                                "kind": "TASK",
                                                "status": "PENDING",
                                                "resolution": None,
                                                "actedBy": None,
                                            }
                                        ],
                                    }
                                ],
                            },
                        ],
                    }
                ],
            },
        }
    }


def _attempt(number: int, reason: str, status: str, tasks: list[JSON]) -> JSON:
    return {"attempt": number, "reason": reason, "status": status, "phases": [{"tasks": tasks}]}


async def test_a_retry_attempt_goes_on_numbering_the_runs_of_each_task(api: Api) -> None:
    release_id = await create_release(api, FAILING, start=True)
    flaky = (await task_ids(api, release_id))["flaky"]

    result = await api.data(RETRY_TASK_RUNS, {"id": flaky}, as_user="olivia")

    first_run = {"number": 1, "attempt": 1, "status": "FAILED"}
    assert result == {
        "retryTask": {
            "task": {"name": "flaky", "runs": [first_run]},
            "release": {
                "environments": [
                    {
                        "attempts": [
                            _attempt(
                                1,
                                "AUTOMATED",
                                "FAILED",
                                [
                                    {"name": "flaky", "status": "FAILED", "runs": [first_run]},
                                    {"name": "after", "status": "SKIPPED", "runs": []},
                                ],
                            ),
                            _attempt(
                                2,
                                "RETRY",
                                "SUCCEEDED",
                                [
                                    {
                                        "name": "flaky",
                                        "status": "SUCCEEDED",
                                        "runs": [
                                            {"number": 2, "attempt": 2, "status": "SUCCEEDED"}
                                        ],
                                    },
                                    {
                                        "name": "after",
                                        "status": "SUCCEEDED",
                                        "runs": [
                                            {"number": 1, "attempt": 2, "status": "SUCCEEDED"}
                                        ],
                                    },
                                ],
                            ),
                        ]
                    }
                ]
            },
        }
    }


@pytest.mark.parametrize(
    ("as_user", "target", "expected"),
    [
        pytest.param(
            "bob", "flaky", permission_denied("'bob' is VIEWER; this needs OPERATOR"), id="viewer"
        ),
        pytest.param("olivia", "unknown", not_found("Task"), id="unknown task"),
        pytest.param("olivia", "release", wrong_id("taskId", "Task", "Release"), id="release id"),
        pytest.param(
            "olivia",
            "after",
            invalid_transition(
                "task 'after' is not a failed task of the environment's last attempt"
                " (current status: PENDING)",
                "PENDING",
            ),
            id="a task that did not fail",
        ),
    ],
)
async def test_a_refused_retry_changes_nothing(
    api: Api, as_user: str, target: str, expected: JSON
) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    ids = {
        **await task_ids(api, release_id),
        "unknown": global_id("Task"),
        "release": release_id,
    }

    result = await refused(api, release_id, RETRY_TASK, {"id": ids[target]}, as_user=as_user)

    assert result == expected


async def test_a_failure_another_operator_decided_is_no_longer_retried(api: Api) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    flaky = (await task_ids(api, release_id))["flaky"]
    await api.data(IGNORE_TASK_FAILURE, {"id": flaky}, as_user="olivia")

    result = await refused(api, release_id, RETRY_TASK, {"id": flaky}, as_user="alice")

    assert result == invalid_transition(
        "task 'flaky' is not a failed task of the environment's last attempt"
        " (current status: IGNORED)",
        "IGNORED",
    )
