"""One release and everything under it: the unit the engine decides on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from releasegraph import models
from releasegraph.engine.errors import NotFoundError
from releasegraph.engine.spec import DefinitionSpec, EnvironmentSpec, PhaseSpec, TaskSpec
from releasegraph.engine.states import DeploymentReason


@dataclass(kw_only=True)
class ReleaseState:
    """Rows of one release, loaded whole; the engine mutates them in place."""

    release: models.Release
    spec: DefinitionSpec
    environments: list[models.ReleaseEnvironment] = field(default_factory=list)
    attempts: list[models.DeploymentAttempt] = field(default_factory=list)
    phases: list[models.DeployPhase] = field(default_factory=list)
    tasks: list[models.Task] = field(default_factory=list)
    runs: list[models.TaskRun] = field(default_factory=list)
    approvals: list[models.Approval] = field(default_factory=list)
    gates: list[models.Gate] = field(default_factory=list)
    interventions: list[models.ManualIntervention] = field(default_factory=list)

    def environment(self, env_id: str) -> models.ReleaseEnvironment:
        return _find(self.environments, env_id, "ReleaseEnvironment")

    def environment_named(self, name: str) -> models.ReleaseEnvironment:
        for env in self.environments:
            if env.name == name:
                return env
        raise NotFoundError("ReleaseEnvironment", name)

    def env_spec(self, env: models.ReleaseEnvironment) -> EnvironmentSpec:
        return self.spec.environment(env.name)

    def attempts_of(self, env: models.ReleaseEnvironment) -> list[models.DeploymentAttempt]:
        return [a for a in self.attempts if a.environment_id == env.id]

    def latest_attempt(self, env: models.ReleaseEnvironment) -> models.DeploymentAttempt | None:
        attempts = self.attempts_of(env)
        return max(attempts, key=lambda a: a.attempt) if attempts else None

    def active_attempts(self) -> list[models.DeploymentAttempt]:
        return [a for a in self.attempts if a.completed_on is None]

    def attempt(self, attempt_id: str) -> models.DeploymentAttempt:
        return _find(self.attempts, attempt_id, "DeploymentAttempt")

    def phases_of(self, attempt: models.DeploymentAttempt) -> list[models.DeployPhase]:
        return sorted((p for p in self.phases if p.attempt_id == attempt.id), key=_rank)

    def tasks_of(self, phase: models.DeployPhase) -> list[models.Task]:
        return sorted((t for t in self.tasks if t.phase_id == phase.id), key=_rank)

    def runs_of(self, task: models.Task) -> list[models.TaskRun]:
        return sorted((r for r in self.runs if r.task_id == task.id), key=lambda r: r.number)

    def retried_copies(self, task: models.Task) -> list[models.Task]:
        """``task`` and the same task in each attempt its attempt retries, latest first.

        A retry runs the failed activity again unchanged (000_…), so its runs go on
        counting; a redeploy (any other reason) is a new deployment and starts afresh.
        """
        copies = [task]
        attempt, phase_rank = self.attempt(task.attempt_id), self.phase(task.phase_id).rank
        while attempt.reason == DeploymentReason.RETRY:
            attempt = next(
                a
                for a in self.attempts
                if a.environment_id == attempt.environment_id and a.attempt == attempt.attempt - 1
            )
            copies.append(self.tasks_of(self.phases_of(attempt)[phase_rank])[task.rank])
        return copies

    def approvals_of(self, attempt: models.DeploymentAttempt) -> list[models.Approval]:
        return sorted((a for a in self.approvals if a.attempt_id == attempt.id), key=_rank)

    def gates_of(self, attempt: models.DeploymentAttempt) -> list[models.Gate]:
        return [g for g in self.gates if g.attempt_id == attempt.id]

    def interventions_of(
        self, attempt: models.DeploymentAttempt
    ) -> list[models.ManualIntervention]:
        return [i for i in self.interventions if i.attempt_id == attempt.id]

    def task(self, task_id: str) -> models.Task:
        return _find(self.tasks, task_id, "Task")

    def run(self, run_id: str) -> models.TaskRun:
        return _find(self.runs, run_id, "TaskRun")

    def phase(self, phase_id: str) -> models.DeployPhase:
        return _find(self.phases, phase_id, "DeployPhase")

    def approval(self, approval_id: str) -> models.Approval:
        return _find(self.approvals, approval_id, "Approval")

    def gate(self, gate_id: str) -> models.Gate:
        return _find(self.gates, gate_id, "Gate")

    def intervention(self, intervention_id: str) -> models.ManualIntervention:
        return _find(self.interventions, intervention_id, "ManualIntervention")

    def phase_spec(self, phase: models.DeployPhase) -> PhaseSpec:
        attempt = self.attempt(phase.attempt_id)
        return self.spec.environment(attempt.environment_name).phases[phase.rank]

    def task_spec(self, task: models.Task) -> TaskSpec:
        return self.phase_spec(self.phase(task.phase_id)).tasks[task.rank]


def _rank(row: models.DeployPhase | models.Task | models.Approval) -> int:
    return row.rank


_Row = TypeVar(
    "_Row",
    models.ReleaseEnvironment,
    models.DeploymentAttempt,
    models.DeployPhase,
    models.Task,
    models.TaskRun,
    models.Approval,
    models.Gate,
    models.ManualIntervention,
)


def _find(rows: list[_Row], row_id: str, entity: str) -> _Row:
    for row in rows:
        if row.id == row_id:
            return row
    raise NotFoundError(entity, row_id)
