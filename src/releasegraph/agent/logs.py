"""A job's output on its way to the server: batched, bounded, sent again until stored.

Lines go in batches of at most ``BATCH`` lines, at most ``DELAY`` seconds after they were
written, so ``taskLog`` subscribers see them within a second. A batch the server did not
answer is sent again from the first line it has not stored (``firstLine``); the server
stores each line once. While the server cannot be reached, up to ``BUFFER`` lines wait
here; past that the script's output is no longer read (it waits on its pipe) until they
are sent: nothing is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib

from releasegraph.agent.client import APPEND, Api

BATCH = 500
DELAY = 0.2
BUFFER = 50_000


class LogShipper:
    def __init__(self, api: Api, lease: dict[str, object]) -> None:
        self.api = api
        self.lease = lease
        self.pending: list[tuple[str, str]] = []
        """Lines not yet stored by the server, from line number ``stored``."""
        self.stored = 0
        self._wake = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()
        self._closing = False
        self._task = asyncio.create_task(self._ship())

    def add(self, stream: str, text: str) -> None:
        self.pending.append((stream, text))
        if len(self.pending) >= BATCH:
            self._wake.set()
        if len(self.pending) >= BUFFER:
            self._room.clear()

    async def room(self) -> None:
        """Return once the buffer has room: the script's output may be read on."""
        await self._room.wait()

    async def close(self) -> None:
        """Send every line left; raises what stopped the sending (``STALE_LEASE``)."""
        self._closing = True
        self._wake.set()
        await self._task

    def stop(self) -> None:
        self._task.cancel()

    async def _ship(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(DELAY):
                    await self._wake.wait()
            self._wake.clear()
            await self._send()
            if self._closing and not self.pending:
                return

    async def _send(self) -> None:
        """Send the full batches pending, and what is left in one batch: more lines wait
        for the next turn (``DELAY``), so steady output goes in few requests."""
        while self.pending:
            batch = self.pending[:BATCH]
            lines = [{"stream": stream, "text": text} for stream, text in batch]
            variables = {"input": {**self.lease, "firstLine": self.stored, "lines": lines}}
            payload = await self.api.persist(APPEND, "appendJobLog", variables)
            stored = int(payload["nextLine"])
            del self.pending[: stored - self.stored]
            self.stored = stored
            if len(self.pending) < BUFFER:
                self._room.set()
            if len(batch) < BATCH and not self._closing:
                return
