"""Identical snapshot subscriptions are executed once and their bytes fanned out."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql import GraphQLFormattedError

from releasegraph.subscriptions.fanout import FanOut, Send, group_key
from tests.subscriptions.conftest import create_definition, create_release
from tests.subscriptions.wire import JSON, Served, Socket, connected
from tests.waiting import DEADLINE, poll_async

RELEASE_UPDATED = """
subscription($id: ID!) {
  releaseUpdated(id: $id) { name description version status executionStatus }
}"""
UPDATE_DRAFT = """
mutation($id: ID!, $description: String!) {
  updateDraftRelease(input: {releaseId: $id, description: $description}) { __typename }
}"""


@pytest.fixture
def executions(served: Served, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents the schema is asked to subscribe to: one per execution."""
    schema = served.view.schema
    subscribe = schema.subscribe
    started: list[str] = []

    async def counted(query: str, *args: Any, **kwargs: Any) -> Any:
        started.append(query)
        return await subscribe(query, *args, **kwargs)

    monkeypatch.setattr(schema, "subscribe", counted)
    return started


@contextlib.asynccontextmanager
async def sockets(served: Served, *users: str) -> AsyncIterator[list[Socket]]:
    async with contextlib.AsyncExitStack() as stack:
        yield [await stack.enter_async_context(connected(served, user)) for user in users]


async def test_three_sockets_of_one_user_share_one_execution_and_get_the_same_payloads(
    served: Served, executions: list[str]
) -> None:
    release_id = await create_release(served, await create_definition(served))
    async with sockets(served, "alice", "alice", "alice") as three:
        for socket in three:
            await socket.subscribe("release", RELEASE_UPDATED, {"id": release_id})
        first = [await socket.next("release") for socket in three]
        shared = (served.view.fanout.groups, served.view.fanout.members)

        await served.data(UPDATE_DRAFT, {"id": release_id, "description": "v2"}, as_user="olivia")
        second = [await socket.next("release") for socket in three]
        for socket in three:
            await socket.round_trip()  # and nothing more was sent

    await poll_async(lambda: served.view.fanout.groups == 0, "the group ends with its last member")
    draft: JSON = {"name": "Release-1", "status": "DRAFT", "executionStatus": "NOT_STARTED"}
    assert shared == (1, 3)
    assert executions == [RELEASE_UPDATED]
    assert first == [{"releaseUpdated": {**draft, "description": "", "version": 1}}] * 3
    assert second == [{"releaseUpdated": {**draft, "description": "v2", "version": 2}}] * 3


async def test_other_users_variables_or_documents_are_executed_apart(
    served: Served, executions: list[str]
) -> None:
    definition_id = await create_definition(served)
    one, other = [await create_release(served, definition_id) for _ in range(2)]
    other_document = RELEASE_UPDATED.replace("version ", "")
    async with sockets(served, "alice", "bob", "alice", "alice") as (alice, bob, again, third):
        await alice.subscribe("release", RELEASE_UPDATED, {"id": one})
        await bob.subscribe("release", RELEASE_UPDATED, {"id": one})
        await again.subscribe("release", RELEASE_UPDATED, {"id": other})
        await third.subscribe("release", other_document, {"id": one})
        for socket in (alice, bob, again, third):
            await socket.next("release")

        assert (served.view.fanout.groups, served.view.fanout.members) == (4, 4)
    assert sorted(executions) == sorted([RELEASE_UPDATED] * 3 + [other_document])


async def test_a_member_that_leaves_does_not_end_the_group_for_the_others(served: Served) -> None:
    release_id = await create_release(served, await create_definition(served))
    async with sockets(served, "alice", "alice") as (staying, leaving):
        for socket in (staying, leaving):
            await socket.subscribe("release", RELEASE_UPDATED, {"id": release_id})
            await socket.next("release")
        await leaving.send({"id": "release", "type": "complete"})
        await poll_async(lambda: served.view.fanout.members == 1, "the member leaves")

        await served.data(UPDATE_DRAFT, {"id": release_id, "description": "v2"}, as_user="olivia")
        updated = await staying.next("release")

    assert updated["releaseUpdated"]["description"] == "v2"


# -- the registry itself -----------------------------------------------------------------------


def sender(sent: list[str]) -> Send:
    async def send(payload: str) -> None:
        sent.append(payload)

    return send


async def test_a_subscriber_joining_after_the_shared_execution_ended_gets_one_of_its_own() -> None:
    fanout = FanOut()
    key = group_key("subscription { releaseUpdated(id: 1) { id } }", None, None, "alice")
    refused: list[GraphQLFormattedError] = [{"message": "no such release"}]
    starts: list[int] = []

    async def start() -> list[GraphQLFormattedError]:
        starts.append(len(starts) + 1)
        return refused

    first_payloads: list[str] = []
    late_payloads: list[str] = []
    with fanout.join(key, start, sender(first_payloads)) as first:
        await first.deliver()
        with fanout.join(key, start, sender(late_payloads)) as late:  # the first is still in
            async with asyncio.timeout(DEADLINE):
                await late.deliver()

    assert (first_payloads, first.errors) == ([], refused)
    assert (late_payloads, late.errors) == ([], refused)
    assert starts == [1, 2]
    assert fanout.groups == 0
