"""fixAndContinue: an operator changes a failed task's inputs or the release's variables,
and the task runs again."""

from __future__ import annotations

import pytest

from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ERRORS,
    PROMPTED,
    create_release,
    global_id,
    invalid_transition,
    not_found,
    permission_denied,
    refused,
    task_ids,
    validation_failed,
    wrong_id,
)

FIX_AND_CONTINUE = (
    """
mutation($id: ID!, $inputs: [KeyValueInput!], $variables: [KeyValueInput!]) {
  fixAndContinue(input: {taskId: $id, inputs: $inputs, variables: $variables}) {
    __typename
    ... on FixAndContinuePayload {
      task { name status inputs { name value } runs { number status } }
      release {
        executionStatus
        variables { name value }
        environments {
          latestAttempt {
            status operationStatus
            phases {
              tasks { name status }
              manualInterventions { kind status resolution actedBy values { name value } }
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
SECOND_LABEL = [{"name": "label", "value": "second"}]


async def test_an_operator_fixes_the_inputs_and_variables_and_the_task_runs_again(
    api: Api,
) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    flaky = (await task_ids(api, release_id))["flaky"]
    fix = {"id": flaky, "inputs": SECOND_LABEL, "variables": [{"name": "region", "value": "us"}]}

    result = await api.data(FIX_AND_CONTINUE, fix, as_user="olivia")

    assert result == {
        "fixAndContinue": {
            "__typename": "FixAndContinuePayload",
            "task": {
                "name": "flaky",
                "status": "SUCCEEDED",
                "inputs": [{"name": "label", "value": "second"}],
                "runs": [{"number": 1, "status": "FAILED"}, {"number": 2, "status": "SUCCEEDED"}],
            },
            "release": {
                "executionStatus": "SUCCEEDED",
                "variables": [{"name": "region", "value": "us"}],
                "environments": [
                    {
                        "latestAttempt": {
                            "status": "SUCCEEDED",
                            "operationStatus": "APPROVED",
                            "phases": [
                                {
                                    "tasks": [
                                        {"name": "flaky", "status": "SUCCEEDED"},
                                        {"name": "after", "status": "SUCCEEDED"},
                                    ],
                                    "manualInterventions": [
                                        {
                                            "kind": "FAILURE",
                                            "status": "APPROVED",
                                            "resolution": "fixAndContinue",
                                            "actedBy": "olivia",
                                            "values": [{"name": "label", "value": "second"}],
                                        }
                                    ],
                                }
                            ],
                        }
                    }
                ],
            },
        }
    }


@pytest.mark.parametrize(
    ("as_user", "target", "inputs", "expected"),
    [
        pytest.param(
            "bob",
            "flaky",
            SECOND_LABEL,
            permission_denied("'bob' is VIEWER; this needs OPERATOR"),
            id="viewer",
        ),
        pytest.param("olivia", "unknown", SECOND_LABEL, not_found("Task"), id="unknown task"),
        pytest.param(
            "olivia",
            "release",
            SECOND_LABEL,
            wrong_id("taskId", "Task", "Release"),
            id="release id",
        ),
        pytest.param(
            "olivia",
            "flaky",
            [{"name": "lable", "value": "second"}],
            validation_failed("inputs.lable", "task 'flaky' has no input 'lable'"),
            id="an input the task does not have",
        ),
        pytest.param(
            "olivia",
            "after",
            SECOND_LABEL,
            invalid_transition(
                "task 'after' is not waiting for a failure decision (current status: PENDING)",
                "PENDING",
            ),
            id="a task that did not fail",
        ),
    ],
)
async def test_a_refused_fix_changes_nothing(
    api: Api, as_user: str, target: str, inputs: list[JSON], expected: JSON
) -> None:
    release_id = await create_release(api, PROMPTED, start=True)
    ids = {
        **await task_ids(api, release_id),
        "unknown": global_id("Task"),
        "release": release_id,
    }
    fix = {"id": ids[target], "inputs": inputs}

    result = await refused(api, release_id, FIX_AND_CONTINUE, fix, as_user=as_user)

    assert result == expected
