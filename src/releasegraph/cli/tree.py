"""What the command line prints: a release as one tree, and its events, in the API's names.

Field names are those of ARCHITECTURE.md §5 (camelCase), so a script reading the
output reads the GraphQL API's answers the same way.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import EventDraft
from releasegraph.engine.spec import Trigger
from releasegraph.engine.states import ApprovalStage, EnvironmentStatus
from releasegraph.models import (
    Approval,
    DeploymentAttempt,
    DeployPhase,
    Gate,
    ManualIntervention,
    ReleaseEnvironment,
    Task,
    TaskLogLine,
    TaskRun,
)

Json = dict[str, object]
TaskLogs = dict[str, list[str]]
"""Task id → the task's log lines, in order."""

_ENVIRONMENT_DONE = frozenset(
    {
        EnvironmentStatus.SUCCEEDED,
        EnvironmentStatus.PARTIALLY_SUCCEEDED,
        EnvironmentStatus.FAILED,
        EnvironmentStatus.REJECTED,
        EnvironmentStatus.CANCELED,
    }
)


def load_logs(session: Session, release_id: str) -> TaskLogs:
    """The log lines of every task of the release."""
    query = (
        select(TaskLogLine)
        .join(Task, col(Task.id) == col(TaskLogLine.task_id))
        .where(col(Task.release_id) == release_id)
        .order_by(col(TaskLogLine.task_id), col(TaskLogLine.line))
    )
    logs: TaskLogs = {}
    for line in session.exec(query):
        logs.setdefault(line.task_id, []).append(line.text)
    return logs


def release_tree(state: ReleaseState, logs: TaskLogs) -> Json:
    """``{"release": {...}}``: the shape of a GraphQL ``release(id)`` answer."""
    release = state.release
    environments = sorted(state.environments, key=lambda env: env.rank)
    return {
        "release": {
            "id": release.id,
            "name": release.name,
            "status": release.status.value,
            "executionStatus": release.execution_status.value,
            "inputRequiredCount": release.input_required_count,
            "progress": progress(state),
            "variables": dict(release.variables),
            "createdBy": release.created_by,
            "startedOn": _time(release.started_on),
            "completedOn": _time(release.completed_on),
            "environments": [_environment(state, env, logs) for env in environments],
        }
    }


def progress(state: ReleaseState) -> Json:
    """Environments done (ended or skipped) of those that count.

    A manually triggered environment that nobody deployed does not count (§2).
    """
    counted = [
        env
        for env in state.environments
        if state.env_spec(env).trigger != Trigger.MANUAL or state.attempts_of(env)
    ]
    done = sum(env.status in _ENVIRONMENT_DONE or env.skipped for env in counted)
    return {"done": done, "total": len(counted)}


def _environment(state: ReleaseState, env: ReleaseEnvironment, logs: TaskLogs) -> Json:
    attempts = sorted(state.attempts_of(env), key=lambda a: a.attempt)
    return {
        "name": env.name,
        "status": env.status.value,
        "skipped": env.skipped,
        "nextScheduledTime": _time(env.next_scheduled_time),
        "attempts": [_attempt(state, attempt, logs) for attempt in attempts],
    }


def _attempt(state: ReleaseState, attempt: DeploymentAttempt, logs: TaskLogs) -> Json:
    approvals = state.approvals_of(attempt)
    return {
        "attempt": attempt.attempt,
        "status": attempt.status.value,
        "operationStatus": attempt.operation_status.value,
        "reason": attempt.reason.value,
        "requestedBy": attempt.requested_by,
        "lastModifiedBy": attempt.last_modified_by,
        "queuedOn": _time(attempt.queued_on),
        "startedOn": _time(attempt.started_on),
        "completedOn": _time(attempt.completed_on),
        "preDeployApprovals": [
            _approval(a) for a in approvals if a.stage == ApprovalStage.PRE_DEPLOY
        ],
        "postDeployApprovals": [
            _approval(a) for a in approvals if a.stage == ApprovalStage.POST_DEPLOY
        ],
        "gates": [_gate(gate) for gate in state.gates_of(attempt)],
        "phases": [_phase(state, phase, logs) for phase in state.phases_of(attempt)],
    }


def _approval(approval: Approval) -> Json:
    return {
        "approver": approval.approver,
        "status": approval.status.value,
        "approvedBy": approval.approved_by,
        "comment": approval.comment,
        "gateOverride": approval.gate_override,
        "reassignedFrom": approval.reassigned_from,
        "createdOn": _time(approval.created_on),
        "modifiedOn": _time(approval.modified_on),
        "deferUntil": _time(approval.defer_until),
    }


