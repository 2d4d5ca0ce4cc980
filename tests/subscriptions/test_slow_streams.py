"""A stream subscriber that reads slower than the log grows holds the server to a bounded
buffer, and once it reads again gets every event it was behind on, in order."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from unittest.mock import ANY

from strawberry.relay import from_base64
from websockets.asyncio.client import connect

from releasegraph.engine import commands
from releasegraph.events.log import events_after
from releasegraph.subscriptions.protocol import WebSocketProtocol
from tests.subscriptions.conftest import create_definition, create_release
from tests.subscriptions.wire import TRANSPORT_WS, Served, Socket
from tests.waiting import DEADLINE, poll_async

EVENTS = """
subscription($id: ID!) {
  releaseEvents(releaseId: $id) { seq kind actor at data }
}"""
SMALL_BUFFER = 4096
"""Bytes of kernel buffer on each side: the server's transport must fill up soon."""
BEHIND = 600
"""Events the subscriber falls behind by: many times what the buffers hold."""
MESSAGE = 2 * 1024
"""More bytes than any one event's message here."""


@contextlib.asynccontextmanager
async def slow_client(served: Served) -> AsyncIterator[Socket]:
    """A graphql-transport-ws client with a small receive buffer; it reads only when told."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)  # before the window
    raw.setblocking(False)
    await asyncio.get_running_loop().sock_connect(raw, ("127.0.0.1", served.port))
    # max_queue: the client stops reading its socket after a few messages it has not taken.
    async with connect(
        served.url, sock=raw, subprotocols=[TRANSPORT_WS], max_queue=4, open_timeout=DEADLINE
    ) as ws:
        yield Socket(ws)


async def test_a_subscriber_behind_the_log_holds_a_bounded_buffer_and_misses_nothing(
    served: Served, protocols: list[WebSocketProtocol]
) -> None:
    release_id = await create_release(served, await create_definition(served))
    _, raw_id = from_base64(release_id)
    async with slow_client(served) as client:
        await client.init(served.tokens["olivia"])
        (protocol,) = protocols
        server_socket = protocol.transport.get_extra_info("socket")
        server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SMALL_BUFFER)
        await client.subscribe("events", EVENTS, {"id": release_id})
        for number in range(BEHIND):
            served.runtime.execute(
                raw_id,
                commands.UpdateDraftRelease(actor="olivia", description=f"{number:x}" * 100),
            )
            await asyncio.sleep(0)  # the server's tasks run meanwhile, as they would
        await poll_async(lambda: not protocol.writable.is_set(), "the subscriber's socket is full")
        buffered = protocol.transport.get_write_buffer_size()
        high_water = protocol.transport.get_write_buffer_limits()[1]

        seqs: list[int] = []
        with served.runtime.read_session() as session:
            expected = [e.seq for e in events_after(session, 0, release_ids=[raw_id], limit=10**4)]
        while len(seqs) < len(expected):
            seqs.append((await client.next("events"))["releaseEvents"]["seq"])
        await client.round_trip()  # and nothing more came

    assert len(expected) > BEHIND
    # What waits for the subscriber on the server: its transport's buffer, up to the
    # high-water mark and one message more, however far behind it is (all BEHIND events
    # would be several times that).
    assert buffered <= high_water + MESSAGE
    assert seqs == expected


FEED = "subscription($after: Int!) { releaseEvents(after: $after) { seq release { id } } }"
NESTED_EVENTS = """
subscription($id: ID!) {
  releaseEvents(releaseId: $id) { seq data release { id version } }
}"""


async def test_a_stream_waiting_on_a_full_socket_leaves_no_stale_read_to_the_next_one(
    served: Served, protocols: list[WebSocketProtocol]
) -> None:
    """Two streams of one connection share its loaders: while the first waits for the socket
    with its event's snapshot open, the second's next event reads the state as it is."""
    definition_id = await create_definition(served)
    busy_id = await create_release(served, definition_id)
    _, raw_id = from_base64(busy_id)
    async with slow_client(served) as client:
        await client.init(served.tokens["olivia"])
        (protocol,) = protocols
        protocol.transport.get_extra_info("socket").setsockopt(
            socket.SOL_SOCKET, socket.SO_SNDBUF, SMALL_BUFFER
        )
        await client.subscribe("busy", NESTED_EVENTS, {"id": busy_id})
        for number in range(BEHIND):  # until the socket is full, and one more to wait on it
            served.runtime.execute(
                raw_id,
                commands.UpdateDraftRelease(actor="olivia", description=f"{number:x}" * 100),
            )
            await asyncio.sleep(0)
            if not protocol.writable.is_set():
                break
        served.runtime.execute(raw_id, commands.UpdateDraftRelease(actor="olivia", description="-"))
        await poll_async(lambda: not protocol.writable.is_set(), "the subscriber's socket is full")
        await client.subscribe("feed", FEED, {"after": served.runtime.bus.latest})
        newer_id = await create_release(served, definition_id)  # after the busy stream's read

        message = await client.receive()
        while message.get("id") != "feed":
            message = await client.receive()

    assert message == {
        "id": "feed",
        "type": "next",
        "payload": {"data": {"releaseEvents": {"seq": ANY, "release": {"id": newer_id}}}},
    }
