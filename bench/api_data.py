"""The release the API benchmark asks for, built and finished by the runtime itself."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel, col, select

from releasegraph import models
from releasegraph.engine import commands
from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.engine.states import ApprovalStatus
from releasegraph.runtime import timers
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.run_executor import LogSink
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings

Json = dict[str, object]


@dataclass(frozen=True, kw_only=True)
class Shape:
    """How large the release's tree is."""

    environments: int
    attempts: int
    """Deployments of each environment."""
    phases: int
    """Phases per environment."""
    tasks: int
    """``simulate`` tasks per phase."""
    log_lines: int
    """Lines of log per task run."""


@dataclass(kw_only=True)
class Built:
    release_id: str
    draft_definition_id: str
    approval_definition_id: str
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)


def tree_definition(shape: Shape) -> str:
    tasks = [
        {"name": f"task-{t}", "kind": "simulate", "durationSeconds": 0}
        for t in range(1, shape.tasks + 1)
    ]
    environment: Json = {
        "trigger": "AFTER_RELEASE",
        "preDeployApprovals": {"approvers": ["ada"]},
        "gates": {"samplingIntervalSeconds": 1, "checks": [{"name": "health", "kind": "simulate"}]},
        "phases": [{"name": f"phase-{p}", "tasks": tasks} for p in range(1, shape.phases + 1)],
    }
    environments = [{"name": f"env-{e}", **environment} for e in range(1, shape.environments + 1)]
    return json.dumps({"name": "bench-tree", "environments": environments})


def tiny_definition(name: str, *, approval: bool) -> str:
    """One environment, one server phase, one task that runs for an hour once started."""
    task = {"name": "deploy", "kind": "simulate", "durationSeconds": 3600}
    environment: Json = {
        "name": "production",
        "phases": [{"name": "deploy", "runOn": "SERVER", "tasks": [task]}],
    }
    if approval:
        environment["preDeployApprovals"] = {"approvers": ["ada"]}
    return json.dumps({"name": name, "environments": [environment]})


async def build(shape: Shape, database: Path) -> Built:
    """The release of the tree, finished, plus the definitions the mutations use."""
    clock = ManualClock()
    runtime = Runtime(Settings(database_url=f"sqlite:///{database}", agents=8), clock=clock)
    await runtime.start()
    try:
        started = time.perf_counter()
        definition = runtime.create_definition(
            CreateReleaseDefinition(actor="bench", source=tree_definition(shape))
        )
        release_id = runtime.create_release(
            CreateRelease(actor="bench", definition_id=definition.id, start=True)
        )
        await drive(runtime, clock, release_id)
        for _ in range(shape.attempts - 1):
            for environment_id in _environment_ids(runtime, release_id):
                command = commands.DeployEnvironment(actor="bench", environment_id=environment_id)
                runtime.execute(release_id, command)
            await drive(runtime, clock, release_id)
        await write_logs(runtime, release_id, shape.log_lines)
        built = Built(
            release_id=release_id,
            draft_definition_id=runtime.create_definition(
                CreateReleaseDefinition(
                    actor="bench", source=tiny_definition("bench-draft", approval=False)
                )
            ).id,
            approval_definition_id=runtime.create_definition(
                CreateReleaseDefinition(
                    actor="bench", source=tiny_definition("bench-approve", approval=True)
                )
            ).id,
            seconds=time.perf_counter() - started,
        )
        built.rows = count_rows(runtime)
        return built
    finally:
        await runtime.stop()


async def drive(runtime: Runtime, clock: ManualClock, release_id: str) -> None:
    """Approve as ada and move the clock until nothing is pending or due."""
    while True:
        await runtime.idle()
        with runtime.read_session() as session:
            pending = session.exec(
                select(models.Approval.id).where(
                    col(models.Approval.release_id) == release_id,
                    col(models.Approval.status) == ApprovalStatus.PENDING,
                )
            ).all()
            next_due = timers.next_due(session)
        for approval_id in pending:
            runtime.execute(release_id, commands.Approve(actor="ada", approval_id=approval_id))
        if pending:
            continue
        if next_due is None:
            return
        clock.advance(max(0.0, (next_due - clock.now()).total_seconds()))


def _environment_ids(runtime: Runtime, release_id: str) -> list[str]:
    with runtime.read_session() as session:
        query = select(models.ReleaseEnvironment.id).where(
            col(models.ReleaseEnvironment.release_id) == release_id
        )
        return list(session.exec(query).all())


async def write_logs(runtime: Runtime, release_id: str, lines: int) -> None:
    """``lines`` lines of log for every run, written as the runtime writes a script's."""
    with runtime.read_session() as session:
        runs = session.exec(
            select(models.TaskRun).where(col(models.TaskRun.release_id) == release_id)
        ).all()
    with runtime.session() as session:  # a runtime writes the log of runs it holds
        session.execute(
            sa.update(models.TaskRun)
            .where(col(models.TaskRun.release_id) == release_id)
            .values(lease_owner=runtime.owner)
        )
        session.commit()
    for run in runs:
        sink = LogSink(runtime, run.task_id, run.id, on_lost=_never_lost)
        for line in range(1, lines + 1):
            sink.add("stdout", f"run {run.number} of {run.task_id}: step {line} done")
        sink.flush()


def _never_lost(run_id: str, refused: str) -> None:
    raise AssertionError(f"the log of run {run_id} was refused ({refused})")


def count_rows(runtime: Runtime) -> dict[str, int]:
    tables: Sequence[type[SQLModel]] = (
        models.DeploymentAttempt,
        models.DeployPhase,
        models.Task,
        models.TaskRun,
        models.TaskLogLine,
        models.Approval,
        models.Gate,
    )
    with runtime.read_session() as session:
        return {
            table.__name__: session.exec(select(sa.func.count()).select_from(table)).one()
            for table in tables
        }
