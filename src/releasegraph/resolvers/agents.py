"""``agents(pool, status)``: every agent, by name."""

from __future__ import annotations

from sqlmodel import col, select

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine.states import AgentStatus
from releasegraph.schema.agents import Agent


def agents(info: Info, pool: str | None = None, status: AgentStatus | None = None) -> list[Agent]:
    query = select(models.Agent).order_by(col(models.Agent.name))
    if pool is not None:
        query = query.where(col(models.Agent.pool) == pool)
    if status is not None:
        query = query.where(col(models.Agent.status) == status)
    with info.context.read() as session:
        return [Agent.from_row(row) for row in session.exec(query)]
