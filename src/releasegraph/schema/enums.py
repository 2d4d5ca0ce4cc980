"""The enums of ARCHITECTURE.md §2, exposed under exactly those names.

The engine's own enum classes are registered with Strawberry, so the schema and
the engine share one definition of every state.
"""

from __future__ import annotations

import strawberry

from releasegraph.auth import Role
from releasegraph.engine.errors import ErrorCode
from releasegraph.engine.spec import Trigger
from releasegraph.engine.states import (
    AgentStatus,
    ApprovalStage,
    ApprovalStatus,
    DeploymentOperationStatus,
    DeploymentReason,
    DeploymentStatus,
    DeployPhaseStatus,
    EnvironmentStatus,
    GateStatus,
    ManualInterventionKind,
    ManualInterventionStatus,
    ReleaseExecutionStatus,
    ReleaseStatus,
    RunStatus,
    TaskStatus,
)

for _enum in (
    AgentStatus,
    ApprovalStage,
    ApprovalStatus,
    DeploymentOperationStatus,
    DeploymentReason,
    DeploymentStatus,
    DeployPhaseStatus,
    EnvironmentStatus,
    ErrorCode,
    GateStatus,
    ManualInterventionKind,
    ManualInterventionStatus,
    ReleaseExecutionStatus,
    ReleaseStatus,
    Role,
    TaskStatus,
):
    strawberry.enum(_enum)
strawberry.enum(RunStatus, name="TaskRunStatus")
strawberry.enum(Trigger, name="EnvironmentTrigger")

__all__ = [
    "AgentStatus",
    "ApprovalStage",
    "ApprovalStatus",
    "DeployPhaseStatus",
    "DeploymentOperationStatus",
    "DeploymentReason",
    "DeploymentStatus",
    "EnvironmentStatus",
    "ErrorCode",
    "GateStatus",
    "ManualInterventionKind",
    "ManualInterventionStatus",
    "ReleaseExecutionStatus",
    "ReleaseStatus",
    "Role",
    "RunStatus",
    "TaskStatus",
    "Trigger",
]
