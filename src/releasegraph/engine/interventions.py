"""Manual interventions: a manual step of the definition, or a failure awaiting a decision."""

from __future__ import annotations

from releasegraph.engine.answerers import Answerer, intervention_refusal
from releasegraph.engine.context import SYSTEM, Ctx
from releasegraph.engine.errors import (
    ValidationError,
    ValidationIssue,
)
from releasegraph.engine.spec import InterventionTimeout
from releasegraph.engine.states import (
    ManualInterventionKind,
    ManualInterventionStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.status import set_status
from releasegraph.engine.tasks import complete_task, current_run, finish_run, start_run
from releasegraph.models import ManualIntervention, Task


def check_pending(
    intervention: ManualIntervention, answerer: Answerer, kind: ManualInterventionKind | None
) -> None:
    """Refuse acting on an answered intervention, a wrong kind, or by someone not its own."""
    error = intervention_refusal(intervention, answerer, kind=kind)
    if error is not None:
        raise error


def close(
    ctx: Ctx,
    intervention: ManualIntervention,
    status: ManualInterventionStatus,
    resolution: str,
    *,
    comment: str = "",
    values: dict[str, str] | None = None,
    by: str | None = None,
) -> None:
    """Answer the intervention: ``by`` acts (the actor, unless the system answers for them)."""
    acted_by = by or ctx.actor
    ctx.act_on(ctx.state.attempt(intervention.attempt_id), by=acted_by)
    intervention.resolution = resolution
    intervention.acted_by = acted_by
    intervention.comment = comment
    intervention.values = values or {}
    intervention.modified_on = ctx.now
    set_status(ctx, intervention, status, resolution=resolution, by=acted_by)


def resume(
    ctx: Ctx, intervention: ManualIntervention, values: dict[str, str], comment: str
) -> None:
    close(
        ctx,
        intervention,
        ManualInterventionStatus.APPROVED,
        "resume",
        comment=comment,
        values=values,
    )
    _end_manual_run(ctx, intervention, RunStatus.SUCCEEDED, None)


def reject(ctx: Ctx, intervention: ManualIntervention, comment: str) -> None:
    resolution = "reject" if intervention.kind == ManualInterventionKind.TASK else "fail"
    close(ctx, intervention, ManualInterventionStatus.REJECTED, resolution, comment=comment)
    if intervention.kind == ManualInterventionKind.TASK:
        _end_manual_run(ctx, intervention, RunStatus.FAILED, f"rejected by {ctx.actor}")
    ctx.state.phase(intervention.phase_id).failed = True


def _end_manual_run(
    ctx: Ctx, intervention: ManualIntervention, status: RunStatus, error: str | None
) -> None:
    task = ctx.state.task(intervention.task_id)
    run = current_run(ctx, task)
    if run is None:
        return
    if status == RunStatus.SUCCEEDED:
        finish_run(ctx, run, status)
        return
    # A person's "no" is a decision, not a fault: no retry and no failure prompt.
    run.completed_on = ctx.now
    run.error = error
    set_status(ctx, run, status, error=error)
    complete_task(ctx, task, TaskStatus.FAILED)
    ctx.state.phase(task.phase_id).failed = True


def time_out(ctx: Ctx, intervention: ManualIntervention) -> bool:
    """Time out a pending manual step; it then resumes or rejects as its task says."""
    due = intervention.timeout_at
    if intervention.status != ManualInterventionStatus.PENDING or due is None or due > ctx.now:
        return False
    spec = ctx.state.task_spec(ctx.state.task(intervention.task_id))
    close(ctx, intervention, ManualInterventionStatus.TIMED_OUT, "timeout", by=SYSTEM)
    if spec.on_timeout == InterventionTimeout.RESUME:
        _end_manual_run(ctx, intervention, RunStatus.SUCCEEDED, None)
    else:
        _end_manual_run(ctx, intervention, RunStatus.FAILED, "manual intervention timed out")
    return True


def retry_failed_task(ctx: Ctx, intervention: ManualIntervention) -> None:
    close(ctx, intervention, ManualInterventionStatus.APPROVED, "retry")
    _rerun(ctx, ctx.state.task(intervention.task_id))


def ignore_failed_task(ctx: Ctx, intervention: ManualIntervention) -> None:
    close(ctx, intervention, ManualInterventionStatus.APPROVED, "ignore")
    task = ctx.state.task(intervention.task_id)
    set_status(ctx, task, TaskStatus.IGNORED)
    ctx.state.phase(task.phase_id).partial = True


def fix_and_continue(
    ctx: Ctx, intervention: ManualIntervention, inputs: dict[str, str], variables: dict[str, str]
) -> None:
    task = ctx.state.task(intervention.task_id)
    known = ctx.state.task_spec(task).inputs
    unknown = sorted(set(inputs) - set(known))
    if unknown:
        raise ValidationError(
            [
                ValidationIssue(f"inputs.{name}", f"task {task.name!r} has no input {name!r}")
                for name in unknown
            ]
        )
    close(ctx, intervention, ManualInterventionStatus.APPROVED, "fixAndContinue", values=inputs)
    task.inputs = {**task.inputs, **inputs}
    release = ctx.state.release
    if variables:
        release.variables = {**release.variables, **variables}
        ctx.event(
            entity="Release",
            entity_id=release.id,
            kind="release.variables",
            data={"variables": dict(variables)},
        )
    _rerun(ctx, task)


def _rerun(ctx: Ctx, task: Task) -> None:
    start_run(ctx, ctx.state.phase(task.phase_id), task)


def pending_failure(ctx: Ctx, task: Task) -> ManualIntervention | None:
    for intervention in ctx.state.interventions:
        if (
            intervention.task_id == task.id
            and intervention.kind == ManualInterventionKind.FAILURE
            and intervention.status == ManualInterventionStatus.PENDING
        ):
            return intervention
    return None
