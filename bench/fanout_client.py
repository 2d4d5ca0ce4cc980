"""One client process of ``bench/fanout.py``: many graphql-transport-ws subscribers.

``fanout.py`` starts it; it is not run by hand. Its orders come as JSON lines on stdin,
its answers go as JSON lines on stdout:

- first line: an ``Order`` (server, token, document, how many sockets); it connects
  them in batches, subscribes each, and answers ``{"ready": ...}`` once every socket has
  the initial snapshot (or ``{"failed": ...}``);
- ``{"collect": VERSION, "within": SECONDS}``: when each socket first received a
  payload of that version or newer, as a clock reading (None: not within SECONDS);
- ``{"cpu": true}``: this process's CPU seconds so far;
- ``{"close": true}``: close every socket and exit.

A socket is an asyncio protocol of its own, lean so that the figures are the server's and
not this process's: ``websockets``' Sans-I/O protocol makes the opening handshake (and the
compression it negotiates) and frames what the client sends, while what the server sends
is read with a minimal frame parser into one buffer shared by every socket. A message's
arrival is the clock reading taken as the bytes holding its first byte were read, before
any parsing; a ``next`` message counts as the version it carries (``"version":N``).

While an event is collected, the process reads its sockets with an epoll of its own and
nothing else (``Reader``), not through the event loop: the clients share the machine's
cores with the server, and asyncio's dispatch of each read (a handle, a callback, the
transport) would cost them more than the read itself. What is read goes to the same
protocol objects, and any pong they answer is written through their transports.

Clock readings are ``time.clock_gettime(CLOCK_MONOTONIC)``: on Linux one clock for the
whole machine, so the coordinator compares them with its own readings; unlike
``time.time()`` it never steps when the wall clock is set.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import select
import sys
import time
import uuid
from dataclasses import dataclass

from websockets.client import ClientProtocol
from websockets.extensions.permessage_deflate import enable_client_permessage_deflate
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.typing import Subprotocol
from websockets.uri import parse_uri

PROTOCOL = Subprotocol("graphql-transport-ws")
Json = dict[str, object]
_READ_SIZE = 2**16
_HEAD_END = b"\r\n\r\n"
_WHOLE_TEXT = 0x81
"""FIN and the text opcode: a message in one frame, not compressed."""


def now() -> float:
    """The machine-wide clock every process of the benchmark reads."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def raise_open_files_limit() -> None:
    """As many sockets as the hard limit allows: thousands per process here."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


_VERSION = re.compile(rb'"version":(\d+)')
_NEXT = re.compile(rb'\{"id":"[^"]*","type":"next",')


def version_in(text: str) -> int | None:
    """The release's ``version`` in a ``next`` message: the document asks for it once."""
    found = _VERSION.search(text.encode())
    return int(found.group(1)) if found else None


@dataclass(kw_only=True)
class Order:
    url: str
    token: str
    query: str
    variables: Json
    count: int
    batch: int
    compression: str | None
    timeout: float


@dataclass
class Tally:
    """How many sockets still lack the version being collected."""

    version: int = 0
    missing: int = 0

    def settled(self) -> None:
        self.missing -= 1


