"""Local agents: the workers this process runs itself."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from releasegraph.engine.states import AgentStatus
from releasegraph.models import Agent
from releasegraph.runtime.settings import Settings

LOCAL_PREFIX = "local-"


def register_local(session: Session, settings: Settings, now: datetime) -> None:
    """Bring ``local-1`` … ``local-N`` online; idle local agents beyond N go offline."""
    wanted = {f"{LOCAL_PREFIX}{i}" for i in range(1, settings.agents + 1)}
    existing = {
        a.name: a
        for a in session.exec(select(Agent).where(col(Agent.name).startswith(LOCAL_PREFIX)))
    }
    for name in sorted(wanted):
        agent = existing.get(name) or Agent(
            id=name, name=name, pool=settings.pool, status=AgentStatus.ONLINE
        )
        agent.pool = settings.pool
        agent.status = AgentStatus.ONLINE
        agent.last_seen = now
        session.add(agent)
    for name, agent in existing.items():
        if name not in wanted and agent.phase_id is None:
            agent.status = AgentStatus.OFFLINE
            session.add(agent)
