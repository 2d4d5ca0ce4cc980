"""The commands of the property tests: every public command, legal or not, as rules.

``EngineCommands`` sets up a ``World`` (one random definition, one or two releases of it
and a pool of agents) and has one rule per kind of decision a person or a timer makes.
Each rule mostly names a row the command fits, and sometimes any row, a missing one or
someone not entitled to act. Every command must either take effect or be refused
without changing a row, and an abandoned release obeys nothing but ticks; the
invariants checked after every step are in ``test_properties``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Protocol

from hypothesis import note
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import SYSTEM
from releasegraph.engine.definition import definition_to_dict, parse_definition
from releasegraph.engine.errors import DomainError
from releasegraph.engine.states import (
    ApprovalStatus,
    ManualInterventionStatus,
    ReleaseStatus,
    TaskStatus,
)
from releasegraph.models import Approval, ReleaseEnvironment, Task
from tests.engine.properties_definitions import APPROVERS, definitions, flags
from tests.engine.properties_world import CREATOR, World

ACTORS = ("alice", "bob", "carol", CREATOR)

index = st.integers(-1, 12)
"""Which row a command names; -1 names one that does not exist."""
who = st.integers(0, 7)
"""0 to 5: someone entitled to act (when there is one); otherwise one of ``ACTORS``."""
mostly = st.sampled_from([True, True, True, False])
choosing = st.tuples(mostly, index)
"""Which row a command names: (mostly one the command fits, its position)."""
seconds = st.integers(-10, 300)


class Identified(Protocol):
    @property
    def id(self) -> str: ...


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


class EngineCommands(RuleBasedStateMachine):
    """A world and the rules that send it commands; ``test_properties`` adds the invariants."""

    world: World

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
