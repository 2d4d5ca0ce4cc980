"""graphql-transport-ws frames, right and wrong: every wrong one closes its own socket with
the protocol's code, and a socket opened before (the witness) goes on receiving updates.
An operation that cannot run is an ``error`` of its own id: its socket goes on."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from releasegraph.app import AppSettings
from releasegraph.context import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.subscriptions.conftest import (
    INIT_TIMEOUT,
    MAX_SUBSCRIPTIONS,
    NEWEST_RELEASE,
    Witness,
    create_definition,
    create_release,
)
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


RELEASE = "subscription($id: ID!) { releaseUpdated(id: $id) { id } }"
NO_RELEASE = {"id": "UmVsZWFzZTpub25l"}
# A cycle of the schema: four levels from a release back to a release.
AROUND = "environments {{ latestAttempt {{ preDeployApprovals {{ release {{ {} }} }} }} }}"
ALIASES = " ".join(f"a{n}: seq" for n in range(MAX_ALIASES + 1))
TWO_OPERATIONS = (
    "subscription A { releaseEvents { seq } } subscription B { releasesUpdated { id } }"
)


def _deep(rounds: int) -> str:
    """A release subscription ``1 + 4 * rounds`` deep."""
    inner = "id"
    for _ in range(rounds):
        inner = AROUND.format(inner)
    return f"subscription($id: ID!) {{ releaseUpdated(id: $id) {{ {inner} }} }}"


def _error(message: str, line: int | None = None, column: int | None = None) -> JSON:
    error: JSON = {"message": message}
    if line is not None:
        error["locations"] = [{"line": line, "column": column}]
    return error


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (
            {"query": "subscription { releaseEvents { seq }"},
            _error("Syntax Error: Expected Name, found <EOF>.", 1, 37),
        ),
        (
            {"query": "subscription { releaseUpdated(id: 1) { id "},
            _error("Syntax Error: Expected Name, found <EOF>.", 1, 43),
        ),
        (
            {"query": "subscription { releaseEvents { " + "seq " * MAX_TOKENS + "} }"},
            _error(
                f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted.",
                1,
                20016,
            ),
        ),
        (
            {"query": "subscription { releaseEvents { nope } }"},
            _error("Cannot query field 'nope' on type 'Event'.", 1, 32),
        ),
        (
            {"query": TWO_OPERATIONS, "operationName": "C"},
            _error("Unknown operation named 'C'."),
        ),
        (
            {"query": TWO_OPERATIONS},
            _error("Must provide operation name if query contains multiple operations."),
        ),
        (
            {"query": "fragment F on Subscription { releaseEvents { seq } }"},
            _error("Must provide an operation."),
        ),
        (
            {"query": RELEASE, "variables": {"id": 5.5}},
            _error("Variable '$id' has invalid value: ID cannot represent value: 5.5", 1, 14),
        ),
        (
            {
                "query": "subscription($after: Int) { releaseEvents(after: $after) { seq } }",
                "variables": {"after": "x"},
            },
            _error(
                "Variable '$after' has invalid value: Int cannot represent non-integer value: 'x'",
                1,
                14,
            ),
        ),
        (
            {"query": _deep(4), "variables": NO_RELEASE},
            _error(f"operation 'anonymous' is 17 deep; the maximum depth is {MAX_DEPTH}", 1, 1),
        ),
        (
            {"query": "subscription { releaseEvents { " + ALIASES + " } }"},
            _error(f"{MAX_ALIASES + 1} aliases; the maximum is {MAX_ALIASES}"),
        ),
    ],
    ids=[
        "stream-does-not-parse",
        "snapshot-does-not-parse",
        "too-many-tokens",
        "not-valid",
        "unknown-operation",
        "no-operation-name-among-several",
        "no-operation",
        "snapshot-bad-variable",
        "stream-bad-variable",
        "too-deep",
        "too-many-aliases",
    ],
)
async def test_an_operation_that_cannot_run_is_an_error_of_its_id_and_the_socket_goes_on(
    served: Served, payload: JSON, error: JSON
) -> None:
    definition_id = await create_definition(served)
    async with connected(served, "alice") as socket:
        await socket.subscribe("live", NEWEST_RELEASE)
        assert await socket.next("live") == {"releasesUpdated": []}

        await socket.send({"id": "bad", "type": "subscribe", "payload": payload})
        refused = await socket.receive()
        release_id = await create_release(served, definition_id)

        # The live subscription still delivers, and nothing more comes for "bad".
        while (await socket.next("live"))["releasesUpdated"] != [{"id": release_id}]:
            pass
        await socket.round_trip()

    assert refused == {"id": "bad", "type": "error", "payload": [error]}


async def test_a_query_over_subscribe_is_one_result_then_complete(served: Served) -> None:
    async with connected(served, "alice") as socket:
        await socket.subscribe("once", "query { viewer { name } }")

        answer = [await socket.receive(), await socket.receive()]
        await socket.round_trip()

    assert answer == [
        {"id": "once", "type": "next", "payload": {"data": {"viewer": {"name": "alice"}}}},
        {"id": "once", "type": "complete"},
    ]


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
