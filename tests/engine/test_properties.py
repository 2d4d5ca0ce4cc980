"""Properties of the pure engine over random definitions and random command sequences.

A small in-memory world plays the runtime: it recomputes the shared resources
(free agents, pipelines, queues) from the rows of every release before each
decision, keeps the agent table from the decisions' effects, numbers the events
and, like ``Runtime.run_due``, ticks the releases whose time has come or whose
queue or agent freed up. Hypothesis drives it with every public command, legal
or not, and checks the invariants of ARCHITECTURE.md sections 2 and 3 after every step.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

import yaml
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from releasegraph.engine import commands, outcome
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import SYSTEM, Effects, EventDraft, QueueView, Resources
from releasegraph.engine.decide import decide
from releasegraph.engine.definition import definition_to_dict, parse_definition
from releasegraph.engine.errors import DomainError
from releasegraph.engine.lifecycle import new_release
from releasegraph.engine.pairs import PAIRS, STARTING, TRANSITIONS, Pair
from releasegraph.engine.spec import DefinitionSpec, RunOn
from releasegraph.engine.states import (
    TERMINAL_PHASE,
    ApprovalStatus,
    DeployPhaseStatus,
    GateStatus,
    ManualInterventionStatus,
    ReleaseStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.events.replay import ReplayedStatus, apply_event, check_gap_free, replay
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

START = datetime(2025, 1, 1, 9, tzinfo=UTC)
DEFINITION_ID = "definition-1"
POOL = "default"
CREATOR = "dave"
ACTORS = ("alice", "bob", "carol", CREATOR)
APPROVERS = ("alice", "bob", "group:ops")
MAX_TICK_ROUNDS = 50

# The status each entity is created with when no event announces it.
INITIAL: dict[str, str | None] = {
    "Release": None,  # the world records "release.created" as the runtime does
    "ReleaseEnvironment": "NOT_STARTED",
    "DeploymentAttempt": None,
    "DeployPhase": "NOT_STARTED",
    "Task": "PENDING",
    "TaskRun": "IN_PROGRESS",
    "Approval": None,
    "Gate": "PENDING",
    "ManualIntervention": None,
}

# -- definitions ------------------------------------------------------------------------

flags = st.booleans()
Block = dict[str, object]


@st.composite
def approvals(draw: st.DrawFn) -> Block | None:
    if draw(flags):
        return None
    approvers = draw(st.lists(st.sampled_from(APPROVERS), min_size=1, max_size=2, unique=True))
    return {
        "approvers": approvers,
        "requiredCount": draw(st.integers(0, len(approvers))),
        "order": draw(st.sampled_from(["ANY", "SEQUENTIAL"])),
        "timeoutMinutes": draw(st.sampled_from([None, 1, 2])),
        "creatorCanApprove": draw(flags),
    }


@st.composite
def gates(draw: st.DrawFn) -> Block | None:
    if draw(flags):
        return None
    checks = draw(st.lists(st.integers(0, 3), min_size=1, max_size=2))
    return {
        "stage": draw(st.sampled_from(["PRE_DEPLOY", "POST_DEPLOY"])),
        "samplingIntervalSeconds": draw(st.sampled_from([10, 30, 60])),
        "minimumSuccessSeconds": draw(st.sampled_from([0, 30])),
        "timeoutMinutes": draw(st.sampled_from([1, 2])),
        "onFailure": draw(st.sampled_from(["REJECT", "ASK_APPROVAL"])),
        "checks": [
            {"name": f"c{i}", "kind": "simulate", "failTimes": fails}
            for i, fails in enumerate(checks)
        ],
    }


@st.composite
def simulate_task(draw: st.DrawFn) -> Block:
    return {
        "kind": "simulate",
        "durationSeconds": draw(st.sampled_from([0, 1, 2.5, 3])),
        "failTimes": draw(st.integers(0, 2)),
        "retries": draw(st.integers(0, 1)),
        "continueOnError": draw(flags),
        "alwaysRun": draw(flags),
        "inputs": draw(st.sampled_from([{}, {"x": "1"}])),
    }


@st.composite
def manual_task(draw: st.DrawFn) -> Block:
    return {
        "kind": "manualIntervention",
        "approvers": draw(st.sampled_from([[], ["alice"], ["group:ops"]])),
        "timeoutMinutes": draw(st.sampled_from([None, 1])),
        "onTimeout": draw(st.sampled_from(["RESUME", "REJECT"])),
        "alwaysRun": draw(flags),
    }


@st.composite
def phases(draw: st.DrawFn) -> Block:
    tasks = draw(st.lists(simulate_task(), min_size=1, max_size=3))
    wait = st.just({"kind": "wait", "seconds": 5})
    extra = draw(st.none() | manual_task() | wait)
    if extra is not None:
        tasks.insert(draw(st.integers(0, len(tasks))), extra)
    return {
        "runOn": draw(st.sampled_from(["AGENT", "SERVER"])),
        "tasks": [{"name": f"t{i}", **task} for i, task in enumerate(tasks)],
    }


@st.composite
def environment(draw: st.DrawFn, index: int) -> Block:
    earlier = [f"e{i}" for i in range(index)]
    depends_on = draw(st.lists(st.sampled_from(earlier), unique=True)) if earlier else []
    triggers = ["AFTER_DEPENDENCIES", "MANUAL"] if depends_on else ["AFTER_RELEASE", "MANUAL"]
    return {
        "name": f"e{index}",
        "trigger": draw(st.sampled_from(triggers)),
        "dependsOn": depends_on,
        "critical": draw(flags),
        "onTaskFailure": draw(st.sampled_from(["FAIL", "PROMPT"])),
        "queue": {
            "maxParallel": draw(st.integers(0, 1)),
            "policy": draw(st.sampled_from(["SEQUENTIAL", "LATEST_ONLY"])),
        },
        "preDeployApprovals": draw(approvals()),
        "postDeployApprovals": draw(approvals()),
        "gates": draw(gates()),
        "phases": [
            {"name": f"p{i}", **phase}
            for i, phase in enumerate(draw(st.lists(phases(), min_size=1, max_size=2)))
        ],
    }


@st.composite
def definitions(draw: st.DrawFn) -> str:
    """A release definition as YAML text, the way a person writes one."""
    count = draw(st.integers(1, 3))
    document = {
        "name": "property",
        "allowPartialSuccess": draw(flags),
        "environments": [draw(environment(i)) for i in range(count)],
    }
    return yaml.safe_dump(document, sort_keys=False)


# -- the world: what the runtime does around decide ----------------------------------------


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


class Identified(Protocol):
    @property
    def id(self) -> str: ...


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


def pair(attempt: DeploymentAttempt) -> Pair:
    return (attempt.status, attempt.operation_status)


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
        state = new_release(
            spec=self.spec,
            snapshot=snapshot,
            definition_id=DEFINITION_ID,
            definition_revision=1,
            number=len(self.releases) + 1,
            actor=CREATOR,
            now=self.now,
            new_id=self.new_id,
        )
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


# -- the machine --------------------------------------------------------------------------

index = st.integers(-1, 12)
"""Which row a command names; -1 names one that does not exist."""
who = st.integers(0, 7)
"""0 to 5: someone entitled to act (when there is one); otherwise one of ``ACTORS``."""
mostly = st.sampled_from([True, True, True, False])
choosing = st.tuples(mostly, index)
"""Which row a command names: (mostly one the command fits, its position)."""
seconds = st.integers(-10, 300)


def pick(preferred: Sequence[Identified], every: Sequence[Identified], position: int) -> str:
    """A row's id: one of ``preferred`` if any, else of ``every``; -1 names none at all."""
    candidates = preferred or every
    if position < 0 or not candidates:
        return "missing"
    return candidates[position % len(candidates)].id


