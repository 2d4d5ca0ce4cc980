"""Shared payloads are encoded once and written at once where a socket takes them; a socket
that cannot gets them from its subscriber's own task, the newest only."""

from __future__ import annotations

import asyncio
import json

import pytest
from websockets.frames import Frame, Opcode

from releasegraph.subscriptions.fanout import Member
from releasegraph.subscriptions.handler import TransportHandler
from releasegraph.subscriptions.protocol import WebSocketProtocol, text_frame_header
from tests.subscriptions.conftest import create_definition, create_release
from tests.subscriptions.test_fanout import RELEASE_UPDATED, UPDATE_DRAFT, sockets
from tests.subscriptions.wire import JSON, Served
from tests.waiting import DEADLINE, poll_async


def unframed(frame: bytes) -> JSON:
    start = 2 if frame[1] < 126 else 4
    message: JSON = json.loads(frame[start:])
    return message


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The frames written at once, not through ``websocket.send``."""
    frames: list[bytes] = []
    write_now = WebSocketProtocol.write_now

    def write(self: WebSocketProtocol, frame: bytes) -> bool:
        taken = write_now(self, frame)
        if taken:
            frames.append(frame)
        return taken

    monkeypatch.setattr(WebSocketProtocol, "write_now", write)
    return frames


def test_a_text_frame_is_what_websockets_frames() -> None:
    for size in (0, 125, 126, 65535, 65536):
        text = "é" * (size // 2) + "a" * (size % 2)
        data = text.encode()
        expected = Frame(Opcode.TEXT, data).serialize(mask=False, extensions=[])
        assert text_frame_header(len(data)) + data == expected


async def test_a_change_is_written_at_once_to_every_socket(
    served: Served, written: list[bytes]
) -> None:
    release_id = await create_release(served, await create_definition(served))
    async with sockets(served, "alice", "alice") as two:
        for socket in two:
            await socket.subscribe("release", RELEASE_UPDATED, {"id": release_id})
            await socket.next("release")
        written.clear()  # the first snapshot too, for the socket that was there when it came
        await served.data(UPDATE_DRAFT, {"id": release_id, "description": "v2"}, as_user="olivia")
        received = [await socket.next("release") for socket in two]

    assert len(written) == 2
    assert written[0] == written[1]  # both subscribed with the id "release"
    message = {"id": "release", "type": "next", "payload": {"data": received[0]}}
    assert unframed(written[0]) == message
    assert received[0] == received[1]


async def test_a_socket_that_cannot_take_a_change_at_once_gets_it_once_it_can(
    served: Served, protocols: list[WebSocketProtocol], written: list[bytes]
) -> None:
    release_id = await create_release(served, await create_definition(served))
    async with sockets(served, "alice") as (socket,):
        await socket.subscribe("release", RELEASE_UPDATED, {"id": release_id})
        await socket.next("release")
        (protocol,) = protocols
        written.clear()
        protocol.pause_writing()  # as asyncio does when its write buffer is full
        await served.data(UPDATE_DRAFT, {"id": release_id, "description": "v2"}, as_user="olivia")
        await poll_async(lambda: sending(served), "the member's task waits for the socket")
        assert written == []
        protocol.resume_writing()
        updated = await socket.next("release")
        await socket.round_trip()

    assert updated["releaseUpdated"]["description"] == "v2"
    assert written == []


async def test_nothing_is_written_for_a_subscription_the_client_completed(
    served: Served, written: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: a change is fanned out after the client's ``complete`` took the operation
    away but before its cancelled task left the group; the id may already be reused."""
    release_id = await create_release(served, await create_definition(served))
    cleanup = TransportHandler.cleanup_operation
    offered: list[Member] = []

    async def complete_then_fan_out(self: TransportHandler, operation_id: str) -> None:
        members = [m for g in served.view.fanout._groups.values() for m in g.members]
        await cleanup(self, operation_id)
        for member in members if not offered else []:  # the client's complete, not the close
            payload = '{"data":{"releaseUpdated":null}}'
            member.offer(payload, payload.encode())
            offered.append(member)

    monkeypatch.setattr(TransportHandler, "cleanup_operation", complete_then_fan_out)
    async with sockets(served, "alice") as (socket,):
        await socket.subscribe("release", RELEASE_UPDATED, {"id": release_id})
        await socket.next("release")
        written.clear()
        await socket.send({"id": "release", "type": "complete"})
        await socket.subscribe("release", RELEASE_UPDATED, {"id": release_id})
        again = await socket.next("release")

    assert len(offered) == 1
    assert again["releaseUpdated"] is not None  # the new subscription's own first result
    assert all(b'releaseUpdated":null' not in frame for frame in written)


def sending(served: Served) -> bool:
    """Whether some member's own task is sending (waiting for its socket)."""
    return any(m._sending for g in served.view.fanout._groups.values() for m in g.members)


async def test_a_member_busy_sending_gets_only_the_newest_of_what_came_meanwhile() -> None:
    sent: list[str] = []
    socket_free = asyncio.Event()

    async def send(payload: str) -> None:
        sent.append(payload)
        await socket_free.wait()

    member = Member(send, send_now=lambda payload: False)
    task = asyncio.create_task(member.deliver())
    member.offer("1", b"1")
    await poll_async(lambda: sent == ["1"], "the member's task sends the first")
    member.offer("2", b"2")
    member.offer("3", b"3")
    member.end()
    socket_free.set()
    await asyncio.wait_for(task, DEADLINE)

    assert sent == ["1", "3"]


async def test_a_member_whose_socket_takes_payloads_gets_them_at_once_and_in_order() -> None:
    written: list[bytes] = []

    async def send(payload: str) -> None:
        raise AssertionError("nothing is left for the member's task")

    def send_now(payload: bytes) -> bool:
        written.append(payload)
        return True

    member = Member(send, send_now)
    member.offer("1", b"1")
    member.offer("é", "é".encode())

    assert written == [b"1", "é".encode()]


async def test_a_detached_member_writes_nothing_at_once() -> None:
    sent: list[str] = []

    async def send(payload: str) -> None:
        sent.append(payload)

    def send_now(payload: bytes) -> bool:
        raise AssertionError("the client completed it: nothing is written at once")

    member = Member(send, send_now)
    member.detach()
    member.offer("1", b"1")

    assert member._latest == "1"  # left to its task, which the completion cancels
    assert sent == []
