"""Loading a release whole, and saving what a decision changed, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, func, select

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import EventDraft, QueueView, Resources
from releasegraph.engine.errors import NotFoundError
from releasegraph.engine.spec import DefinitionSpec
from releasegraph.engine.specs import release_spec
from releasegraph.engine.states import AgentStatus, DeploymentOperationStatus
from releasegraph.events.notify import EVENTS, notify
from releasegraph.models import (
    Agent,
    Approval,
    DeploymentAttempt,
    DeployPhase,
    Gate,
    ManualIntervention,
    Release,
    ReleaseEnvironment,
    SequenceCounter,
    Task,
    TaskRun,
)
from releasegraph.runtime.db import EVENT_SEQUENCE

EVENT_TABLE = SQLModel.metadata.tables["event"]


def load_release(session: Session, release_id: str, *, lock: bool = True) -> ReleaseState:
    """Every row of one release; ``lock`` holds the release row until the transaction ends."""
    query = select(Release).where(Release.id == release_id)
    release = session.exec(query.with_for_update() if lock else query).first()
    if release is None:
        raise NotFoundError("Release", release_id)
    return ReleaseState(
        release=release,
        spec=release_spec(release),
        environments=list(
            session.exec(
                select(ReleaseEnvironment).where(col(ReleaseEnvironment.release_id) == release_id)
            )
        ),
        attempts=list(
            session.exec(
                select(DeploymentAttempt).where(col(DeploymentAttempt.release_id) == release_id)
            )
        ),
        phases=list(
            session.exec(select(DeployPhase).where(col(DeployPhase.release_id) == release_id))
        ),
        tasks=list(session.exec(select(Task).where(col(Task.release_id) == release_id))),
        runs=list(session.exec(select(TaskRun).where(col(TaskRun.release_id) == release_id))),
        approvals=list(
            session.exec(select(Approval).where(col(Approval.release_id) == release_id))
        ),
        gates=list(session.exec(select(Gate).where(col(Gate.release_id) == release_id))),
        interventions=list(
            session.exec(
                select(ManualIntervention).where(col(ManualIntervention.release_id) == release_id)
            )
        ),
    )


def claim_release(session: Session, release_id: str) -> bool:
    """Lock the release row unless another transaction holds it (then False: it is busy).

    SQLite has no row locks: the transaction's write lock on the file already excludes
    every other writer, so the claim always succeeds there.
    """
    query = select(Release.id).where(Release.id == release_id)
    return session.exec(query.with_for_update(skip_locked=True)).first() is not None


QUEUE_ORDER = (
    col(DeploymentAttempt.queued_on),
    col(DeploymentAttempt.release_number),
    col(DeploymentAttempt.attempt),
)
"""Oldest first; releases created at the same instant in the order they were created."""


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The settings a decision's resources depend on."""

    job_limit: int = 0
    lost_run_limit: int = 3
    seen_since: datetime | None = None
    """A remote agent last seen before this is away: it takes no work."""


def load_resources(
    session: Session, spec: DefinitionSpec, definition_id: str, limits: Limits
) -> Resources:
    """Free agents, running jobs and the queues this release's environments use."""
    resources = Resources(
        job_limit=limits.job_limit, lost_run_limit=limits.lost_run_limit, online={}
    )
    present = select(Agent).where(col(Agent.status) == AgentStatus.ONLINE, col(Agent.enabled))
    if limits.seen_since is not None:
        present = present.where(
            sa.or_(~col(Agent.remote), col(Agent.last_seen) >= limits.seen_since)
        )
    for agent in session.exec(present.order_by(col(Agent.name))):
        assert resources.online is not None
        resources.online.setdefault(agent.pool, []).append(agent.name)
        resources.capabilities[agent.name] = dict(agent.capabilities)
        if agent.phase_id is None:
            resources.free_agents.setdefault(agent.pool, []).append(agent.name)
    resources.running_jobs = session.exec(
        select(func.count()).select_from(Agent).where(col(Agent.phase_id).is_not(None))
    ).one()
    for env in spec.environments:
        if env.queue.max_parallel > 0:
            resources.queues[(definition_id, env.name)] = _queue_view(
                session, definition_id, env.name, env.queue.max_parallel
            )
    return resources


def _queue_view(session: Session, definition_id: str, env_name: str, limit: int) -> QueueView:
    same_queue = (
        col(DeploymentAttempt.definition_id) == definition_id,
        col(DeploymentAttempt.environment_name) == env_name,
    )
    occupied = session.exec(
        select(func.count())
        .select_from(DeploymentAttempt)
        .where(*same_queue, col(DeploymentAttempt.holds_queue_slot))
    ).one()
    queued = session.exec(
        select(DeploymentAttempt.id)
        .where(
            *same_queue,
            col(DeploymentAttempt.operation_status) == DeploymentOperationStatus.QUEUED,
            col(DeploymentAttempt.completed_on).is_(None),
        )
        .order_by(*QUEUE_ORDER)
    )
    return QueueView(max_parallel=limit, occupied=occupied, queued=list(queued))


def save(
    session: Session,
    *,
    created: Iterable[SQLModel],
    events: list[EventDraft],
    agents_assigned: dict[str, str],
    agents_freed: list[str],
    release_id: str,
) -> list[int]:
    """Write a decision's rows, agent changes and events; returns the events' sequence numbers."""
    session.add_all(list(created))
    for name in agents_freed:
        session.execute(
            sa.update(Agent).where(col(Agent.name) == name).values(phase_id=None, release_id=None)
        )
    for name, phase_id in agents_assigned.items():
        taken = session.execute(
            sa.update(Agent)
            .where(col(Agent.name) == name, col(Agent.phase_id).is_(None))
            .values(phase_id=phase_id, release_id=release_id)
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            # Another process's decision took it since this one read it free: decide again.
            raise AgentTakenError(name)
    session.flush()
    return append_events(session, events)


class ReleaseBusyError(Exception):
    """Another process holds the release: it is deciding for it now."""


class AgentTakenError(Exception):
    """The agent a decision took was taken by another decision that committed first."""

    def __init__(self, name: str) -> None:
        super().__init__(f"agent {name} was taken meanwhile")


def append_events(session: Session, events: list[EventDraft]) -> list[int]:
    """Give events gap-free numbers; the counter's row lock keeps commit order = number order."""
    if not events:
        return []
    last = session.execute(
        sa.update(SequenceCounter)
        .where(col(SequenceCounter.name) == EVENT_SEQUENCE)
        .values(value=col(SequenceCounter.value) + len(events))
        .returning(col(SequenceCounter.value))
    ).scalar_one()
    first = last - len(events) + 1
    # Plain Core executemany: one statement, where the ORM would batch by empty columns.
    session.connection().execute(
        EVENT_TABLE.insert(),
        [
            {
                "seq": first + offset,
                "release_id": e.release_id,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "kind": e.kind,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "from_operation_status": e.from_operation_status,
                "to_operation_status": e.to_operation_status,
                "actor": e.actor,
                "at": e.at,
                "data": e.data,
            }
            for offset, e in enumerate(events)
        ],
    )
    notify(session, EVENTS, str(last))
    return list(range(first, last + 1))
