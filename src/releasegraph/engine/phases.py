"""Deploy phases: getting an agent, running tasks one after another, and ending the phase."""

from __future__ import annotations

from releasegraph.engine import agents, interventions
from releasegraph.engine.context import Ctx
from releasegraph.engine.pairs import Pair
from releasegraph.engine.spec import RunOn, TaskKind
from releasegraph.engine.states import (
    TERMINAL_PHASE,
    DeployPhaseStatus,
    ManualInterventionStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.status import set_status
from releasegraph.engine.tasks import EXECUTOR_KINDS, current_run, finish_run, start_run, step_run
from releasegraph.models import DeploymentAttempt, DeployPhase, Task


def current_phase(ctx: Ctx, attempt: DeploymentAttempt) -> DeployPhase | None:
    for phase in ctx.state.phases_of(attempt):
        if phase.status not in TERMINAL_PHASE:
            return phase
    return None


def step_phases(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    """Advance the attempt's current phase by one step; False when there is none left."""
    phase = current_phase(ctx, attempt)
    if phase is None:
        return False
    if phase.status == DeployPhaseStatus.NOT_STARTED:
        return _acquire(ctx, attempt, phase)
    return _step_running(ctx, attempt, phase)


def _acquire(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase) -> bool:
    """A phase runs on the server at once; on an agent, once a pipeline and an agent are free."""
    spec = ctx.state.phase_spec(phase)
    if spec.run_on == RunOn.SERVER:
        _begin(ctx, attempt, phase, agent=None)
        return True
    if ctx.resources.pipeline_full():
        return _wait(ctx, attempt, phase, Op.QUEUED_FOR_PIPELINE)
    agent = _take_agent(ctx, phase)
    if agent is None:
        return _wait_for_agent(ctx, attempt, phase)
    _begin(ctx, attempt, phase, agent=agent)
    return True


def _take_agent(ctx: Ctx, phase: DeployPhase) -> str | None:
    spec = ctx.state.phase_spec(phase)
    agent = ctx.resources.take_agent(spec.pool, spec.demands)
    if agent is not None:
        ctx.effects.agents_assigned[agent] = phase.id
    return agent


def _wait_for_agent(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase) -> bool:
    """QUEUED_FOR_AGENT, saying why when no online agent could ever take the phase."""
    spec = ctx.state.phase_spec(phase)
    reason = None
    if ctx.resources.none_can_serve(spec.pool, spec.demands):
        demands = f" meets demands {agents.describe(spec.demands)}" if spec.demands else ""
        reason = f"no online agent in pool {spec.pool!r}{demands}"
    changed = _wait(ctx, attempt, phase, Op.QUEUED_FOR_AGENT)
    if reason == attempt.status_reason:
        return changed
    attempt.status_reason = reason
    ctx.event(
        entity="DeploymentAttempt",
        entity_id=attempt.id,
        kind="attempt.statusReason",
        data={"reason": reason},
    )
    return True


def _wait(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase, op: Op) -> bool:
    status = St.NOT_DEPLOYED if attempt.started_on is None else St.IN_PROGRESS
    if (attempt.status, attempt.operation_status) == (status, op):
        return False
    phase.waiting_since = phase.waiting_since or ctx.now
    ctx.move_attempt(attempt, (status, op))
    return True


def _begin(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase, *, agent: str | None) -> None:
    phase.agent_name = agent
    phase.started_on = ctx.now
    phase.waiting_since = None
    attempt.status_reason = None
    set_status(ctx, phase, DeployPhaseStatus.IN_PROGRESS, agent=agent)
    attempt.started_on = attempt.started_on or ctx.now
    ctx.move_attempt(attempt, (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS))


def _step_running(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase) -> bool:
    tasks = ctx.state.tasks_of(phase)
    running = next((t for t in tasks if t.status == TaskStatus.IN_PROGRESS), None)
    if running is not None:
        return _step_task(ctx, attempt, phase, running)
    if any(interventions.pending_failure(ctx, t) for t in tasks):
        return _sync_operation(ctx, attempt, phase)
    task = _next_task(ctx, attempt, phase, tasks)
    if task is not None:
        if phase.agent_name is None and ctx.state.phase_spec(phase).run_on == RunOn.AGENT:
            return _reacquire(ctx, attempt, phase)
        start_run(ctx, phase, task)
        _sync_operation(ctx, attempt, phase)
        return True
    _complete(ctx, attempt, phase)
    return True


def _reacquire(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase) -> bool:
    """The phase's agent was lost: its next task waits for another one."""
    cancelling = attempt.operation_status == Op.CANCELLING
    agent = _take_agent(ctx, phase)
    if agent is None:
        # Cancelling, an alwaysRun task waits for an agent without leaving CANCELLING.
        return False if cancelling else _wait_for_agent(ctx, attempt, phase)
    phase.agent_name = agent
    phase.waiting_since = None
    attempt.status_reason = None
    ctx.event(entity="DeployPhase", entity_id=phase.id, kind="phase.agent", data={"agent": agent})
    if not cancelling:
        ctx.move_attempt(attempt, (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS))
    return True


def drop_agent(ctx: Ctx, phase: DeployPhase) -> None:
    """The phase's remote agent is gone: its slot is freed but not given back, as nobody is
    there to take work; the phase's next task waits for another agent."""
    if phase.agent_name is None:
        return
    ctx.resources.running_jobs -= 1
    ctx.effects.agents_freed.append(phase.agent_name)
    phase.agent_name = None
    # It keeps its place among the phases waiting for an agent: since it first started.
    phase.waiting_since = phase.started_on


def _step_task(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase, task: Task) -> bool:
    changed = False
    run = current_run(ctx, task)
    if run is not None:
        changed = step_run(ctx, attempt, run)
    for intervention in ctx.state.interventions_of(attempt):
        if intervention.task_id == task.id:
            changed = interventions.time_out(ctx, intervention) or changed
    return _sync_operation(ctx, attempt, phase) or changed


def _next_task(
    ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase, tasks: list[Task]
) -> Task | None:
    """The next task to run; after a failure or a cancel, only ``alwaysRun`` tasks run."""
    cancelling = attempt.operation_status == Op.CANCELLING
    for task in tasks:
        if task.status != TaskStatus.PENDING:
            continue
        always_run = (
            _runs_through_cancel(ctx, task) if cancelling else ctx.state.task_spec(task).always_run
        )
        if (phase.failed or cancelling) and not always_run:
            set_status(ctx, task, TaskStatus.SKIPPED)
            continue
        return task
    return None


def _sync_operation(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase) -> bool:
    """PHASE_IN_PROGRESS, or MANUAL_INTERVENTION_PENDING while a person must act."""
    if attempt.operation_status == Op.CANCELLING:
        return False
    waiting = any(
        i.status == ManualInterventionStatus.PENDING and i.phase_id == phase.id
        for i in ctx.state.interventions_of(attempt)
    )
    target = Op.MANUAL_INTERVENTION_PENDING if waiting else Op.PHASE_IN_PROGRESS
    if attempt.operation_status == target:
        return False
    ctx.move_attempt(attempt, (St.IN_PROGRESS, target))
    return True


def _complete(ctx: Ctx, attempt: DeploymentAttempt, phase: DeployPhase) -> None:
    cancelling = attempt.operation_status == Op.CANCELLING
    if cancelling:
        status = DeployPhaseStatus.CANCELED
    elif phase.failed:
        status = DeployPhaseStatus.FAILED
    elif phase.partial:
        status = DeployPhaseStatus.PARTIALLY_SUCCEEDED
    else:
        status = DeployPhaseStatus.SUCCEEDED
    end_phase(ctx, phase, status)
    if cancelling:
        complete_attempt(ctx, attempt, (St.FAILED, Op.CANCELED))
    elif phase.failed:
        complete_attempt(ctx, attempt, (St.FAILED, Op.PHASE_FAILED))
    else:
        ctx.move_attempt(attempt, (St.IN_PROGRESS, Op.PHASE_SUCCEEDED))


def end_phase(ctx: Ctx, phase: DeployPhase, status: DeployPhaseStatus) -> None:
    """End a phase and give its agent back."""
    phase.completed_on = ctx.now
    phase.waiting_since = None
    set_status(ctx, phase, status)
    if phase.agent_name is not None:
        ctx.resources.give_back_agent(ctx.state.phase_spec(phase).pool, phase.agent_name)
        ctx.effects.agents_freed.append(phase.agent_name)
        # Taken and given back in one decision: the runtime frees before it assigns,
        # so reporting the assignment too would leave the agent held by an ended phase.
        if ctx.effects.agents_assigned.get(phase.agent_name) == phase.id:
            del ctx.effects.agents_assigned[phase.agent_name]


def complete_attempt(ctx: Ctx, attempt: DeploymentAttempt, pair: Pair) -> None:
    """Move to a final pair and give back the queue slot."""
    ctx.move_attempt(attempt, pair)
    attempt.completed_on = ctx.now
    attempt.deferred_until = None
    for phase in ctx.state.phases_of(attempt):
        phase.waiting_since = None
    if attempt.holds_queue_slot:
        attempt.holds_queue_slot = False
        spec = ctx.state.spec.environment(attempt.environment_name)
        view = ctx.resources.queue(
            attempt.definition_id, attempt.environment_name, spec.queue.max_parallel
        )
        view.occupied -= 1
        ctx.effects.queue_changed.add((attempt.definition_id, attempt.environment_name))


def stop_phases(ctx: Ctx, attempt: DeploymentAttempt) -> None:
    """Cancel while tasks run: kill what runs unless it is ``alwaysRun``, and let those finish."""
    for intervention in ctx.state.interventions_of(attempt):
        if intervention.status == ManualInterventionStatus.PENDING:
            interventions.close(ctx, intervention, ManualInterventionStatus.CANCELED, "cancel")
    phase = current_phase(ctx, attempt)
    if phase is None or phase.status == DeployPhaseStatus.NOT_STARTED:
        if phase is not None:
            phase.waiting_since = None
        complete_attempt(ctx, attempt, (St.FAILED, Op.CANCELED))
        return
    tasks = ctx.state.tasks_of(phase)
    for task in tasks:
        run = current_run(ctx, task)
        if run is not None and not _runs_through_cancel(ctx, task):
            if ctx.state.task_spec(task).kind in EXECUTOR_KINDS:
                ctx.effects.stop_runs.append(run.id)
            finish_run(ctx, run, RunStatus.CANCELED, error=f"canceled by {ctx.actor}")
    if any(_still_runs(ctx, task) for task in tasks):
        set_status(ctx, phase, DeployPhaseStatus.CANCELLING)
        ctx.move_attempt(attempt, (St.IN_PROGRESS, Op.CANCELLING))
        return
    for task in tasks:
        if task.status == TaskStatus.PENDING:
            set_status(ctx, task, TaskStatus.SKIPPED)
    end_phase(ctx, phase, DeployPhaseStatus.CANCELED)
    complete_attempt(ctx, attempt, (St.FAILED, Op.CANCELED))


def _still_runs(ctx: Ctx, task: Task) -> bool:
    if task.status == TaskStatus.IN_PROGRESS:
        return True
    return task.status == TaskStatus.PENDING and _runs_through_cancel(ctx, task)


def _runs_through_cancel(ctx: Ctx, task: Task) -> bool:
    """``alwaysRun`` tasks finish after a cancel; a manual step does not, as a cancel (or an
    abandon, after which nobody may answer) closes its intervention and no person is asked."""
    spec = ctx.state.task_spec(task)
    return spec.always_run and spec.kind != TaskKind.MANUAL_INTERVENTION
