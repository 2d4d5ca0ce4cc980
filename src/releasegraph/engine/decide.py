"""The engine's single entry point: ``decide(state, command, now) -> effects``.

Pure and deterministic: the same state, command, time, ids and resources give the
same changes and events. No I/O, no clock, no randomness.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from releasegraph.engine import commands, handlers, lifecycle, outcome
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.attempts import create_attempt, step_attempt
from releasegraph.engine.context import Ctx, Effects, Resources
from releasegraph.engine.states import DeploymentReason, ReleaseStatus
from releasegraph.engine.transitions import check_move

_MAX_STEPS = 100_000

_HANDLERS: dict[type[commands.Command], Callable[[Ctx, Any], None]] = {
    commands.UpdateDraftRelease: handlers.update_draft,
    commands.StartRelease: handlers.start_release,
    commands.ScheduleRelease: handlers.schedule_release,
    commands.AbandonRelease: handlers.abandon_release,
    commands.DeployEnvironment: handlers.deploy_environment,
    commands.CancelDeployment: handlers.cancel_deployment,
    commands.Approve: handlers.approve,
    commands.Reject: handlers.reject,
    commands.ReassignApproval: handlers.reassign_approval,
    commands.ResumeManualIntervention: handlers.resume_intervention,
    commands.RejectManualIntervention: handlers.reject_intervention,
    commands.RetryTask: handlers.retry_task,
    commands.IgnoreTaskFailure: handlers.ignore_task_failure,
    commands.FixAndContinue: handlers.fix_and_continue,
    commands.Tick: handlers.tick,
    commands.RunFinished: handlers.run_finished,
    commands.RunInterrupted: handlers.run_interrupted,
    commands.LeaseLost: handlers.lease_lost,
    commands.GateSampled: handlers.gate_sampled,
}


def decide(
    state: ReleaseState,
    command: commands.Command,
    *,
    now: datetime,
    new_id: Callable[[], str],
    resources: Resources,
) -> Effects:
    """Apply ``command`` to ``state`` in place and carry the release as far as it goes.

    Raises a ``DomainError`` having changed nothing when the command is not allowed.
    """
    ctx = Ctx(state=state, now=now, actor=command.actor, new_id=new_id, resources=resources)
    _HANDLERS[type(command)](ctx, command)
    settle(ctx)
    return ctx.effects


def settle(ctx: Ctx) -> None:
    """Step every attempt, trigger environments and derive statuses until nothing moves."""
    for _ in range(_MAX_STEPS):
        changed = lifecycle.start_when_due(ctx)
        for attempt in ctx.state.active_attempts():
            changed = step_attempt(ctx, attempt) or changed
        changed = _refresh_environments(ctx) or changed
        if not changed:
            break
    else:
        raise RuntimeError("release did not settle")
    _refresh_release(ctx)


def _refresh_environments(ctx: Ctx) -> bool:
    state = ctx.state
    changed = False
    for env in state.environments:
        latest = state.latest_attempt(env)
        changed = (
            lifecycle.refresh_environment(ctx, env, outcome.environment_status(latest)) or changed
        )
        env.next_scheduled_time = outcome.next_scheduled_time(latest)
        if state.release.status != ReleaseStatus.ACTIVE:
            continue
        skipped = outcome.is_skipped(state, env)
        if skipped != env.skipped:
            env.skipped = skipped
            ctx.event(
                entity="ReleaseEnvironment",
                entity_id=env.id,
                kind="environment.skipped",
                data={"skipped": skipped},
            )
            changed = True
        if outcome.ready_to_trigger(state, env):
            create_attempt(ctx, env, DeploymentReason.AUTOMATED)
            changed = True
    return changed


def _refresh_release(ctx: Ctx) -> None:
    state = ctx.state
    release = state.release
    release.input_required_count = outcome.input_required_count(state)
    status = outcome.execution_status(state, release.input_required_count)
    if status != release.execution_status:
        check_move(release.execution_status, status)
        ctx.event(
            entity="Release",
            entity_id=release.id,
            kind="release.executionStatus",
            from_status=release.execution_status.value,
            to_status=status.value,
        )
        release.execution_status = status
    release.completed_on = (release.completed_on or ctx.now) if _finished(state) else None
    release.next_wakeup_at = outcome.next_wakeup(state)
    release.version += 1


def _finished(state: ReleaseState) -> bool:
    """Nothing runs any more: a started release ran out of work, or it was abandoned."""
    if state.active_attempts():
        return False
    if state.release.status == ReleaseStatus.ABANDONED:
        return True
    return state.release.status == ReleaseStatus.ACTIVE and bool(state.attempts)
