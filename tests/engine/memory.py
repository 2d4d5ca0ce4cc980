"""One release decided on in memory: ``decide()`` called directly, no database, no runtime.

Its rows belong to no session, so a rule that reached for the database (a lazy load,
an autoflush) could not work here; the engine's rule tests run on it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import SYSTEM, Effects, EventDraft, Resources
from releasegraph.engine.decide import decide
from releasegraph.engine.definition import parse_definition
from releasegraph.engine.lifecycle import new_release
from releasegraph.engine.pairs import Pair
from releasegraph.engine.states import TERMINAL_PHASE
from releasegraph.models import Approval, DeploymentAttempt, ManualIntervention, Task, TaskRun
from tests.support import definition, definition_row


def _id(ids: itertools.count[int]) -> str:
    return f"id-{next(ids):04d}"


START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CREATOR = "carol"


@dataclass
class Memory:
    """A release of one definition, its clock, its agents and every event it produced."""

    state: ReleaseState
    now: datetime = START
    agents: tuple[str, ...] = ("agent-1",)
    capabilities: dict[str, dict[str, str]] = field(default_factory=dict)
    """Agent name → its capabilities (none when not named)."""
    lost_run_limit: int = 3
    events: list[EventDraft] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def started(cls, source: str, *, agents: tuple[str, ...] = ("agent-1",)) -> Memory:
        """A release of ``source`` (YAML, dedented here), created and started by the creator."""
        ids = itertools.count(1)
        spec = parse_definition(definition(source))
        row = definition_row("definition", {}, actor=CREATOR, now=START)
        command = commands.CreateRelease(actor=CREATOR, definition_id=row.id)
        state = new_release(command, row, spec, now=START, new_id=lambda: _id(ids))
        memory = cls(state=state, agents=agents, _ids=ids)
        memory.do(commands.StartRelease(actor=CREATOR))
        return memory

    def new_id(self) -> str:
        return _id(self._ids)

    def do(self, command: commands.Command) -> Effects:
        """Decide ``command`` now; a refused one raises, having changed nothing."""
        effects = decide(
            self.state, command, now=self.now, new_id=self.new_id, resources=self._resources()
        )
        self.events += effects.events
        return effects

    def advance(self, seconds: float) -> Effects:
        """Move the clock on and let the release's timers fire."""
        self.now += timedelta(seconds=seconds)
        return self.do(commands.Tick(actor=SYSTEM))

    def _resources(self) -> Resources:
        held = {
            phase.agent_name
            for phase in self.state.phases
            if phase.agent_name is not None and phase.status not in TERMINAL_PHASE
        }
        free = [agent for agent in self.agents if agent not in held]
        return Resources(
            free_agents={"default": free},
            capabilities=self.capabilities,
            online={"default": list(self.agents)},
            running_jobs=len(held),
            lost_run_limit=self.lost_run_limit,
        )

    # -- what a test looks at ---------------------------------------------------------

    def attempt(self, environment: str = "prod") -> DeploymentAttempt:
        env = self.state.environment_named(environment)
        latest = self.state.latest_attempt(env)
        assert latest is not None, f"{environment} has no attempt"
        return latest

    def pair(self, environment: str = "prod") -> Pair:
        attempt = self.attempt(environment)
        return (attempt.status, attempt.operation_status)

    def task(self, name: str, environment: str = "prod") -> Task:
        attempt = self.attempt(environment)
        (task,) = [t for t in self.state.tasks if t.attempt_id == attempt.id and t.name == name]
        return task

    def runs(self, task: Task) -> list[TaskRun]:
        return sorted((r for r in self.state.runs if r.task_id == task.id), key=lambda r: r.number)

    def approvals(self, environment: str = "prod") -> list[Approval]:
        attempt = self.attempt(environment)
        return sorted(
            (a for a in self.state.approvals if a.attempt_id == attempt.id),
            key=lambda a: (a.stage, a.rank, a.created_on),
        )

    def interventions(self) -> list[ManualIntervention]:
        return sorted(self.state.interventions, key=lambda i: i.created_on)

    def rows(self) -> list[dict[str, object]]:
        """Every row of the release as data: equal before and after means nothing changed."""
        state = self.state
        rows = [state.release, *state.environments, *state.attempts, *state.phases]
        rows += [*state.tasks, *state.runs, *state.approvals, *state.gates, *state.interventions]
        return [row.model_dump() for row in rows]
