"""Executors at work: script and http runs, their logs, gate samples, and crash recovery."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlmodel import col, select

from releasegraph.engine import commands
from releasegraph.engine.context import SYSTEM
from releasegraph.engine.gates import simulated_check_passes
from releasegraph.engine.spec import TaskKind, TaskSpec
from releasegraph.engine.states import RunStatus
from releasegraph.models import Task, TaskLogLine, TaskRun
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
    spec: TaskSpec
    env: dict[str, str]


def _env_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name).upper()


class RunExecutor:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def start(self, release_id: str, run_id: str) -> None:
        order = self._order(release_id, run_id)
        self._spawn(run_id, self._run(order))

    def stop(self, run_id: str) -> None:
        task = self._tasks.pop(run_id, None)
        if task is not None:
            task.cancel()

    def sample_gate(self, release_id: str, gate_id: str) -> None:
        self._spawn(f"gate:{gate_id}", self._sample(release_id, gate_id))

    async def stop_all(self) -> None:
        tasks = list(self._tasks.values())
        self._tasks.clear()
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
        if not task.cancelled() and task.exception() is not None:
            log.error("executor %s failed", key, exc_info=task.exception())

    def _order(self, release_id: str, run_id: str) -> RunOrder:
        state = self.runtime.load(release_id)
        run = state.run(run_id)
        task = state.task(run.task_id)
        env = {
            "RELEASEGRAPH_RELEASE_ID": release_id,
            "RELEASEGRAPH_RELEASE_NAME": state.release.name,
            "RELEASEGRAPH_TASK": task.name,
            "RELEASEGRAPH_RUN": str(run.number),
        }
        for name, value in state.release.variables.items():
            env[name] = env[_env_name(name)] = value
        for name, value in task.inputs.items():
            env[f"INPUT_{_env_name(name)}"] = value
        return RunOrder(
            release_id=release_id,
            run_id=run_id,
            task_id=task.id,
            spec=state.task_spec(task),
            env=env,
        )

    async def _run(self, order: RunOrder) -> None:
        sink = LogSink(self.runtime, order.task_id, order.run_id)
        try:
            if order.spec.kind == TaskKind.SCRIPT:
                finished = await self._script(order, sink)
            else:
                finished = await self._http(order, sink)
        finally:
            sink.flush()
        self.runtime.execute(order.release_id, finished)

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
        )

    async def _http(self, order: RunOrder, sink: LogSink) -> commands.RunFinished:
        url = order.spec.url or ""
        timeout = order.spec.timeout_seconds or 30.0
        result = await run_http(url, method=order.spec.method, timeout_seconds=timeout)
        sink.add("stdout", f"{order.spec.method} {url} -> {result.status_code or result.error}")
        error = None if result.succeeded else (result.error or f"HTTP {result.status_code}")
        return commands.RunFinished(
            actor=SYSTEM, run_id=order.run_id, succeeded=result.succeeded, error=error
        )

    def _record_pid(self, run_id: str, pid: int) -> None:
        with self.runtime.session() as session:
            session.execute(sa.update(TaskRun).where(col(TaskRun.id) == run_id).values(pid=pid))
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
        """Runs that were executing when the process died: kill leftovers, run them again."""
        with self.runtime.read_session() as session:
            query = (
                select(TaskRun)
                .join(Task, col(Task.id) == col(TaskRun.task_id))
                .where(
                    col(TaskRun.status) == RunStatus.IN_PROGRESS,
                    col(Task.kind).in_(_EXECUTOR_KINDS),
                )
            )
            orphans = list(session.exec(query))
        for run in orphans:
            if run.pid is not None:
                kill_process_group(run.pid)
            self.runtime.execute(
                run.release_id, commands.RunInterrupted(actor=SYSTEM, run_id=run.id)
            )


class LogSink:
    """Collects a run's output lines and writes them in batches, numbered per task."""

    def __init__(self, runtime: Runtime, task_id: str, run_id: str) -> None:
        self.runtime = runtime
        self.task_id = task_id
        self.run_id = run_id
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
        now = self.runtime.clock.now()
        with self.runtime.session() as session:
            last = session.execute(
                sa.update(Task)
                .where(col(Task.id) == self.task_id)
                .values(log_lines=col(Task.log_lines) + len(lines))
                .returning(col(Task.log_lines))
            ).scalar_one()
            first = last - len(lines) + 1
            session.add_all(
                TaskLogLine(
                    task_id=self.task_id,
                    run_id=self.run_id,
                    line=first + offset,
                    stream=stream,
                    text=text,
                    at=now,
                )
                for offset, (stream, text) in enumerate(lines)
            )
            session.commit()
        self.runtime.log_bus.publish(self.runtime.log_bus.latest + 1)
