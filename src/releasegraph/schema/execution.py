"""What runs: deployment attempts, their phases, tasks, every run and the log."""

from __future__ import annotations

from datetime import datetime

import strawberry
from sqlmodel import col, select
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine.states import (
    ApprovalStage,
    DeploymentOperationStatus,
    DeploymentReason,
    DeploymentStatus,
    DeployPhaseStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.schema.decisions import Approval, Gate, ManualIntervention
from releasegraph.schema.nodes import LoadedNode
from releasegraph.schema.permissions import TaskActions
from releasegraph.schema.scalars import KeyValue, key_values

MAX_LOG_LINES = 10_000


@strawberry.type
class LogLine:
    line: int
    stream: str
    text: str
    at: datetime
    run_number: int | None = None


@strawberry.type
class TaskRun(LoadedNode):
    """One run of a task: the activity execution history keeps every one."""

    loader = "run"
    id: relay.NodeID[str]
    task_id: strawberry.Private[str]
    number: int = strawberry.field(
        description="Counts the runs of the task in its deployment: a retry attempt goes on,"
        " a redeploy starts at 1."
    )
    status: RunStatus
    agent: str | None
    started_on: datetime
    completed_on: datetime | None
    exit_code: int | None
    error: str | None

    @classmethod
    def from_row(cls, row: models.TaskRun) -> TaskRun:
        return cls.by_name(row, agent=row.agent_name)

    @strawberry.field(description="The number of the deployment attempt this run ran in.")
    def attempt(self, info: Info) -> int:
        loaders = info.context.loaders
        task = loaders.task.get(self.task_id)
        assert task is not None
        attempt = loaders.attempt.get(task.attempt_id)
        assert attempt is not None
        return attempt.attempt


@strawberry.type
class Task(LoadedNode):
    loader = "task"
    id: relay.NodeID[str]
    name: str
    kind: str
    rank: int
    status: TaskStatus
    carried_over: bool
    inputs: list[KeyValue]
    log_line_count: int
    started_on: datetime | None
    completed_on: datetime | None
    release_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Task) -> Task:
        return cls.by_name(row, inputs=key_values(row.inputs), log_line_count=row.log_lines)

    @strawberry.field(description="What the viewer may do to it now (the engine decides).")
    def viewer_can(self) -> TaskActions:
        return TaskActions(release_id=self.release_id, task_id=self.id, status=self.status)

    @strawberry.field
    def runs(self, info: Info) -> list[TaskRun]:
        return [TaskRun.from_row(r) for r in info.context.loaders.runs_by_task.get(self.id)]

    @strawberry.field(description="Log lines after `afterLine`, at most `first` of them.")
    def log(self, info: Info, after_line: int = 0, first: int = MAX_LOG_LINES) -> list[LogLine]:
        rows = info.context.loaders.log_by_task.get(self.id)
        runs = {r.id: r.number for r in info.context.loaders.runs_by_task.get(self.id)}
        wanted = [r for r in rows if r.line > after_line][: max(0, min(first, MAX_LOG_LINES))]
        return [_log_line(r, runs) for r in wanted]

    @strawberry.field(
        description="The last `last` log lines, read alone: a page opening on the end of a"
        " long log reads those, not all of it (one statement per task)."
    )
    def log_tail(self, info: Info, last: int = 1000) -> list[LogLine]:
        runs = {r.id: r.number for r in info.context.loaders.runs_by_task.get(self.id)}
        query = (
            select(models.TaskLogLine)
            .where(col(models.TaskLogLine.task_id) == self.id)
            .order_by(col(models.TaskLogLine.line).desc())
            .limit(max(0, min(last, MAX_LOG_LINES)))
        )
        with info.context.read() as session:
            rows = list(session.exec(query))
        return [_log_line(r, runs) for r in reversed(rows)]


def _log_line(row: models.TaskLogLine, runs: dict[str, int]) -> LogLine:
    return LogLine(
        line=row.line, stream=row.stream, text=row.text, at=row.at, run_number=runs.get(row.run_id)
    )


@strawberry.type
class ReleaseDeployPhase(LoadedNode):
    loader = "phase"
    id: relay.NodeID[str]
    name: str
    rank: int
    run_on: str
    pool: str
    status: DeployPhaseStatus
    agent: str | None
    started_on: datetime | None
    completed_on: datetime | None

    @classmethod
    def from_row(cls, row: models.DeployPhase) -> ReleaseDeployPhase:
        return cls.by_name(row, agent=row.agent_name)

    @strawberry.field
    def tasks(self, info: Info) -> list[Task]:
        return [Task.from_row(t) for t in info.context.loaders.tasks_by_phase.get(self.id)]

    @strawberry.field
    def manual_interventions(self, info: Info) -> list[ManualIntervention]:
        rows = info.context.loaders.interventions_by_phase.get(self.id)
        return [ManualIntervention.from_row(r) for r in rows]


@strawberry.type
class DeploymentAttempt(LoadedNode):
    """One deploy or redeploy of an environment ("deployStep" in 003_…)."""

    loader = "attempt"
    id: relay.NodeID[str]
    attempt: int
    environment_name: str
    status: DeploymentStatus
    operation_status: DeploymentOperationStatus
    reason: DeploymentReason
    requested_by: str
    last_modified_by: str
    queued_on: datetime
    scheduled_at: datetime | None
    deferred_until: datetime | None
    started_on: datetime | None
    completed_on: datetime | None
    status_reason: str | None = strawberry.field(
        description="Why it waits, in words, where its status cannot say: e.g. that no online"
        " agent of the phase's pool meets its demands."
    )

    @classmethod
    def from_row(cls, row: models.DeploymentAttempt) -> DeploymentAttempt:
        return cls.by_name(row)

    @strawberry.field
    def phases(self, info: Info) -> list[ReleaseDeployPhase]:
        rows = info.context.loaders.phases_by_attempt.get(self.id)
        return [ReleaseDeployPhase.from_row(p) for p in rows]

    def _approvals(self, info: Info, stage: ApprovalStage) -> list[Approval]:
        rows = info.context.loaders.approvals_by_attempt.get(self.id)
        return [Approval.from_row(a) for a in rows if a.stage == stage]

    @strawberry.field
    def pre_deploy_approvals(self, info: Info) -> list[Approval]:
        return self._approvals(info, ApprovalStage.PRE_DEPLOY)

    @strawberry.field
    def post_deploy_approvals(self, info: Info) -> list[Approval]:
        return self._approvals(info, ApprovalStage.POST_DEPLOY)

    @strawberry.field
    def gates(self, info: Info) -> list[Gate]:
        return [Gate.from_row(g) for g in info.context.loaders.gates_by_attempt.get(self.id)]