Actor = tuple[str, frozenset[str]]
"""A user name and the user's groups."""


def acting(entitled: list[str], choice: int) -> Actor:
    """An actor and their groups: the entitled one for small ``choice``, anyone otherwise."""
    if choice < 6 and entitled:
        name = entitled[choice % len(entitled)]
        if name.startswith("group:"):
            return "carol", frozenset({name.removeprefix("group:")})
        return ("alice" if name == "*" else name), frozenset()
    return ACTORS[choice % len(ACTORS)], frozenset({"ops"}) if choice % 2 else frozenset()


class EngineMachine(RuleBasedStateMachine):
    world: World

    def __init__(self) -> None:
        super().__init__()
        self.terminal: dict[str, dict[str, object]] = {}

    @initialize(
        source=definitions(),
        starts=st.lists(
            st.sampled_from(["start", "start", "schedule", "draft"]), min_size=1, max_size=2
        ),
        agents=st.sampled_from([0, 1, 1, 2, 2]),
        job_limit=st.integers(0, 1),
    )
    def setup(self, source: str, starts: list[str], agents: int, job_limit: int) -> None:
        """One definition, 1-2 releases of it (started, scheduled or drafts), a pool of agents."""
        note(f"definition:\n{source}")
        spec = parse_definition(source)
        snapshot = definition_to_dict(spec)
        # The runtime decides on the stored snapshot: it must read back as the same spec.
        assert parse_definition(json.dumps(snapshot)) == spec
        self.world = World(
            spec=spec, agents=[f"agent-{i}" for i in range(1, agents + 1)], job_limit=job_limit
        )
        for start in starts:
            state = self.world.create_release(snapshot)
            if start == "start":
                self.send(state, commands.StartRelease(actor=CREATOR))
            elif start == "schedule":
                at = self.world.now + timedelta(seconds=30)
                self.send(state, commands.ScheduleRelease(actor=CREATOR, start_at=at))

    # -- sending commands -----------------------------------------------------------------

    def release(self, position: int) -> ReleaseState:
        return self.world.releases[position % len(self.world.releases)]

    def owner(self, release_id: str) -> ReleaseState:
        return next(s for s in self.world.releases if s.release.id == release_id)

    def send(self, state: ReleaseState, command: commands.Command) -> None:
        """Decide ``command``; a refusal must leave every row as it was."""
        before = self.world.snapshot()
        events = len(self.world.events)
        final = state.release.status == ReleaseStatus.ABANDONED
        try:
            self.world.execute(state, command)
        except DomainError as error:
            note(f"{state.release.name} {command!r} -> {type(error).__name__}: {error}")
            assert self.world.snapshot() == before, f"{command!r} refused but changed rows"
            assert len(self.world.events) == events
            return
        note(f"{state.release.name} {command!r} -> {len(self.world.events) - events} events")
        assert not final or isinstance(command, commands.Tick), "an abandoned release obeyed"
        self.world.run_due()

    def has(self, what: str) -> bool:
        """Whether there is something for a kind of command to act on (it may still pick wrong)."""
        states = self.world.releases
        if what == "active":
            return any(s.release.status == ReleaseStatus.ACTIVE for s in states)
        if what == "drafts":
            return any(s.release.status == ReleaseStatus.DRAFT for s in states)
        if what == "approvals":
            return any(a.status == ApprovalStatus.PENDING for s in states for a in s.approvals)
        if what == "interventions":
            waiting = ManualInterventionStatus.PENDING
            return any(i.status == waiting for s in states for i in s.interventions)
        return any(t.status == TaskStatus.FAILED for s in states for t in s.tasks) or any(
            i.kind == "FAILURE" for s in states for i in s.interventions
        )

    @staticmethod
    def idle(state: ReleaseState, env: ReleaseEnvironment) -> bool:
        latest = state.latest_attempt(env)
        return latest is None or latest.completed_on is not None

    def environment(
        self, fits: Callable[[ReleaseState, ReleaseEnvironment], bool], position: int
    ) -> tuple[ReleaseState, str]:
        """An environment of an active release that ``fits`` (if any does), and its release."""
        every = [
            (s, e)
            for s in self.world.releases
            if s.release.status == ReleaseStatus.ACTIVE
            for e in s.environments
        ]
        found = [(s, e) for s, e in every if fits(s, e)] or every
        if position < 0 or not found:
            return self.world.releases[0], "missing"
        state, env = found[position % len(found)]
        return state, env.id

    # -- rules: one per kind of decision a person or a timer makes -------------------------

    @precondition(lambda self: self.has("drafts"))
    @rule(r=index, how=st.sampled_from(["start", "schedule"]), later=seconds)
    def begin(self, r: int, how: str, later: int) -> None:
        """Start a draft now (also a scheduled one: pre-execution), or schedule it."""
        if how == "start":
            self.send(self.release(r), commands.StartRelease(actor=CREATOR))
            return
        at = self.world.now + timedelta(seconds=later)
        self.send(self.release(r), commands.ScheduleRelease(actor=CREATOR, start_at=at))

    @precondition(lambda self: self.has("active"))
    @rule(free=mostly, env=index, later=st.none() | seconds)
    def deploy(self, free: bool, env: int, later: int | None) -> None:
        """Deploy an environment with nothing under way (or, sometimes, any environment)."""
        state, env_id = self.environment(lambda s, e: not free or self.idle(s, e), env)
        at = None if later is None else self.world.now + timedelta(seconds=later)
        command = commands.DeployEnvironment(actor="bob", environment_id=env_id, scheduled_at=at)
        self.send(state, command)

    @precondition(lambda self: self.has("active"))
    @rule(busy=flags, env=index, scope=st.sampled_from(["deployment"] * 7 + ["release"]))
    def cancel(self, busy: bool, env: int, scope: str) -> None:
        """Cancel a deployment (half the time one under way), or, rarely, abandon the release.

        An abandoned release takes no more commands: the steps after it would be wasted.
        """
        state, env_id = self.environment(lambda s, e: not busy or not self.idle(s, e), env)
        if scope == "release":
            self.send(state, commands.AbandonRelease(actor="alice"))
            return
        self.send(state, commands.CancelDeployment(actor="carol", environment_id=env_id))

    def approval(self, choice: tuple[bool, int], actor: int) -> tuple[ReleaseState, Actor, str]:
        """Mostly the approval now asked for (its release, who answers, its id)."""
        pending, position = choice
        every = [row for s in self.world.releases for row in s.approvals]
        chosen = [row for row in every if _first_pending(every, row)] if pending else every
        approval_id = pick(chosen, every, position)
        found = next((row for row in every if row.id == approval_id), None)
        state = self.owner(found.release_id) if found else self.world.releases[0]
        return state, acting([found.approver] if found else [], actor), approval_id

    @precondition(lambda self: self.has("approvals"))
    @rule(choice=choosing, actor=who, defer=st.none() | seconds)
    def approve(self, choice: tuple[bool, int], actor: int, defer: int | None) -> None:
        state, (name, groups), approval_id = self.approval(choice, actor)
        until = None if defer is None else self.world.now + timedelta(seconds=defer)
        command = commands.Approve(
            actor=name, groups=groups, approval_id=approval_id, defer_until=until
        )
        self.send(state, command)

    @precondition(lambda self: self.has("approvals"))
    @rule(choice=choosing, actor=who, to=st.none() | st.sampled_from([*APPROVERS, " "]))
    def reject_or_reassign(self, choice: tuple[bool, int], actor: int, to: str | None) -> None:
        state, (name, groups), approval_id = self.approval(choice, actor)
        command: commands.Command = (
            commands.Reject(actor=name, groups=groups, approval_id=approval_id)
            if to is None
            else commands.ReassignApproval(
                actor=name, groups=groups, approval_id=approval_id, to=to
            )
        )
        self.send(state, command)

    def intervention(self, choice: tuple[bool, int], actor: int) -> tuple[ReleaseState, Actor, str]:
        """Mostly a pending manual intervention (its release, who acts, its id)."""
        pending, position = choice
        every = [row for s in self.world.releases for row in s.interventions]
        waiting = [row for row in every if row.status == ManualInterventionStatus.PENDING]
        intervention_id = pick(waiting if pending else every, every, position)
        found = next((row for row in every if row.id == intervention_id), None)
        state = self.owner(found.release_id) if found else self.world.releases[0]
        return state, acting(list(found.approvers) if found else [], actor), intervention_id

    @precondition(lambda self: self.has("interventions"))
    @rule(choice=choosing, actor=who)
    def resume(self, choice: tuple[bool, int], actor: int) -> None:
        state, (name, groups), intervention_id = self.intervention(choice, actor)
        command = commands.ResumeManualIntervention(
            actor=name, groups=groups, intervention_id=intervention_id
        )
        self.send(state, command)

    @precondition(lambda self: self.has("interventions"))
    @rule(choice=choosing, actor=who)
    def reject_intervention(self, choice: tuple[bool, int], actor: int) -> None:
        state, (name, groups), intervention_id = self.intervention(choice, actor)
        command = commands.RejectManualIntervention(
            actor=name, groups=groups, intervention_id=intervention_id
        )
        self.send(state, command)

    def failed_task(self, choice: tuple[bool, int], actor: int) -> tuple[ReleaseState, Actor, str]:
        """Mostly a failed task (its release, who acts, its id), or any task."""
        failed, position = choice
        every = [(s, task) for s in self.world.releases for task in s.tasks]
        fitting = [task for s, task in every if not failed or _failed(s, task)]
        task_id = pick(fitting, [task for _, task in every], position)
        found = next(((s, task) for s, task in every if task.id == task_id), None)
        if found is None:
            return self.world.releases[0], acting([], actor), task_id
        state, task = found
        return state, acting(list(state.task_spec(task).approvers), actor), task_id

    @precondition(lambda self: self.has("failures"))
    @rule(choice=choosing, actor=who)
    def retry(self, choice: tuple[bool, int], actor: int) -> None:
        state, (name, groups), task_id = self.failed_task(choice, actor)
        self.send(state, commands.RetryTask(actor=name, groups=groups, task_id=task_id))

    @precondition(lambda self: self.has("failures"))
    @rule(choice=choosing, actor=who, fix=st.none() | st.sampled_from([{}, {"x": "2"}, {"y": "2"}]))
    def ignore_or_fix(
        self, choice: tuple[bool, int], actor: int, fix: dict[str, str] | None
    ) -> None:
        """Ignore the failure, or fix and continue (with an input the task may not have)."""
        state, (name, groups), task_id = self.failed_task(choice, actor)
        command: commands.Command = (
            commands.IgnoreTaskFailure(actor=name, groups=groups, task_id=task_id)
            if fix is None
            else commands.FixAndContinue(
                actor=name, groups=groups, task_id=task_id, inputs=fix, variables={"v": "2"}
            )
        )
        self.send(state, command)

    @rule(r=index, advance=st.integers(0, 4))
    def tick(self, r: int, advance: int) -> None:
        """Seconds pass (the tasks' durations) and a timer fires."""
        self.world.now += timedelta(seconds=advance)
        self.send(self.release(r), commands.Tick(actor=SYSTEM))

    @rule(r=index, advance=st.integers(0, 120))
    def tick_long(self, r: int, advance: int) -> None:
        """Up to two minutes pass (gate samples, approval and gate timeouts)."""
        self.tick(r, advance)

    # -- invariants -----------------------------------------------------------------------

    @invariant()
    def attempts_keep_to_the_pairs(self) -> None:
        for state in self.world.releases:
            for attempt in state.attempts:
                assert pair(attempt) in PAIRS, f"attempt {attempt.id} is {pair(attempt)}"
            for env in state.environments:
                active = [a for a in state.attempts_of(env) if a.completed_on is None]
                assert len(active) <= 1, f"{env.name} has {len(active)} active attempts"
                latest = state.latest_attempt(env)
                assert env.status == outcome.environment_status(latest), env.name

    @invariant()
    def terminal_attempts_never_change(self) -> None:
        for state in self.world.releases:
            for attempt in state.attempts:
                if attempt.completed_on is None:
                    assert attempt.id not in self.terminal, f"attempt {attempt.id} reopened"
                    continue
                dump = attempt.model_dump()
                assert self.terminal.setdefault(attempt.id, dump) == dump, attempt.id

    @invariant()
    def work_runs_one_step_at_a_time(self) -> None:
        for state in self.world.releases:
            for attempt in state.attempts:
                phases = state.phases_of(attempt)
                running = [p for p in phases if p.status == DeployPhaseStatus.IN_PROGRESS]
                assert len(running) <= 1, f"attempt {attempt.id} runs {len(running)} phases"
                if attempt.completed_on is not None:
                    _check_nothing_open(state, attempt)
            for task in state.tasks:
                runs = state.runs_of(task)
                run_open = bool(runs) and runs[-1].status == RunStatus.IN_PROGRESS
                assert (task.status == TaskStatus.IN_PROGRESS) == run_open, f"task {task.id}"
                assert sum(r.status == RunStatus.IN_PROGRESS for r in runs) <= 1

    @invariant()
    def unfinished_attempts_can_move_on(self) -> None:
        """Every attempt under way waits for capacity, a timer, or a person who may answer."""
        for state in self.world.releases:
            for attempt in state.active_attempts():
                assert _way_forward(state, attempt), f"attempt {attempt.id} is stuck: {attempt}"

    @invariant()
    def event_log_is_whole(self) -> None:
        check_gap_free((seq for seq, _ in self.world.events), after=0)
        drafts = [event for _, event in self.world.events]
        _check_attempt_moves(drafts)
        _check_from_statuses(drafts)
        statuses = replay(drafts)
        for state in self.world.releases:
            _check_replay(state, statuses)
        known = {(type(row).__name__, row.id) for s in self.world.releases for row in rows(s)}
        strays = {(e.entity, e.entity_id) for e in drafts} - known
        assert not strays, f"events about rows that do not exist: {strays}"

    @invariant()
    def release_status_is_derived(self) -> None:
        for state in self.world.releases:
            release = state.release
            assert release.input_required_count == outcome.input_required_count(state)
            expected = outcome.execution_status(state, release.input_required_count)
            assert release.execution_status == expected, release.name

    @invariant()
    def agents_and_queues_hold(self) -> None:
        phases = [p for s in self.world.releases for p in s.phases]
        holders = Counter(p.agent_name for p in phases if p.status not in TERMINAL_PHASE)
        holders.pop(None, None)
        assert all(n == 1 for n in holders.values()), f"agents shared: {holders}"
        assert set(holders) <= set(self.world.agents)
        if self.world.job_limit:
            assert len(holders) <= self.world.job_limit
        table = {a: p for a, p in self.world.agent_table.items() if p is not None}
        assert table == self.world.held_agents(), "agent table out of step with the phases"
        for state in self.world.releases:
            for phase in state.phases:
                started = phase.status in (
                    DeployPhaseStatus.IN_PROGRESS,
                    DeployPhaseStatus.CANCELLING,
                )
                if started and state.phase_spec(phase).run_on == RunOn.AGENT:
                    assert phase.agent_name is not None, f"phase {phase.id} runs without agent"
        for env in self.world.spec.environments:
            if env.queue.max_parallel:
                view = self.world.queue_view(env.name, env.queue.max_parallel)
                assert view.occupied <= env.queue.max_parallel, f"queue {env.name} overfull"

    @invariant()
    def nothing_is_left_for_the_timers(self) -> None:
        """After the timers ran, a tick changes nothing: the runtime would never send one."""
        for state in self.world.releases:
            effects = self.world.execute(state, commands.Tick(actor=SYSTEM))
            assert not effects.events, (
                f"{state.release.name} moved on a spare tick: {effects.events}"
            )


