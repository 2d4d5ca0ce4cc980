"""The states of every entity (ARCHITECTURE.md §2), exactly as the API names them."""

from __future__ import annotations

import enum


class ReleaseStatus(enum.StrEnum):
    DRAFT = "DRAFT"
    ACTIVE = "ACTIVE"
    ABANDONED = "ABANDONED"


class ReleaseExecutionStatus(enum.StrEnum):
    NOT_STARTED = "NOT_STARTED"
    SCHEDULED = "SCHEDULED"
    RUNNING = "RUNNING"
    ON_HOLD = "ON_HOLD"
    SUCCEEDED = "SUCCEEDED"
    PARTIAL_SUCCESS = "PARTIAL_SUCCESS"
    FAILED = "FAILED"
    CANCELED = "CANCELED"


class EnvironmentStatus(enum.StrEnum):
    NOT_STARTED = "NOT_STARTED"
    SCHEDULED = "SCHEDULED"
    QUEUED = "QUEUED"
    IN_PROGRESS = "IN_PROGRESS"
    SUCCEEDED = "SUCCEEDED"
    PARTIALLY_SUCCEEDED = "PARTIALLY_SUCCEEDED"
    CANCELED = "CANCELED"
    REJECTED = "REJECTED"
    FAILED = "FAILED"


class DeploymentStatus(enum.StrEnum):
    NOT_DEPLOYED = "NOT_DEPLOYED"
    IN_PROGRESS = "IN_PROGRESS"
    SUCCEEDED = "SUCCEEDED"
    PARTIALLY_SUCCEEDED = "PARTIALLY_SUCCEEDED"
    FAILED = "FAILED"


class DeploymentOperationStatus(enum.StrEnum):
    QUEUED = "QUEUED"
    SCHEDULED = "SCHEDULED"
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    DEFERRED = "DEFERRED"
    QUEUED_FOR_AGENT = "QUEUED_FOR_AGENT"
    QUEUED_FOR_PIPELINE = "QUEUED_FOR_PIPELINE"
    CANCELED = "CANCELED"
    PHASE_IN_PROGRESS = "PHASE_IN_PROGRESS"
    MANUAL_INTERVENTION_PENDING = "MANUAL_INTERVENTION_PENDING"
    PHASE_SUCCEEDED = "PHASE_SUCCEEDED"
    PHASE_PARTIALLY_SUCCEEDED = "PHASE_PARTIALLY_SUCCEEDED"
    PHASE_FAILED = "PHASE_FAILED"
    CANCELLING = "CANCELLING"
    EVALUATING_GATES = "EVALUATING_GATES"
    GATES_FAILED = "GATES_FAILED"


class DeployPhaseStatus(enum.StrEnum):
    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    SUCCEEDED = "SUCCEEDED"
    PARTIALLY_SUCCEEDED = "PARTIALLY_SUCCEEDED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"
    CANCELLING = "CANCELLING"
    SKIPPED = "SKIPPED"


class TaskStatus(enum.StrEnum):
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"
    SKIPPED = "SKIPPED"
    IGNORED = "IGNORED"


class RunStatus(enum.StrEnum):
    """The outcome of one run of a task (the activity execution history)."""

    IN_PROGRESS = "IN_PROGRESS"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    TIMED_OUT = "TIMED_OUT"
    CANCELED = "CANCELED"
    INTERRUPTED = "INTERRUPTED"
    """The process running it on the server stopped (a restart, a crash)."""
    LOST = "LOST"
    """The remote agent running it stopped renewing its lease."""


class ApprovalStatus(enum.StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    DEFERRED = "DEFERRED"
    REASSIGNED = "REASSIGNED"
    CANCELED = "CANCELED"
    SKIPPED = "SKIPPED"
    TIMED_OUT = "TIMED_OUT"


class ApprovalStage(enum.StrEnum):
    PRE_DEPLOY = "PRE_DEPLOY"
    POST_DEPLOY = "POST_DEPLOY"


class ManualInterventionStatus(enum.StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    CANCELED = "CANCELED"
    TIMED_OUT = "TIMED_OUT"


class ManualInterventionKind(enum.StrEnum):
    TASK = "TASK"
    FAILURE = "FAILURE"


class GateStatus(enum.StrEnum):
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"


class DeploymentReason(enum.StrEnum):
    AUTOMATED = "AUTOMATED"
    MANUAL = "MANUAL"
    SCHEDULED = "SCHEDULED"
    REDEPLOY = "REDEPLOY"
    RETRY = "RETRY"


class AgentStatus(enum.StrEnum):
    ONLINE = "ONLINE"
    OFFLINE = "OFFLINE"


TERMINAL_TASK = frozenset(
    {TaskStatus.SUCCEEDED, TaskStatus.CANCELED, TaskStatus.SKIPPED, TaskStatus.IGNORED}
)
TERMINAL_PHASE = frozenset(
    {
        DeployPhaseStatus.SUCCEEDED,
        DeployPhaseStatus.PARTIALLY_SUCCEEDED,
        DeployPhaseStatus.FAILED,
        DeployPhaseStatus.CANCELED,
        DeployPhaseStatus.SKIPPED,
    }
)
