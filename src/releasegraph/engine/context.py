"""What one decision may read besides the release (time, ids, resources) and what it produced."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypedDict, TypeVar

from sqlmodel import SQLModel

from releasegraph.engine.agents import meets
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.pairs import Pair, check_attempt_move
from releasegraph.models import DeploymentAttempt

SYSTEM = "system"
R = TypeVar("R", bound=SQLModel)
S = TypeVar("S", bound=enum.StrEnum)


class Stateful(Protocol[S]):
    """A row with an id and a status: every entity but the attempt, whose status is a pair."""

    id: str
    status: S


class InAttempt(TypedDict):
    """The fields that place a new row in an attempt: ``Gate(**ctx.in_attempt(...), ...)``."""

    id: str
    release_id: str
    attempt_id: str


@dataclass(kw_only=True)
class QueueView:
    """One environment's queue across the releases of a definition."""

    max_parallel: int
    occupied: int = 0
    queued: list[str] = field(default_factory=list)
    """Attempt ids waiting in ``(NOT_DEPLOYED, QUEUED)``, oldest first."""


@dataclass(kw_only=True)
class Resources:
    """The shared capacity a decision may take from: agents, pipelines, queue slots."""

    free_agents: dict[str, list[str]] = field(default_factory=dict)
    """Pool → the names of its free agents (slots), in the order they are taken."""
    capabilities: dict[str, dict[str, str]] = field(default_factory=dict)
    """Agent name → its capabilities; an agent not named here has none."""
    online: dict[str, list[str]] | None = None
    """Pool → every enabled online agent, free or busy; None: not known."""
    running_jobs: int = 0
    job_limit: int = 0
    """Server-wide parallel jobs; 0 = unlimited."""
    lost_run_limit: int = 3
    """Runs of one task that may end LOST or INTERRUPTED before the task fails."""
    queues: dict[tuple[str, str], QueueView] = field(default_factory=dict)

    def pipeline_full(self) -> bool:
        return self.job_limit > 0 and self.running_jobs >= self.job_limit

    def take_agent(self, pool: str, demands: Mapping[str, str]) -> str | None:
        """A free agent of ``pool`` whose capabilities meet ``demands``."""
        agents = self.free_agents.get(pool, [])
        for name in agents:
            if meets(self.capabilities.get(name, {}), demands):
                agents.remove(name)
                self.running_jobs += 1
                return name
        return None

    def none_can_serve(self, pool: str, demands: Mapping[str, str]) -> bool:
        """Whether no online agent of ``pool`` meets ``demands``, free or not."""
        if self.online is None:
            return False
        names = self.online.get(pool, [])
        return not any(meets(self.capabilities.get(name, {}), demands) for name in names)

    def give_back_agent(self, pool: str, agent: str) -> None:
        self.running_jobs -= 1
        self.free_agents.setdefault(pool, []).append(agent)

    def queue(self, definition_id: str, env_name: str, max_parallel: int) -> QueueView:
        key = (definition_id, env_name)
        if key not in self.queues:
            self.queues[key] = QueueView(max_parallel=max_parallel)
        return self.queues[key]


@dataclass(frozen=True, kw_only=True)
class EventDraft:
    """An event before the runtime gives it its sequence number."""

    release_id: str
    entity: str
    entity_id: str
    kind: str
    actor: str
    at: datetime
    from_status: str | None = None
    to_status: str | None = None
    from_operation_status: str | None = None
    to_operation_status: str | None = None
    data: dict[str, object] = field(default_factory=dict)


@dataclass(kw_only=True)
class Effects:
    """Everything a decision asks the runtime to do besides saving the mutated rows."""

    events: list[EventDraft] = field(default_factory=list)
    created: list[SQLModel] = field(default_factory=list)
    start_runs: list[str] = field(default_factory=list)
    """Runs of script and http tasks for an executor to start."""
    stop_runs: list[str] = field(default_factory=list)
    """Runs whose executor must be killed (timeout, cancel)."""
    sample_gates: list[str] = field(default_factory=list)
    agents_assigned: dict[str, str] = field(default_factory=dict)
    """Agent name → phase id."""
    agents_freed: list[str] = field(default_factory=list)
    queue_changed: set[tuple[str, str]] = field(default_factory=set)
    """Queues (definition id, environment name) where a slot freed or a newer attempt waits."""


@dataclass(kw_only=True)
class Ctx:
    """One decision: the release, the time, who acts, and what has come of it so far."""

    state: ReleaseState
    now: datetime
    actor: str
    new_id: Callable[[], str]
    resources: Resources
    effects: Effects = field(default_factory=Effects)

    def add(self, row: R, rows: list[R]) -> R:
        """A new row: part of the release's state (``rows``) from now on, saved with it."""
        rows.append(row)
        self.effects.created.append(row)
        return row

    def in_attempt(self, release_id: str, attempt_id: str) -> InAttempt:
        """A new row's id, and the release and the attempt it belongs to."""
        return InAttempt(id=self.new_id(), release_id=release_id, attempt_id=attempt_id)

    def created(self, row: Stateful[S], **data: object) -> None:
        """Record that ``row`` was created, in its status (``approval.created``, …)."""
        entity = type(row).__name__
        self.event(
            entity=entity,
            entity_id=row.id,
            kind=f"{entity[0].lower()}{entity[1:]}.created",
            to_status=row.status.value,
            data=data,
        )

    def event(
        self,
        *,
        entity: str,
        entity_id: str,
        kind: str,
        from_status: str | None = None,
        to_status: str | None = None,
        data: dict[str, object] | None = None,
    ) -> None:
        self.effects.events.append(
            EventDraft(
                release_id=self.state.release.id,
                entity=entity,
                entity_id=entity_id,
                kind=kind,
                actor=self.actor,
                at=self.now,
                from_status=from_status,
                to_status=to_status,
                data=data or {},
            )
        )

    def act_on(self, attempt: DeploymentAttempt, *, by: str | None = None) -> None:
        """Name who acted on ``attempt`` last (its ``lastModifiedBy``): ``by``, else the actor.

        Only an action names someone: a person's command on this very attempt, or the
        system answering in a person's place (a timeout, a queue policy's cancel). What
        carries an action through (runs, phases, gates, a deferral coming due, ``alwaysRun``
        tasks finishing a cancel) moves the attempt but leaves who acted, so a canceled
        deployment names who canceled it (003_…).
        """
        attempt.last_modified_by = by or self.actor

    def move_attempt(self, attempt: DeploymentAttempt, target: Pair, *, new: bool = False) -> None:
        """Move an attempt to another pair, only along a declared transition."""
        current = None if new else (attempt.status, attempt.operation_status)
        if current == target:
            return
        check_attempt_move(current, target)
        attempt.status, attempt.operation_status = target
        self.effects.events.append(
            EventDraft(
                release_id=self.state.release.id,
                entity="DeploymentAttempt",
                entity_id=attempt.id,
                kind="attempt.created" if new else "attempt.status",
                actor=self.actor,
                at=self.now,
                from_status=None if current is None else current[0].value,
                to_status=target[0].value,
                from_operation_status=None if current is None else current[1].value,
                to_operation_status=target[1].value,
                data={"environment": attempt.environment_name, "attempt": attempt.attempt},
            )
        )
