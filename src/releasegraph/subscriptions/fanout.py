"""Identical snapshot subscriptions, executed once and fanned out as bytes.

Subscribers with the same document, variables and permission scope join one
``Group``: its single execution yields a result per change, serialized once; each
member keeps only the latest payload it has not sent yet. A slow subscriber thus
gets the newest state, never a stale one, and never holds more than one payload.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field

from graphql import GraphQLFormattedError

log = logging.getLogger(__name__)

GroupKey = tuple[str, str, str | None, str]
"""(document, variables as canonical JSON, operation name, permission scope)."""

Results = Callable[[], Awaitable[AsyncIterator[str] | list[GraphQLFormattedError]]]
"""Starts the execution: serialized payloads, or the errors that stopped it before it began."""


def group_key(
    query: str, variables: dict[str, object] | None, operation_name: str | None, scope: str
) -> GroupKey:
    return (query, json.dumps(variables or {}, sort_keys=True), operation_name, scope)


@dataclass(eq=False)
class Member:
    """One subscriber: the latest payload not yet sent, and how the group's end reached it."""

    _latest: str | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    errors: list[GraphQLFormattedError] | None = None
    ended: bool = False

    def offer(self, payload: str) -> None:
        self._latest = payload
        self._changed.set()

    def end(self, errors: list[GraphQLFormattedError] | None = None) -> None:
        self.errors = errors
        self.ended = True
        self._changed.set()

    async def payloads(self) -> AsyncIterator[str]:
        """The payloads to send, newest only, until the group ends."""
        while True:
            await self._changed.wait()
            self._changed.clear()
            payload, self._latest = self._latest, None
            if payload is not None:
                yield payload
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
            member.offer(self._latest)
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
            async for payload in results:
                self._latest = payload
                for member in list(self.members):
                    member.offer(payload)
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
    def join(self, key: GroupKey, start: Results) -> Iterator[Member]:
        group = self._groups.get(key)
        if group is None or group.ended:  # an ended execution has nothing more to give
            group = self._groups[key] = Group(key, start, self._forget)
        member = Member()
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
