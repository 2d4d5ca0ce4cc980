"""Who may hold a websocket, and how: subprotocols, origins, the per-user cap, message size."""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import AsyncIterator

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Subprotocol

from releasegraph.app import AppSettings
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.subscriptions.conftest import (
    ALLOWED_ORIGIN,
    INIT_TIMEOUT,
    MAX_CONNECTIONS,
    MAX_SIZE,
    NEWEST_RELEASE,
    Witness,
    create_definition,
    create_release,
)
from tests.subscriptions.wire import (
    JSON,
    LEGACY_WS,
    TRANSPORT_WS,
    Served,
    Socket,
    connected,
    init_message,
    opened,
    serving,
)
from tests.waiting import poll_async

# -- subprotocols ----------------------------------------------------------------------------


@pytest.mark.parametrize("subprotocol", [LEGACY_WS, None], ids=["graphql-ws", "none"])
async def test_a_subprotocol_other_than_graphql_transport_ws_closes_with_4406(
    served: Served, witness: Witness, subprotocol: Subprotocol | None
) -> None:
    async with opened(served, subprotocol=subprotocol) as socket:
        closed = await socket.closed()

    assert closed == (4406, "Subprotocol not acceptable")
    assert socket.ws.subprotocol is None
    await witness.still_served()


@pytest.fixture
async def legacy(runtime_settings: Settings, clock: ManualClock) -> AsyncIterator[Served]:
    """A server that also speaks graphql-ws, one connection per user."""
    settings = AppSettings(legacy_graphql_ws=True, max_connections_per_user=1)
    async with serving(Runtime(runtime_settings, clock=clock), settings) as served:
        yield served


async def legacy_init(socket: Socket, token: str) -> JSON:
    await socket.send(init_message(token))
    return await socket.receive()


async def test_graphql_ws_works_when_the_legacy_protocol_is_on(legacy: Served) -> None:
    definition_id = await create_definition(legacy)
    async with opened(legacy, subprotocol=LEGACY_WS) as socket:
        acknowledged = await legacy_init(socket, legacy.tokens["victor"])
        await socket.send({"id": "1", "type": "start", "payload": {"query": NEWEST_RELEASE}})
        first = await socket.receive()
        release_id = await create_release(legacy, definition_id)
        second = await socket.receive()

    assert socket.ws.subprotocol == LEGACY_WS
    assert acknowledged == {"type": "connection_ack"}
    assert first == {"type": "data", "id": "1", "payload": {"data": {"releasesUpdated": []}}}
    assert second == {
        "type": "data",
        "id": "1",
        "payload": {"data": {"releasesUpdated": [{"id": release_id}]}},
    }


async def test_graphql_ws_refuses_a_bad_token(legacy: Served) -> None:
    async with opened(legacy, subprotocol=LEGACY_WS) as socket:
        refused = await legacy_init(socket, "not-a-token-of-anyone")
        closed = await socket.closed()

    assert refused == {
        "type": "connection_error",
        "payload": {"reason": "a valid token is required"},
    }
    assert closed == (1011, "")


async def test_a_graphql_ws_connection_not_initialised_in_time_closes_with_4408(
    runtime_settings: Settings, clock: ManualClock
) -> None:
    settings = AppSettings(legacy_graphql_ws=True, connection_init_timeout=INIT_TIMEOUT)
    runtime = Runtime(runtime_settings, clock=clock)
    async with serving(runtime, settings) as served, opened(served, subprotocol=LEGACY_WS) as ws:
        closed = await ws.closed()

    assert closed == (4408, "Connection initialisation timeout")


async def test_a_closed_graphql_ws_connection_gives_its_place_back(legacy: Served) -> None:
    async with opened(legacy, subprotocol=LEGACY_WS) as socket:
        acknowledged = await legacy_init(socket, legacy.tokens["alice"])
        async with opened(legacy, subprotocol=LEGACY_WS) as over:
            refused = await legacy_init(over, legacy.tokens["alice"])

    await place_given_back(legacy, "alice", subprotocol=LEGACY_WS)  # the cap is one
    assert acknowledged == {"type": "connection_ack"}
    assert refused == {
        "type": "connection_error",
        "payload": {"reason": "'alice' has too many connections"},
    }


async def test_a_second_graphql_ws_connection_init_is_refused_and_takes_no_place(
    legacy: Served,
) -> None:
    async with opened(legacy, subprotocol=LEGACY_WS) as socket:
        await legacy_init(socket, legacy.tokens["alice"])
        again = await legacy_init(socket, legacy.tokens["alice"])
        closed = await socket.closed()

    await place_given_back(legacy, "alice", subprotocol=LEGACY_WS)
    assert again == {
        "type": "connection_error",
        "payload": {"reason": "the connection is initialised already"},
    }
    assert closed == (1011, "")


