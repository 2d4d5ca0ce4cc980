"""Wake-ups between processes on PostgreSQL: ``NOTIFY`` on commit, ``LISTEN`` in each replica.

A notification carries only a number, as the in-process bus does (``bus.py``): the events
and log lines stay in their tables, and every replica reads them itself. Nothing depends on a
notification arriving: followers also look every ``poll_interval``, and after a lost
connection the listener connects again, listens again and wakes everyone to catch up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from releasegraph.events.bus import Bus

log = logging.getLogger(__name__)

EVENTS = "releasegraph_events"
"""Its payload: the newest event's sequence number."""
LOGS = "releasegraph_logs"
"""Its payload: the task whose log grew."""
CHANNELS = (EVENTS, LOGS)


def notify(session: Session, channel: str, payload: str) -> None:
    """Say ``payload`` to every listening replica when this transaction commits (PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.select(sa.func.pg_notify(channel, payload)))


class Listener:
    """One process's ``LISTEN`` connection, kept open; it wakes the process's buses."""

    FIRST_RETRY = 0.2
    LAST_RETRY = 5.0

    def __init__(self, engine: Engine, *, events: Bus, logs: Bus, head: Callable[[], int]) -> None:
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._events = events
        self._logs = logs
        self._head = head
        """The newest event's number, read from the database (catching up after a gap)."""
        self.connected = asyncio.Event()

    async def run(self) -> None:
        """Listen for ever: reconnect after any failure, with growing pauses."""
        retry = self.FIRST_RETRY
        while True:
            try:
                await self._listen()
            except (psycopg.Error, sa.exc.SQLAlchemyError, OSError) as error:
                if self.connected.is_set():  # it had been listening: a new loss, a short pause
                    retry = self.FIRST_RETRY
                self.connected.clear()
                log.warning("LISTEN connection lost (%s); again in %.1f s", error, retry)
                await asyncio.sleep(retry)
                retry = min(retry * 2, self.LAST_RETRY)

    async def _listen(self) -> None:
        async with await psycopg.AsyncConnection.connect(self._dsn, autocommit=True) as conn:
            for channel in CHANNELS:
                await conn.execute(f"LISTEN {channel}")
            # What was committed while nobody listened: followers read it now.
            self._catch_up()
            self.connected.set()
            async for note in conn.notifies():
                if note.channel == EVENTS:
                    self._events.publish(int(note.payload))
                else:
                    self._logs.publish(self._logs.latest + 1)

    def _catch_up(self) -> None:
        self._events.publish(self._head())
        self._logs.publish(self._logs.latest + 1)
