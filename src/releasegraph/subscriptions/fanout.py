"""Identical snapshot subscriptions, executed once and fanned out as bytes.

Subscribers with the same document, variables and permission scope join one
``Group``: its single execution yields a result per change, serialized and encoded once, and
the group's task writes it to each member's socket at once (``SendNow``) when the socket
takes it without waiting, as nearly all do. Otherwise the subscriber's own task sends it,
and until that is done the member keeps only the latest payload it has not sent yet. A slow
subscriber thus gets the newest state, never a stale one, holds no more than one payload,
and holds up no other subscriber.

The group's loop over its members is the hot path of a change seen by thousands: each
member is one small object (slots) that reaches its socket's writer directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field

from graphql import GraphQLFormattedError

log = logging.getLogger(__name__)

GroupKey = tuple[str, str, str | None, str]
"""(document, variables as canonical JSON, operation name, permission scope)."""

Results = Callable[[], Awaitable[AsyncGenerator[str, None] | list[GraphQLFormattedError]]]
"""Starts the execution: serialized payloads, or the errors that stopped it before it began."""


def group_key(
    query: str, variables: dict[str, object] | None, operation_name: str | None, scope: str
) -> GroupKey:
    return (query, json.dumps(variables or {}, sort_keys=True), operation_name, scope)


Send = Callable[[str], Awaitable[None]]
"""Sends a payload to one subscriber, waiting for its socket if need be."""

SendNow = Callable[[bytes], bool]
"""Writes a payload (UTF-8) to one subscriber if its socket takes it at once; else False."""

YIELD_EVERY = 500
"""Members served between two turns of the event loop, so that a large group does not
keep everything else (requests, pings) waiting while it fans a payload out."""


@dataclass(eq=False, slots=True)
class Member:
    """One subscriber: how to reach it, what is left for its own task, how the group ended."""

    send: Send
    send_now: SendNow | None = None
    """None once the client completed the subscription: its id may already name another."""
    errors: list[GraphQLFormattedError] | None = None
    ended: bool = False
    _latest: str | None = None
    """The newest payload its task is to send."""
    _sending: bool = False
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def offer(self, payload: str, encoded: bytes) -> None:
        """Writes ``payload`` (``encoded``: its UTF-8) now if nothing is in the way, else
        leaves it to the task."""
        if (
            self._sending
            or self._latest is not None
            or self.send_now is None
            or not self.send_now(encoded)
        ):
            self.queue(payload)

    def detach(self) -> None:
        """The client has completed the subscription: nothing more is written to its socket
        at once (the subscriber's task, cancelled, sends nothing more either)."""
        self.send_now = None

    def queue(self, payload: str) -> None:
        """Leaves ``payload`` to the task, in place of any it has not sent yet."""
        self._latest = payload
        self._changed.set()

    def end(self, errors: list[GraphQLFormattedError] | None = None) -> None:
        self.errors = errors
        self.ended = True
        self._changed.set()

    async def deliver(self) -> None:
        """In the subscriber's own task: what could not be written at once, until the end."""
        while True:
            await self._changed.wait()
            self._changed.clear()
            self._sending = True
            try:
                while self._latest is not None:
                    payload, self._latest = self._latest, None
                    await self.send(payload)
            finally:
                self._sending = False
            if self.ended:
                return


class Group:
    def __init__(self, key: GroupKey, start: Results, on_empty: Callable[[Group], None]) -> None:
        self.key = key
        self.members: set[Member] = set()
        self._start = start
        self._on_empty = on_empty
        self._latest: str | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def ended(self) -> bool:
        return self._task is not None and self._task.done()

    def add(self, member: Member) -> None:
        self.members.add(member)
        if self._latest is not None:
            member.queue(self._latest)
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"fanout:{hash(self.key)}")

    def remove(self, member: Member) -> None:
        self.members.discard(member)
        if not self.members:
            if self._task is not None:
                self._task.cancel()
            self._on_empty(self)

    async def _run(self) -> None:
        errors: list[GraphQLFormattedError] | None = None
        try:
            results = await self._start()
            if isinstance(results, list):
                errors = results
                return
            # Closed here, whenever the group ends: its execution holds a read snapshot.
            async with contextlib.aclosing(results):
                async for payload in results:
                    self._latest = payload
                    encoded = payload.encode()
                    for served, member in enumerate(list(self.members), 1):
                        if member in self.members:  # else it left while others were served
                            member.offer(payload, encoded)
                        if served % YIELD_EVERY == 0:
                            await asyncio.sleep(0)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("shared subscription failed")
            errors = [{"message": "Unexpected error."}]
        finally:
            for member in list(self.members):
                member.end(errors)


class FanOut:
    """The registry of running groups."""

    def __init__(self) -> None:
        self._groups: dict[GroupKey, Group] = {}

    @contextlib.contextmanager
    def join(
        self, key: GroupKey, start: Results, send: Send, send_now: SendNow | None = None
    ) -> Iterator[Member]:
        group = self._groups.get(key)
        if group is None or group.ended:  # an ended execution has nothing more to give
            group = self._groups[key] = Group(key, start, self._forget)
        member = Member(send, send_now)
        group.add(member)
        try:
            yield member
        finally:
            group.remove(member)

    def _forget(self, group: Group) -> None:
        if self._groups.get(group.key) is group:
            del self._groups[group.key]

    @property
    def groups(self) -> int:
        return len(self._groups)

    @property
    def members(self) -> int:
        return sum(len(g.members) for g in self._groups.values())
