"""Pre- and post-deploy approvals: asked, answered, and what the answers add up to.

Who may answer is ``answerers``' to decide.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from releasegraph.engine.answerers import (
    ANYONE,
    COUNTED,
    Answerer,
    approval_refusal,
    same_round,
)
from releasegraph.engine.context import Ctx
from releasegraph.engine.spec import ApprovalSpec
from releasegraph.engine.states import ApprovalStage, ApprovalStatus
from releasegraph.engine.status import set_status
from releasegraph.models import Approval, DeploymentAttempt

_LIVE = (ApprovalStatus.PENDING, *COUNTED, ApprovalStatus.REJECTED, ApprovalStatus.TIMED_OUT)


class Verdict(enum.Enum):
    WAITING = "waiting"
    APPROVED = "approved"
    DEFERRED = "deferred"
    REJECTED = "rejected"


def create_approvals(
    ctx: Ctx,
    attempt: DeploymentAttempt,
    stage: ApprovalStage,
    spec: ApprovalSpec | None,
    *,
    gate_override: bool = False,
) -> None:
    """Ask every approver of ``spec`` (anyone, for a gate override without approvers)."""
    approvers = spec.approvers if spec else (ANYONE,)
    timeout = spec.timeout_minutes if spec else None
    for rank, approver in enumerate(approvers):
        approval = Approval(
            **ctx.in_attempt(attempt.release_id, attempt.id),
            stage=stage,
            rank=rank,
            approver=approver,
            status=ApprovalStatus.PENDING,
            gate_override=gate_override,
            created_on=ctx.now,
            modified_on=ctx.now,
            timeout_at=None if timeout is None else ctx.now + timedelta(minutes=timeout),
        )
        ctx.add(approval, ctx.state.approvals)
        ctx.created(approval, approver=approver, stage=stage.value, attempt=attempt.id)


def stage_approvals(
    ctx: Ctx, attempt: DeploymentAttempt, stage: ApprovalStage, *, gate_override: bool
) -> list[Approval]:
    return same_round(ctx.state.approvals_of(attempt), stage=stage, override=gate_override)


def verdict(rows: list[Approval], spec: ApprovalSpec | None, now: datetime) -> Verdict:
    """What the answers so far decide, given the required count."""
    live = [a for a in rows if a.status in _LIVE]
    if any(a.status in (ApprovalStatus.REJECTED, ApprovalStatus.TIMED_OUT) for a in live):
        return Verdict.REJECTED
    required = spec.required_count if spec and spec.required_count else len(live)
    counted = [a for a in live if a.status in COUNTED]
    if len(counted) < required:
        return Verdict.WAITING
    if any(a.defer_until and a.defer_until > now for a in counted):
        return Verdict.DEFERRED
    return Verdict.APPROVED


def check_can_answer(ctx: Ctx, approval: Approval, answerer: Answerer) -> None:
    """Refuse an answer from someone who is not (or not yet) the one to give it."""
    attempt = ctx.state.attempt(approval.attempt_id)
    error = approval_refusal(
        approval,
        attempt_approvals=ctx.state.approvals_of(attempt),
        env_spec=ctx.state.spec.environment(attempt.environment_name),
        creator=ctx.state.release.created_by,
        answerer=answerer,
    )
    if error is not None:
        raise error


def answer(
    ctx: Ctx,
    approval: Approval,
    status: ApprovalStatus,
    *,
    comment: str = "",
    defer_until: datetime | None = None,
) -> None:
    ctx.act_on(ctx.state.attempt(approval.attempt_id))
    approval.approved_by = ctx.actor
    approval.comment = comment
    approval.defer_until = defer_until
    approval.modified_on = ctx.now
    set_status(ctx, approval, status, by=ctx.actor, comment=comment)


def close_remaining(ctx: Ctx, rows: list[Approval], status: ApprovalStatus) -> None:
    """Approvals nobody needs to answer any more: skipped once decided, canceled on a cancel."""
    for approval in rows:
        if approval.status == ApprovalStatus.PENDING:
            approval.modified_on = ctx.now
            set_status(ctx, approval, status)


def time_out(ctx: Ctx, rows: list[Approval]) -> bool:
    """Time out the pending approvals whose time has come; True if any did."""
    timed_out = [
        a
        for a in rows
        if a.status == ApprovalStatus.PENDING
        and a.timeout_at is not None
        and a.timeout_at <= ctx.now
    ]
    for approval in timed_out:
        approval.modified_on = ctx.now
        set_status(ctx, approval, ApprovalStatus.TIMED_OUT)
    return bool(timed_out)


def settle_deferrals(ctx: Ctx, rows: list[Approval]) -> None:
    """A deferral whose time has come counts as a plain approval."""
    for approval in rows:
        if approval.status == ApprovalStatus.DEFERRED and (
            approval.defer_until is None or approval.defer_until <= ctx.now
        ):
            set_status(ctx, approval, ApprovalStatus.APPROVED)
