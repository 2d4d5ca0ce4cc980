"""Event latency from a commit on one replica to a subscriber of another.

A subscriber on the reading replica follows ``releaseEvents`` of one draft release over
graphql-transport-ws; the benchmark changes that release through the writing replica's API
(``updateDraftRelease``, a new description each time, so each event says which probe it is)
one probe at a time, and takes three wall-clock readings (``time.time()``; the replicas'
clock is the same one, ``datetime.now(UTC)``): just before it sends the mutation, the event's
``at`` (the writing replica's clock when it decided, before its commit), and the arrival of
the event's message at the subscriber. The commit lies between ``at`` and the mutation's
answer, so the latency from the commit is at most ``arrival - at`` and at least ``arrival -
answer`` (which may even be negative: the event can arrive before the answer does).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from scaleout_cluster import Api, Json, Replica

PROTOCOL = Subprotocol("graphql-transport-ws")
EVENTS = """
subscription Probe($id: ID!, $after: Int!) {
  releaseEvents(releaseId: $id, after: $after) { seq kind at data }
}"""


@dataclass(frozen=True, kw_only=True)
class Probe:
    sent: float
    answered: float
    at: float
    arrived: float

    @property
    def upper(self) -> float:
        """From the decision (before the commit) to the arrival."""
        return self.arrived - self.at

    @property
    def lower(self) -> float:
        """From the mutation's answer (after the commit) to the arrival."""
        return self.arrived - self.answered


@dataclass
class Probes:
    probes: list[Probe]
    lost: int
    """Probes whose event did not arrive within the timeout."""


class Subscriber:
    """One socket, one ``releaseEvents`` subscription; arrivals by the probe they carry."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.waiting: dict[str, asyncio.Future[tuple[float, float]]] = {}

    async def read(self) -> None:
        async for message in self.socket:
            arrived = time.time()
            body = json.loads(message)
            if body["type"] == "ping":
                await self.socket.send('{"type":"pong"}')
            elif body["type"] == "next":
                event = body["payload"]["data"]["releaseEvents"]
                label = str((event.get("data") or {}).get("description"))
                waiter = self.waiting.pop(label, None)
                if waiter is not None and not waiter.done():
                    at = datetime.fromisoformat(event["at"]).timestamp()
                    waiter.set_result((arrived, at))
            elif body["type"] in ("error", "complete"):
                raise RuntimeError(f"the subscription ended: {body}")


@contextlib.asynccontextmanager
async def subscribed(
    replica: Replica, token: str, release_id: str, after: int
) -> AsyncIterator[Subscriber]:
    async with connect(
        replica.ws_url, subprotocols=[PROTOCOL], compression=None, proxy=None
    ) as socket:
        init: Json = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        await socket.send(json.dumps(init))
        ack = json.loads(await socket.recv())
        if ack.get("type") != "connection_ack":
            raise RuntimeError(f"no connection_ack from {replica.name}: {ack}")
        variables = {"id": release_id, "after": after}
        payload = {"query": EVENTS, "variables": variables}
        await socket.send(json.dumps({"id": "probe", "type": "subscribe", "payload": payload}))
        subscriber = Subscriber(socket)
        reading = asyncio.create_task(subscriber.read(), name=f"subscriber on {replica.name}")
        try:
            yield subscriber
        finally:
            reading.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reading


async def probe(
    writer: Api,
    subscriber: Subscriber,
    release_id: str,
    *,
    label: str,
    interval: float,
    count: int | None = None,
    stop: asyncio.Event | None = None,
    within: float = 10.0,
) -> Probes:
    """``count`` probes, or probes until ``stop`` is set, one every ``interval`` seconds."""
    result = Probes([], 0)
    number = 0
    while (count is None or number < count) and not (stop is not None and stop.is_set()):
        number += 1
        tick = time.monotonic() + interval
        name = f"{label}-{number}"
        waiter = asyncio.get_running_loop().create_future()
        subscriber.waiting[name] = waiter
        sent = time.time()
        await writer.mutate(
            "updateDraftRelease",
            {"releaseId": release_id, "description": name},
            "... on UpdateDraftReleasePayload { release { version } }",
        )
        answered = time.time()
        try:
            async with asyncio.timeout(within):
                arrived, at = await waiter
            result.probes.append(Probe(sent=sent, answered=answered, at=at, arrived=arrived))
        except TimeoutError:
            subscriber.waiting.pop(name, None)
            result.lost += 1
        await asyncio.sleep(max(0.0, tick - time.monotonic()))
    return result


async def answer_times(replica: Replica, stop: asyncio.Event, interval: float) -> list[float]:
    """How long ``/healthz`` takes, every ``interval`` seconds until ``stop``: it touches no
    database, so its time is the time the replica's event loop takes to get to it."""
    times: list[float] = []
    async with httpx.AsyncClient(base_url=replica.base_url, timeout=60) as client:
        while not stop.is_set():
            started = time.monotonic()
            (await client.get("/healthz")).raise_for_status()
            times.append(time.monotonic() - started)
            await asyncio.sleep(interval)
    return times
