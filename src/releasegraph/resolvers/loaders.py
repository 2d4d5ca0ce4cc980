"""DataLoaders, made per request: each level of a nested query costs one SELECT."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from sqlmodel import SQLModel, col, select
from strawberry.dataloader import DataLoader

from releasegraph.models import (
    Agent,
    Approval,
    DeploymentAttempt,
    DeployPhase,
    Gate,
    ManualIntervention,
    Release,
    ReleaseDefinitionRow,
    ReleaseEnvironment,
    Task,
    TaskLogLine,
    TaskRun,
)
from releasegraph.runtime.service import Runtime

M = TypeVar("M", bound=SQLModel)


def grouped(
    runtime: Runtime,
    model: type[M],
    key: str,
    *order: str,
    primes: DataLoader[str, M | None] | None = None,
) -> DataLoader[str, list[M]]:
    """Rows of ``model`` whose ``key`` column is one of the keys, ordered by ``order``.

    Each row also goes into ``primes`` (the loader of ``model`` by id), so that a
    field asking for one of them by id later costs no SELECT of its own.
    """

    async def load(keys: list[str]) -> list[list[M]]:
        query = (
            select(model)
            .where(col(getattr(model, key)).in_(keys))
            .order_by(*(col(getattr(model, name)) for name in order))
        )
        groups: defaultdict[str, list[M]] = defaultdict(list)
        with runtime.read_session() as session:
            for row in session.exec(query):
                groups[getattr(row, key)].append(row)
                if primes is not None:
                    primes.prime(getattr(row, "id"), row)  # noqa: B009 (M declares no id)
        return [groups[k] for k in keys]

    return DataLoader(load_fn=load)


def by_id(runtime: Runtime, model: type[M], key: str = "id") -> DataLoader[str, M | None]:
    """The row of ``model`` whose ``key`` is each key, or None."""

    async def load(keys: list[str]) -> list[M | None]:
        query = select(model).where(col(getattr(model, key)).in_(keys))
        with runtime.read_session() as session:
            rows = {getattr(row, key): row for row in session.exec(query)}
        return [rows.get(k) for k in keys]

    return DataLoader(load_fn=load)


class Loaders:
    """One loader per (what it gives, what it takes): ``attempts_by_environment`` and so on."""

    def __init__(self, runtime: Runtime) -> None:
        self.release = by_id(runtime, Release)
        self.definition = by_id(runtime, ReleaseDefinitionRow)
        self.environment = by_id(runtime, ReleaseEnvironment)
        self.attempt = by_id(runtime, DeploymentAttempt)
        self.phase = by_id(runtime, DeployPhase)
        self.task = by_id(runtime, Task)
        self.run = by_id(runtime, TaskRun)
        self.approval = by_id(runtime, Approval)
        self.gate = by_id(runtime, Gate)
        self.intervention = by_id(runtime, ManualIntervention)
        self.agent = by_id(runtime, Agent)
        self.environments_by_release = grouped(
            runtime, ReleaseEnvironment, "release_id", "rank", primes=self.environment
        )
        self.attempts_by_environment = grouped(
            runtime, DeploymentAttempt, "environment_id", "attempt", primes=self.attempt
        )
        self.attempts_by_release = grouped(
            runtime, DeploymentAttempt, "release_id", "attempt", primes=self.attempt
        )
        self.phases_by_attempt = grouped(
            runtime, DeployPhase, "attempt_id", "rank", primes=self.phase
        )
        self.tasks_by_phase = grouped(runtime, Task, "phase_id", "rank", primes=self.task)
        self.tasks_by_release = grouped(runtime, Task, "release_id", "rank", primes=self.task)
        self.runs_by_task = grouped(runtime, TaskRun, "task_id", "number", primes=self.run)
        self.log_by_task = grouped(runtime, TaskLogLine, "task_id", "line")
        self.approvals_by_attempt = grouped(
            runtime, Approval, "attempt_id", "rank", "created_on", primes=self.approval
        )
        self.gates_by_attempt = grouped(runtime, Gate, "attempt_id", "started_on", primes=self.gate)
        self.interventions_by_phase = grouped(
            runtime, ManualIntervention, "phase_id", "created_on", primes=self.intervention
        )