def _check_nothing_open(state: ReleaseState, attempt: DeploymentAttempt) -> None:
    """A finished attempt leaves nothing running and nobody asked to act."""
    phases = state.phases_of(attempt)
    open_rows: list[Row] = [
        *(p for p in phases if p.status not in TERMINAL_PHASE and p.started_on is not None),
        *(
            t
            for t in state.tasks
            if t.attempt_id == attempt.id and t.status == TaskStatus.IN_PROGRESS
        ),
        *(a for a in state.approvals_of(attempt) if a.status == ApprovalStatus.PENDING),
        *(g for g in state.gates_of(attempt) if g.status == GateStatus.IN_PROGRESS),
        *(
            i
            for i in state.interventions_of(attempt)
            if i.status == ManualInterventionStatus.PENDING
        ),
    ]
    assert not open_rows, f"finished attempt {attempt.id} left open: {open_rows}"


def _way_forward(state: ReleaseState, attempt: DeploymentAttempt) -> bool:
    if attempt.operation_status in (Op.QUEUED, Op.QUEUED_FOR_AGENT, Op.QUEUED_FOR_PIPELINE):
        return True
    approvals = state.approvals_of(attempt)
    interventions = state.interventions_of(attempt)
    asking = any(a.status == ApprovalStatus.PENDING for a in approvals) or any(
        i.status == ManualInterventionStatus.PENDING for i in interventions
    )
    if asking and state.release.status == ReleaseStatus.ACTIVE:
        return True
    runs = [
        r for p in state.phases_of(attempt) for t in state.tasks_of(p) for r in state.runs_of(t)
    ]
    timers = [
        attempt.scheduled_at,
        attempt.deferred_until,
        *(a.defer_until for a in approvals if a.status == ApprovalStatus.DEFERRED),
        *(a.timeout_at for a in approvals if a.status == ApprovalStatus.PENDING),
        *(i.timeout_at for i in interventions if i.status == ManualInterventionStatus.PENDING),
        *(g.next_sample_at for g in state.gates_of(attempt) if g.status == GateStatus.IN_PROGRESS),
        *(t for r in runs if r.status == RunStatus.IN_PROGRESS for t in (r.due_at, r.deadline)),
    ]
    return any(t is not None for t in timers)


