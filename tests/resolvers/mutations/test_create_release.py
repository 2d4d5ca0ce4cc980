"""createRelease: an operator makes a release of a definition: a draft, started at once, or
starting by itself at a given time."""

from __future__ import annotations

import pytest

from tests.api import JSON, Api
from tests.resolvers.mutations.documents import (
    ONE_TASK,
    create_definition,
    global_id,
    not_found,
    permission_denied,
    validation_failed,
    wrong_id,
)
from tests.runtime.refusals import snapshot

CREATE_RELEASE = """
mutation($input: CreateReleaseInput!) {
  createRelease(input: $input) {
    __typename
    ... on CreateReleasePayload {
      release {
        name status executionStatus description createdBy scheduledStartTime
        artifacts { name value }
        variables { name value }
        definition { name releaseCount }
        environments { name status }
      }
    }
    ... on Error { code message }
    ... on NotFoundError { entity entityId }
    ... on ValidationError { issues { path message } }
  }
}"""
WITH_VARIABLES = ONE_TASK.replace(
    "name: one-task", "name: one-task\nvariables: {region: eu-west, tier: web}"
)
IN_AN_HOUR = "2026-01-01T01:00:00+00:00"


def created(status: str, execution_status: str, environment_status: str, **release: object) -> JSON:
    """The payload of release 1 of WITH_VARIABLES, created by olivia with nothing overridden."""
    return {
        "createRelease": {
            "__typename": "CreateReleasePayload",
            "release": {
                "name": "Release-1",
                "status": status,
                "executionStatus": execution_status,
                "description": "",
                "createdBy": "olivia",
                "scheduledStartTime": None,
                "artifacts": [],
                "variables": [
                    {"name": "region", "value": "eu-west"},
                    {"name": "tier", "value": "web"},
                ],
                "definition": {"name": "one-task", "releaseCount": 1},
                "environments": [{"name": "staging", "status": environment_status}],
                **release,
            },
        }
    }


async def test_an_operator_creates_a_draft_with_artifacts_and_overridden_variables(
    api: Api,
) -> None:
    draft = {
        "definitionId": await create_definition(api, WITH_VARIABLES),
        "description": "hotfix",
        "artifacts": [{"name": "web", "value": "1.4.2"}, {"name": "api", "value": "2.0.0"}],
        "variables": [{"name": "region", "value": "us-east"}],
    }

    result = await api.data(CREATE_RELEASE, {"input": draft}, as_user="olivia")

    assert result == created(
        "DRAFT",
        "NOT_STARTED",
        "NOT_STARTED",
        description="hotfix",
        artifacts=[{"name": "api", "value": "2.0.0"}, {"name": "web", "value": "1.4.2"}],
        variables=[{"name": "region", "value": "us-east"}, {"name": "tier", "value": "web"}],
    )


async def test_an_operator_creates_a_started_release(api: Api) -> None:
    started = {"definitionId": await create_definition(api, WITH_VARIABLES), "start": True}

    result = await api.data(CREATE_RELEASE, {"input": started}, as_user="olivia")

    assert result == created("ACTIVE", "RUNNING", "IN_PROGRESS")


async def test_a_release_with_a_start_time_waits_as_a_scheduled_draft(api: Api) -> None:
    definition_id = await create_definition(api, WITH_VARIABLES)
    scheduled = {"definitionId": definition_id, "scheduledStartTime": IN_AN_HOUR, "start": True}

    result = await api.data(CREATE_RELEASE, {"input": scheduled}, as_user="olivia")

    assert result == created("DRAFT", "SCHEDULED", "NOT_STARTED", scheduledStartTime=IN_AN_HOUR)


@pytest.mark.parametrize(
    ("as_user", "target", "start_time", "expected"),
    [
        pytest.param(
            "victor",
            "definition",
            None,
            permission_denied("'victor' is VIEWER; this needs OPERATOR"),
            id="viewer",
        ),
        pytest.param(
            "olivia", "unknown", None, not_found("ReleaseDefinition"), id="unknown definition"
        ),
        pytest.param(
            "olivia",
            "release",
            None,
            wrong_id("definitionId", "ReleaseDefinition", "Release"),
            id="release id",
        ),
        pytest.param(
            "olivia",
            "definition",
            "2025-12-31T23:00:00+00:00",
            validation_failed("startAt", "must be in the future"),
            id="start time in the past",
        ),
    ],
)
async def test_a_refused_creation_changes_nothing(
    api: Api, as_user: str, target: str, start_time: str | None, expected: JSON
) -> None:
    ids = {
        "definition": await create_definition(api, WITH_VARIABLES),
        "unknown": global_id("ReleaseDefinition"),
        "release": global_id("Release", "any"),
    }
    before = snapshot(api.runtime)

    refused = {"definitionId": ids[target], "scheduledStartTime": start_time}
    result = await api.data(CREATE_RELEASE, {"input": refused}, as_user=as_user)

    assert result == {"createRelease": expected}
    assert snapshot(api.runtime) == before
