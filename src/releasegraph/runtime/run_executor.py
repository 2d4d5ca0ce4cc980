"""Executors at work: script and http runs, their logs, gate samples, and crash recovery."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import Session, col, select

from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import SYSTEM
from releasegraph.engine.errors import StaleLeaseError
from releasegraph.engine.gates import simulated_check_passes
from releasegraph.engine.spec import TaskKind, TaskSpec
from releasegraph.engine.states import RunStatus
from releasegraph.engine.tasks import CUT_SHORT
from releasegraph.events.notify import LOGS, notify
from releasegraph.models import Task, TaskLogLine, TaskRun
from releasegraph.runtime import leases
from releasegraph.runtime.http_requests import check_http, run_http
from releasegraph.runtime.subprocesses import kill_process_group, run_script

if TYPE_CHECKING:
    from releasegraph.runtime.service import Runtime

log = logging.getLogger(__name__)

_EXECUTOR_KINDS = (TaskKind.SCRIPT.value, TaskKind.HTTP.value)


@dataclass(frozen=True, kw_only=True)
class RunOrder:
    """What an executor needs to know about one run."""

    release_id: str
    run_id: str
    task_id: str
    task_name: str
    spec: TaskSpec
    env: dict[str, str]


def _env_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name).upper()


def execution_id(runs: list[TaskRun], run: TaskRun) -> str:
    """The id a script sees: its run's, or that of the run it carries on after interruptions.

    Execution is at least once: a run cut short by a crash runs again as a new run. Its
    script sees the id of the run it replaces, so that it can tell a repeat (the same id)
    from a retry of a failed run (a new one).
    """
    execution = run
    for previous in reversed([r for r in runs if r.number < run.number]):
        if previous.status not in CUT_SHORT:
            break
        execution = previous
    return execution.id


def run_order(state: ReleaseState, run_id: str) -> RunOrder:
    """What an executor, here or on a remote agent, needs to run ``run_id``."""
    release_id = state.release.id
    run = state.run(run_id)
    task = state.task(run.task_id)
    env = {
        "RELEASEGRAPH_RELEASE_ID": release_id,
        "RELEASEGRAPH_RELEASE_NAME": state.release.name,
        "RELEASEGRAPH_TASK": task.name,
        "RELEASEGRAPH_RUN": str(run.number),
        "RELEASEGRAPH_RUN_ID": execution_id(state.runs_of(task), run),
    }
    for name, value in state.release.variables.items():
        env[name] = env[_env_name(name)] = value
    for name, value in task.inputs.items():
        env[f"INPUT_{_env_name(name)}"] = value
    return RunOrder(
        release_id=release_id,
        run_id=run_id,
        task_id=task.id,
        task_name=task.name,
        spec=state.task_spec(task),
        env=env,
    )


class RunExecutor:
    """This process's runs, each under its lease (``leases``), and its gate samples."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._releases: dict[str, str] = {}
        """Release of each run executing here."""
        self._lost: set[str] = set()

    def start(self, release_id: str, run_id: str) -> None:
        order = self._order(release_id, run_id)
        self._releases[run_id] = release_id
        self._spawn(run_id, self._run(order))

    def stop(self, run_id: str) -> None:
        self._releases.pop(run_id, None)
        task = self._tasks.pop(run_id, None)
        if task is not None:
            task.cancel()

    def renew(self) -> None:
        """Renew the leases of the runs executing here; stop those this process lost."""
        running = list(self._releases)
        if not running:
            return
        kept = self.runtime.once_more_if_dropped(lambda: self._renew(running))
        for run_id in running:
            if run_id not in kept and run_id in self._releases:
                self.lost(run_id, "renewal")

    def _renew(self, run_ids: list[str]) -> set[str]:
        with self.runtime.session() as session:
            kept = leases.renew(session, self.runtime.owner, run_ids, self.runtime.lease_until())
            session.commit()
            return kept

    def lost(self, run_id: str, refused: str) -> None:
        """This process no longer holds ``run_id``: say so once, record it, stop the run."""
        release_id = self._releases.get(run_id)
        self.stop(run_id)
        if release_id is None or run_id in self._lost:
            return
        self._lost.add(run_id)
        error = StaleLeaseError(run_id, self.runtime.owner)
        log.error("%s: %s (%s refused)", error.code.value, error.message, refused)
        self.runtime.execute(
            release_id,
            commands.LeaseLost(
                actor=SYSTEM, run_id=run_id, owner=self.runtime.owner, refused=refused
            ),
        )

    def sample_gate(self, release_id: str, gate_id: str) -> None:
        self._spawn(f"gate:{gate_id}", self._sample(release_id, gate_id))

    async def stop_all(self) -> None:
        tasks = list(self._tasks.values())
        self._tasks.clear()
        self._releases.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def wait_any(self) -> bool:
        """Wait for one executor to end; False at once when none runs."""
        if not self._tasks:
            return False
        await asyncio.wait(list(self._tasks.values()), return_when=asyncio.FIRST_COMPLETED)
        return True

    def _spawn(self, key: str, work: Coroutine[object, object, None]) -> None:
        task = asyncio.create_task(work, name=f"run:{key}")
        self._tasks[key] = task
        task.add_done_callback(lambda t: self._done(key, t))

    def _done(self, key: str, task: asyncio.Task[None]) -> None:
        if self._tasks.get(key) is task:
            del self._tasks[key]
            self._releases.pop(key, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("executor %s failed", key, exc_info=task.exception())

    def _order(self, release_id: str, run_id: str) -> RunOrder:
        return run_order(self.runtime.load(release_id), run_id)

    async def _run(self, order: RunOrder) -> None:
        sink = LogSink(self.runtime, order.task_id, order.run_id, on_lost=self.lost)
        try:
            if order.spec.kind == TaskKind.SCRIPT:
                finished = await self._script(order, sink)
            else:
                finished = await self._http(order, sink)
        finally:
            sink.flush()
        try:
            self.runtime.execute(order.release_id, finished)
        except StaleLeaseError:
            self.lost(order.run_id, "report")
        else:
            # Over: no lease to renew. The timer loop this commit woke runs before this task's
            # done-callback; a renewal then would find the run ended and call it lost.
            self._releases.pop(order.run_id, None)

    async def _script(self, order: RunOrder, sink: LogSink) -> commands.RunFinished:
        result = await run_script(
            order.spec.run or "",
            env=order.env,
            on_line=sink.add,
            cwd=self.runtime.settings.workdir,
            on_start=lambda pid: self._record_pid(order.run_id, pid),
        )
        code = result.exit_code
        return commands.RunFinished(
            actor=SYSTEM,
            run_id=order.run_id,
            succeeded=code == 0,
            exit_code=code,
            error=None if code == 0 else f"exit code {code}",
            lease_owner=self.runtime.owner,
        )

    async def _http(self, order: RunOrder, sink: LogSink) -> commands.RunFinished:
        url = order.spec.url or ""
        timeout = order.spec.timeout_seconds or 30.0
        result = await run_http(url, method=order.spec.method, timeout_seconds=timeout)
        sink.add("stdout", f"{order.spec.method} {url} -> {result.status_code or result.error}")
        error = None if result.succeeded else (result.error or f"HTTP {result.status_code}")
        return commands.RunFinished(
            actor=SYSTEM,
            run_id=order.run_id,
            succeeded=result.succeeded,
            error=error,
            lease_owner=self.runtime.owner,
        )

    def _record_pid(self, run_id: str, pid: int) -> None:
        with self.runtime.session() as session:
            session.execute(
                sa.update(TaskRun)
                .where(col(TaskRun.id) == run_id, col(TaskRun.lease_owner) == self.runtime.owner)
                .values(pid=pid)
            )
            session.commit()

    async def _sample(self, release_id: str, gate_id: str) -> None:
        state = self.runtime.load(release_id)
        gate = state.gate(gate_id)
        spec = state.spec.environment(state.attempt(gate.attempt_id).environment_name).gates
        assert spec is not None
        results: dict[str, bool] = {}
        for check in spec.checks:
            if check.kind == "http" and check.url:
                results[check.name] = await check_http(check.url)
            else:
                results[check.name] = simulated_check_passes(check, gate.samples + 1)
        self.runtime.execute(
            release_id, commands.GateSampled(actor=SYSTEM, gate_id=gate_id, results=results)
        )

    def recover(self) -> None:
        """Runs whose owner is gone or whose lease expired: kill leftovers, run them again.

        A run this process executes, or one whose owner keeps renewing it, is never touched.
        """
        now = self.runtime.clock.now()
        with self.runtime.read_session() as session:
            query = (
                select(TaskRun)
                .join(Task, col(Task.id) == col(TaskRun.task_id))
                .where(
                    col(TaskRun.status) == RunStatus.IN_PROGRESS,
                    col(Task.kind).in_(_EXECUTOR_KINDS),
                )
            )
            runs = [run for run in session.exec(query) if run.id not in self._releases]
        for run in runs:
            gone = leases.owner_is_gone(run.lease_owner)
            expired = run.lease_expires_at is None or run.lease_expires_at <= now
            if not (gone or expired):
                continue
            if run.pid is not None and leases.same_machine(run.lease_owner):
                kill_process_group(run.pid)
            self.runtime.execute(
                run.release_id,
                commands.RunInterrupted(
                    actor=SYSTEM, run_id=run.id, gone_owner=run.lease_owner if gone else None
                ),
            )


class LogSink:
    """Collects a run's output lines and writes them in batches, numbered per task."""

    def __init__(
        self, runtime: Runtime, task_id: str, run_id: str, *, on_lost: Callable[[str, str], None]
    ) -> None:
        self.runtime = runtime
        self.task_id = task_id
        self.run_id = run_id
        self.on_lost = on_lost
        """Called with the run's id and ``"log"`` when its lines are refused: the run is lost."""
        self._pending: list[tuple[str, str]] = []
        self._scheduled = False

    def add(self, stream: str, text: str) -> None:
        self._pending.append((stream, text))
        if not self._scheduled:
            # Lines read in the same turn of the loop go to the database together.
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        self._scheduled = False
        lines, self._pending = self._pending, []
        if not lines:
            return
        if self.runtime.once_more_if_dropped(lambda: self._write(lines)):
            self.runtime.log_bus.publish(self.runtime.log_bus.latest + 1)
        else:
            self.on_lost(self.run_id, "log")

    def _write(self, lines: list[tuple[str, str]]) -> bool:
        """Commit ``lines``, numbered after the task's last; False if the run is lost."""
        with self.runtime.session() as session:
            if not leases.holds(session, self.runtime.owner, self.run_id):
                return False
            store_lines(session, self.task_id, self.run_id, lines, self.runtime.clock.now())
            session.commit()
            return True


def store_lines(
    session: Session, task_id: str, run_id: str, lines: list[tuple[str, str]], now: datetime
) -> None:
    """Add a run's ``(stream, text)`` lines to its task's log, numbered after the last."""
    last = session.execute(
        sa.update(Task)
        .where(col(Task.id) == task_id)
        .values(log_lines=col(Task.log_lines) + len(lines))
        .returning(col(Task.log_lines))
    ).scalar_one()
    first = last - len(lines) + 1
    # Plain Core executemany: a log grows by thousands of lines a second.
    session.connection().execute(
        sa.insert(TaskLogLine),
        [
            {
                "task_id": task_id,
                "run_id": run_id,
                "line": first + n,
                "stream": s,
                "text": t,
                "at": now,
            }
            for n, (s, t) in enumerate(lines)
        ],
    )
    notify(session, LOGS, task_id)
