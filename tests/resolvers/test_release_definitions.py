"""releaseDefinition and releaseDefinitions: one by id, and pages by name, searched."""

from __future__ import annotations

import base64

import pytest

from tests.api import JSON, Api
from tests.resolvers.given import create_definition, errors, example, invalid, simple

DEFINITIONS = """
query($first: Int, $after: String, $last: Int, $before: String, $nameContains: String) {
  releaseDefinitions(
    first: $first, after: $after, last: $last, before: $before, nameContains: $nameContains
  ) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { name } }
  }
}"""
DEFINITION = """
query($id: ID!) {
  releaseDefinition(id: $id) {
    name revision releaseCount createdBy
    environments { name trigger dependsOn critical }
  }
}"""
NAMES = ["approvals", "dag", "web-admin", "web_shop", "webxshop"]


async def five_definitions(api: Api) -> dict[str, str]:
    return {name: await create_definition(api, simple(name)) for name in reversed(NAMES)}


def connection(
    names: list[str], *, total: int, next: bool, previous: bool, cursors: tuple[str | None, ...]
) -> JSON:
    return {
        "releaseDefinitions": {
            "totalCount": total,
            "pageInfo": {
                "hasNextPage": next,
                "hasPreviousPage": previous,
                "startCursor": cursors[0],
                "endCursor": cursors[-1],
            },
            "edges": [{"node": {"name": name}} for name in names],
        }
    }


def cursor(name: str, definition_id: str) -> str:
    """A cursor is opaque to clients; the tests know it holds the name and the id."""
    raw_id = base64.b64decode(definition_id).decode().split(":", 1)[1]
    text = f'["ReleaseDefinition.name", "{name}", "{raw_id}"]'
    return base64.urlsafe_b64encode(text.encode()).decode()


async def test_pages_by_name_forward(api: Api) -> None:
    ids = await five_definitions(api)
    at = {name: cursor(name, ids[name]) for name in NAMES}

    first = await api.data(DEFINITIONS, {"first": 2})
    second = await api.data(DEFINITIONS, {"first": 2, "after": at["dag"]})
    third = await api.data(DEFINITIONS, {"first": 2, "after": at["web_shop"]})

    assert first == connection(
        ["approvals", "dag"],
        total=5,
        next=True,
        previous=False,
        cursors=(at["approvals"], at["dag"]),
    )
    assert second == connection(
        ["web-admin", "web_shop"],
        total=5,
        next=True,
        previous=True,
        cursors=(at["web-admin"], at["web_shop"]),
    )
    assert third == connection(
        ["webxshop"], total=5, next=False, previous=True, cursors=(at["webxshop"],)
    )


async def test_pages_by_name_backward(api: Api) -> None:
    ids = await five_definitions(api)
    at = {name: cursor(name, ids[name]) for name in NAMES}

    last = await api.data(DEFINITIONS, {"last": 3})
    before = await api.data(DEFINITIONS, {"last": 3, "before": at["web-admin"]})

    assert last == connection(
        ["web-admin", "web_shop", "webxshop"],
        total=5,
        next=False,
        previous=True,
        cursors=(at["web-admin"], at["webxshop"]),
    )
    assert before == connection(
        ["approvals", "dag"],
        total=5,
        next=True,
        previous=False,
        cursors=(at["approvals"], at["dag"]),
    )


@pytest.mark.parametrize(
    ("contains", "names"),
    [
        ("WEB", ["web-admin", "web_shop", "webxshop"]),
        ("_", ["web_shop"]),
        ("%", []),
        ("a", ["approvals", "dag", "web-admin"]),
        ("", NAMES),
    ],
)
async def test_name_contains_ignores_case_and_means_its_wildcards_literally(
    api: Api, contains: str, names: list[str]
) -> None:
    await five_definitions(api)

    data = await api.data(DEFINITIONS, {"nameContains": contains})

    assert data["releaseDefinitions"]["edges"] == [{"node": {"name": n}} for n in names]
    assert data["releaseDefinitions"]["totalCount"] == len(names)


async def test_none_at_all(api: Api) -> None:
    data = await api.data(DEFINITIONS, {"first": 10})

    assert data == connection([], total=0, next=False, previous=False, cursors=(None,))


async def test_one_by_id(api: Api) -> None:
    definition_id = await create_definition(api, example("dag"))

    data = await api.data(DEFINITION, {"id": definition_id})

    assert data == {
        "releaseDefinition": {
            "name": "dag",
            "revision": 1,
            "releaseCount": 0,
            "createdBy": "ada",
            "environments": [
                {"name": "build", "trigger": "AFTER_RELEASE", "dependsOn": [], "critical": True},
                {
                    "name": "test-a",
                    "trigger": "AFTER_DEPENDENCIES",
                    "dependsOn": ["build"],
                    "critical": True,
                },
                {
                    "name": "test-b",
                    "trigger": "AFTER_DEPENDENCIES",
                    "dependsOn": ["build"],
                    "critical": True,
                },
                {
                    "name": "prod",
                    "trigger": "AFTER_DEPENDENCIES",
                    "dependsOn": ["test-a", "test-b"],
                    "critical": True,
                },
            ],
        }
    }


async def test_an_unknown_id_gives_null(api: Api) -> None:
    unknown = base64.b64encode(b"ReleaseDefinition:nope").decode()

    assert await api.data(DEFINITION, {"id": unknown}) == {"releaseDefinition": None}


async def test_an_id_of_another_type_is_refused(api: Api) -> None:
    task = base64.b64encode(b"Task:1").decode()

    assert await errors(api, DEFINITION, {"id": task}) == [
        invalid(
            "`id` must be an id of type ReleaseDefinition, got an id of type Task",
            "releaseDefinition",
        )
    ]


async def test_pages_over_100_are_refused(api: Api) -> None:
    assert await errors(api, DEFINITIONS, {"first": 101}) == [
        invalid("`first` must be between 0 and 100, got 101", "releaseDefinitions")
    ]


async def test_a_definition_says_its_variables_and_their_defaults(api: Api) -> None:
    definition_id = await create_definition(api, example("web-shop"))

    data = await api.data(
        "query($id: ID!) { releaseDefinition(id: $id) { variables { name value } } }",
        {"id": definition_id},
    )

    assert data["releaseDefinition"]["variables"] == [{"name": "region", "value": "eu-west"}]
