"""node and nodes: every node type by its global id; null for none; errors for nonsense."""

from __future__ import annotations

import base64

import pytest

from releasegraph.runtime.clock import ManualClock
from tests.api import JSON, Api
from tests.resolvers.given import deployed_twice, errors, everything, invalid

TREE_IDS = """
query($id: ID!) {
  release(id: $id) {
    id
    definition { id }
    environments {
      id
      attempts {
        id
        preDeployApprovals { id }
        gates { id }
        phases { id tasks { id runs { id } } manualInterventions { id } }
      }
    }
  }
  agents { id }
}"""
NODES = """
query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"""
NODE = """
query($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Release { name }
    ... on Agent { name }
    ... on ReleaseDeployPhase { name }
  }
}"""
RELEASE = """
query($id: ID!) { release(id: $id) { name } }"""


def global_id(type_name: str, node_id: str) -> str:
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


def one_of_each(data: JSON) -> dict[str, str]:
    """A global id of every node type, from a whole release and the agents."""
    release = data["release"]
    attempt = release["environments"][0]["attempts"][0]
    phase = attempt["phases"][0]
    task = phase["tasks"][1]  # the flaky one: it has runs
    return {
        "Release": release["id"],
        "ReleaseDefinition": release["definition"]["id"],
        "ReleaseEnvironment": release["environments"][0]["id"],
        "DeploymentAttempt": attempt["id"],
        "Approval": attempt["preDeployApprovals"][0]["id"],
        "Gate": attempt["gates"][0]["id"],
        "ReleaseDeployPhase": phase["id"],
        "Task": task["id"],
        "TaskRun": task["runs"][0]["id"],
        "ManualIntervention": phase["manualInterventions"][0]["id"],
        "Agent": data["agents"][0]["id"],
    }


async def test_nodes_of_every_type_in_the_order_asked(api: Api, clock: ManualClock) -> None:
    release_id = await deployed_twice(
        api, clock, everything("everything", environments=1, phases=1, tasks=1)
    )
    ids = one_of_each(await api.data(TREE_IDS, {"id": release_id}))
    asked = [*reversed(ids.items()), ("Task", global_id("Task", "nope"))]

    data = await api.data(NODES, {"ids": [i for _, i in asked]}, as_user="victor")

    found = [{"__typename": t, "id": i} for t, i in reversed(ids.items())]
    assert data == {"nodes": [*found, None]}


async def test_one_node_with_its_own_fields(api: Api, clock: ManualClock) -> None:
    release_id = await deployed_twice(
        api, clock, everything("everything", environments=1, phases=1, tasks=1)
    )
    ids = one_of_each(await api.data(TREE_IDS, {"id": release_id}))

    release = await api.data(NODE, {"id": ids["Release"]})
    agent = await api.data(NODE, {"id": ids["Agent"]})
    phase = await api.data(NODE, {"id": ids["ReleaseDeployPhase"]})

    assert release == {"node": {"__typename": "Release", "id": ids["Release"], "name": "Release-1"}}
    assert agent == {"node": {"__typename": "Agent", "id": ids["Agent"], "name": "local-1"}}
    assert phase == {
        "node": {
            "__typename": "ReleaseDeployPhase",
            "id": ids["ReleaseDeployPhase"],
            "name": "phase-0",
        }
    }


@pytest.mark.parametrize(
    "type_name",
    ["Release", "ReleaseDefinition", "TaskRun", "ManualIntervention", "Agent", "Gate"],
)
async def test_an_unknown_id_gives_null(api: Api, type_name: str) -> None:
    assert await api.data(NODE, {"id": global_id(type_name, "nope")}) == {"node": None}


@pytest.mark.parametrize(
    ("id", "message"),
    [
        ("garbage", 'Value cannot represent a GlobalID: "garbage".'),
        (
            global_id("Viewer", "x"),
            "Cannot resolve. GlobalID requires a GraphQL Node type, received `Viewer`.",
        ),
        (
            global_id("Nonsense", "x"),
            "Cannot resolve. GlobalID requires a GraphQL type, received `Nonsense`.",
        ),
    ],
)
async def test_a_malformed_id_is_an_error(api: Api, id: str, message: str) -> None:
    assert await errors(api, NODE, {"id": id}) == [{"message": message, "path": ["node"]}]
    assert await errors(api, NODES, {"ids": [id]}) == [{"message": message, "path": ["nodes"]}]


async def test_release_by_id(api: Api, clock: ManualClock) -> None:
    release_id = await deployed_twice(
        api, clock, everything("everything", environments=1, phases=1, tasks=1)
    )
    ids = one_of_each(await api.data(TREE_IDS, {"id": release_id}))

    assert await api.data(RELEASE, {"id": release_id}) == {"release": {"name": "Release-1"}}
    assert await api.data(RELEASE, {"id": global_id("Release", "nope")}) == {"release": None}
    assert await errors(api, RELEASE, {"id": ids["Task"]}) == [
        invalid("`id` must be an id of type Release, got an id of type Task", "release")
    ]
