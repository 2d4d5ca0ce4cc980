"""updateReleaseDefinition: an admin replaces a definition with a new revision; releases
already created keep the snapshot they were made from."""

from __future__ import annotations

import pytest

from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ERRORS,
    ONE_TASK,
    conflict,
    create_definition,
    create_release,
    global_id,
    not_found,
    permission_denied,
    release_tree,
    validation_failed,
    wrong_id,
)

UPDATE_RELEASE_DEFINITION = (
    """
mutation($id: ID!, $source: String!) {
  updateReleaseDefinition(input: {id: $id, source: $source}) {
    __typename
    ... on UpdateReleaseDefinitionPayload {
      definition {
        name revision releaseCount createdBy modifiedBy
        environments { name trigger dependsOn critical }
      }
    }
    ...Errors
  }
}"""
    + ERRORS
)
DEFINITION = """
query($id: ID!) {
  node(id: $id) {
    ... on ReleaseDefinition { name revision source modifiedBy modifiedOn }
  }
}"""
DEFINITION_OF = """
query($id: ID!) { release(id: $id) { definition { id } } }"""
TWO_STAGES = ONE_TASK + (
    """\
  - name: production
    trigger: AFTER_DEPENDENCIES
    dependsOn: [staging]
    phases:
      - name: deploy
        tasks:
          - {name: deploy, kind: simulate}
"""
)


async def test_an_admin_updates_a_definition_and_old_releases_keep_theirs(api: Api) -> None:
    release_id = await create_release(api, ONE_TASK, start=False)
    of_release = await api.data(DEFINITION_OF, {"id": release_id})
    definition_id = of_release["release"]["definition"]["id"]

    result = await api.data(UPDATE_RELEASE_DEFINITION, {"id": definition_id, "source": TWO_STAGES})

    assert result == {
        "updateReleaseDefinition": {
            "__typename": "UpdateReleaseDefinitionPayload",
            "definition": {
                "name": "one-task",
                "revision": 2,
                "releaseCount": 1,
                "createdBy": "ada",
                "modifiedBy": "ada",
                "environments": [
                    {
                        "name": "staging",
                        "trigger": "AFTER_RELEASE",
                        "dependsOn": [],
                        "critical": True,
                    },
                    {
                        "name": "production",
                        "trigger": "AFTER_DEPENDENCIES",
                        "dependsOn": ["staging"],
                        "critical": True,
                    },
                ],
            },
        }
    }
    environments = (await release_tree(api, release_id))["environments"]
    assert [env["name"] for env in environments] == ["staging"]


@pytest.mark.parametrize(
    ("as_user", "target", "source", "expected"),
    [
        pytest.param(
            "olivia",
            "definition",
            TWO_STAGES,
            permission_denied("'olivia' is OPERATOR; this needs ADMIN"),
            id="operator",
        ),
        pytest.param(
            "ada", "unknown", TWO_STAGES, not_found("ReleaseDefinition"), id="unknown definition"
        ),
        pytest.param(
            "ada",
            "release",
            TWO_STAGES,
            wrong_id("id", "ReleaseDefinition", "Release"),
            id="release id",
        ),
        pytest.param(
            "ada",
            "definition",
            ONE_TASK.replace("kind: simulate", "kind: scirpt"),
            validation_failed(
                "environments[0].phases[0].tasks[0].kind",
                "unknown kind 'scirpt' (allowed: script, http, wait, manualIntervention, simulate)",
            ),
            id="bad source",
        ),
        pytest.param(
            "ada",
            "definition",
            ONE_TASK.replace("name: one-task", "name: taken"),
            conflict("a release definition named 'taken' already exists"),
            id="name of another definition",
        ),
    ],
)
async def test_a_refused_update_changes_nothing(
    api: Api, as_user: str, target: str, source: str, expected: JSON
) -> None:
    definition_id = await create_definition(api, ONE_TASK)
    await create_definition(api, ONE_TASK.replace("name: one-task", "name: taken"))
    ids = {
        "definition": definition_id,
        "unknown": global_id("ReleaseDefinition"),
        "release": global_id("Release", "any"),
    }
    before = await api.data(DEFINITION, {"id": definition_id})

    result = await api.data(
        UPDATE_RELEASE_DEFINITION, {"id": ids[target], "source": source}, as_user=as_user
    )

    assert result == {"updateReleaseDefinition": expected}
    assert await api.data(DEFINITION, {"id": definition_id}) == before
