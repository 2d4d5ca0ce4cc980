"""Properties of the pure engine over random definitions and random command sequences.

Hypothesis draws a definition (``properties_definitions``), lets a small in-memory world
play the runtime around ``decide`` (``properties_world``) and drives it with every public
command, legal or not (``properties_commands``). After every step it checks the
invariants of ARCHITECTURE.md sections 2 and 3: attempts keep to the declared pairs and
never change once finished, work runs one step at a time, nothing under way is stuck,
the event log is gap-free and replays to the rows, release statuses are derived, agents
and queue slots are never shared or overfilled, and a spare tick changes nothing.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant

from releasegraph.engine import commands, outcome
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import SYSTEM, EventDraft
from releasegraph.engine.pairs import PAIRS, STARTING, TRANSITIONS, Pair
from releasegraph.engine.spec import RunOn
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
from releasegraph.models import DeploymentAttempt
from tests.engine.properties_commands import EngineCommands
from tests.engine.properties_world import Row, rows

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


def pair(attempt: DeploymentAttempt) -> Pair:
    return (attempt.status, attempt.operation_status)


class EngineMachine(EngineCommands):
    """The commands of ``EngineCommands``, with the invariants checked after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.terminal: dict[str, dict[str, object]] = {}

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
        *(t for r in runs if r.status == RunStatus.IN_PROGRESS for t in (r.due_at, r.timeout_at)),
    ]
    return any(t is not None for t in timers)


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
