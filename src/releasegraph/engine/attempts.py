"""Deployment attempts: creation, queue admission, pre-deploy, post-deploy and completion."""

from __future__ import annotations

from datetime import datetime

from releasegraph.engine import approvals, gates
from releasegraph.engine.answerers import stage_spec
from releasegraph.engine.approvals import Verdict
from releasegraph.engine.context import SYSTEM, Ctx
from releasegraph.engine.phases import complete_attempt, step_phases, stop_phases
from releasegraph.engine.spec import (
    EnvironmentSpec,
    GateFailure,
    GateStage,
    PhaseSpec,
    QueuePolicy,
)
from releasegraph.engine.states import (
    ApprovalStage,
    ApprovalStatus,
    DeploymentReason,
    DeployPhaseStatus,
    GateStatus,
    TaskStatus,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.status import carry_status, set_status
from releasegraph.models import Approval, DeploymentAttempt, DeployPhase, ReleaseEnvironment, Task

ND, IP = St.NOT_DEPLOYED, St.IN_PROGRESS
PRE, POST = ApprovalStage.PRE_DEPLOY, ApprovalStage.POST_DEPLOY


def create_attempt(
    ctx: Ctx,
    env: ReleaseEnvironment,
    reason: DeploymentReason,
    *,
    scheduled_at: datetime | None = None,
    resume_at: Task | None = None,
) -> DeploymentAttempt:
    """A new attempt with its phases and tasks, as the release's definition snapshot says.

    With ``resume_at`` (a failed task of the previous attempt) the new attempt keeps
    what came before that task and skips the pre-deploy approvals and gates it passed.
    """
    attempt = _new_attempt(ctx, env, reason, scheduled_at=scheduled_at, resuming=resume_at)
    ctx.add(attempt, ctx.state.attempts)
    for rank, phase_spec in enumerate(ctx.state.env_spec(env).phases):
        _add_phase(ctx, attempt, rank, phase_spec)
    if resume_at is not None:
        _carry_over(ctx, attempt, resume_at)
    if scheduled_at is not None and scheduled_at > ctx.now:
        ctx.move_attempt(attempt, (ND, Op.SCHEDULED), new=True)
    else:
        attempt.scheduled_at = None
        _admit(ctx, attempt, new=True)
    return attempt


def _new_attempt(
    ctx: Ctx,
    env: ReleaseEnvironment,
    reason: DeploymentReason,
    *,
    scheduled_at: datetime | None,
    resuming: Task | None,
) -> DeploymentAttempt:
    previous = ctx.state.latest_attempt(env)
    return DeploymentAttempt(
        id=ctx.new_id(),
        release_id=env.release_id,
        environment_id=env.id,
        definition_id=env.definition_id,
        environment_name=env.name,
        release_number=ctx.state.release.number,
        attempt=1 if previous is None else previous.attempt + 1,
        status=ND,
        operation_status=Op.SCHEDULED,
        reason=reason,
        requested_by=ctx.actor,
        last_modified_by=ctx.actor,
        queued_on=ctx.now,
        scheduled_at=scheduled_at,
        skip_pre_deploy=resuming is not None,
    )


def _add_phase(ctx: Ctx, attempt: DeploymentAttempt, rank: int, phase_spec: PhaseSpec) -> None:
    """A phase of a new attempt, with its tasks, all pending."""
    phase = DeployPhase(
        **ctx.in_attempt(attempt.release_id, attempt.id),
        rank=rank,
        name=phase_spec.name,
        run_on=phase_spec.run_on.value,
        pool=phase_spec.pool,
        status=DeployPhaseStatus.NOT_STARTED,
    )
    ctx.add(phase, ctx.state.phases)
    for task_rank, task_spec in enumerate(phase_spec.tasks):
        task = Task(
            **ctx.in_attempt(attempt.release_id, attempt.id),
            phase_id=phase.id,
            rank=task_rank,
            name=task_spec.name,
            kind=task_spec.kind.value,
            status=TaskStatus.PENDING,
            inputs=dict(task_spec.inputs),
        )
        ctx.add(task, ctx.state.tasks)


def _queue(ctx: Ctx, attempt: DeploymentAttempt) -> tuple[EnvironmentSpec, int]:
    spec = ctx.state.spec.environment(attempt.environment_name)
    return spec, spec.queue.max_parallel


def _admit(ctx: Ctx, attempt: DeploymentAttempt, *, new: bool = False) -> bool:
    """Take a queue slot and go on to pre-deploy, or wait in (NOT_DEPLOYED, QUEUED)."""
    spec, limit = _queue(ctx, attempt)
    if limit == 0:
        _enter_pre_deploy(ctx, attempt, new=new)
        return True
    view = ctx.resources.queue(attempt.definition_id, attempt.environment_name, limit)
    if attempt.id not in view.queued:
        view.queued.append(attempt.id)
    free = limit - view.occupied
    eligible = (
        view.queued[-free:] if spec.queue.policy == QueuePolicy.LATEST_ONLY else view.queued[:free]
    )
    if free <= 0 or attempt.id not in eligible:
        if spec.queue.policy == QueuePolicy.LATEST_ONLY and len(view.queued) > 1:
            ctx.effects.queue_changed.add((attempt.definition_id, attempt.environment_name))
        if new or attempt.operation_status != Op.QUEUED:
            ctx.move_attempt(attempt, (ND, Op.QUEUED), new=new)
            return True
        return False
    view.queued.remove(attempt.id)
    view.occupied += 1
    attempt.holds_queue_slot = True
    _enter_pre_deploy(ctx, attempt, new=new)
    return True


def _superseded(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    """Under LATEST_ONLY, a queued attempt with a newer one queued behind it is canceled."""
    spec, limit = _queue(ctx, attempt)
    if spec.queue.policy != QueuePolicy.LATEST_ONLY:
        return False
    view = ctx.resources.queue(attempt.definition_id, attempt.environment_name, limit)
    return attempt.id in view.queued and view.queued[-1] != attempt.id


def _enter_pre_deploy(ctx: Ctx, attempt: DeploymentAttempt, *, new: bool) -> None:
    env_spec = ctx.state.spec.environment(attempt.environment_name)
    if env_spec.pre_deploy_approvals is not None and not attempt.skip_pre_deploy:
        ctx.move_attempt(attempt, (ND, Op.PENDING), new=new)
        approvals.create_approvals(ctx, attempt, PRE, env_spec.pre_deploy_approvals)
    else:
        ctx.move_attempt(attempt, (ND, Op.APPROVED), new=new)


def step_attempt(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    """Advance one attempt by one step; True if anything changed."""
    if attempt.completed_on is not None:
        return False
    op = attempt.operation_status
    if op == Op.SCHEDULED:
        if attempt.scheduled_at is not None and attempt.scheduled_at > ctx.now:
            return False
        attempt.scheduled_at = None
        return _admit(ctx, attempt)
    if op == Op.QUEUED:
        if _superseded(ctx, attempt):
            cancel_attempt(ctx, attempt, reason="superseded by a newer deployment", by=SYSTEM)
            return True
        return _admit(ctx, attempt)
    if op in (Op.PENDING, Op.DEFERRED) or (
        op == Op.GATES_FAILED and _awaiting_override(ctx, attempt)
    ):
        return _step_approvals(ctx, attempt)
    if op == Op.EVALUATING_GATES:
        return _step_gates(ctx, attempt)
    if op == Op.APPROVED and attempt.status == ND:
        return _after_pre_approval(ctx, attempt)
    return step_phases(ctx, attempt) or _after_phases(ctx, attempt)


def _stage(attempt: DeploymentAttempt) -> ApprovalStage:
    return PRE if attempt.status == ND else POST


def _awaiting_override(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    rows = approvals.stage_approvals(ctx, attempt, _stage(attempt), gate_override=True)
    return bool(rows)


def _step_approvals(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    stage = _stage(attempt)
    override = attempt.operation_status == Op.GATES_FAILED
    spec = stage_spec(ctx.state.spec.environment(attempt.environment_name), stage)
    rows = approvals.stage_approvals(ctx, attempt, stage, gate_override=override)
    if approvals.time_out(ctx, rows):
        ctx.act_on(attempt, by=SYSTEM)  # a timeout answers in the approver's place
    approvals.settle_deferrals(ctx, rows)
    decided = approvals.verdict(rows, spec, ctx.now)
    if decided == Verdict.WAITING:
        return False
    # Decided (also when deferred): nobody else may answer, or time out, and undo it.
    approvals.close_remaining(ctx, rows, ApprovalStatus.SKIPPED)
    if decided == Verdict.DEFERRED:
        return _defer(ctx, attempt, rows)
    attempt.deferred_until = None
    if decided == Verdict.REJECTED:
        complete_attempt(
            ctx, attempt, (ND, Op.REJECTED) if stage == PRE else (St.FAILED, Op.REJECTED)
        )
    elif stage == PRE:
        ctx.move_attempt(attempt, (ND, Op.APPROVED))
    elif override or not _start_gates(ctx, attempt, GateStage.POST_DEPLOY):
        _succeed(ctx, attempt)
    return True


def _defer(ctx: Ctx, attempt: DeploymentAttempt, rows: list[Approval]) -> bool:
    until = max(a.defer_until for a in rows if a.defer_until is not None)
    if attempt.operation_status == Op.DEFERRED and attempt.deferred_until == until:
        return False
    attempt.deferred_until = until
    ctx.move_attempt(attempt, (ND, Op.DEFERRED))
    return True


def _after_pre_approval(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    if attempt.skip_pre_deploy or not _start_gates(ctx, attempt, GateStage.PRE_DEPLOY):
        step_phases(ctx, attempt)
    return True


def _start_gates(ctx: Ctx, attempt: DeploymentAttempt, stage: GateStage) -> bool:
    """Start the stage's gates unless there are none or they already ran; True if started."""
    spec = ctx.state.spec.environment(attempt.environment_name).gates
    approval_stage = ApprovalStage(stage.value)
    if spec is None or spec.stage != stage:
        return False
    if any(g.stage == approval_stage for g in ctx.state.gates_of(attempt)):
        return False
    status = ND if stage == GateStage.PRE_DEPLOY else IP
    ctx.move_attempt(attempt, (status, Op.EVALUATING_GATES))
    gates.create_gate(ctx, attempt, approval_stage, spec)
    return True


def _step_gates(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    env_spec = ctx.state.spec.environment(attempt.environment_name)
    spec = env_spec.gates
    gate = next(g for g in ctx.state.gates_of(attempt) if g.stage == _stage(attempt))
    assert spec is not None
    changed = gates.step_gate(ctx, gate, spec)
    if gate.status == GateStatus.SUCCEEDED:
        if attempt.status == ND:
            step_phases(ctx, attempt)
        else:
            _succeed(ctx, attempt)
        return True
    if gate.status != GateStatus.FAILED:
        return changed
    if spec.on_failure == GateFailure.REJECT:
        complete_attempt(
            ctx, attempt, (attempt.status if attempt.status == ND else St.FAILED, Op.GATES_FAILED)
        )
    else:
        ctx.move_attempt(attempt, (attempt.status, Op.GATES_FAILED))
        stage = _stage(attempt)
        approvals.create_approvals(
            ctx, attempt, stage, stage_spec(env_spec, stage), gate_override=True
        )
    return True


def _after_phases(ctx: Ctx, attempt: DeploymentAttempt) -> bool:
    """Every phase has ended well: post-deploy approvals, then gates, then success."""
    if attempt.completed_on is not None or attempt.operation_status != Op.PHASE_SUCCEEDED:
        return False
    spec = ctx.state.spec.environment(attempt.environment_name).post_deploy_approvals
    if spec is not None:
        ctx.move_attempt(attempt, (IP, Op.PENDING))
        approvals.create_approvals(ctx, attempt, POST, spec)
    elif not _start_gates(ctx, attempt, GateStage.POST_DEPLOY):
        _succeed(ctx, attempt)
    return True


def _succeed(ctx: Ctx, attempt: DeploymentAttempt) -> None:
    partial = any(p.partial for p in ctx.state.phases_of(attempt))
    pair = (
        (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED)
        if partial
        else (St.SUCCEEDED, Op.APPROVED)
    )
    complete_attempt(ctx, attempt, pair)


def cancel_attempt(ctx: Ctx, attempt: DeploymentAttempt, *, reason: str, by: str) -> None:
    """Cancel: at once before tasks run; while they run, after the ``alwaysRun`` ones.

    ``by`` cancels it, unless someone already did and it only waits for ``alwaysRun`` tasks.
    """
    if attempt.operation_status != Op.CANCELLING:
        ctx.act_on(attempt, by=by)
    ctx.event(
        entity="DeploymentAttempt",
        entity_id=attempt.id,
        kind="attempt.cancel",
        data={"reason": reason},
    )
    for approval in ctx.state.approvals_of(attempt):
        if approval.status in (ApprovalStatus.PENDING, ApprovalStatus.DEFERRED):
            approval.modified_on = ctx.now
            set_status(ctx, approval, ApprovalStatus.CANCELED)
    for gate in ctx.state.gates_of(attempt):
        gates.cancel_gate(ctx, gate)
    if attempt.operation_status == Op.QUEUED:
        _, limit = _queue(ctx, attempt)
        view = ctx.resources.queue(attempt.definition_id, attempt.environment_name, limit)
        if attempt.id in view.queued:
            view.queued.remove(attempt.id)
    if attempt.status == ND:
        complete_attempt(ctx, attempt, (ND, Op.CANCELED))
    else:
        stop_phases(ctx, attempt)


def _carry_over(ctx: Ctx, attempt: DeploymentAttempt, resume_at: Task) -> None:
    """Copy the outcome of every task before ``resume_at`` from the failed attempt."""
    failed_phase = ctx.state.phase(resume_at.phase_id)
    old_phases = ctx.state.phases_of(ctx.state.attempt(resume_at.attempt_id))
    for old, new in zip(old_phases, ctx.state.phases_of(attempt), strict=True):
        if old.rank > failed_phase.rank:
            break
        if old.rank < failed_phase.rank:
            new.completed_on = old.completed_on
            carry_status(ctx, new, old.status)
        new.partial = old.partial
        for old_task, task in zip(ctx.state.tasks_of(old), ctx.state.tasks_of(new), strict=True):
            if old.rank == failed_phase.rank and old_task.rank >= resume_at.rank:
                break
            carry_status(ctx, task, old_task.status)
            task.carried_over = True
            task.inputs = dict(old_task.inputs)
            task.started_on, task.completed_on = old_task.started_on, old_task.completed_on
