"""Following the event log live: what subscriptions are made of."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Collection

from releasegraph.events.log import events_after, last_seq, log_lines_after
from releasegraph.models import Event, TaskLogLine
from releasegraph.runtime.service import Runtime

BATCH = 500


async def follow(
    runtime: Runtime, after: int, *, release_ids: Collection[str] | None = None
) -> AsyncGenerator[list[Event], None]:
    """Batches of events after ``after``, in order, for ever: none missed, none twice.

    The bus only wakes us; the events come from the log. A wake-up that does not
    come (another process committed) is made up for by looking every
    ``poll_interval`` seconds.
    """
    async with runtime.bus.subscribe() as waiter:
        while True:
            with runtime.read_session() as session:
                events = events_after(session, after, release_ids=release_ids, limit=BATCH)
                head = last_seq(session) if not events else events[-1].seq
            if events:
                after = events[-1].seq
                yield events
                continue
            after = max(after, head)  # read in the same snapshot as the (empty) batch
            # Not asyncio.wait_for: on Python 3.11 it swallows a cancellation that comes as
            # the wake does, and a completed subscription would go on (runtime/clock.py).
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(runtime.settings.poll_interval):
                    await waiter.wait(after)


async def changed(
    runtime: Runtime, after: int, *, release_ids: Collection[str] | None = None
) -> int:
    """Wait until the log has an event after ``after`` (of these releases); its number."""
    async with contextlib.aclosing(follow(runtime, after, release_ids=release_ids)) as batches:
        async for batch in batches:
            return batch[-1].seq
    raise AssertionError("follow() never ends")


async def follow_log(
    runtime: Runtime, task_id: str, after_line: int
) -> AsyncIterator[list[TaskLogLine]]:
    """Log lines of a task after ``after_line``, as they are written."""
    async with runtime.log_bus.subscribe() as waiter:
        seen = runtime.log_bus.latest
        while True:
            with runtime.read_session() as session:
                lines = log_lines_after(session, task_id, after_line)
            if lines:
                after_line = lines[-1].line
                yield lines
                continue
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(runtime.settings.poll_interval):
                    seen = await waiter.wait(seen)
