"""Where a person decides: approvals, manual interventions; and gates, which decide alone."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from releasegraph import models
from releasegraph.auth import User
from releasegraph.context import Info
from releasegraph.engine import answerers
from releasegraph.engine.specs import release_spec
from releasegraph.engine.states import (
    ApprovalStage,
    ApprovalStatus,
    GateStatus,
    ManualInterventionKind,
    ManualInterventionStatus,
)
from releasegraph.schema.nodes import LoadedNode
from releasegraph.schema.scalars import KeyValue, key_values

if TYPE_CHECKING:
    from releasegraph.schema.execution import Task
    from releasegraph.schema.releases import Release

_RELEASES = "releasegraph.schema.releases"
_EXECUTION = "releasegraph.schema.execution"


@strawberry.type
class Approval(LoadedNode):
    loader = "approval"
    id: relay.NodeID[str]
    stage: ApprovalStage
    rank: int
    approver: str
    status: ApprovalStatus
    gate_override: bool
    approved_by: str | None
    comment: str
    created_on: datetime
    modified_on: datetime
    timeout_at: datetime | None
    defer_until: datetime | None
    reassigned_from: str | None
    row: strawberry.Private[models.Approval]

    @classmethod
    def from_row(cls, row: models.Approval) -> Approval:
        return cls.by_name(row, row=row)

    @strawberry.field(description="Whether the viewer may answer this approval now.")
    def can_approve(self, info: Info) -> bool:
        return may_answer(info, self.row)

    @strawberry.field
    def release(self, info: Info) -> Annotated[Release, strawberry.lazy(_RELEASES)]:
        from releasegraph.schema.releases import Release

        return Release.load(info, self.row.release_id)

    @strawberry.field
    def environment_name(self, info: Info) -> str:
        attempt = info.context.loaders.attempt.get(self.row.attempt_id)
        assert attempt is not None
        return attempt.environment_name


def may_answer(info: Info, row: models.Approval) -> bool:
    """Whether the viewer may answer ``row`` now, by the engine's own rules."""
    loaders = info.context.loaders
    attempt, release = loaders.attempt.get(row.attempt_id), loaders.release.get(row.release_id)
    if attempt is None or release is None:
        return False
    refusal = answerers.approval_refusal(
        row,
        attempt_approvals=loaders.approvals_by_attempt.get(attempt.id),
        env_spec=release_spec(release).environment(attempt.environment_name),
        creator=release.created_by,
        answerer=info.context.user.answerer(),
    )
    return refusal is None


def may_act(user: User, row: models.ManualIntervention) -> bool:
    """Whether ``user`` may answer the intervention now, by the engine's own rules."""
    return answerers.intervention_refusal(row, user.answerer()) is None


@strawberry.type
class GateCheckResult:
    name: str
    passed: bool


@strawberry.type
class Gate(LoadedNode):
    loader = "gate"
    id: relay.NodeID[str]
    stage: ApprovalStage
    status: GateStatus
    samples: int
    last_results: list[GateCheckResult]
    started_on: datetime | None
    completed_on: datetime | None
    next_sample_at: datetime | None
    timeout_at: datetime | None
    succeeding_since: datetime | None

    @classmethod
    def from_row(cls, row: models.Gate) -> Gate:
        return cls.by_name(
            row,
            last_results=[
                GateCheckResult(name=k, passed=v) for k, v in sorted(row.last_results.items())
            ],
        )


@strawberry.type
class ManualIntervention(LoadedNode):
    loader = "intervention"
    id: relay.NodeID[str]
    kind: ManualInterventionKind
    status: ManualInterventionStatus
    instructions: str
    approvers: list[str]
    resolution: str | None
    values: list[KeyValue]
    acted_by: str | None
    comment: str
    created_on: datetime
    modified_on: datetime
    timeout_at: datetime | None
    row: strawberry.Private[models.ManualIntervention]

    @classmethod
    def from_row(cls, row: models.ManualIntervention) -> ManualIntervention:
        return cls.by_name(
            row, approvers=list(row.approvers), values=key_values(row.values), row=row
        )

    @strawberry.field(description="Whether the viewer may answer this intervention now.")
    def can_act(self, info: Info) -> bool:
        return may_act(info.context.user, self.row)

    @strawberry.field
    def task(self, info: Info) -> Annotated[Task, strawberry.lazy(_EXECUTION)]:
        from releasegraph.schema.execution import Task

        return Task.load(info, self.row.task_id)

    @strawberry.field
    def release(self, info: Info) -> Annotated[Release, strawberry.lazy(_RELEASES)]:
        from releasegraph.schema.releases import Release

        return Release.load(info, self.row.release_id)
