"""Folding the event log back into statuses: "what did every entity look like as of event N".

Every status change the engine makes is recorded as one event carrying the new
status (``to_status``, and ``to_operation_status`` for a deployment attempt), so the
latest status of any entity is the last such event about it. Events without a
status (a cancel request, a gate sample, an edited draft) leave statuses alone.

An entity that has no status event has kept the status it was created with:
tasks, phases and environments are created silently (``PENDING`` /
``NOT_STARTED``), so they appear here only once they have moved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Protocol

EXECUTION_STATUS_KIND = "release.executionStatus"
"""The kind of event that moves a release's derived execution status, not its lifecycle."""

EntityKey = tuple[str, str]
"""``(entity, entity_id)``, e.g. ``("DeploymentAttempt", "3f2c…")``."""


class EventLike(Protocol):
    """What ``replay`` reads of an event: an ``EventDraft`` or a stored ``Event`` row."""

    @property
    def entity(self) -> str: ...
    @property
    def entity_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def to_status(self) -> str | None: ...
    @property
    def to_operation_status(self) -> str | None: ...


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReplayedStatus:
    """The latest recorded status of one entity; ``None`` where no event has said yet."""

    status: str | None = None
    """The entity's status; a release's lifecycle status (``DRAFT``, ``ACTIVE``, …)."""
    operation_status: str | None = None
    """A deployment attempt's ``operationStatus``: with ``status`` it forms the pair."""
    execution_status: str | None = None
    """A release's ``executionStatus`` (``RUNNING``, ``ON_HOLD``, …)."""


class EventGapError(ValueError):
    """Sequence numbers that skip, repeat or go back: some event is missing."""


def replay(events: Iterable[EventLike]) -> dict[EntityKey, ReplayedStatus]:
    """The latest status of every entity that ``events`` moved, taken in the order given.

    To see the statuses as of event N, pass the events numbered up to N.
    """
    statuses: dict[EntityKey, ReplayedStatus] = {}
    for event in events:
        key = (event.entity, event.entity_id)
        current = statuses.get(key, ReplayedStatus())
        moved = apply_event(current, event)
        if moved is not current:
            statuses[key] = moved
    return statuses


def apply_event(current: ReplayedStatus, event: EventLike) -> ReplayedStatus:
    """One entity's status after ``event`` about it; ``current`` itself if it says no status."""
    if event.to_status is None:
        return current
    if event.kind == EXECUTION_STATUS_KIND:
        return dataclasses.replace(current, execution_status=event.to_status)
    return dataclasses.replace(
        current,
        status=event.to_status,
        operation_status=event.to_operation_status or current.operation_status,
    )


def check_gap_free(seqs: Iterable[int], *, after: int | None = None) -> None:
    """Raise ``EventGapError`` unless ``seqs`` count up by one each.

    With ``after`` (a subscriber's last seen number) the first must be ``after + 1``.
    """
    expected = None if after is None else after + 1
    for seq in seqs:
        if expected is not None and seq != expected:
            raise EventGapError(f"expected event {expected}, got {seq}")
        expected = seq + 1
