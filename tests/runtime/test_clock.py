"""The system clock's sleep: it ends at its time, at a wake, or when cancelled."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from releasegraph.runtime.clock import SystemClock
from tests.waiting import DEADLINE


async def test_a_sleep_cancelled_as_it_is_woken_is_cancelled() -> None:
    # The runtime's stop cancels its loop as the last commit wakes it: the loop must end.
    clock, wake = SystemClock(), asyncio.Event()
    sleeper = asyncio.create_task(clock.sleep_until(clock.now() + timedelta(seconds=30), wake))
    await asyncio.sleep(0)  # the sleeper waits

    wake.set()
    sleeper.cancel()

    with pytest.raises(asyncio.CancelledError):
        await sleeper


async def test_a_sleep_ends_at_a_wake() -> None:
    clock, wake = SystemClock(), asyncio.Event()
    sleeper = asyncio.create_task(clock.sleep_until(None, wake))
    await asyncio.sleep(0)

    wake.set()

    await asyncio.wait_for(sleeper, DEADLINE)
