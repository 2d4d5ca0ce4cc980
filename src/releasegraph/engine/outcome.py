"""Derived status: environments from their latest attempt, the release from its environments."""

from __future__ import annotations

from datetime import datetime

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.answerers import answerable_now
from releasegraph.engine.pairs import Pair
from releasegraph.engine.spec import Trigger
from releasegraph.engine.states import (
    ApprovalStatus,
    EnvironmentStatus,
    GateStatus,
    ManualInterventionStatus,
    ReleaseExecutionStatus,
    ReleaseStatus,
    RunStatus,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.models import DeploymentAttempt, ReleaseEnvironment

Env = EnvironmentStatus
Exec = ReleaseExecutionStatus
_DONE_WELL = (Env.SUCCEEDED, Env.PARTIALLY_SUCCEEDED)
_DONE_BADLY = (Env.FAILED, Env.REJECTED, Env.CANCELED)
_FINAL: dict[Pair, Env] = {
    (St.SUCCEEDED, Op.APPROVED): Env.SUCCEEDED,
    (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED): Env.PARTIALLY_SUCCEEDED,
    (St.FAILED, Op.PHASE_FAILED): Env.FAILED,
    (St.FAILED, Op.CANCELED): Env.CANCELED,
    (St.NOT_DEPLOYED, Op.CANCELED): Env.CANCELED,
    (St.FAILED, Op.REJECTED): Env.REJECTED,
    (St.NOT_DEPLOYED, Op.REJECTED): Env.REJECTED,
    (St.FAILED, Op.GATES_FAILED): Env.REJECTED,
    (St.NOT_DEPLOYED, Op.GATES_FAILED): Env.REJECTED,
}
_WAITING: dict[Op, Env] = {
    Op.SCHEDULED: Env.SCHEDULED,
    Op.DEFERRED: Env.SCHEDULED,
    Op.QUEUED: Env.QUEUED,
}


def environment_status(attempt: DeploymentAttempt | None) -> EnvironmentStatus:
    if attempt is None:
        return Env.NOT_STARTED
    if attempt.completed_on is not None:
        return _FINAL[(attempt.status, attempt.operation_status)]
    if attempt.status == St.NOT_DEPLOYED:
        return _WAITING.get(attempt.operation_status, Env.IN_PROGRESS)
    return Env.IN_PROGRESS


def next_scheduled_time(attempt: DeploymentAttempt | None) -> datetime | None:
    if attempt is None or attempt.completed_on is not None:
        return None
    return attempt.scheduled_at or attempt.deferred_until


def ended_badly(state: ReleaseState, env: ReleaseEnvironment) -> bool:
    return env.status in _DONE_BADLY or env.skipped


def ready_to_trigger(state: ReleaseState, env: ReleaseEnvironment) -> bool:
    """An AFTER_DEPENDENCIES environment nobody deployed, whose dependencies all succeeded."""
    spec = state.env_spec(env)
    if spec.trigger != Trigger.AFTER_DEPENDENCIES or state.attempts_of(env):
        return False
    return all(state.environment_named(dep).status in _DONE_WELL for dep in spec.depends_on)


def is_skipped(state: ReleaseState, env: ReleaseEnvironment) -> bool:
    spec = state.env_spec(env)
    if spec.trigger != Trigger.AFTER_DEPENDENCIES or state.attempts_of(env):
        return False
    return any(ended_badly(state, state.environment_named(dep)) for dep in spec.depends_on)


def is_critical(state: ReleaseState, env: ReleaseEnvironment) -> bool:
    return not (state.spec.allow_partial_success and not state.env_spec(env).critical)


def execution_status(state: ReleaseState, input_required: int) -> ReleaseExecutionStatus:
    release = state.release
    if release.status == ReleaseStatus.ABANDONED:
        return Exec.CANCELED
    if release.status == ReleaseStatus.DRAFT:
        return Exec.SCHEDULED if release.scheduled_start_time else Exec.NOT_STARTED
    active = state.active_attempts()
    if active:
        if input_required:
            return Exec.ON_HOLD
        if all(a.operation_status == Op.SCHEDULED for a in active):
            return Exec.SCHEDULED
        return Exec.RUNNING
    counted = [env for env in state.environments if state.attempts_of(env) or env.skipped]
    if not counted:
        return Exec.NOT_STARTED
    return _outcome(state, counted)


def _outcome(state: ReleaseState, counted: list[ReleaseEnvironment]) -> ReleaseExecutionStatus:
    critical = [env for env in counted if is_critical(state, env)]
    optional = [env for env in counted if not is_critical(state, env)]
    # A skipped environment counts as what ended its dependency badly, not as a failure.
    if any(env.status in (Env.FAILED, Env.REJECTED) for env in critical):
        return Exec.FAILED
    if any(env.status == Env.CANCELED for env in critical):
        return Exec.CANCELED
    if any(env.status == Env.PARTIALLY_SUCCEEDED for env in counted) or any(
        ended_badly(state, env) for env in optional
    ):
        return Exec.PARTIAL_SUCCESS
    return Exec.SUCCEEDED


def input_required_count(state: ReleaseState) -> int:
    """Approvals someone may answer now, and manual interventions waiting for a person."""
    waiting = sum(
        i.status == ManualInterventionStatus.PENDING
        for attempt in state.active_attempts()
        for i in state.interventions_of(attempt)
    )
    return len(answerable_now(state)) + waiting


def next_wakeup(state: ReleaseState) -> datetime | None:
    """The earliest time at which the clock alone changes something in this release."""
    times: list[datetime | None] = []
    release = state.release
    if release.status == ReleaseStatus.DRAFT:
        times.append(release.scheduled_start_time)
    for attempt in state.active_attempts():
        times += [attempt.scheduled_at, attempt.deferred_until]
        # A deferral that comes due while other approvers are still waited for.
        times += [
            a.defer_until
            for a in state.approvals_of(attempt)
            if a.status == ApprovalStatus.DEFERRED
        ]
    times += [a.timeout_at for a in state.approvals if a.status == ApprovalStatus.PENDING]
    for gate in state.gates:
        if gate.status == GateStatus.IN_PROGRESS:
            times += [gate.next_sample_at, gate.timeout_at]
    for run in state.runs:
        if run.status == RunStatus.IN_PROGRESS:
            times += [run.due_at, run.timeout_at]
    times += [
        i.timeout_at for i in state.interventions if i.status == ManualInterventionStatus.PENDING
    ]
    present = [t for t in times if t is not None]
    return min(present) if present else None