def _gate(gate: Gate) -> Json:
    return {
        "stage": gate.stage.value,
        "status": gate.status.value,
        "samples": gate.samples,
        "lastResults": dict(gate.last_results),
        "startedOn": _time(gate.started_on),
        "completedOn": _time(gate.completed_on),
    }


def _phase(state: ReleaseState, phase: DeployPhase, logs: TaskLogs) -> Json:
    interventions = [i for i in state.interventions if i.phase_id == phase.id]
    return {
        "name": phase.name,
        "status": phase.status.value,
        "agent": phase.agent_name,
        "startedOn": _time(phase.started_on),
        "completedOn": _time(phase.completed_on),
        "tasks": [_task(state, task, logs) for task in state.tasks_of(phase)],
        "manualInterventions": [_intervention(state, i) for i in interventions],
    }


def _task(state: ReleaseState, task: Task, logs: TaskLogs) -> Json:
    return {
        "name": task.name,
        "kind": task.kind,
        "status": task.status.value,
        "startedOn": _time(task.started_on),
        "completedOn": _time(task.completed_on),
        "runs": [_run(run) for run in state.runs_of(task)],
        "log": list(logs.get(task.id, [])),
    }


def _run(run: TaskRun) -> Json:
    return {
        "number": run.number,
        "status": run.status.value,
        "startedOn": _time(run.started_on),
        "completedOn": _time(run.completed_on),
        "exitCode": run.exit_code,
        "error": run.error,
        "agent": run.agent_name,
    }


def _intervention(state: ReleaseState, intervention: ManualIntervention) -> Json:
    return {
        "kind": intervention.kind.value,
        "status": intervention.status.value,
        "task": state.task(intervention.task_id).name,
        "instructions": intervention.instructions,
        "approvers": list(intervention.approvers),
        "resolution": intervention.resolution,
        "actedBy": intervention.acted_by,
        "comment": intervention.comment,
        "values": dict(intervention.values),
        "createdOn": _time(intervention.created_on),
        "modifiedOn": _time(intervention.modified_on),
    }


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def node_labels(state: ReleaseState) -> dict[str, str]:
    """Entity id → a readable path of the node (``build #1``, ``build/compile/package``)."""
    labels = {state.release.id: state.release.name}
    labels.update((env.id, env.name) for env in state.environments)
    for attempt in state.attempts:
        env = attempt.environment_name
        labels[attempt.id] = f"{env} #{attempt.attempt}"
        prefix = env if attempt.attempt == 1 else f"{env} #{attempt.attempt}"
        for phase in state.phases_of(attempt):
            labels[phase.id] = f"{prefix}/{phase.name}"
            for task in state.tasks_of(phase):
                labels[task.id] = f"{prefix}/{phase.name}/{task.name}"
                labels.update(
                    (run.id, f"{prefix}/{phase.name}/{task.name} run {run.number}")
                    for run in state.runs_of(task)
                )
        for approval in state.approvals_of(attempt):
            stage = approval.stage.value.lower().replace("_", "-")
            labels[approval.id] = f"{prefix} {stage} ({approval.approver})"
        labels.update((gate.id, f"{prefix} gates") for gate in state.gates_of(attempt))
    for intervention in state.interventions:
        task_label = labels.get(intervention.task_id, intervention.task_id)
        labels[intervention.id] = f"{task_label} ({intervention.kind.value.lower()})"
    return labels


_KNOWN_FROM_LABEL = frozenset({"environment", "attempt", "task", "comment"})


def json_default(value: object) -> object:
    """For ``json.dumps``: datetimes in event data as ISO 8601, anything else as text."""
    return value.isoformat() if isinstance(value, datetime) else str(value)


def event_record(seq: int, event: EventDraft) -> Json:
    return {
        "seq": seq,
        "entity": event.entity,
        "entityId": event.entity_id,
        "kind": event.kind,
        "fromStatus": event.from_status,
        "toStatus": event.to_status,
        "fromOperationStatus": event.from_operation_status,
        "toOperationStatus": event.to_operation_status,
        "actor": event.actor,
        "at": event.at.isoformat(),
        "data": event.data,
    }


def event_line(seq: int, event: EventDraft, label: str) -> str:
    """``[seq] Entity label: FROM -> TO (details)``; an attempt shows both of its statuses."""
    extras = [
        f"{k}={v}" for k, v in event.data.items() if v is not None and k not in _KNOWN_FROM_LABEL
    ]
    details = f" ({', '.join(extras)})" if extras else ""
    if event.to_status is None:
        return f"[{seq}] {event.entity} {label}: {event.kind}{details}"
    before, after = event.from_status or "(new)", event.to_status
    if event.to_operation_status is not None:
        after = f"{after}/{event.to_operation_status}"
        if event.from_status is not None:
            before = f"{before}/{event.from_operation_status}"
    return f"[{seq}] {event.entity} {label}: {before} -> {after}{details}"
