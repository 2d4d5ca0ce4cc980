"""Runs of tasks: starting them, their outcomes, retries and failure handling."""

from __future__ import annotations

from datetime import datetime, timedelta

from releasegraph.engine.context import Ctx
from releasegraph.engine.spec import OnTaskFailure, SimulatedOutcome, TaskKind, TaskSpec
from releasegraph.engine.states import (
    DeploymentOperationStatus,
    ManualInterventionKind,
    ManualInterventionStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.status import set_status
from releasegraph.models import DeploymentAttempt, DeployPhase, ManualIntervention, Task, TaskRun

EXECUTOR_KINDS = frozenset({TaskKind.SCRIPT, TaskKind.HTTP})
_FAILED_RUNS = (RunStatus.FAILED, RunStatus.TIMED_OUT)
CUT_SHORT = frozenset({RunStatus.INTERRUPTED, RunStatus.LOST})
"""Runs that ended with the process or agent running them: no attempt of the task."""


def start_run(ctx: Ctx, phase: DeployPhase, task: Task) -> TaskRun:
    """Start the next run of ``task``; executor kinds are handed to the runtime."""
    spec = ctx.state.task_spec(task)
    run = TaskRun(
        id=ctx.new_id(),
        release_id=task.release_id,
        task_id=task.id,
        number=len(deployment_runs(ctx, task)) + 1,
        status=RunStatus.IN_PROGRESS,
        agent_name=phase.agent_name,
        started_on=ctx.now,
        due_at=_due_at(ctx, spec),
        timeout_at=_timeout_at(ctx, spec),
    )
    ctx.add(run, ctx.state.runs)
    task.started_on = task.started_on or ctx.now
    task.completed_on = None
    set_status(ctx, task, TaskStatus.IN_PROGRESS, run=run.number)
    if spec.kind in EXECUTOR_KINDS:
        ctx.effects.start_runs.append(run.id)
    if spec.kind == TaskKind.MANUAL_INTERVENTION:
        open_intervention(ctx, task, ManualInterventionKind.TASK, spec)
    return run


def _timeout_at(ctx: Ctx, spec: TaskSpec) -> datetime | None:
    # A manual step's only clock is its intervention's timeoutMinutes.
    if spec.timeout_seconds is None or spec.kind == TaskKind.MANUAL_INTERVENTION:
        return None
    return ctx.now + timedelta(seconds=spec.timeout_seconds)


def _due_at(ctx: Ctx, spec: TaskSpec) -> datetime | None:
    if spec.kind == TaskKind.SIMULATE:
        return ctx.now + timedelta(seconds=spec.duration_seconds)
    if spec.kind == TaskKind.WAIT:
        return ctx.now + timedelta(seconds=spec.seconds)
    return None


def open_intervention(
    ctx: Ctx, task: Task, kind: ManualInterventionKind, spec: TaskSpec
) -> ManualIntervention:
    is_task = kind == ManualInterventionKind.TASK
    timeout = spec.timeout_minutes if is_task else None
    intervention = ManualIntervention(
        **ctx.in_attempt(task.release_id, task.attempt_id),
        phase_id=task.phase_id,
        task_id=task.id,
        kind=kind,
        status=ManualInterventionStatus.PENDING,
        instructions=spec.instructions if is_task else f"task {task.name!r} failed",
        approvers=list(spec.approvers),
        created_on=ctx.now,
        modified_on=ctx.now,
        timeout_at=None if timeout is None else ctx.now + timedelta(minutes=timeout),
    )
    ctx.add(intervention, ctx.state.interventions)
    ctx.created(intervention, kind=kind.value, task=task.id)
    return intervention


def simulated_outcome(spec: TaskSpec, number: int) -> RunStatus:
    if number <= spec.fail_times or spec.outcome == SimulatedOutcome.FAILED:
        return RunStatus.FAILED
    return RunStatus.SUCCEEDED


def finish_run(
    ctx: Ctx,
    run: TaskRun,
    status: RunStatus,
    *,
    exit_code: int | None = None,
    error: str | None = None,
) -> None:
    """Record a run's end and what it means for its task (retry, continue, prompt, fail)."""
    run.completed_on = ctx.now
    run.exit_code = exit_code
    run.error = error
    set_status(ctx, run, status, exit_code=exit_code, error=error)
    task = ctx.state.task(run.task_id)
    if status in CUT_SHORT:
        _cut_short(ctx, task, run)
        return
    if status == RunStatus.SUCCEEDED:
        complete_task(ctx, task, TaskStatus.SUCCEEDED)
    elif status == RunStatus.CANCELED:
        complete_task(ctx, task, TaskStatus.CANCELED)
    else:
        _task_failed(ctx, task)


def _cut_short(ctx: Ctx, task: Task, run: TaskRun) -> None:
    """The run stopped with its process or agent: the task did not fail, so it runs again,
    but only so often; a task that kills every agent it lands on fails."""
    limit = ctx.resources.lost_run_limit
    if sum(r.status in CUT_SHORT for r in ctx.state.runs_of(task)) < limit:
        set_status(ctx, task, TaskStatus.PENDING, interrupted=run.number)
        return
    run.error = f"{run.error}; {limit} runs lost or interrupted, the task fails"
    _give_up(ctx, task, ctx.state.task_spec(task))


def complete_task(ctx: Ctx, task: Task, status: TaskStatus) -> None:
    task.completed_on = ctx.now
    set_status(ctx, task, status)


def _task_failed(ctx: Ctx, task: Task) -> None:
    spec = ctx.state.task_spec(task)
    failures = sum(r.status in _FAILED_RUNS for r in ctx.state.runs_of(task))
    if failures <= spec.retries:
        set_status(ctx, task, TaskStatus.PENDING, retry=failures)
        return
    _give_up(ctx, task, spec)


def _give_up(ctx: Ctx, task: Task, spec: TaskSpec) -> None:
    """The task failed for good: go on, prompt, or fail its phase."""
    phase = ctx.state.phase(task.phase_id)
    complete_task(ctx, task, TaskStatus.FAILED)
    if spec.continue_on_error:
        phase.partial = True
        return
    attempt = ctx.state.attempt(task.attempt_id)
    env_spec = ctx.state.spec.environment(attempt.environment_name)
    prompting = env_spec.on_task_failure == OnTaskFailure.PROMPT
    if prompting and attempt.operation_status != DeploymentOperationStatus.CANCELLING:
        open_intervention(ctx, task, ManualInterventionKind.FAILURE, spec)
    else:
        phase.failed = True


def current_run(ctx: Ctx, task: Task) -> TaskRun | None:
    runs = ctx.state.runs_of(task)
    if runs and runs[-1].status == RunStatus.IN_PROGRESS:
        return runs[-1]
    return None


def deployment_runs(ctx: Ctx, task: Task) -> list[TaskRun]:
    """Every run of ``task`` in its deployment: its own and those in the attempts it retries.

    They number the runs and count for ``failTimes``; ``retries`` counts only its own.
    """
    return [run for copy in ctx.state.retried_copies(task) for run in ctx.state.runs_of(copy)]


def counted_runs(ctx: Ctx, task: Task) -> int:
    """Runs that count for ``failTimes``: an interrupted run is no attempt of the task."""
    return sum(r.status not in CUT_SHORT for r in deployment_runs(ctx, task))


def step_run(ctx: Ctx, attempt: DeploymentAttempt, run: TaskRun) -> bool:
    """End a run whose timeout or simulated duration has come; True if anything changed."""
    if run.timeout_at is not None and run.timeout_at <= ctx.now:
        if ctx.state.task_spec(ctx.state.task(run.task_id)).kind in EXECUTOR_KINDS:
            ctx.effects.stop_runs.append(run.id)
        finish_run(ctx, run, RunStatus.TIMED_OUT, error="timed out")
        return True
    if run.due_at is not None and run.due_at <= ctx.now:
        task = ctx.state.task(run.task_id)
        spec = ctx.state.task_spec(task)
        outcome = (
            simulated_outcome(spec, counted_runs(ctx, task))
            if spec.kind == TaskKind.SIMULATE
            else RunStatus.SUCCEEDED
        )
        error = "simulated failure" if outcome == RunStatus.FAILED else None
        finish_run(ctx, run, outcome, error=error)
        return True
    return False
