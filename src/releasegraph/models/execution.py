"""What happens inside an environment: attempts, phases, tasks, runs, approvals, gates."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from releasegraph.engine.states import (
    ApprovalStage,
    ApprovalStatus,
    DeploymentOperationStatus,
    DeploymentReason,
    DeploymentStatus,
    DeployPhaseStatus,
    GateStatus,
    ManualInterventionKind,
    ManualInterventionStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.models.types import UTCDateTime, enum_type


class DeploymentAttempt(SQLModel, table=True):
    __tablename__ = "deployment_attempt"

    id: str = Field(primary_key=True)
    release_id: str = Field(index=True)
    environment_id: str = Field(index=True)
    definition_id: str
    environment_name: str
    release_number: int
    attempt: int
    status: DeploymentStatus = Field(sa_type=enum_type(DeploymentStatus))
    operation_status: DeploymentOperationStatus = Field(
        sa_type=enum_type(DeploymentOperationStatus), index=True
    )
    reason: DeploymentReason = Field(sa_type=enum_type(DeploymentReason))
    requested_by: str
    last_modified_by: str
    queued_on: datetime = Field(sa_type=UTCDateTime)
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deferred_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    started_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    holds_queue_slot: bool = False
    status_reason: str | None = None
    """Why the attempt waits, in words, where its status cannot say (no agent could take it)."""
    skip_pre_deploy: bool = False
    """A retry resumes at the failed task: its approvals and gates were passed."""


class DeployPhase(SQLModel, table=True):
    __tablename__ = "deploy_phase"

    id: str = Field(primary_key=True)
    release_id: str = Field(index=True)
    attempt_id: str = Field(index=True)
    rank: int
    name: str
    run_on: str
    pool: str
    status: DeployPhaseStatus = Field(sa_type=enum_type(DeployPhaseStatus))
    agent_name: str | None = None
    partial: bool = False
    """A task failed with continueOnError, or a failure was ignored."""
    failed: bool = False
    """A task failed: only alwaysRun tasks still run."""
    waiting_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    started_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_on: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Task(SQLModel, table=True):
    id: str = Field(primary_key=True)
    release_id: str = Field(index=True)
    attempt_id: str = Field(index=True)
    phase_id: str = Field(index=True)
    rank: int
    name: str
    kind: str
    status: TaskStatus = Field(sa_type=enum_type(TaskStatus))
    carried_over: bool = False
    """Copied from the failed attempt that a retry resumes."""
    inputs: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    log_lines: int = 0
    started_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_on: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TaskRun(SQLModel, table=True):
    __tablename__ = "task_run"

    id: str = Field(primary_key=True)
    release_id: str = Field(index=True)
    task_id: str = Field(index=True)
    number: int
    status: RunStatus = Field(sa_type=enum_type(RunStatus), index=True)
    agent_name: str | None = None
    started_on: datetime = Field(sa_type=UTCDateTime)
    completed_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When a simulate or wait run completes by itself."""
    # The column keeps its first name, "deadline": databases already hold it.
    timeout_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, sa_column_kwargs={"name": "deadline"}
    )
    """When the run is killed for its timeout (``timeoutSeconds`` after it started)."""
    exit_code: int | None = None
    error: str | None = None
    pid: int | None = None
    lease_owner: str | None = None
    """The process executing the run (``runtime/leases.py``); None once it lost the run."""
    lease_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """Until when ``lease_owner`` holds the run; it renews the lease while the run goes on."""
    log_received: int = 0
    """Log lines a remote agent sent for this run: a batch sent again is not stored twice."""


class TaskLogLine(SQLModel, table=True):
    __tablename__ = "task_log_line"

    id: int | None = Field(default=None, primary_key=True)
    task_id: str = Field(index=True)
    run_id: str
    line: int
    stream: str
    text: str
    at: datetime = Field(sa_type=UTCDateTime)


class Approval(SQLModel, table=True):
    id: str = Field(primary_key=True)
    release_id: str = Field(index=True)
    attempt_id: str = Field(index=True)
    stage: ApprovalStage = Field(sa_type=enum_type(ApprovalStage))
    rank: int
    approver: str
    """A user name, ``group:NAME``, or ``*`` for any operator (a gate override)."""
    status: ApprovalStatus = Field(sa_type=enum_type(ApprovalStatus), index=True)
    gate_override: bool = False
    approved_by: str | None = None
    comment: str = ""
    created_on: datetime = Field(sa_type=UTCDateTime)
    modified_on: datetime = Field(sa_type=UTCDateTime)
    timeout_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    defer_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reassigned_from: str | None = None


class Gate(SQLModel, table=True):
    id: str = Field(primary_key=True)
    release_id: str = Field(index=True)
    attempt_id: str = Field(index=True)
    stage: ApprovalStage = Field(sa_type=enum_type(ApprovalStage))
    status: GateStatus = Field(sa_type=enum_type(GateStatus))
    samples: int = 0
    last_results: dict[str, bool] = Field(default_factory=dict, sa_type=sa.JSON)
    started_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
    next_sample_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    timeout_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    succeeding_since: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ManualIntervention(SQLModel, table=True):
    __tablename__ = "manual_intervention"

    id: str = Field(primary_key=True)
    release_id: str = Field(index=True)
    attempt_id: str = Field(index=True)
    phase_id: str
    task_id: str = Field(index=True)
    kind: ManualInterventionKind = Field(sa_type=enum_type(ManualInterventionKind))
    status: ManualInterventionStatus = Field(
        sa_type=enum_type(ManualInterventionStatus), index=True
    )
    instructions: str = ""
    approvers: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    resolution: str | None = None
    """How it was answered: resume, reject, retry, ignore, fixAndContinue, timeout."""
    values: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    acted_by: str | None = None
    comment: str = ""
    created_on: datetime = Field(sa_type=UTCDateTime)
    modified_on: datetime = Field(sa_type=UTCDateTime)
    timeout_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
