"""A worker killed with SIGKILL at any moment: a restarted worker carries every release on.

The worker is the real ``releasegraph work`` process; the test reads and writes the same
database (a SQLite file, a PostgreSQL database) through a Runtime that is opened but never
started (it runs nothing itself).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import col, select

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.engine.states import ReleaseExecutionStatus, RunStatus
from releasegraph.models import Event, Task, TaskRun
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.waiting import DEADLINE, PROCESS_DEADLINE, poll


class Workers:
    """``releasegraph work`` processes on one database; whatever is left is killed at the end."""

    def __init__(self, directory: Path, database_url: str) -> None:
        self.directory = directory
        self.database_url = database_url
        self.started: list[subprocess.Popen[bytes]] = []

    @property
    def command(self) -> list[str]:
        work = [sys.executable, "-m", "releasegraph.cli", "work", "--database", self.database_url]
        return [*work, "--agents", "1", "--poll-interval", "0.05"]

    def start(self, *extra: str) -> subprocess.Popen[bytes]:
        output = self.directory / f"worker-{len(self.started) + 1}.log"
        with output.open("wb") as sink:  # a file, not a pipe: nobody must read for it to go on
            worker = subprocess.Popen(
                [*self.command, *extra],
                stdout=sink,
                stderr=subprocess.STDOUT,
                cwd=self.directory,
            )
        self.started.append(worker)
        poll(
            lambda: "working on" in output.read_text(),
            f"{output} started",
            deadline=PROCESS_DEADLINE,
        )
        return worker

    def finish(self, worker: subprocess.Popen[bytes]) -> int:
        return worker.wait(timeout=PROCESS_DEADLINE)

    def output(self) -> str:
        return "".join(p.read_text() for p in sorted(self.directory.glob("worker-*.log")))

    def kill_all(self) -> None:
        for worker in self.started:
            if worker.poll() is None:
                worker.kill()
            worker.wait()


@pytest.fixture
def workers(tmp_path: Path, database_url: str) -> Iterator[Workers]:
    group = Workers(tmp_path, database_url)
    yield group
    group.kill_all()


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    """The test's own view of the database: opened, never started."""
    rt = Runtime(Settings(database_url=database_url, agents=1))
    rt.open()
    yield rt
    rt.db.dispose()


def definition(text: str) -> str:
    return textwrap.dedent(text).strip() + "\n"


def task_runs(state: ReleaseState) -> dict[str, list[RunStatus]]:
    return {task.name: [run.status for run in state.runs_of(task)] for task in state.tasks}


def event_seqs(runtime: Runtime) -> list[int]:
    with runtime.session() as session:
        return list(session.exec(select(Event.seq).order_by(col(Event.seq))))


def script_run(runtime: Runtime, release_id: str, task_name: str) -> TaskRun | None:
    """The task's run once it is in progress with a process of its own."""
    with runtime.session() as session:
        query = (
            select(TaskRun)
            .join(Task, col(Task.id) == col(TaskRun.task_id))
            .where(col(Task.release_id) == release_id, col(Task.name) == task_name)
            .where(col(TaskRun.status) == RunStatus.IN_PROGRESS, col(TaskRun.pid).is_not(None))
        )
        return session.exec(query).first()


def process_group(pgid: int) -> dict[int, str]:
    """Pid → command line of every live process in the process group ``pgid``."""
    members: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            members[int(entry.name)] = cmdline
    return members


def sleeping(group: dict[int, str]) -> dict[int, str] | None:
    return group if "sleep 30" in group.values() else None


def is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A killed orphan stays a zombie until init reaps it, which some container inits do
    # only every few seconds; a zombie runs nothing, so it counts as gone.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat[stat.rindex(")") + 2] == "Z"


SLEEPS_ON_ITS_FIRST_RUN = """
    name: crashing
    environments:
      - name: staging
        phases:
          - name: deploy
            tasks:
              - {{name: prepare, kind: simulate, durationSeconds: 0.05}}
              - name: migrate
                kind: script
                run: |
                  echo run $RELEASEGRAPH_RUN >> {marker}
                  [ "$RELEASEGRAPH_RUN" = 1 ] && sleep 30
                  echo done
                timeoutSeconds: 120
              - {{name: finish, kind: simulate, durationSeconds: 0.05}}
"""


def test_a_killed_worker_carries_on_after_a_restart(
    tmp_path: Path, runtime: Runtime, workers: Workers
) -> None:
    marker = tmp_path / "marker"
    source = definition(SLEEPS_ON_ITS_FIRST_RUN.format(marker=marker))
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="tester", source=source)
    ).id
    worker = workers.start()
    release_id = runtime.create_release(
        CreateRelease(actor="tester", definition_id=definition_id, start=True)
    )
    run = poll(lambda: script_run(runtime, release_id, "migrate"), "migrate runs")
    assert run.pid is not None
    group = poll(lambda: sleeping(process_group(run.pid or 0)), "the script sleeps")

    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=DEADLINE)
    crashed = runtime.load(release_id)
    assert crashed.release.completed_on is None
    assert crashed.release.execution_status == ReleaseExecutionStatus.RUNNING
    assert task_runs(crashed)["migrate"] == [RunStatus.IN_PROGRESS]

    assert workers.finish(workers.start("--until-done")) == 0, workers.output()

    state = runtime.load(release_id)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED
    assert task_runs(state) == {
        "prepare": [RunStatus.SUCCEEDED],
        "migrate": [RunStatus.INTERRUPTED, RunStatus.SUCCEEDED],
        "finish": [RunStatus.SUCCEEDED],
    }
    assert marker.read_text() == "run 1\nrun 2\n"
    poll(lambda: all(map(is_gone, group)), f"the first run's {group} are gone")
    seqs = event_seqs(runtime)
    assert seqs == list(range(1, len(seqs) + 1))


FIVE_QUICK_TASKS = """
    name: quick
    environments:
      - name: staging
        phases:
          - name: deploy
            tasks:
              - {name: one, kind: simulate, durationSeconds: 0.1}
              - {name: two, kind: simulate, durationSeconds: 0.1}
              - {name: three, kind: simulate, durationSeconds: 0.1}
              - {name: four, kind: simulate, durationSeconds: 0.1}
              - {name: five, kind: simulate, durationSeconds: 0.1}
"""


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_kill_at_any_moment_loses_and_repeats_nothing(
    seed: int, runtime: Runtime, workers: Workers
) -> None:
    delay = random.Random(seed).uniform(0.05, 0.6)
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="tester", source=definition(FIVE_QUICK_TASKS))
    ).id
    worker = workers.start()
    release_id = runtime.create_release(
        CreateRelease(actor="tester", definition_id=definition_id, start=True)
    )
    time.sleep(delay)  # the moment of the crash, not a wait for some state

    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=DEADLINE)
    assert workers.finish(workers.start("--until-done")) == 0, workers.output()

    state = runtime.load(release_id)
    assert state.release.execution_status == ReleaseExecutionStatus.SUCCEEDED, f"{delay=}"
    assert task_runs(state) == {
        name: [RunStatus.SUCCEEDED] for name in ("one", "two", "three", "four", "five")
    }, f"{delay=}"
    seqs = event_seqs(runtime)
    assert seqs == list(range(1, len(seqs) + 1)), f"{delay=}"
