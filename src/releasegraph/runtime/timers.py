"""Which releases need a tick: their time has come, or capacity they wait for freed."""

from __future__ import annotations

import time
from collections.abc import Collection
from datetime import datetime

from sqlmodel import Session, col, func, select

from releasegraph.engine.states import AgentStatus, DeploymentOperationStatus
from releasegraph.models import Agent, DeploymentAttempt, DeployPhase, Release
from releasegraph.runtime.store import QUEUE_ORDER

_BATCH = 500


def due_releases(session: Session, now: datetime) -> list[str]:
    query = (
        select(Release.id)
        .where(col(Release.next_wakeup_at) <= now)
        .order_by(col(Release.next_wakeup_at))
        .limit(_BATCH)
    )
    return list(session.exec(query))


def next_due(session: Session, *, excluding: Collection[str] = ()) -> datetime | None:
    query = select(func.min(Release.next_wakeup_at))
    if excluding:
        query = query.where(col(Release.id).not_in(excluding))
    return session.exec(query).one()


class Quarantine:
    """Releases whose tick failed (an engine bug, say): retried later, with growing delays.

    Without it a release that always fails would be ticked again at once, forever,
    and starve every other release of the process.
    """

    FIRST_DELAY = 1.0
    MAX_DELAY = 300.0

    def __init__(self) -> None:
        self._held: dict[str, tuple[float, float]] = {}

    def add(self, release_id: str) -> float:
        _, previous = self._held.get(release_id, (0.0, self.FIRST_DELAY / 2))
        delay = min(previous * 2, self.MAX_DELAY)
        self._held[release_id] = (time.monotonic() + delay, delay)
        return delay

    def release(self, release_id: str) -> None:
        self._held.pop(release_id, None)

    def holds(self, release_id: str) -> bool:
        held = self._held.get(release_id)
        return held is not None and held[0] > time.monotonic()

    def ids(self) -> list[str]:
        return [release_id for release_id in self._held if self.holds(release_id)]


def queued_releases(session: Session, queues: set[tuple[str, str]]) -> list[str]:
    """Releases with an attempt in one of ``queues``, oldest first."""
    found: list[str] = []
    for definition_id, env_name in sorted(queues):
        query = (
            select(DeploymentAttempt.release_id)
            .where(
                col(DeploymentAttempt.definition_id) == definition_id,
                col(DeploymentAttempt.environment_name) == env_name,
                col(DeploymentAttempt.operation_status) == DeploymentOperationStatus.QUEUED,
                col(DeploymentAttempt.completed_on).is_(None),
            )
            .order_by(*QUEUE_ORDER)
        )
        found += session.exec(query)
    return list(dict.fromkeys(found))


def agent_waiting_releases(session: Session) -> list[str]:
    """Releases with a phase waiting for an agent, oldest first, no more than agents are free."""
    free = session.exec(
        select(func.count())
        .select_from(Agent)
        .where(
            col(Agent.status) == AgentStatus.ONLINE,
            col(Agent.enabled),
            col(Agent.phase_id).is_(None),
        )
    ).one()
    if free == 0:
        return []
    query = (
        select(DeployPhase.release_id)
        .where(col(DeployPhase.waiting_since).is_not(None))
        .group_by(col(DeployPhase.release_id))
        .order_by(func.min(DeployPhase.waiting_since))
        .limit(free)
    )
    return list(session.exec(query))