class Subscriber(asyncio.BufferedProtocol):
    """One socket with one subscription: when each version first reached it."""

    scratch = memoryview(bytearray(_READ_SIZE))
    """Where every socket of the process reads into: each read is parsed before the next."""

    def __init__(self, order: Order, tally: Tally, *, keep: bool) -> None:
        extensions = enable_client_permessage_deflate(None) if order.compression else None
        self.protocol = ClientProtocol(
            parse_uri(order.url), subprotocols=[PROTOCOL], extensions=extensions, max_size=None
        )
        self.order = order
        self.tally = tally
        self.keep = keep
        self.transport: asyncio.Transport | None = None
        self.subscribed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.head: bytes | None = b""
        """The handshake response read so far; None once it is complete."""
        self.buffer = bytearray()
        self.begun = 0.0
        """When the first byte in ``buffer`` arrived."""
        self.fragments: list[Frame] = []
        self.arrivals: list[tuple[int, float]] = []
        self.texts: dict[int, str] = {}
        self.newest = -1
        self.problem: str | None = None

    # -- asyncio's side --

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.protocol.send_request(self.protocol.connect())
        self._flush()

    def get_buffer(self, sizehint: int) -> memoryview:
        return self.scratch

    def buffer_updated(self, nbytes: int) -> None:
        arrived = now()  # before parsing: these bytes are here
        data: bytes | memoryview = self.scratch[:nbytes]
        try:
            if self.head is not None:
                data = self._handshake(bytes(data))
            if not self.buffer:
                self.begun = arrived
            self.buffer += data
            while (frame := self._frame()) is not None:
                self._receive(*frame, self.begun)
                self.begun = arrived  # what is left came with these bytes
        except RuntimeError as error:
            self._fail(str(error))

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(f"connection lost: {exc}" if exc else "connection closed")

    # -- the websocket --

    def _handshake(self, data: bytes) -> bytes:
        """Hands the response to ``websockets``; returns what came after it (frames)."""
        assert self.head is not None
        head = self.head + data
        end = head.find(_HEAD_END)
        if end < 0:
            self.head = head
            return b""
        self.head = None
        self.protocol.receive_data(head[: end + len(_HEAD_END)])
        events = self.protocol.events_received()
        if self.protocol.handshake_exc is not None or not isinstance(events[0], Response):
            raise RuntimeError(f"handshake failed: {self.protocol.handshake_exc}")
        init: Json = {
            "type": "connection_init",
            "payload": {"authorization": f"Bearer {self.order.token}"},
        }
        self._send(init)
        return head[end + len(_HEAD_END) :]

    def _frame(self) -> tuple[int, bytes] | None:
        """The next whole frame in ``buffer`` (servers do not mask), taken out of it: its
        first byte (FIN, RSV1, opcode) and its payload."""
        buffer = self.buffer
        if len(buffer) < 2:
            return None
        size, start = buffer[1] & 0x7F, 2
        if size == 126:
            size, start = int.from_bytes(buffer[2:4]), 4
        elif size == 127:
            size, start = int.from_bytes(buffer[2:10]), 10
        end = start + size
        if len(buffer) < end:
            return None
        first, data = buffer[0], bytes(buffer[start:end])
        del buffer[:end]
        return first, data

    def _receive(self, first: int, data: bytes, arrived: float) -> None:
        if first == _WHOLE_TEXT and not self.protocol.extensions:  # nearly every message
            self._message(data, arrived)
            return
        frame = Frame(Opcode(first & 0x0F), data, fin=bool(first & 0x80), rsv1=bool(first & 0x40))
        for extension in reversed(self.protocol.extensions):
            frame = extension.decode(frame)
        if frame.opcode is Opcode.PING:
            self.protocol.send_pong(frame.data)
            self._flush()
        elif frame.opcode is Opcode.CLOSE:
            raise RuntimeError(
                f"closed by the server: {bytes(frame.data[2:]).decode(errors='replace')}"
            )
        elif frame.opcode is not Opcode.PONG:
            self.fragments.append(frame)
            if frame.fin:
                message = b"".join(bytes(f.data) for f in self.fragments)
                self.fragments = []
                self._message(message, arrived)

    def _message(self, data: bytes, arrived: float) -> None:
        if _NEXT.match(data):  # the server's own framing; json.loads would cost more than all else
            found = _VERSION.search(data)
            if found is None:
                raise RuntimeError(f"a payload without a version: {data[:300]!r}")
            self._arrived(int(found.group(1)), arrived, data)
            return
        kind = json.loads(data).get("type")
        if kind == "ping":
            self._send({"type": "pong"})
        elif kind == "connection_ack":
            payload = {"query": self.order.query, "variables": self.order.variables}
            # An id of its own, as the graphql-ws client gives (a UUID): no two sockets'
            # messages are the same bytes.
            self._send({"id": str(uuid.uuid4()), "type": "subscribe", "payload": payload})
        elif kind != "pong":
            raise RuntimeError(f"unexpected: {data[:300]!r}")

    def _arrived(self, version: int, arrived: float, data: bytes) -> None:
        self.arrivals.append((version, arrived))
        if self.keep:
            self.texts[version] = data.decode()
        if version > self.newest:
            waiting = self.newest < self.tally.version
            self.newest = version
            if waiting and version >= self.tally.version and self.problem is None:
                self.tally.settled()
        if not self.subscribed.done():
            self.subscribed.set_result(None)

    def _fail(self, problem: str) -> None:
        if self.problem is not None:
            return
        self.problem = problem
        if self.newest < self.tally.version:
            self.tally.settled()
        if not self.subscribed.done():
            self.subscribed.set_exception(RuntimeError(problem))
        if self.transport is not None:
            self.transport.abort()

    def _send(self, message: Json) -> None:
        self.protocol.send_text(json.dumps(message).encode())
        self._flush()

    def _flush(self) -> None:
        assert self.transport is not None
        self.transport.write(b"".join(self.protocol.data_to_send()))

    def close(self) -> None:
        if self.problem is None and self.transport is not None:
            self.protocol.send_close()
            self._flush()
            self.transport.close()

    def first_at(self, version: int) -> float | None:
        return next((at for v, at in self.arrivals if v >= version), None)


