"""Loaders, made per request: each level of a nested query costs one SELECT.

They read a level at a time, synchronously. Rows read together by one SELECT are
siblings; when a field first asks for the children of one of them (its attempts, say),
the children of every sibling are read at once. A list field's items all have the
same selection, so every sibling asks next; and nothing waits on the event loop, so
graphql-core completes the whole tree without a coroutine per field. (It also means a
query holds the event loop until its tree is complete: some 120 ms for a release of
600 tasks, during which other requests and websockets wait.)

Rows are plain SQLAlchemy rows typed as their model: every reader here reads columns
only (a test holds that no column is named like an attribute of a row).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy import Select, case
from sqlalchemy.orm import aliased
from sqlmodel import Session, SQLModel, col, func, select

from releasegraph.engine.states import TERMINAL_TASK, TaskStatus
from releasegraph.models import (
    Agent,
    Approval,
    DeploymentAttempt,
    DeployPhase,
    Event,
    Gate,
    ManualIntervention,
    Release,
    ReleaseDefinitionRow,
    ReleaseEnvironment,
    Task,
    TaskLogLine,
    TaskRun,
)
from releasegraph.runtime.dry_run import DryRuns
from releasegraph.runtime.service import Runtime

M = TypeVar("M", bound=SQLModel)
V = TypeVar("V")


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


class Expecting(Protocol):
    def expect(self, keys: Sequence[str]) -> None: ...


class _Siblings(Generic[V]):
    """Values by key, read for all the keys expected together with the first one asked."""

    def __init__(self, read: Callable[[list[str]], dict[str, V]], missing: Callable[[], V]):
        self._read = read
        self._missing = missing
        self._values: dict[str, V] = {}
        self._together: dict[str, Sequence[str]] = {}

    def expect(self, keys: Sequence[str]) -> None:
        """These keys are siblings: the first asked for reads them all."""
        for key in keys:
            self._together.setdefault(key, keys)

    def get(self, key: str) -> V:
        if key not in self._values:
            wanted = {k for k in self._together.get(key, ()) if k not in self._values}
            wanted.add(key)
            found = self._read(sorted(wanted))
            for k in wanted:
                self._values[k] = found[k] if k in found else self._missing()
        return self._values[key]

    def get_many(self, keys: Sequence[str]) -> list[V]:
        self.expect(keys)
        return [self.get(key) for key in keys]

    def put(self, key: str, value: V) -> None:
        self._values.setdefault(key, value)

    def forget(self) -> None:
        self._values.clear()
        self._together.clear()


def _columns(model: type[M]) -> Select[Any]:
    """All of ``model``'s columns, read as plain rows: their attributes have the same names
    and values as the model's, without the cost of an ORM object (nor its reference cycles,
    which only the garbage collector can free)."""
    return sa.select(*model.__table__.columns)  # type: ignore[attr-defined]


def _read(loaders: Loaders, model: type[M], query: Select[Any]) -> list[M]:
    rows = cast(list[M], loaders.snapshot.session().execute(query).all())
    loaders.seen(model, rows)
    return rows


class ById(_Siblings[M | None], Generic[M]):
    """The row of ``model`` with each id, or None."""

    def __init__(self, loaders: Loaders, model: type[M]) -> None:
        self.model = model

        def read(keys: list[str]) -> dict[str, M | None]:
            query = _columns(model).where(col(getattr(model, "id")).in_(keys))  # noqa: B009
            rows = _read(loaders, model, query)
            return {getattr(row, "id"): row for row in rows}  # noqa: B009

        super().__init__(read, lambda: None)


class Grouped(_Siblings[list[M]], Generic[M]):
    """Rows of ``model`` whose ``key`` column is each key, ordered by ``order``."""

    def __init__(self, loaders: Loaders, model: type[M], key: str, *order: str) -> None:
        def read(keys: list[str]) -> dict[str, list[M]]:
            query = (
                _columns(model)
                .where(col(getattr(model, key)).in_(keys))
                .order_by(*(col(getattr(model, name)) for name in order))
            )
            rows = _read(loaders, model, query)
            groups: defaultdict[str, list[M]] = defaultdict(list)
            for row in rows:
                groups[getattr(row, key)].append(row)
            return groups

        super().__init__(read, list)


ENDED_TASKS = (*TERMINAL_TASK, TaskStatus.FAILED)


class Progress(_Siblings[tuple[int, int]]):
    """(ended, all) tasks of the latest attempt of each environment, per release."""

    def __init__(self, snapshot: Snapshot) -> None:
        attempt, newer = DeploymentAttempt, aliased(DeploymentAttempt)
        latest = (
            select(func.max(newer.attempt))
            .where(col(newer.environment_id) == col(attempt.environment_id))
            .scalar_subquery()
        )
        ended = func.sum(case((col(Task.status).in_(ENDED_TASKS), 1), else_=0))
        counted = select(col(Task.release_id), ended, func.count()).join(
            attempt, col(attempt.id) == col(Task.attempt_id)
        )

        def read(keys: list[str]) -> dict[str, tuple[int, int]]:
            query = counted.where(
                col(Task.release_id).in_(keys), col(attempt.attempt) == latest
            ).group_by(col(Task.release_id))
            return {
                row[0]: (int(row[1] or 0), int(row[2])) for row in snapshot.session().exec(query)
            }

        super().__init__(read, lambda: (0, 0))


class Loaders:
    """One loader per (what it gives, what it takes): ``attempts_by_environment`` and so on."""

    def __init__(self, runtime: Runtime) -> None:
        self.snapshot = Snapshot(runtime)
        self.dry_runs = DryRuns(runtime)
        """Releases read for ``viewerCan``, whose commands are decided on copies of them."""
        self.release = ById(self, Release)
        self.definition = ById(self, ReleaseDefinitionRow)
        self.environment = ById(self, ReleaseEnvironment)
        self.attempt = ById(self, DeploymentAttempt)
        self.phase = ById(self, DeployPhase)
        self.task = ById(self, Task)
        self.run = ById(self, TaskRun)
        self.approval = ById(self, Approval)
        self.gate = ById(self, Gate)
        self.intervention = ById(self, ManualIntervention)
        self.agent = ById(self, Agent)
        self.environments_by_release = Grouped(self, ReleaseEnvironment, "release_id", "rank")
        self.attempts_by_environment = Grouped(self, DeploymentAttempt, "environment_id", "attempt")
        self.phases_by_attempt = Grouped(self, DeployPhase, "attempt_id", "rank")
        self.tasks_by_phase = Grouped(self, Task, "phase_id", "rank")
        self.progress_by_release = Progress(self.snapshot)
        self.runs_by_task = Grouped(self, TaskRun, "task_id", "number")
        self.log_by_task = Grouped(self, TaskLogLine, "task_id", "line")
        self.approvals_by_attempt = Grouped(self, Approval, "attempt_id", "rank", "created_on")
        self.gates_by_attempt = Grouped(self, Gate, "attempt_id", "started_on")
        self.interventions_by_phase = Grouped(self, ManualIntervention, "phase_id", "created_on")
        self._by_id: dict[type[Any], ById[Any]] = {
            loader.model: loader for loader in vars(self).values() if isinstance(loader, ById)
        }
        self._next = self._read_next()

    def _read_next(self) -> dict[type[Any], list[tuple[Expecting, str]]]:
        """What fields of a row's type go on to read, by the column that names it."""
        return {
            Release: [
                (self.environments_by_release, "id"),
                (self.progress_by_release, "id"),
                (self.definition, "definition_id"),
            ],
            ReleaseEnvironment: [
                (self.attempts_by_environment, "id"),
                (self.release, "release_id"),
            ],
            DeploymentAttempt: [
                (self.phases_by_attempt, "id"),
                (self.approvals_by_attempt, "id"),
                (self.gates_by_attempt, "id"),
            ],
            DeployPhase: [(self.tasks_by_phase, "id"), (self.interventions_by_phase, "id")],
            Task: [
                (self.runs_by_task, "id"),
                (self.log_by_task, "id"),
                (self.attempt, "attempt_id"),
            ],
            TaskRun: [(self.task, "task_id")],
            Approval: [
                (self.attempt, "attempt_id"),
                (self.release, "release_id"),
                (self.approvals_by_attempt, "attempt_id"),
            ],
            ManualIntervention: [(self.task, "task_id"), (self.release, "release_id")],
            Agent: [(self.phase, "phase_id")],
            Event: [(self.release, "release_id")],
        }

    def close(self) -> None:
        """End the snapshot and forget what was read.

        The loaders and their readers refer to each other, so only the garbage
        collector frees them; full, they would hold every row read, and collecting
        those is a pause of tens of milliseconds each time it comes round. Emptied,
        the cycle is a few small objects.
        """
        self.snapshot.close()
        self.dry_runs.forget()
        for loader in vars(self).values():
            if isinstance(loader, _Siblings):
                loader.forget()

    def seen(self, model: type[Any], rows: Iterable[object]) -> None:
        """Rows of ``model`` read together: known by id from now on, and siblings."""
        rows = list(rows)
        by_id = self._by_id.get(model)
        if by_id is not None:
            for row in rows:
                by_id.put(getattr(row, "id"), row)  # noqa: B009 (M declares no id)
        for loader, column in self._next.get(model, ()):
            loader.expect([key for row in rows if (key := getattr(row, column)) is not None])
