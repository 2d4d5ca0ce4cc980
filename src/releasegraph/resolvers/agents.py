"""``agents(pool, status)``: every agent, by name; ``agentQueue(pool)``: what waits for one."""

from __future__ import annotations

from datetime import datetime

import strawberry
from sqlmodel import col, select
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine.states import AgentStatus
from releasegraph.schema.agents import Agent
from releasegraph.schema.execution import ReleaseDeployPhase


def agents(info: Info, pool: str | None = None, status: AgentStatus | None = None) -> list[Agent]:
    query = select(models.Agent).order_by(col(models.Agent.name))
    if pool is not None:
        query = query.where(col(models.Agent.pool) == pool)
    if status is not None:
        query = query.where(col(models.Agent.status) == status)
    with info.context.read() as session:
        return [Agent.from_row(row) for row in session.exec(query)]


MAX_QUEUED = 100


@strawberry.type(description="A phase waiting for an agent (or for a pipeline) of its pool.")
class QueuedPhase:
    phase: ReleaseDeployPhase
    release_id: relay.GlobalID
    release_name: str
    environment_name: str
    waiting_since: datetime


def agent_queue(info: Info, pool: str | None = None) -> list[QueuedPhase]:
    """The phases waiting for an agent, oldest first (the order agents take them)."""
    query = (
        select(models.DeployPhase, models.Release.name, models.DeploymentAttempt.environment_name)
        .join(models.Release, col(models.Release.id) == col(models.DeployPhase.release_id))
        .join(
            models.DeploymentAttempt,
            col(models.DeploymentAttempt.id) == col(models.DeployPhase.attempt_id),
        )
        .where(col(models.DeployPhase.waiting_since).is_not(None))
        .order_by(col(models.DeployPhase.waiting_since))
        .limit(MAX_QUEUED)
    )
    if pool is not None:
        query = query.where(col(models.DeployPhase.pool) == pool)
    with info.context.read() as session:
        return [_queued(*row) for row in session.exec(query)]


def _queued(phase: models.DeployPhase, release_name: str, environment_name: str) -> QueuedPhase:
    assert phase.waiting_since is not None  # the query's condition
    return QueuedPhase(
        phase=ReleaseDeployPhase.from_row(phase),
        release_id=relay.GlobalID("Release", phase.release_id),
        release_name=release_name,
        environment_name=environment_name,
        waiting_since=phase.waiting_since,
    )
