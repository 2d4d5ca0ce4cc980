"""graphql-transport-ws frames, right and wrong: every wrong one closes its own socket with
the protocol's code, and a socket opened before (the witness) goes on receiving updates."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from releasegraph.app import AppSettings
from releasegraph.resolvers.context import MAX_TOKENS
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.subscriptions.conftest import INIT_TIMEOUT, MAX_SUBSCRIPTIONS, NEWEST_RELEASE, Witness
from tests.subscriptions.wire import JSON, Served, connected, opened, serving

EVENTS = "subscription { releaseEvents { seq } }"


async def test_no_connection_init_within_the_timeout_closes_with_4408(
    served: Served, witness: Witness
) -> None:
    async with opened(served) as socket:
        start = asyncio.get_running_loop().time()

        closed = await socket.closed()

        waited = asyncio.get_running_loop().time() - start
    assert closed == (4408, "Connection initialisation timeout")
    assert INIT_TIMEOUT * 0.8 <= waited < INIT_TIMEOUT + 2
    await witness.still_served()


@pytest.mark.parametrize(
    "payload",
    [
        {"authorization": "Bearer not-a-token-of-anyone"},
        {"token": "not-a-token-of-anyone"},
        {"authorization": "Basic b2xpdmlhOnNlY3JldA=="},
        {},
        None,
    ],
    ids=["bad-bearer", "bad-token", "basic", "empty", "no-payload"],
)
async def test_a_connection_init_without_a_valid_token_closes_with_4403(
    served: Served, witness: Witness, payload: JSON | None
) -> None:
    message: JSON = {"type": "connection_init"}
    if payload is not None:
        message["payload"] = payload
    async with opened(served) as socket:
        await socket.send(message)

        assert await socket.closed() == (4403, "Forbidden")
    await witness.still_served()


@pytest.mark.parametrize("as_token", [False, True], ids=["authorization", "token"])
async def test_a_valid_token_in_either_form_is_acknowledged(served: Served, as_token: bool) -> None:
    token = served.tokens["alice"]
    payload = {"token": token} if as_token else {"Authorization": f"bearer {token}"}
    async with opened(served) as socket:
        await socket.send({"type": "connection_init", "payload": payload})

        assert await socket.receive() == {"type": "connection_ack", "payload": None}
        await socket.subscribe("me", "subscription { inputRequired { count } }")
        assert await socket.next("me") == {"inputRequired": {"count": 0}}


async def test_subscribe_before_connection_init_closes_with_4401(
    served: Served, witness: Witness
) -> None:
    async with opened(served) as socket:
        await socket.subscribe("early", EVENTS)

        assert await socket.closed() == (4401, "Unauthorized")
    await witness.still_served()


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        ("{not json", "WebSocket message must be valid JSON"),
        ('{"type": "shout"}', "Unknown message type: shout"),
        ('{"type": "' + "x" * 200 + '"}', ("Unknown message type: " + "x" * 200)[:123]),
        ('{"id": "1"}', "Failed to parse message"),
        ('{"id": "1", "type": "subscribe"}', "Failed to parse message"),
    ],
    ids=["malformed-json", "unknown-type", "long-unknown-type", "no-type", "no-payload"],
)
async def test_a_malformed_frame_closes_with_4400(
    served: Served, witness: Witness, frame: str, reason: str
) -> None:
    async with connected(served, "alice") as socket:
        await socket.send(frame)

        assert await socket.closed() == (4400, reason)
    await witness.still_served()


SUBSCRIBE_EVENTS = '"type": "subscribe", "payload": {"query": "' + EVENTS + '"'


@pytest.mark.parametrize(
    "frame",
    [
        "[1, 2]",
        '"subscribe"',
        "null",
        '{"id": "1", "type": "subscribe", "payload": null}',
        '{"id": "1", "type": "subscribe", "payload": {"query": 5}}',
        '{"id": "1", ' + SUBSCRIBE_EVENTS + ', "variables": "x"}}',
        '{"id": "1", ' + SUBSCRIBE_EVENTS + ', "operationName": 5}}',
        '{"id": 1, ' + SUBSCRIBE_EVENTS + "}}",
        '{"id": ["1"], "type": "complete"}',
        '{"type": 5}',
    ],
    ids=[
        "list",
        "string",
        "null",
        "null-payload",
        "query-not-text",
        "variables-not-object",
        "operation-name-not-text",
        "id-not-text",
        "complete-id-a-list",
        "type-not-text",
    ],
)
async def test_a_frame_that_is_not_a_message_object_closes_with_4400(
    served: Served, witness: Witness, frame: str
) -> None:
    async with connected(served, "alice") as socket:
        await socket.send(frame)

        code, _ = await socket.closed()
    assert code == 4400
    await witness.still_served()


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("subscription { releaseEvents { seq }", "Syntax Error: Expected Name, found <EOF>."),
        ("subscription { releaseUpdated(id: 1) { id ", "Syntax Error: Expected Name, found <EOF>."),
        (
            "subscription { releaseEvents { " + "seq " * MAX_TOKENS + "} }",
            f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted.",
        ),
        (  # a close frame has room for 123 bytes of reason
            "subscription { releaseEvents { seq } } " + "x" * 200,
            ("Syntax Error: Unexpected Name '" + "x" * 200)[:123],
        ),
    ],
    ids=["stream", "snapshot", "too-many-tokens", "long-reason"],
)
async def test_a_document_that_does_not_parse_closes_with_4400_and_why(
    served: Served, witness: Witness, query: str, reason: str
) -> None:
    async with connected(served, "alice") as socket:
        await socket.subscribe("bad", query)

        assert await socket.closed() == (4400, reason)
    await witness.still_served()


async def test_a_document_that_is_not_valid_is_an_error_of_its_subscription(
    served: Served, witness: Witness
) -> None:
    async with connected(served, "alice") as socket:
        await socket.subscribe("invalid", "subscription { releaseEvents { nope } }")
        await socket.subscribe("fine", NEWEST_RELEASE)

        results = [await socket.receive(), await socket.receive()]

    assert sorted(results, key=lambda message: message["id"]) == [
        {"id": "fine", "type": "next", "payload": {"data": {"releasesUpdated": []}}},
        {
            "id": "invalid",
            "type": "error",
            "payload": [
                {
                    "message": "Cannot query field 'nope' on type 'Event'.",
                    "locations": [{"line": 1, "column": 32}],
                }
            ],
        },
    ]
    await witness.still_served()


async def test_a_binary_frame_closes_with_4400(served: Served, witness: Witness) -> None:
    async with connected(served, "alice") as socket:
        await socket.ws.send(b'{"type": "ping"}')

        assert await socket.closed() == (4400, "WebSocket message type must be text")
    await witness.still_served()


@pytest.mark.parametrize("id", ["same", "x" * 200], ids=["short", "long"])
async def test_a_second_subscription_with_a_running_id_closes_with_4409(
    served: Served, witness: Witness, id: str
) -> None:
    async with connected(served, "alice") as socket:
        await socket.subscribe(id, NEWEST_RELEASE)
        await socket.next(id)
        await socket.subscribe(id, NEWEST_RELEASE)

        closed = await socket.closed()

    assert closed == (4409, f"Subscriber for {id} already exists"[:123])
    await witness.still_served()


async def test_a_second_connection_init_closes_with_4429(served: Served, witness: Witness) -> None:
    async with connected(served, "alice") as socket:
        await socket.send({"type": "connection_init", "payload": {"token": served.tokens["alice"]}})

        assert await socket.closed() == (4429, "Too many initialisation requests")
    await witness.still_served()


async def test_subscriptions_over_the_limit_are_refused_and_a_completed_one_frees_its_place(
    served: Served, witness: Witness
) -> None:
    async with connected(served, "alice") as socket:
        for number in range(MAX_SUBSCRIPTIONS):
            await socket.subscribe(f"s{number}", EVENTS)
        await socket.subscribe("over", EVENTS)

        refused = await socket.receive()
        await socket.send({"id": "s0", "type": "complete"})
        await socket.subscribe("again", NEWEST_RELEASE)
        again = await socket.next("again")

    assert refused == {
        "id": "over",
        "type": "error",
        "payload": [{"message": "Subscription limit reached"}],
    }
    assert again == {"releasesUpdated": []}
    await witness.still_served()


async def test_the_server_pings_at_its_ping_interval(
    runtime_settings: Settings, clock: ManualClock
) -> None:
    settings = AppSettings(ping_interval=0.2)
    runtime = Runtime(runtime_settings, clock=clock)
    async with serving(runtime, settings) as served, connected(served, "alice") as socket:
        acknowledged = time.monotonic()
        pings = await socket.keepalives(3)

    gaps = [b - a for a, b in itertools.pairwise([acknowledged, *pings])]
    assert all(0.15 <= gap < 1.0 for gap in gaps), gaps
