"""The only place that knows what time it is; tests replace it with ``ManualClock``."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    async def sleep_until(self, when: datetime | None, wake: asyncio.Event) -> None:
        """Return at ``when`` (never, if None) or as soon as ``wake`` is set."""


async def _wait(wake: asyncio.Event, seconds: float | None) -> None:
    # Not asyncio.wait_for: on Python 3.11 it swallows a cancellation that comes as the wake
    # is set, and the runtime's stop would then wait for its loop forever.
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await wake.wait()


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep_until(self, when: datetime | None, wake: asyncio.Event) -> None:
        seconds = None if when is None else max(0.0, (when - self.now()).total_seconds())
        await _wait(wake, seconds)


class ManualClock:
    """Time that moves only when a test moves it; sleepers wake when it does."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 1, tzinfo=UTC)
        self._sleepers: set[asyncio.Event] = set()

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> datetime:
        self._now += timedelta(seconds=seconds)
        for wake in self._sleepers:
            wake.set()
        return self._now

    async def sleep_until(self, when: datetime | None, wake: asyncio.Event) -> None:
        if when is not None and when <= self._now:
            return
        self._sleepers.add(wake)
        try:
            await wake.wait()
        finally:
            self._sleepers.discard(wake)