async def open_all(order: Order, tally: Tally) -> list[Subscriber]:
    loop = asyncio.get_running_loop()
    uri = parse_uri(order.url)
    subscribers: list[Subscriber] = []
    for start in range(0, order.count, order.batch):
        batch = [
            Subscriber(order, tally, keep=start + i == 0)
            for i in range(min(order.batch, order.count - start))
        ]
        await asyncio.gather(
            *(_connect(loop, subscriber, uri.host, uri.port) for subscriber in batch)
        )
        await asyncio.gather(*(s.subscribed for s in batch))
        subscribers += batch
    return subscribers


async def _connect(
    loop: asyncio.AbstractEventLoop, subscriber: Subscriber, host: str, port: int
) -> None:
    await loop.create_connection(lambda: subscriber, host, port)


class Reader:
    """Every socket of the process in an epoll of its own, read without the event loop."""

    def __init__(self, subscribers: list[Subscriber]) -> None:
        self.poller = select.epoll()
        self.by_fd: dict[int, Subscriber] = {}
        for subscriber in subscribers:
            assert subscriber.transport is not None
            fd = subscriber.transport.get_extra_info("socket").fileno()
            self.poller.register(fd, select.EPOLLIN)
            self.by_fd[fd] = subscriber

    def until(self, tally: Tally, deadline: float) -> None:
        """Reads what arrives until no socket lacks the version, or the deadline. The event
        loop does not run meanwhile: its transports only see less to read when it does."""
        scratch = (Subscriber.scratch,)
        while tally.missing and (left := deadline - now()) > 0:
            for fd, _ in self.poller.poll(left):
                subscriber = self.by_fd[fd]
                try:
                    read = os.readv(fd, scratch)
                except BlockingIOError:
                    continue
                except OSError as error:
                    self._drop(fd, f"read failed: {error}")
                    continue
                if read:
                    subscriber.buffer_updated(read)
                else:
                    self._drop(fd, "connection closed")

    def _drop(self, fd: int, problem: str) -> None:
        self.poller.unregister(fd)
        self.by_fd.pop(fd)._fail(problem)


def collect(
    subscribers: list[Subscriber], reader: Reader, tally: Tally, version: int, within: float
) -> Json:
    """Wait until every socket has ``version`` (or the timeout); when each first had it."""
    tally.version = version
    tally.missing = sum(s.newest < version and s.problem is None for s in subscribers)
    reader.until(tally, now() + within)
    first = subscribers[0]
    keep = first.texts.get(first.newest) if first.newest >= version else None
    return {
        "arrivals": [s.first_at(version) for s in subscribers],
        "text": keep,
        "problems": sorted({s.problem for s in subscribers if s.problem}),
        "cpu": time.process_time(),
    }


async def main() -> None:
    raise_open_files_limit()
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    order = Order(**json.loads(await reader.readline()))
    started = now()
    tally = Tally()
    try:
        subscribers = await asyncio.wait_for(open_all(order, tally), order.timeout)
    except Exception as error:  # any failure ends this process with its reason
        answer({"failed": f"{type(error).__name__}: {error}"})
        return
    first = subscribers[0]
    sockets = Reader(subscribers)
    answer(
        {"ready": now() - started, "text": first.texts[first.newest], "cpu": time.process_time()}
    )
    while line := await reader.readline():
        command = json.loads(line)
        if "collect" in command:
            answer(collect(subscribers, sockets, tally, command["collect"], command["within"]))
        elif "cpu" in command:
            answer({"cpu": time.process_time()})
        elif command.get("close"):
            break
    for subscriber in subscribers:
        subscriber.close()
    answer({"closed": True})


def answer(message: Json) -> None:
    print(json.dumps(message), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
