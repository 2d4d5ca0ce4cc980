"""The bus: wakes subscribers when new events are in the log; the rows stay in the database.

A wake-up carries only the newest sequence number. Subscribers then read the
events themselves, from the log, after the last one they saw: so a lost or
coalesced wake-up costs nothing but a moment, and no event can be missed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Protocol


class Waiter(Protocol):
    async def wait(self, after: int) -> int:
        """Return the newest sequence number once it is past ``after``."""


class Bus(Protocol):
    @property
    def latest(self) -> int: ...

    def publish(self, seq: int) -> None: ...

    def subscribe(self) -> contextlib.AbstractAsyncContextManager[Waiter]: ...


class _MemoryWaiter:
    def __init__(self, bus: MemoryBus) -> None:
        self._bus = bus
        self._woken = asyncio.Event()

    async def wait(self, after: int) -> int:
        while self._bus.latest <= after:
            self._woken.clear()
            await self._woken.wait()
        return self._bus.latest

    def wake(self) -> None:
        self._woken.set()


class MemoryBus:
    """One process: publishing sets every subscriber's event."""

    def __init__(self, latest: int = 0) -> None:
        self._latest = latest
        self._waiters: set[_MemoryWaiter] = set()

    @property
    def latest(self) -> int:
        return self._latest

    def publish(self, seq: int) -> None:
        if seq <= self._latest:
            return
        self._latest = seq
        for waiter in self._waiters:
            waiter.wake()

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[Waiter]:
        waiter = _MemoryWaiter(self)
        self._waiters.add(waiter)
        try:
            yield waiter
        finally:
            self._waiters.discard(waiter)

    @property
    def subscribers(self) -> int:
        return len(self._waiters)