def _first_pending(approvals: list[Approval], approval: Approval) -> bool:
    """Pending, and no earlier approver of its stage is still pending (sequential order)."""
    return approval.status == ApprovalStatus.PENDING and not any(
        other.status == ApprovalStatus.PENDING
        and (other.attempt_id, other.stage, other.gate_override)
        == (approval.attempt_id, approval.stage, approval.gate_override)
        and other.rank < approval.rank
        for other in approvals
    )


def _failed(state: ReleaseState, task: Task) -> bool:
    return task.status == TaskStatus.FAILED or any(
        i.task_id == task.id
        and i.status == ManualInterventionStatus.PENDING
        and i.kind == "FAILURE"
        for i in state.interventions
    )


def _check_attempt_moves(events: list[EventDraft]) -> None:
    for e in events:
        if e.entity != "DeploymentAttempt" or e.to_status is None:
            continue
        target = (St(e.to_status), Op(str(e.to_operation_status)))
        if e.kind == "attempt.created":
            assert target in STARTING, f"attempt created in {target}"
        else:
            current = (St(str(e.from_status)), Op(str(e.from_operation_status)))
            assert target in TRANSITIONS.get(current, frozenset()), f"{current} -> {target}"


def _check_from_statuses(events: list[EventDraft]) -> None:
    """Each event moves from the status the log last gave (or the one created with)."""
    seen: dict[tuple[str, str], ReplayedStatus] = {}
    for e in events:
        key = (e.entity, e.entity_id)
        if e.from_status is not None:
            before = seen.get(key, ReplayedStatus())
            last = (
                before.execution_status or "NOT_STARTED"
                if e.kind == "release.executionStatus"
                else before.status or INITIAL[e.entity]
            )
            assert e.from_status == last, f"{e.kind} of {key} from {e.from_status}, was {last}"
        seen[key] = apply_event(seen.get(key, ReplayedStatus()), e)


def _check_replay(state: ReleaseState, statuses: dict[tuple[str, str], ReplayedStatus]) -> None:
    for row in rows(state):
        entity = type(row).__name__
        replayed = statuses.get((entity, row.id))
        if replayed is None:
            assert INITIAL[entity] is not None, f"{entity} {row.id} was never announced"
            replayed = ReplayedStatus(status=INITIAL[entity])
        assert replayed.status == row.status.value, f"{entity} {row.id}: {replayed} vs {row.status}"
    release = statuses.get(("Release", state.release.id), ReplayedStatus())
    assert (release.execution_status or "NOT_STARTED") == state.release.execution_status.value
    for attempt in state.attempts:
        replayed = statuses[("DeploymentAttempt", attempt.id)]
        assert replayed.operation_status == attempt.operation_status.value, attempt.id


# About 15 s: 200 worlds of up to 80 commands each. A failure prints the definition, then
# every command with its outcome (events, or the error that refused it), then the steps.
EngineMachine.TestCase.settings = settings(
    max_examples=200,
    stateful_step_count=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestEngineProperties = EngineMachine.TestCase
