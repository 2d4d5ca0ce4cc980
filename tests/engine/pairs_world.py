"""Where the pair scenarios run: definitions as data, a runtime per world, what is seen.

A scenario registers itself with ``@reaches(status, operation)``; ``test_pairs_reached``
runs every one of them.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass

from sqlmodel import col, select

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import Command, CreateRelease, CreateReleaseDefinition
from releasegraph.engine.pairs import Pair
from releasegraph.engine.states import ApprovalStatus
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import EnvironmentStatus as Env
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.models import Event
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.support import advance, latest, pair, settle

ND, IP = St.NOT_DEPLOYED, St.IN_PROGRESS
Json = dict[str, object]

SHORT: Json = {"name": "deploy", "kind": "simulate"}
LONG: Json = {"name": "deploy", "kind": "simulate", "durationSeconds": 60}
FAILING: Json = {"name": "deploy", "kind": "simulate", "outcome": "FAILED"}


def phase(*tasks: Json, name: str = "deploy", run_on: str = "AGENT") -> Json:
    return {"name": name, "runOn": run_on, "tasks": list(tasks)}


def environment(name: str = "prod", *, phases: list[Json] | None = None, **fields: object) -> Json:
    return {"name": name, "phases": phases or [phase(SHORT)], **fields}


def gates(stage: str, *, fail_times: int, on_failure: str = "REJECT") -> Json:
    """Simulated checks sampled every 30 s for at most a minute."""
    check = {"name": "health", "kind": "simulate", "failTimes": fail_times}
    return {
        "stage": stage,
        "samplingIntervalSeconds": 30,
        "timeoutMinutes": 1,
        "onFailure": on_failure,
        "checks": [check],
    }


@dataclass(frozen=True)
class Seen:
    """What a dashboard shows of one environment's latest attempt."""

    pair: Pair
    environment: Env
    execution: Exec
    history: list[Pair]
    """Every pair the attempt went through, in order, from the event log."""


@dataclass
class World:
    """A fresh database and a hand-moved clock; scenarios choose the agents and the job limit."""

    clock: ManualClock
    database_url: str
    stack: AsyncExitStack
    _runtime: Runtime | None = None

    @property
    def runtime(self) -> Runtime:
        assert self._runtime is not None, "no runtime started"
        return self._runtime

    async def start(self, *, agents: int = 2, job_limit: int = 0) -> Runtime:
        settings = Settings(database_url=self.database_url, agents=agents, job_limit=job_limit)
        self._runtime = Runtime(settings, clock=self.clock)
        await self._runtime.start()
        self.stack.push_async_callback(self._runtime.stop)
        return self._runtime

    def define(self, *environments: Json) -> str:
        source = json.dumps({"name": "pairs", "environments": list(environments)})
        return self.runtime.create_definition(
            CreateReleaseDefinition(actor="dave", source=source)
        ).id

    async def release(self, definition_id: str) -> str:
        release_id = self.runtime.create_release(
            CreateRelease(actor="dave", definition_id=definition_id, start=True)
        )
        await settle(self.runtime)
        return release_id

    async def run(self, *environments: Json) -> str:
        """Start a release of a new definition made of ``environments`` (on 2 agents by default)."""
        if self._runtime is None:
            await self.start()
        return await self.release(self.define(*environments))

    async def act(self, release_id: str, command: Command) -> None:
        self.runtime.execute(release_id, command)
        await settle(self.runtime)

    async def advance(self, seconds: float) -> None:
        await advance(self.runtime, self.clock, seconds)

    def state(self, release_id: str) -> ReleaseState:
        return self.runtime.load(release_id)

    def seen(self, release_id: str, env_name: str = "prod") -> Seen:
        state = self.runtime.load(release_id)
        attempt = latest(state, env_name)
        return Seen(
            pair=pair(attempt),
            environment=state.environment_named(env_name).status,
            execution=state.release.execution_status,
            history=[p for attempt_id, p in self.moves() if attempt_id == attempt.id],
        )

    def moves(self) -> list[tuple[str, Pair]]:
        """Every attempt move in the event log: (attempt id, the pair it moved to)."""
        query = (
            select(Event)
            .where(col(Event.entity) == "DeploymentAttempt")
            .where(col(Event.to_operation_status).is_not(None))
            .order_by(col(Event.seq))
        )
        with self.runtime.read_session() as session:
            return [(e.entity_id, moved_to(e)) for e in session.exec(query)]


def moved_to(event: Event) -> Pair:
    assert event.to_status is not None
    assert event.to_operation_status is not None
    return (St(event.to_status), Op(event.to_operation_status))


def pending_approval(state: ReleaseState) -> str:
    [approval] = [a for a in state.approvals if a.status == ApprovalStatus.PENDING]
    return approval.id


Scenario = Callable[[World], Awaitable[None]]
SCENARIOS: dict[Pair, Scenario] = {}


def reaches(status: St, operation: Op) -> Callable[[Scenario], Scenario]:
    def register(scenario: Scenario) -> Scenario:
        assert (status, operation) not in SCENARIOS, f"two scenarios for {status}/{operation}"
        SCENARIOS[(status, operation)] = scenario
        return scenario

    return register


DEPLOYED = [(ND, Op.APPROVED), (IP, Op.PHASE_IN_PROGRESS), (IP, Op.PHASE_SUCCEEDED)]
"""The pairs of an attempt whose only phase ran well."""
