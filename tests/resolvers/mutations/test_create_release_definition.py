"""createReleaseDefinition: an admin adds a definition from its YAML or JSON source; a bad
source is refused as a whole, with every problem's path."""

from __future__ import annotations

import pytest

from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ONE_TASK,
    conflict,
    create_definition,
    permission_denied,
    validation_failed,
)
from tests.runtime.refusals import snapshot

CREATE_RELEASE_DEFINITION = """
mutation($source: String!) {
  createReleaseDefinition(input: {source: $source}) {
    __typename
    ... on CreateReleaseDefinitionPayload {
      definition {
        name revision releaseCount source createdBy modifiedBy
        environments { name trigger dependsOn critical }
      }
    }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}"""


async def test_an_admin_creates_a_definition(api: Api) -> None:
    result = await api.data(CREATE_RELEASE_DEFINITION, {"source": ONE_TASK}, as_user="ada")

    assert result == {
        "createReleaseDefinition": {
            "__typename": "CreateReleaseDefinitionPayload",
            "definition": {
                "name": "one-task",
                "revision": 1,
                "releaseCount": 0,
                "source": ONE_TASK,
                "createdBy": "ada",
                "modifiedBy": "ada",
                "environments": [
                    {
                        "name": "staging",
                        "trigger": "AFTER_RELEASE",
                        "dependsOn": [],
                        "critical": True,
                    }
                ],
            },
        }
    }


@pytest.mark.parametrize(
    ("as_user", "source", "expected"),
    [
        pytest.param(
            "olivia",
            ONE_TASK.replace("name: one-task", "name: other"),
            permission_denied("'olivia' is OPERATOR; this needs ADMIN"),
            id="operator",
        ),
        pytest.param(
            "ada",
            ONE_TASK.replace("name: one-task", "name: other").replace("simulate", "scirpt"),
            validation_failed(
                "environments[0].phases[0].tasks[0].kind",
                "unknown kind 'scirpt' (allowed: script, http, wait, manualIntervention, simulate)",
            ),
            id="bad source",
        ),
        pytest.param(
            "ada",
            ONE_TASK,
            conflict("a release definition named 'one-task' already exists"),
            id="name taken",
        ),
    ],
)
async def test_a_refused_definition_changes_nothing(
    api: Api, as_user: str, source: str, expected: JSON
) -> None:
    await create_definition(api, ONE_TASK)
    before = snapshot(api.runtime)

    result = await api.data(CREATE_RELEASE_DEFINITION, {"source": source}, as_user=as_user)

    assert result == {"createReleaseDefinition": expected}
    assert snapshot(api.runtime) == before
