"""The in-memory bus: a wake-up reaches every subscriber, and none is lost or stale."""

from __future__ import annotations

import asyncio

from releasegraph.events.bus import MemoryBus
from tests.waiting import DEADLINE


async def test_a_publish_wakes_every_subscriber_with_the_newest_number() -> None:
    bus = MemoryBus()
    async with bus.subscribe() as first, bus.subscribe() as second:
        waits = [asyncio.create_task(w.wait(0)) for w in (first, second)]
        await asyncio.sleep(0)

        bus.publish(3)
        bus.publish(5)

        assert await asyncio.wait_for(asyncio.gather(*waits), DEADLINE) == [5, 5]


async def test_a_wait_for_what_was_already_published_returns_at_once() -> None:
    bus = MemoryBus()
    bus.publish(7)
    async with bus.subscribe() as waiter:
        assert await asyncio.wait_for(waiter.wait(6), DEADLINE) == 7


async def test_an_older_number_does_not_move_the_bus_back() -> None:
    bus = MemoryBus(latest=10)

    bus.publish(4)

    assert bus.latest == 10


async def test_leaving_unsubscribes() -> None:
    bus = MemoryBus()
    async with bus.subscribe():
        assert bus.subscribers == 1
    assert bus.subscribers == 0
