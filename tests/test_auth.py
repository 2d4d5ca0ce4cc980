"""Users and their tokens: the tokens file, and what each role may do over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from releasegraph.auth import Role, TokenStore, User
from releasegraph.engine.errors import ValidationError
from tests.api import Api

CAROL_TOKEN = "carol-token-0123456789"
DAVE_TOKEN = "dave-token-0123456789abc"
USERS_YAML = f"""
users:
  - name: carol
    displayName: Carol Ops
    token: {CAROL_TOKEN}
    groups: [release-managers, web]
    role: operator
  - {{name: dave, token: {DAVE_TOKEN}}}
"""
CAROL = User(
    name="carol",
    display_name="Carol Ops",
    groups=frozenset({"release-managers", "web"}),
    role=Role.OPERATOR,
)
DAVE = User(name="dave", display_name="dave", role=Role.VIEWER)


def _store(tmp_path: Path, text: str) -> TokenStore:
    path = tmp_path / "users.yaml"
    path.write_text(text)
    return TokenStore.from_file(path)


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        _store(tmp_path, text)
    return [str(issue) for issue in refused.value.issues]


# -- the tokens file -----------------------------------------------------------------


def test_a_yaml_file_gives_each_token_its_user(tmp_path: Path) -> None:
    store = _store(tmp_path, USERS_YAML)

    assert store.users() == [CAROL, DAVE]
    assert store.authenticate(CAROL_TOKEN) == CAROL
    assert store.authenticate(DAVE_TOKEN) == DAVE
    assert store.authenticate("carol-token-012345678") is None


def test_a_json_file_reads_the_same(tmp_path: Path) -> None:
    document = {
        "users": [
            {
                "name": "carol",
                "displayName": "Carol Ops",
                "token": CAROL_TOKEN,
                "groups": ["release-managers", "web"],
                "role": "OPERATOR",
            }
        ]
    }

    store = _store(tmp_path, json.dumps(document))

    assert store.users() == [CAROL]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{name: erin}", "users[0]: token: required, a non-empty string"),
        ("{name: erin, token: short}", "users[0]: token: at least 16 characters"),
        ("{name: erin, token: 12345678901234567}", "users[0]: token: required, a non-empty string"),
        ("{token: erin-token-0123456789}", "users[0]: name: required, a non-empty string"),
        (
            "{name: erin, token: erin-token-0123456789, role: boss}",
            "users[0]: role: expected one of VIEWER, OPERATOR, ADMIN, AGENT, got 'boss'",
        ),
        (
            "{name: erin, token: erin-token-0123456789, groups: web}",
            "users[0]: groups: expected a list of group names",
        ),
        (
            "{name: erin, token: erin-token-0123456789, displayName: [E]}",
            "users[0]: displayName: expected a non-empty string",
        ),
        ("{name: erin, token: erin-token-0123456789, rol: ADMIN}", "users[0]: rol: unknown field"),
        ("erin", "users[0]: expected a mapping"),
    ],
)
def test_an_invalid_user_is_reported_at_its_path(tmp_path: Path, entry: str, problem: str) -> None:
    assert _problems(tmp_path, f"users:\n  - {entry}\n") == [problem]


@pytest.mark.parametrize(
    "text", ["users: {name: erin}", "users: erin", "just text", "[]", "", "other: []"]
)
def test_a_file_without_a_list_of_users_is_refused(tmp_path: Path, text: str) -> None:
    assert _problems(tmp_path, text) == ["users: expected a list of users"]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = f"""
users:
  - {{name: carol, token: {CAROL_TOKEN}}}
  - {{name: erin, token: short, role: boss}}
  - {{name: carol, token: {CAROL_TOKEN}}}
"""

    assert _problems(tmp_path, text) == [
        "users[1]: token: at least 16 characters",
        "users[1]: role: expected one of VIEWER, OPERATOR, ADMIN, AGENT, got 'boss'",
        "users[2]: token: the same as users[0]'s",
        "users[2]: name: the same as users[0]'s",
    ]


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "users: [{name: carol")

    assert problem.startswith("not YAML or JSON: ")


# -- roles over HTTP -----------------------------------------------------------------

DEFINITION = """
name: shop
environments:
  - name: production
    phases:
      - name: deploy
        tasks:
          - {name: deploy, kind: simulate, durationSeconds: 1}
"""
CREATE_DEFINITION = """
mutation($source: String!) {
  createReleaseDefinition(input: {source: $source}) {
    __typename
    ... on CreateReleaseDefinitionPayload { definition { id name } }
    ... on Error { code message }
  }
}"""
CREATE_RELEASE = """
mutation($definition: ID!) {
  createRelease(input: {definitionId: $definition}) {
    __typename
    ... on CreateReleasePayload { release { name status createdBy } }
    ... on Error { code message }
  }
}"""
DEFINITION_QUERY = "query($id: ID!) { releaseDefinition(id: $id) { name releaseCount } }"


async def test_a_viewer_reads_but_may_not_create_a_release(api: Api) -> None:
    created = await api.data(CREATE_DEFINITION, {"source": DEFINITION}, as_user="ada")
    definition_id = created["createReleaseDefinition"]["definition"]["id"]

    refused = await api.data(CREATE_RELEASE, {"definition": definition_id}, as_user="victor")
    read = await api.data(DEFINITION_QUERY, {"id": definition_id}, as_user="victor")

    assert refused == {
        "createRelease": {
            "__typename": "PermissionDeniedError",
            "code": "PERMISSION_DENIED",
            "message": "'victor' is VIEWER; this needs OPERATOR",
        }
    }
    assert read == {"releaseDefinition": {"name": "shop", "releaseCount": 0}}


async def test_an_operator_creates_a_release(api: Api) -> None:
    created = await api.data(CREATE_DEFINITION, {"source": DEFINITION}, as_user="ada")
    definition_id = created["createReleaseDefinition"]["definition"]["id"]

    result = await api.data(CREATE_RELEASE, {"definition": definition_id}, as_user="olivia")

    assert result == {
        "createRelease": {
            "__typename": "CreateReleasePayload",
            "release": {"name": "Release-1", "status": "DRAFT", "createdBy": "olivia"},
        }
    }


async def test_an_operator_may_not_create_a_definition(api: Api) -> None:
    result = await api.data(CREATE_DEFINITION, {"source": DEFINITION}, as_user="olivia")

    assert result == {
        "createReleaseDefinition": {
            "__typename": "PermissionDeniedError",
            "code": "PERMISSION_DENIED",
            "message": "'olivia' is OPERATOR; this needs ADMIN",
        }
    }
