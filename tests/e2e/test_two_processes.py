"""Two processes on one database — a SQLite file, and PostgreSQL: a ``releasegraph serve``
runs scripts, and a second ``serve``, ``work`` or ``run`` starts on the same database while
they run. No running script is killed or started twice: every run ends SUCCEEDED, one run
per task, none INTERRUPTED, each script started once.

The first scripts wait for a file the test makes only once the second process is up (and,
for ``run``, done), so they run through its start and its look for runs to take over, and
for longer than a lease (2 s): their owner must renew it.
"""

from __future__ import annotations

import contextlib
import json
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from releasegraph.engine.states import ReleaseExecutionStatus, RunStatus
from releasegraph.models import TaskRun
from tests.e2e.processes import (
    STARTS,
    Database,
    create_definition,
    create_release,
    launch,
    operator,
    servers,
    starts,
    stop,
)
from tests.postgres import fresh_database
from tests.waiting import PROCESS_DEADLINE, poll, poll_async

RELEASES = 4
LEASE = timedelta(seconds=2)
SETTINGS = ("--agents", str(RELEASES + 1), "--lease-seconds", "2", "--lease-renewal", "0.5")
"""Both processes': an agent left free beside the long scripts, for the release of ``run``
(local agents are rows of the database, the same for every process: a process with fewer
would take the others' idle ones offline); a short lease, so that it must be renewed."""

WAITING = """
name: waiting
environments:
  - name: deploy
    phases:
      - name: deploy
        tasks:
          - {{name: long, kind: script, run: {long}}}
          - {{name: short, kind: script, run: {short}}}
"""
"""A script that runs until the test says, then a short one."""

OWN = """
name: own
environments:
  - name: check
    phases: [{{name: check, tasks: [{{name: own, kind: script, run: {short}}}]}}]
"""
"""What ``releasegraph run`` runs: a script of its own."""


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """One database for both processes: a SQLite file, and a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    with fresh_database() as url:
        yield url


def scripts(marker: Path, go: Path) -> dict[str, str]:
    """Each script's shell, as a YAML string: it writes its start to ``marker``; the long
    one then waits for the file ``go``."""
    wait = f"while [ ! -e {go} ]; do sleep 0.05; done"
    return {
        "long": json.dumps(f"{STARTS.format(marker=marker)}; {wait}; echo done"),
        "short": json.dumps(f"{STARTS.format(marker=marker)}; echo done"),
    }


@contextlib.contextmanager
def second(kind: str, directory: Path, url: str, own: Path) -> Iterator[None]:
    """The second process, up: ``serve`` ready, ``work`` working, ``run`` done with its own
    release; stopped at the end."""
    if kind == "serve":
        with servers(directory, 1, "--database", url, *SETTINGS):
            yield
        return
    args = {"work": ["work"], "run": ["run", str(own), "--auto-approve"]}[kind]
    process, output = launch(directory, *args, "--database", url, *SETTINGS)
    try:
        if kind == "run":
            assert process.wait(timeout=PROCESS_DEADLINE) == 0, output.read_text()
        else:
            poll(
                lambda: "working on" in output.read_text(),
                "work started",
                deadline=PROCESS_DEADLINE,
            )
        yield
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        stop(process)


def outlived_their_first_lease(runs: list[TaskRun]) -> bool:
    """Whether the runs were renewed after their first lease would have expired."""
    return all(
        run.lease_expires_at is not None and run.lease_expires_at >= run.started_on + 2 * LEASE
        for run in runs
    )


@pytest.mark.parametrize("kind", ["serve", "work", "run"])
async def test_a_second_process_on_the_database_kills_and_repeats_no_running_script(
    kind: str, database_url: str, tmp_path: Path
) -> None:
    marker, go, own = tmp_path / "starts.txt", tmp_path / "go", tmp_path / "own.yaml"
    shell = scripts(marker, go)
    own.write_text(OWN.format(**shell))
    db = Database(database_url)
    try:
        with servers(tmp_path / "first", 1, "--database", database_url, *SETTINGS) as (first,):
            async with operator(first) as api:
                definition = await create_definition(api, WAITING.format(**shell))
                for _ in range(RELEASES):
                    await create_release(api, definition, start=True)
            running = lambda: db.running_scripts(first.process.pid)  # noqa: E731
            poll(running, "every long script runs", until=lambda got: len(got) == RELEASES)
            with second(kind, tmp_path / "second", database_url, own):
                poll(running, "the long scripts live on", until=outlived_their_first_lease)
                go.touch()
                await poll_async(db.unfinished, "every release completes", until=lambda n: n == 0)
        runs, releases = db.runs(), db.releases()
    finally:
        db.close()

    assert [run.status for _, run in runs] == [RunStatus.SUCCEEDED] * len(runs)
    assert len(runs) == 2 * RELEASES + (kind == "run")
    assert Counter(task.id for task, _ in runs).most_common(1)[0][1] == 1
    ran = Counter((task.release_id, task.name, run.number) for task, run in runs)
    assert Counter(starts(marker)) == ran  # each script started once, by its one run
    assert {r.execution_status for r in releases} == {ReleaseExecutionStatus.SUCCEEDED}
