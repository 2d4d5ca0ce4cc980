"""DataLoaders, made per request: each level of a nested query costs one SELECT."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator
from typing import TypeVar

from sqlalchemy import case
from sqlalchemy.orm import aliased
from sqlmodel import Session, SQLModel, col, func, select
from strawberry.dataloader import DataLoader

from releasegraph.engine.states import TERMINAL_TASK, TaskStatus
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


class Snapshot:
    """One read transaction for a whole request: every level of a query sees one state.

    Loaders reading each in a session of their own could show a release from
    before a commit next to its attempts from after it.
    """

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._session: Session | None = None

    def session(self) -> Session:
        if self._session is None:
            self._session = Session(self._runtime.read_db, expire_on_commit=False)
        return self._session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        yield self.session()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


def grouped(
    snapshot: Snapshot,
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
        for row in snapshot.session().exec(query):
            groups[getattr(row, key)].append(row)
            if primes is not None:
                primes.prime(getattr(row, "id"), row)  # noqa: B009 (M declares no id)
        return [groups[k] for k in keys]

    return DataLoader(load_fn=load)


def by_id(snapshot: Snapshot, model: type[M], key: str = "id") -> DataLoader[str, M | None]:
    """The row of ``model`` whose ``key`` is each key, or None."""

    async def load(keys: list[str]) -> list[M | None]:
        query = select(model).where(col(getattr(model, key)).in_(keys))
        rows = {getattr(row, key): row for row in snapshot.session().exec(query)}
        return [rows.get(k) for k in keys]

    return DataLoader(load_fn=load)


ENDED_TASKS = (*TERMINAL_TASK, TaskStatus.FAILED)


def progress(snapshot: Snapshot) -> DataLoader[str, tuple[int, int]]:
    """(ended, all) tasks of the latest attempt of each environment, per release: one SELECT."""
    attempt, newer = DeploymentAttempt, aliased(DeploymentAttempt)
    latest = (
        select(func.max(newer.attempt))
        .where(col(newer.environment_id) == col(attempt.environment_id))
        .scalar_subquery()
    )
    ended = func.sum(case((col(Task.status).in_(ENDED_TASKS), 1), else_=0))

    async def load(keys: list[str]) -> list[tuple[int, int]]:
        query = (
            select(col(Task.release_id), ended, func.count())
            .join(attempt, col(attempt.id) == col(Task.attempt_id))
            .where(col(Task.release_id).in_(keys), col(attempt.attempt) == latest)
            .group_by(col(Task.release_id))
        )
        counts = {row[0]: (int(row[1] or 0), int(row[2])) for row in snapshot.session().exec(query)}
        return [counts.get(k, (0, 0)) for k in keys]

    return DataLoader(load_fn=load)


class Loaders:
    """One loader per (what it gives, what it takes): ``attempts_by_environment`` and so on."""

    def __init__(self, runtime: Runtime) -> None:
        self.snapshot = snapshot = Snapshot(runtime)
        self.release = by_id(snapshot, Release)
        self.definition = by_id(snapshot, ReleaseDefinitionRow)
        self.environment = by_id(snapshot, ReleaseEnvironment)
        self.attempt = by_id(snapshot, DeploymentAttempt)
        self.phase = by_id(snapshot, DeployPhase)
        self.task = by_id(snapshot, Task)
        self.run = by_id(snapshot, TaskRun)
        self.approval = by_id(snapshot, Approval)
        self.gate = by_id(snapshot, Gate)
        self.intervention = by_id(snapshot, ManualIntervention)
        self.agent = by_id(snapshot, Agent)
        self.environments_by_release = grouped(
            snapshot, ReleaseEnvironment, "release_id", "rank", primes=self.environment
        )
        self.attempts_by_environment = grouped(
            snapshot, DeploymentAttempt, "environment_id", "attempt", primes=self.attempt
        )
        self.phases_by_attempt = grouped(
            snapshot, DeployPhase, "attempt_id", "rank", primes=self.phase
        )
        self.tasks_by_phase = grouped(snapshot, Task, "phase_id", "rank", primes=self.task)
        self.progress_by_release = progress(snapshot)
        self.runs_by_task = grouped(snapshot, TaskRun, "task_id", "number", primes=self.run)
        self.log_by_task = grouped(snapshot, TaskLogLine, "task_id", "line")
        self.approvals_by_attempt = grouped(
            snapshot, Approval, "attempt_id", "rank", "created_on", primes=self.approval
        )
        self.gates_by_attempt = grouped(
            snapshot, Gate, "attempt_id", "started_on", primes=self.gate
        )
        self.interventions_by_phase = grouped(
            snapshot, ManualIntervention, "phase_id", "created_on", primes=self.intervention
        )
