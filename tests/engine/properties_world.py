"""The world of the property tests: what the runtime does around ``decide``.

A small in-memory world plays the runtime: it recomputes the shared resources
(free agents, pipelines, queues) from the rows of every release before each
decision, keeps the agent table from the decisions' effects, numbers the events
and, like ``Runtime.run_due``, ticks the releases whose time has come or whose
queue or agent freed up. It checks after every decision that the engine's own count
of agents and queue slots agrees with the rows it wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import SYSTEM, Effects, EventDraft, QueueView, Resources
from releasegraph.engine.decide import decide
from releasegraph.engine.lifecycle import new_release
from releasegraph.engine.spec import DefinitionSpec
from releasegraph.engine.states import TERMINAL_PHASE
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.models import (
    Approval,
    DeploymentAttempt,
    DeployPhase,
    Gate,
    ManualIntervention,
    Release,
    ReleaseEnvironment,
    Task,
    TaskRun,
)
from tests.support import definition_row

START = datetime(2025, 1, 1, 9, tzinfo=UTC)
DEFINITION_ID = "definition-1"
POOL = "default"
CREATOR = "dave"
MAX_TICK_ROUNDS = 50

Row = (
    Release
    | ReleaseEnvironment
    | DeploymentAttempt
    | DeployPhase
    | Task
    | TaskRun
    | Approval
    | Gate
    | ManualIntervention
)


def rows(state: ReleaseState) -> Iterator[Row]:
    yield state.release
    yield from state.environments
    yield from state.attempts
    yield from state.phases
    yield from state.tasks
    yield from state.runs
    yield from state.approvals
    yield from state.gates
    yield from state.interventions


def queue_order(attempt: DeploymentAttempt) -> tuple[datetime, int, int]:
    """As ``store.QUEUE_ORDER``: oldest first, then in the order releases were created."""
    return (attempt.queued_on, attempt.release_number, attempt.attempt)


@dataclass(kw_only=True)
class World:
    spec: DefinitionSpec
    agents: list[str]
    job_limit: int
    now: datetime = START
    releases: list[ReleaseState] = field(default_factory=list)
    events: list[tuple[int, EventDraft]] = field(default_factory=list)
    agent_table: dict[str, str | None] = field(default_factory=dict)
    """Agent → phase, kept from the effects exactly as ``store.save`` keeps the table."""
    changed_queues: set[tuple[str, str]] = field(default_factory=set)
    agents_freed: bool = False
    last_id: int = 0

    def new_id(self) -> str:
        self.last_id += 1
        return f"id-{self.last_id:06d}"

    def create_release(self, snapshot: dict[str, object]) -> ReleaseState:
        definition = definition_row(
            DEFINITION_ID, snapshot, actor=CREATOR, now=self.now, releases=len(self.releases)
        )
        command = commands.CreateRelease(actor=CREATOR, definition_id=DEFINITION_ID)
        state = new_release(command, definition, self.spec, now=self.now, new_id=self.new_id)
        self.releases.append(state)
        created = EventDraft(
            release_id=state.release.id,
            entity="Release",
            entity_id=state.release.id,
            kind="release.created",
            actor=CREATOR,
            at=self.now,
            to_status=state.release.status.value,
        )
        self._append([created])
        return state

    def held_agents(self) -> dict[str, str]:
        """Agent → phase, as the phases of every release say."""
        return {
            phase.agent_name: phase.id
            for state in self.releases
            for phase in state.phases
            if phase.agent_name is not None and phase.status not in TERMINAL_PHASE
        }

    def resources(self) -> Resources:
        held = self.held_agents()
        resources = Resources(
            free_agents={POOL: [a for a in self.agents if a not in held]},
            running_jobs=len(held),
            job_limit=self.job_limit,
        )
        for env in self.spec.environments:
            limit = env.queue.max_parallel
            if limit > 0:
                resources.queues[(DEFINITION_ID, env.name)] = self.queue_view(env.name, limit)
        return resources

    def queue_view(self, env_name: str, limit: int) -> QueueView:
        same = [
            a for state in self.releases for a in state.attempts if a.environment_name == env_name
        ]
        queued = sorted(
            (a for a in same if a.operation_status == Op.QUEUED and a.completed_on is None),
            key=queue_order,
        )
        return QueueView(
            max_parallel=limit,
            occupied=sum(a.holds_queue_slot for a in same),
            queued=[a.id for a in queued],
        )

    def execute(self, state: ReleaseState, command: commands.Command) -> Effects:
        resources = self.resources()
        effects = decide(state, command, now=self.now, new_id=self.new_id, resources=resources)
        self._check_resources_kept(resources)
        for name in effects.agents_freed:
            self.agent_table[name] = None
        self.agent_table.update(effects.agents_assigned)
        self.changed_queues |= effects.queue_changed
        self.agents_freed = self.agents_freed or bool(effects.agents_freed)
        self._append(effects.events)
        return effects

    def _check_resources_kept(self, resources: Resources) -> None:
        """The engine's own count of agents and queue slots agrees with the rows it wrote."""
        held = self.held_agents()
        assert sorted(resources.free_agents.get(POOL, [])) == sorted(
            a for a in self.agents if a not in held
        ), f"free agents {resources.free_agents} but phases hold {held}"
        assert resources.running_jobs == len(held)
        for (_, env_name), view in resources.queues.items():
            rows_view = self.queue_view(env_name, view.max_parallel)
            assert view.occupied == rows_view.occupied, f"queue {env_name} slots"

    def _append(self, events: list[EventDraft]) -> None:
        first = len(self.events) + 1
        self.events += list(enumerate(events, start=first))

    def run_due(self) -> None:
        """Tick what ``Runtime.run_due`` would tick, until nothing is left to tick."""
        for _ in range(MAX_TICK_ROUNDS):
            due = [
                s
                for s in self.releases
                if s.release.next_wakeup_at is not None and s.release.next_wakeup_at <= self.now
            ]
            todo = {id(state): state for state in due + self._take_waiting()}
            if not todo:
                return
            for state in todo.values():
                self.execute(state, commands.Tick(actor=SYSTEM))
        raise AssertionError(f"releases still due after {MAX_TICK_ROUNDS} rounds of ticks")

    def _take_waiting(self) -> list[ReleaseState]:
        queues, self.changed_queues = self.changed_queues, set()
        freed, self.agents_freed = self.agents_freed, False
        queued = sorted(
            (
                (a, state)
                for state in self.releases
                for a in state.active_attempts()
                if a.operation_status == Op.QUEUED
                and (a.definition_id, a.environment_name) in queues
            ),
            key=lambda item: queue_order(item[0]),
        )
        waiting = [state for _, state in queued]
        free = sum(phase is None for phase in self.agent_table.values()) + sum(
            a not in self.agent_table for a in self.agents
        )
        if freed and free:
            since = {
                id(state): min(p.waiting_since for p in state.phases if p.waiting_since)
                for state in self.releases
                if any(p.waiting_since for p in state.phases)
            }
            by_age = sorted(
                (s for s in self.releases if id(s) in since), key=lambda s: since[id(s)]
            )
            waiting += by_age[:free]
        return waiting

    def snapshot(self) -> list[list[dict[str, object]]]:
        return [[row.model_dump() for row in rows(state)] for state in self.releases]
