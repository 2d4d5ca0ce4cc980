"""A stream subscriber that reads slower than the log grows holds the server to a bounded
buffer, and once it reads again gets every event it was behind on, in order."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

from strawberry.relay import from_base64
from websockets.asyncio.client import connect

from releasegraph.engine import commands
from releasegraph.events.log import events_after
from releasegraph.subscriptions.protocol import WebSocketProtocol
from tests.subscriptions.conftest import create_definition, create_release
from tests.subscriptions.test_fanout import until
from tests.subscriptions.wire import DEADLINE, TRANSPORT_WS, Served, Socket

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
        await until(lambda: not protocol.writable.is_set(), "the subscriber's socket is full")
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
