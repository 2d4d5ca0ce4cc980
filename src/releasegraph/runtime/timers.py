"""Which releases need a tick: their time has come, or capacity they wait for freed."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from releasegraph.engine.states import AgentStatus, DeploymentOperationStatus
from releasegraph.models import Agent, DeploymentAttempt, DeployPhase, Release

_BATCH = 500


def due_releases(session: Session, now: datetime) -> list[str]:
    query = (
        select(Release.id)
        .where(col(Release.next_wakeup_at) <= now)
        .order_by(col(Release.next_wakeup_at))
        .limit(_BATCH)
    )
    return list(session.exec(query))


def next_due(session: Session) -> datetime | None:
    return session.exec(select(func.min(Release.next_wakeup_at))).one()


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
            .order_by(col(DeploymentAttempt.queued_on))
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
