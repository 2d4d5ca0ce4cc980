"""Which releases need a tick: their time has come, or capacity they wait for freed."""

from __future__ import annotations

import time
from collections.abc import Collection
from datetime import datetime

import sqlalchemy as sa
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


def agent_waiting_releases(
    session: Session, seen_since: datetime | None, *, all_waiting: bool = False
) -> list[str]:
    """Releases with a phase waiting for an agent of a pool that has a free one, oldest
    first: per pool no more than it has free agents, passing over phases that no online
    agent can serve (their attempt says why). ``all_waiting``: every one of those pools'
    waiting releases (agents came, left or changed: who can serve what may have too)."""
    present = [col(Agent.status) == AgentStatus.ONLINE, col(Agent.enabled)]
    if seen_since is not None:
        present.append(sa.or_(~col(Agent.remote), col(Agent.last_seen) >= seen_since))
    free = dict(
        session.exec(
            select(Agent.pool, func.count())
            .where(*present, col(Agent.phase_id).is_(None))
            .group_by(col(Agent.pool))
        ).all()
    )
    if not free:
        return []
    query = (
        select(DeployPhase.release_id, DeployPhase.pool)
        .join(DeploymentAttempt, col(DeploymentAttempt.id) == col(DeployPhase.attempt_id))
        .where(col(DeployPhase.waiting_since).is_not(None), col(DeployPhase.pool).in_(free))
        .order_by(col(DeployPhase.waiting_since))
    )
    if not all_waiting:
        query = query.where(col(DeploymentAttempt.status_reason).is_(None))
    found: list[str] = []
    taken: dict[str, int] = {}
    for release_id, pool in session.exec(query):
        if all_waiting or taken.get(pool, 0) < free[pool]:
            taken[pool] = taken.get(pool, 0) + 1
            found.append(release_id)
    return list(dict.fromkeys(found))
