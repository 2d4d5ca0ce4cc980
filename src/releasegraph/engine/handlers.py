"""One handler per command: check everything first, then change the release."""

from __future__ import annotations

from releasegraph.engine import agents, approvals, commands, interventions, lifecycle
from releasegraph.engine.attempts import cancel_attempt, create_attempt
from releasegraph.engine.context import Ctx
from releasegraph.engine.errors import (
    ErrorCode,
    InvalidTransitionError,
    StaleLeaseError,
    ValidationError,
    ValidationIssue,
)
from releasegraph.engine.gates import record_sample
from releasegraph.engine.phases import drop_agent
from releasegraph.engine.states import (
    ApprovalStage,
    ApprovalStatus,
    DeploymentReason,
    ManualInterventionKind,
    ReleaseStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.status import set_status
from releasegraph.engine.tasks import finish_run
from releasegraph.models import Approval, DeploymentAttempt, ManualIntervention

ACTIVE = ReleaseStatus.ACTIVE


def update_draft(ctx: Ctx, cmd: commands.UpdateDraftRelease) -> None:
    lifecycle.update_draft(
        ctx, description=cmd.description, artifacts=cmd.artifacts, variables=cmd.variables
    )


def start_release(ctx: Ctx, cmd: commands.StartRelease) -> None:
    lifecycle.start(ctx)


def schedule_release(ctx: Ctx, cmd: commands.ScheduleRelease) -> None:
    lifecycle.schedule(ctx, cmd.start_at)


def abandon_release(ctx: Ctx, cmd: commands.AbandonRelease) -> None:
    lifecycle.abandon(ctx)


def deploy_environment(ctx: Ctx, cmd: commands.DeployEnvironment) -> None:
    env = ctx.state.environment(cmd.environment_id)
    lifecycle.require_status(ctx, ACTIVE, action="deploy")
    latest = ctx.state.latest_attempt(env)
    if latest is not None and latest.completed_on is None:
        raise InvalidTransitionError(
            f"environment {env.name!r} already has a deployment under way",
            current_status=env.status.value,
        )
    if cmd.scheduled_at is not None and cmd.scheduled_at <= ctx.now:
        raise ValidationError([ValidationIssue("scheduledAt", "must be in the future")])
    if cmd.scheduled_at is not None:
        reason = DeploymentReason.SCHEDULED
    else:
        reason = DeploymentReason.MANUAL if latest is None else DeploymentReason.REDEPLOY
    create_attempt(ctx, env, reason, scheduled_at=cmd.scheduled_at)


def cancel_deployment(ctx: Ctx, cmd: commands.CancelDeployment) -> None:
    env = ctx.state.environment(cmd.environment_id)
    lifecycle.require_status(ctx, ACTIVE, action="cancel a deployment")
    latest = ctx.state.latest_attempt(env)
    if (
        latest is None
        or latest.completed_on is not None
        or latest.operation_status == Op.CANCELLING
    ):
        raise InvalidTransitionError(
            f"environment {env.name!r} has no deployment to cancel", current_status=env.status.value
        )
    cancel_attempt(ctx, latest, reason=cmd.comment or f"canceled by {ctx.actor}", by=ctx.actor)


def _open_approval(
    ctx: Ctx, cmd: commands.Approve | commands.Reject | commands.ReassignApproval
) -> Approval:
    approval = ctx.state.approval(cmd.approval_id)
    lifecycle.require_status(ctx, ACTIVE, action="answer an approval")
    approvals.check_can_answer(ctx, approval, cmd.answerer())
    return approval


def approve(ctx: Ctx, cmd: commands.Approve) -> None:
    approval = _open_approval(ctx, cmd)
    if cmd.defer_until is None:
        approvals.answer(ctx, approval, ApprovalStatus.APPROVED, comment=cmd.comment)
        return
    if approval.stage != ApprovalStage.PRE_DEPLOY or approval.gate_override:
        raise ValidationError([ValidationIssue("deferUntil", "only a pre-deploy approval defers")])
    if cmd.defer_until <= ctx.now:
        raise ValidationError([ValidationIssue("deferUntil", "must be in the future")])
    approvals.answer(
        ctx, approval, ApprovalStatus.DEFERRED, comment=cmd.comment, defer_until=cmd.defer_until
    )


def reject(ctx: Ctx, cmd: commands.Reject) -> None:
    approval = _open_approval(ctx, cmd)
    approvals.answer(ctx, approval, ApprovalStatus.REJECTED, comment=cmd.comment)


def reassign_approval(ctx: Ctx, cmd: commands.ReassignApproval) -> None:
    approval = _open_approval(ctx, cmd)
    if not cmd.to.strip():
        raise ValidationError([ValidationIssue("to", "must name a user or group:NAME")])
    replacement = Approval(
        **ctx.in_attempt(approval.release_id, approval.attempt_id),
        stage=approval.stage,
        rank=approval.rank,
        approver=cmd.to,
        status=ApprovalStatus.PENDING,
        gate_override=approval.gate_override,
        created_on=ctx.now,
        modified_on=ctx.now,
        timeout_at=approval.timeout_at,
        reassigned_from=approval.approver,
    )
    ctx.act_on(ctx.state.attempt(approval.attempt_id))
    approval.comment = cmd.comment
    approval.modified_on = ctx.now
    set_status(ctx, approval, ApprovalStatus.REASSIGNED, to=cmd.to, by=ctx.actor)
    ctx.add(replacement, ctx.state.approvals)
    ctx.created(replacement, approver=cmd.to, reassignedFrom=approval.approver)


def _open_intervention(
    ctx: Ctx,
    cmd: commands.ResumeManualIntervention | commands.RejectManualIntervention,
    kind: ManualInterventionKind | None,
) -> ManualIntervention:
    intervention = ctx.state.intervention(cmd.intervention_id)
    lifecycle.require_status(ctx, ACTIVE, action="answer a manual intervention")
    interventions.check_pending(intervention, cmd.answerer(), kind)
    return intervention


def resume_intervention(ctx: Ctx, cmd: commands.ResumeManualIntervention) -> None:
    intervention = _open_intervention(ctx, cmd, ManualInterventionKind.TASK)
    interventions.resume(ctx, intervention, dict(cmd.values), cmd.comment)


def reject_intervention(ctx: Ctx, cmd: commands.RejectManualIntervention) -> None:
    intervention = _open_intervention(ctx, cmd, None)
    interventions.reject(ctx, intervention, cmd.comment)


def _failure_of(
    ctx: Ctx, cmd: commands.RetryTask | commands.IgnoreTaskFailure | commands.FixAndContinue
) -> ManualIntervention:
    task = ctx.state.task(cmd.task_id)
    lifecycle.require_status(ctx, ACTIVE, action="act on a failed task")
    intervention = interventions.pending_failure(ctx, task)
    if intervention is None:
        raise InvalidTransitionError(
            f"task {task.name!r} is not waiting for a failure decision",
            current_status=task.status.value,
        )
    interventions.check_pending(intervention, cmd.answerer(), ManualInterventionKind.FAILURE)
    return intervention


def retry_task(ctx: Ctx, cmd: commands.RetryTask) -> None:
    task = ctx.state.task(cmd.task_id)
    if interventions.pending_failure(ctx, task) is not None:
        interventions.retry_failed_task(ctx, _failure_of(ctx, cmd))
        return
    lifecycle.require_status(ctx, ACTIVE, action="retry a task")
    attempt = ctx.state.attempt(task.attempt_id)
    env = ctx.state.environment(attempt.environment_id)
    if task.status != TaskStatus.FAILED or not _is_failed_latest(ctx, attempt):
        raise InvalidTransitionError(
            f"task {task.name!r} is not a failed task of the environment's last attempt",
            current_status=task.status.value,
        )
    create_attempt(ctx, env, DeploymentReason.RETRY, resume_at=task)


def _is_failed_latest(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    env = ctx.state.environment(attempt.environment_id)
    latest = ctx.state.latest_attempt(env)
    return latest is attempt and attempt.operation_status == Op.PHASE_FAILED


def ignore_task_failure(ctx: Ctx, cmd: commands.IgnoreTaskFailure) -> None:
    interventions.ignore_failed_task(ctx, _failure_of(ctx, cmd))


def fix_and_continue(ctx: Ctx, cmd: commands.FixAndContinue) -> None:
    intervention = _failure_of(ctx, cmd)
    interventions.fix_and_continue(ctx, intervention, dict(cmd.inputs), dict(cmd.variables))


def tick(ctx: Ctx, cmd: commands.Tick) -> None:
    """Nothing to do beyond settling, which every command does."""


def run_finished(ctx: Ctx, cmd: commands.RunFinished) -> None:
    run = ctx.state.run(cmd.run_id)
    if cmd.lease_owner is not None and run.lease_owner != cmd.lease_owner:
        raise StaleLeaseError(run.id, cmd.lease_owner)
    if run.status != RunStatus.IN_PROGRESS:
        return  # a late report of a run already timed out or canceled
    status = RunStatus.SUCCEEDED if cmd.succeeded else RunStatus.FAILED
    finish_run(ctx, run, status, exit_code=cmd.exit_code, error=cmd.error)


def run_interrupted(ctx: Ctx, cmd: commands.RunInterrupted) -> None:
    run = ctx.state.run(cmd.run_id)
    expires = run.lease_expires_at
    gone = cmd.gone_owner is not None and run.lease_owner == cmd.gone_owner
    if run.status != RunStatus.IN_PROGRESS or (
        expires is not None and expires > ctx.now and not gone
    ):
        return  # already over, or its owner renewed the lease: it is alive
    owner = run.lease_owner
    run.lease_owner = run.lease_expires_at = None
    if not agents.is_remote(owner):
        finish_run(ctx, run, RunStatus.INTERRUPTED, error="the process running it stopped")
        return
    assert owner is not None
    slot = agents.slot_of(owner)
    phase = ctx.state.phase(ctx.state.task(run.task_id).phase_id)
    drop_agent(ctx, phase)
    finish_run(ctx, run, RunStatus.LOST, error=f"agent {slot} stopped renewing its lease")


def lease_lost(ctx: Ctx, cmd: commands.LeaseLost) -> None:
    run = ctx.state.run(cmd.run_id)
    ctx.event(
        entity="TaskRun",
        entity_id=run.id,
        kind="taskRun.staleLease",
        data={"owner": cmd.owner, "refused": cmd.refused, "code": ErrorCode.STALE_LEASE.value},
    )


def gate_sampled(ctx: Ctx, cmd: commands.GateSampled) -> None:
    gate = ctx.state.gate(cmd.gate_id)
    attempt = ctx.state.attempt(gate.attempt_id)
    spec = ctx.state.spec.environment(attempt.environment_name).gates
    if spec is not None:
        record_sample(ctx, gate, spec, cmd.results)