async def test_graphql_ws_keeps_the_connection_alive_at_the_ping_interval(
    runtime_settings: Settings, clock: ManualClock
) -> None:
    settings = AppSettings(legacy_graphql_ws=True, ping_interval=0.2)
    runtime = Runtime(runtime_settings, clock=clock)
    async with serving(runtime, settings) as served, opened(served, subprotocol=LEGACY_WS) as ws:
        await legacy_init(ws, served.tokens["alice"])
        pings = await ws.keepalives(3)

    gaps = [b - a for a, b in itertools.pairwise(pings)]
    assert all(0.15 <= gap < 1.0 for gap in gaps), gaps


# -- origins ---------------------------------------------------------------------------------


async def test_a_page_of_an_origin_not_allowed_is_refused_at_the_handshake(
    served: Served, witness: Witness
) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with opened(served, origin="https://evil.example"):
            pass

    assert refused.value.response.status_code == 403
    await witness.still_served()


async def test_a_refused_origin_is_logged_with_the_setting_that_allows_it(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(InvalidStatus), caplog.at_level(logging.WARNING):
        async with opened(served, origin="https://evil.example"):
            pass

    assert [(r.name, r.getMessage()) for r in caplog.records if r.name != "uvicorn.error"] == [
        (
            "releasegraph.app",
            "refused a websocket from a page of 'https://evil.example'; if pages of that origin"
            " should connect, allow it with --allowed-origin ORIGIN"
            " or RELEASEGRAPH_ALLOWED_ORIGIN=ORIGIN",
        )
    ]


@pytest.mark.parametrize(
    "origin", [ALLOWED_ORIGIN, None, "http://127.0.0.1:{port}"], ids=["allowed", "none", "same"]
)
async def test_an_allowed_origin_the_same_origin_and_no_origin_are_accepted(
    served: Served, origin: str | None
) -> None:
    origin = None if origin is None else origin.format(port=served.port)
    async with opened(served, origin=origin) as socket:
        await socket.init(served.tokens["alice"])
        await socket.subscribe("newest", NEWEST_RELEASE)

        assert await socket.next("newest") == {"releasesUpdated": []}


# -- the per-user cap --------------------------------------------------------------------------


async def test_the_connection_over_the_cap_closes_with_4403_and_a_closed_one_frees_a_place(
    served: Served, witness: Witness
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        sockets = [
            await stack.enter_async_context(connected(served, "bob"))
            for _ in range(MAX_CONNECTIONS)
        ]
        async with opened(served) as over:
            await over.send({"type": "connection_init", "payload": {"token": served.tokens["bob"]}})
            refused = await over.closed()
        async with connected(served, "alice") as other_user:  # the cap is per user
            await other_user.round_trip()

        await sockets[0].ws.close()
        await place_given_back(served, "bob")
        for socket in sockets[1:]:
            await socket.round_trip()

    assert refused == (4403, "Forbidden")
    await witness.still_served()


async def place_given_back(
    served: Served, user: str, *, subprotocol: Subprotocol = TRANSPORT_WS
) -> None:
    """New connections of ``user`` until one is acknowledged, within the deadline: the server
    gives a closed connection's place back a moment after the client has seen the close."""

    async def acknowledged() -> bool:
        async with opened(served, subprotocol=subprotocol) as socket:
            await socket.send(init_message(served.tokens[user]))
            with contextlib.suppress(ConnectionClosed):
                kind: str = (await socket.receive())["type"]
                return kind == "connection_ack"
        return False

    await poll_async(acknowledged, f"a place for {user}")


# -- message size ----------------------------------------------------------------------------


async def test_a_message_over_the_size_limit_closes_with_1009(
    served: Served, witness: Witness
) -> None:
    async with connected(served, "alice") as socket:
        query = "subscription { releaseEvents { seq } }" + " " * MAX_SIZE
        await socket.subscribe("large", query)

        code, _ = await socket.closed()

    assert code == 1009
    await witness.still_served()


async def test_a_message_under_the_size_limit_is_served(served: Served) -> None:
    async with connected(served, "alice") as socket:
        query = NEWEST_RELEASE + " " * (MAX_SIZE - 200)
        await socket.subscribe("large", query)

        assert await socket.next("large") == {"releasesUpdated": []}
