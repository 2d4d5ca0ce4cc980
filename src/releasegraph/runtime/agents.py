"""Local agents: the workers this process runs itself."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from releasegraph.engine.agents import LOCAL_PREFIX
from releasegraph.engine.states import AgentStatus
from releasegraph.models import Agent
from releasegraph.runtime.settings import Settings


def register_local(session: Session, settings: Settings, now: datetime) -> None:
    """Bring ``local-1`` … ``local-N`` online; idle local agents beyond N go offline.

    Replicas that start at once register the same names: the rows are inserted unless they
    exist (``ON CONFLICT DO NOTHING``), so the one that comes second finds them, and waits
    for the first one's commit instead of failing on the duplicate key.
    """
    wanted = {f"{LOCAL_PREFIX}{i}" for i in range(1, settings.agents + 1)}
    if wanted:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        online = {"pool": settings.pool, "status": AgentStatus.ONLINE, "enabled": True}
        rows = [{"id": name, "name": name, **online} for name in sorted(wanted)]
        session.execute(insert(Agent).values(rows).on_conflict_do_nothing())
    existing = {
        a.name: a
        for a in session.exec(select(Agent).where(col(Agent.name).startswith(LOCAL_PREFIX)))
    }
    for name in sorted(wanted):
        agent = existing[name]
        agent.pool = settings.pool
        agent.status = AgentStatus.ONLINE
        agent.last_seen = now
        session.add(agent)
    for name, agent in existing.items():
        if name not in wanted and agent.phase_id is None:
            agent.status = AgentStatus.OFFLINE
            session.add(agent)


def mark_away(session: Session, seen_before: datetime) -> int:
    """Remote agents not seen since ``seen_before`` go offline; the number that did.

    A slot that comes back is online again at its next claim or renewal.
    """
    away = session.execute(
        sa.update(Agent)
        .where(
            col(Agent.remote),
            col(Agent.status) == AgentStatus.ONLINE,
            col(Agent.last_seen) < seen_before,
        )
        .values(status=AgentStatus.OFFLINE)
    )
    return int(away.rowcount)  # type: ignore[attr-defined]
