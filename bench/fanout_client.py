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

Clock readings are ``time.clock_gettime(CLOCK_MONOTONIC)``: on Linux one clock for the
whole machine, so the coordinator compares them with its own readings; unlike
``time.time()`` it never steps when the wall clock is set.
"""

from __future__ import annotations

import asyncio
import json
import re
import resource
import sys
import time
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

PROTOCOL = Subprotocol("graphql-transport-ws")
Json = dict[str, object]


def now() -> float:
    """The machine-wide clock every process of the benchmark reads."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def raise_open_files_limit() -> None:
    """As many sockets as the hard limit allows: thousands per process here."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


_VERSION = re.compile(r'"version":(\d+)')
_NEXT = re.compile(r'^\{"id":"[^"]*","type":"next",')


def version_in(text: str) -> int | None:
    """The release's ``version`` in a ``next`` message: the document asks for it once."""
    found = _VERSION.search(text)
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


@dataclass(eq=False)
class Subscriber:
    """One socket with one subscription: when each version first reached it."""

    connection: ClientConnection
    arrivals: list[tuple[int, float]] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)
    newest: int = -1
    problem: str | None = None

    @classmethod
    async def open(cls, order: Order) -> Subscriber:
        connection = await connect(
            order.url,
            subprotocols=[PROTOCOL],
            compression=order.compression,
            open_timeout=order.timeout,
            ping_interval=None,  # browsers send no pings of their own; the server does
            max_queue=4,
        )
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {order.token}"}}
        await connection.send(json.dumps(init))
        ack = json.loads(await connection.recv())
        if ack.get("type") != "connection_ack":
            raise RuntimeError(f"connection_init answered with {ack}")
        subscribe = {"query": order.query, "variables": order.variables}
        await connection.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
        subscriber = cls(connection)
        while subscriber.newest < 0:
            await subscriber.receive(str(await connection.recv()), keep=True)
        return subscriber

    async def receive(self, text: str, *, keep: bool = False) -> None:
        arrived = now()  # before parsing: the message is here
        if _NEXT.match(text):  # the server's own framing; json.loads would cost more than all else
            version = version_in(text)
            if version is None:
                raise RuntimeError(f"a payload without a version: {text[:300]}")
            self.arrivals.append((version, arrived))
            self.newest = max(self.newest, version)
            if keep:
                self.texts[version] = text
            return
        kind = json.loads(text).get("type")
        if kind == "ping":
            await self.connection.send('{"type":"pong"}')
        elif kind != "pong":
            raise RuntimeError(f"unexpected: {text[:300]}")

    async def listen(self, changed: asyncio.Event, keep: bool) -> None:
        try:
            async for text in self.connection:
                await self.receive(str(text), keep=keep)
                changed.set()
        except (ConnectionClosed, RuntimeError) as error:
            self.problem = str(error) or type(error).__name__
            changed.set()

    def first_at(self, version: int) -> float | None:
        return next((at for v, at in self.arrivals if v >= version), None)


async def open_all(order: Order) -> list[Subscriber]:
    subscribers: list[Subscriber] = []
    for start in range(0, order.count, order.batch):
        size = min(order.batch, order.count - start)
        subscribers += await asyncio.gather(*(Subscriber.open(order) for _ in range(size)))
    return subscribers


async def collect(
    subscribers: list[Subscriber], changed: asyncio.Event, version: int, within: float
) -> Json:
    """Wait until every socket has ``version`` (or the timeout); when each first had it."""
    deadline = now() + within
    while any(s.newest < version and s.problem is None for s in subscribers):
        changed.clear()
        if now() >= deadline:
            break
        try:
            await asyncio.wait_for(changed.wait(), deadline - now())
        except TimeoutError:
            break
    first = subscribers[0]
    keep = first.texts.get(first.newest) if first.newest >= version else None
    return {
        "arrivals": [s.first_at(version) for s in subscribers],
        "text": keep,
        "problems": sorted({s.problem for s in subscribers if s.problem}),
        "cpu": time.process_time(),
    }


async def close_all(subscribers: list[Subscriber], batch: int) -> None:
    for start in range(0, len(subscribers), batch):
        chunk = subscribers[start : start + batch]
        await asyncio.gather(*(s.connection.close() for s in chunk), return_exceptions=True)


async def main() -> None:
    raise_open_files_limit()
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    order = Order(**json.loads(await reader.readline()))
    started = now()
    try:
        subscribers = await asyncio.wait_for(open_all(order), order.timeout)
    except Exception as error:  # any failure ends this process with its reason
        answer({"failed": f"{type(error).__name__}: {error}"})
        return
    first = subscribers[0]
    answer(
        {"ready": now() - started, "text": first.texts[first.newest], "cpu": time.process_time()}
    )
    changed = asyncio.Event()
    # Only the first socket keeps its texts: the coordinator needs one copy of each.
    listeners = [
        loop.create_task(s.listen(changed, keep=i == 0)) for i, s in enumerate(subscribers)
    ]
    while line := await reader.readline():
        command = json.loads(line)
        if "collect" in command:
            answer(await collect(subscribers, changed, command["collect"], command["within"]))
        elif "cpu" in command:
            answer({"cpu": time.process_time()})
        elif command.get("close"):
            break
    await close_all(subscribers, order.batch)
    for listener in listeners:
        listener.cancel()
    await asyncio.gather(*listeners, return_exceptions=True)
    answer({"closed": True})


def answer(message: Json) -> None:
    print(json.dumps(message), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
