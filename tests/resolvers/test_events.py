"""events: the log in sequence order, of one release or all, resumable after a number."""

from __future__ import annotations

import base64
from dataclasses import dataclass

import pytest

from releasegraph.runtime.clock import ManualClock
from tests.api import JSON, Api
from tests.resolvers.given import (
    create_definition,
    create_release,
    deployed_twice,
    errors,
    everything,
    invalid,
    simple,
)
from tests.support import settle

EVENTS = """
query($releaseId: ID, $after: Int! = 0, $first: Int! = 100) {
  events(releaseId: $releaseId, after: $after, first: $first) {
    seq entity kind fromStatus toStatus fromOperationStatus toOperationStatus
    actor at data release { name definition { name } }
  }
}"""
SEQS = """
query($releaseId: ID, $after: Int! = 0, $first: Int! = 100) {
  events(releaseId: $releaseId, after: $after, first: $first) { seq }
}"""
ENTITIES = """
query($releaseId: ID!) { events(releaseId: $releaseId, first: 500) { entity entityId } }"""
NODES = """
query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"""


@dataclass
class Two:
    draft: str
    running: str


async def two_releases(api: Api, clock: ManualClock) -> Two:
    """A draft of alpha by olivia (event 1), then a second later beta started by alice (2-9)."""
    draft = await create_release(api, await create_definition(api, simple("alpha")))
    clock.advance(1)
    beta = await create_definition(api, simple("beta", seconds=3600))
    running = await create_release(api, beta, start=True, as_user="alice")
    await settle(api.runtime)
    return Two(draft=draft, running=running)


def event(seq: int, entity: str, kind: str, **fields: object) -> JSON:
    """An event of beta's Release-1, at 00:00:01 by alice, unless ``fields`` say otherwise."""
    return {
        "seq": seq,
        "entity": entity,
        "kind": kind,
        "fromStatus": None,
        "toStatus": None,
        "fromOperationStatus": None,
        "toOperationStatus": None,
        "actor": "alice",
        "at": "2026-01-01T00:00:01+00:00",
        "data": {},
        "release": {"name": "Release-1", "definition": {"name": "beta"}},
        **fields,
    }


DRAFT_CREATED = event(
    1,
    "Release",
    "release.created",
    toStatus="DRAFT",
    actor="olivia",
    at="2026-01-01T00:00:00+00:00",
    release={"name": "Release-1", "definition": {"name": "alpha"}},
)
STARTED = [
    event(2, "Release", "release.created", toStatus="DRAFT"),
    event(3, "Release", "release.status", fromStatus="DRAFT", toStatus="ACTIVE"),
    event(
        4,
        "DeploymentAttempt",
        "attempt.created",
        toStatus="NOT_DEPLOYED",
        toOperationStatus="APPROVED",
        data={"environment": "staging", "attempt": 1},
    ),
    event(
        5,
        "DeployPhase",
        "deployPhase.status",
        fromStatus="NOT_STARTED",
        toStatus="IN_PROGRESS",
        data={"agent": "local-1"},
    ),
    event(
        6,
        "DeploymentAttempt",
        "attempt.status",
        fromStatus="NOT_DEPLOYED",
        toStatus="IN_PROGRESS",
        fromOperationStatus="APPROVED",
        toOperationStatus="PHASE_IN_PROGRESS",
        data={"environment": "staging", "attempt": 1},
    ),
    event(
        7,
        "ReleaseEnvironment",
        "releaseEnvironment.status",
        fromStatus="NOT_STARTED",
        toStatus="IN_PROGRESS",
    ),
    event(8, "Task", "task.status", fromStatus="PENDING", toStatus="IN_PROGRESS", data={"run": 1}),
    event(9, "Release", "release.executionStatus", fromStatus="NOT_STARTED", toStatus="RUNNING"),
]
"""Beta's events: created, started, its attempt picked up by an agent, its task running."""


async def test_the_events_of_one_release_in_order(api: Api, clock: ManualClock) -> None:
    given = await two_releases(api, clock)

    data = await api.data(EVENTS, {"releaseId": given.running}, as_user="victor")

    assert data == {"events": STARTED}


async def test_the_events_of_every_release(api: Api, clock: ManualClock) -> None:
    await two_releases(api, clock)

    data = await api.data(EVENTS)

    assert data == {"events": [DRAFT_CREATED, *STARTED]}


@pytest.mark.parametrize(
    ("variables", "seqs"),
    [
        ({"after": 3, "first": 2}, [4, 5]),
        ({"after": 7}, [8, 9]),
        ({"after": 9}, []),
        ({"first": 0}, []),
        ({"first": 1}, [1]),
    ],
)
async def test_resuming_after_a_sequence_number(
    api: Api, clock: ManualClock, variables: JSON, seqs: list[int]
) -> None:
    await two_releases(api, clock)

    data = await api.data(SEQS, variables)

    assert data == {"events": [{"seq": seq} for seq in seqs]}


async def test_one_release_after_a_number(api: Api, clock: ManualClock) -> None:
    given = await two_releases(api, clock)

    draft = await api.data(SEQS, {"releaseId": given.draft})
    running = await api.data(SEQS, {"releaseId": given.running, "after": 1, "first": 3})

    assert draft == {"events": [{"seq": 1}]}
    assert running == {"events": [{"seq": 2}, {"seq": 3}, {"seq": 4}]}


async def test_an_unknown_release_has_no_events(api: Api, clock: ManualClock) -> None:
    await two_releases(api, clock)
    unknown = base64.b64encode(b"Release:nope").decode()

    assert await api.data(SEQS, {"releaseId": unknown}) == {"events": []}


async def test_every_entity_id_is_the_id_of_its_node(api: Api, clock: ManualClock) -> None:
    release_id = await deployed_twice(
        api, clock, everything("everything", environments=1, phases=1, tasks=1)
    )
    events = (await api.data(ENTITIES, {"releaseId": release_id}))["events"]

    nodes = (await api.data(NODES, {"ids": [e["entityId"] for e in events]}))["nodes"]

    types = {e["entity"]: node["__typename"] for e, node in zip(events, nodes, strict=True)}
    assert types == {
        "Release": "Release",
        "ReleaseEnvironment": "ReleaseEnvironment",
        "DeploymentAttempt": "DeploymentAttempt",
        "DeployPhase": "ReleaseDeployPhase",
        "Task": "Task",
        "TaskRun": "TaskRun",
        "Approval": "Approval",
        "Gate": "Gate",
        "ManualIntervention": "ManualIntervention",
    }
    assert [node["id"] for node in nodes] == [e["entityId"] for e in events]


async def test_bad_arguments_are_refused(api: Api, clock: ManualClock) -> None:
    given = await two_releases(api, clock)
    definition = await create_definition(api, simple("gamma"))

    assert await errors(api, SEQS, {"first": 501}) == [
        invalid("`first` must be between 0 and 500, got 501", "events")
    ]
    assert await errors(api, SEQS, {"first": -1, "releaseId": given.draft}) == [
        invalid("`first` must be between 0 and 500, got -1", "events")
    ]
    assert await errors(api, SEQS, {"releaseId": definition}) == [
        invalid(
            "`releaseId` must be an id of type Release, got an id of type ReleaseDefinition",
            "events",
        )
    ]
