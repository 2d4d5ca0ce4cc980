"""Ending ``run``, ``work`` and ``serve``, as real processes: a run ends when its release
does; SIGINT and SIGTERM end each command within the shutdown timeout, whatever it is doing,
and kill the scripts it runs; a run cut short is carried on by the next start."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from releasegraph.cli import main
from releasegraph.cli.exits import EXIT_USAGE
from tests.app_requests import CREATE_DEFINITION
from tests.e2e.server import printed_users, start
from tests.waiting import PROCESS_DEADLINE, lines_until, poll

MARGIN = 2.0
"""What a loaded machine may add to a shutdown timeout."""
INTERRUPTED = [(signal.SIGINT, 130), (signal.SIGTERM, 143)]
STUBBORN_SCRIPT = "trap '' TERM; echo $$ > pid; while :; do sleep 1; done"
"""Ignores SIGTERM, like its children: only a SIGKILL of its process group ends it."""
ONCE_SCRIPT = "test -e pid && exit 0; echo $$ > pid; sleep 60"
"""Runs long the first time, and ends at once when run again."""
Json = dict[str, Any]


def definition(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "definition.yaml"
    path.write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    return path


def one_script(name: str, script: str) -> str:
    task = json.dumps({"name": "script", "kind": "script", "run": script})
    return f"name: {name}\nenvironments: [{{name: dev, phases: [{{name: p, tasks: [{task}]}}]}}]"


def releasegraph(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RELEASEGRAPH_")}
    return subprocess.Popen(
        [sys.executable, "-m", "releasegraph.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={**environ, **(env or {})},
    )


def read_until(process: subprocess.Popen[str], prefix: str) -> list[str]:
    """Lines of stdout up to the first that starts with ``prefix``, within the deadline."""
    return lines_until(process, lambda lines: lines[-1].startswith(prefix), f"a line {prefix}…")


def interrupt(process: subprocess.Popen[str], signum: int) -> tuple[int, float, str]:
    """Send ``signum``: the exit code, the seconds until the exit, the rest of stdout."""
    sent = time.monotonic()
    process.send_signal(signum)
    try:
        rest, _ = process.communicate(timeout=PROCESS_DEADLINE)
    finally:
        process.kill()
    return process.returncode, time.monotonic() - sent, rest


def script_group(directory: Path) -> int:
    """The process group of the script that wrote its pid into ``directory``."""
    text = poll(lambda: _read(directory / "pid"), "the script's pid", deadline=PROCESS_DEADLINE)
    return int(text)


def _read(path: Path) -> str | None:
    text = path.read_text() if path.exists() else ""
    return text if text.endswith("\n") else None


def gone(group: int) -> bool:
    """Whether every process of ``group`` is dead (a zombie is), or soon is."""
    poll(lambda: _alive(group), f"the end of group {group}", until=lambda alive: not alive)
    return True


def _alive(group: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


# -- a process stuck -------------------------------------------------------------------

STUCK = """
import asyncio, time
from releasegraph.cli import shutdown

async def main() -> None:
    shutdown.Stop(asyncio.Event(), 1.0)
    print("stuck", flush=True)
    time.sleep(60)  # the loop never gets back to its events

asyncio.run(main())
"""


@pytest.mark.parametrize(("signum", "code"), INTERRUPTED)
def test_a_process_stuck_on_its_way_ends_at_the_timeout(
    tmp_path: Path, signum: int, code: int
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", STUCK], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    read_until(process, "stuck")

    exit_code, seconds, _ = interrupt(process, signum)

    assert (exit_code, seconds < 1 + MARGIN) == (code, True)


# -- run --------------------------------------------------------------------------------


def test_a_failed_environment_with_a_skipped_dependent_ends_the_run_with_1(
    tmp_path: Path,
) -> None:
    failing = definition(
        tmp_path,
        """
        name: check-fail
        environments:
          - name: dev
            trigger: AFTER_RELEASE
            phases:
              - name: deploy
                tasks:
                  - {name: boom, kind: script, run: "echo about-to-fail; exit 7",
                     timeoutSeconds: 30}
                  - {name: never, kind: simulate, durationSeconds: 0, outcome: SUCCEEDED}
                  - {name: cleanup, kind: simulate, durationSeconds: 0, outcome: SUCCEEDED,
                     alwaysRun: true}
          - name: prod
            trigger: AFTER_DEPENDENCIES
            dependsOn: [dev]
            phases:
              - name: deploy
                tasks: [{name: t, kind: simulate, durationSeconds: 0, outcome: SUCCEEDED}]
        """,
    )
    process = releasegraph("run", str(failing), "--auto-approve", "--json", cwd=tmp_path)

    try:
        out, err = process.communicate(timeout=PROCESS_DEADLINE)
    finally:
        process.kill()

    assert process.returncode == 1, err
    *events, tree = out.splitlines()
    last = json.loads(events[-1])
    assert (last["kind"], last["fromStatus"], last["toStatus"]) == (
        "release.executionStatus",
        "RUNNING",
        "FAILED",
    )
    release = json.loads(tree)["release"]
    assert release["executionStatus"] == "FAILED"
    assert [(e["name"], e["status"], e["skipped"]) for e in release["environments"]] == [
        ("dev", "FAILED", False),
        ("prod", "NOT_STARTED", True),
    ]


@pytest.mark.parametrize(("signum", "code"), INTERRUPTED)
@pytest.mark.parametrize("given_by", ["flag", "variable"])
def test_a_run_waiting_for_a_person_ends_on_a_signal_with_the_tree(
    tmp_path: Path, signum: int, code: int, given_by: str
) -> None:
    waiting = definition(
        tmp_path,
        """
        name: waiting
        environments:
          - name: prod
            preDeployApprovals: {approvers: [alice]}
            phases: [{name: p, tasks: [{name: t, kind: simulate}]}]
        """,
    )
    timeout = ["--shutdown-timeout", "5"] if given_by == "flag" else []
    env = {"RELEASEGRAPH_SHUTDOWN_TIMEOUT": "5"} if given_by == "variable" else {}
    process = releasegraph("run", str(waiting), *timeout, cwd=tmp_path, env=env)
    read_until(process, "waiting for alice")

    exit_code, seconds, rest = interrupt(process, signum)

    assert (exit_code, seconds < 5) == (code, True)
    release = json.loads(rest)["release"]
    assert (release["executionStatus"], release["inputRequiredCount"]) == ("ON_HOLD", 1)


@pytest.mark.parametrize(("signum", "code"), INTERRUPTED)
def test_a_run_whose_script_ignores_sigterm_ends_within_the_timeout_and_kills_it(
    tmp_path: Path, signum: int, code: int
) -> None:
    stubborn = definition(tmp_path, one_script("stubborn", STUBBORN_SCRIPT))
    process = releasegraph("run", str(stubborn), "--shutdown-timeout", "1", cwd=tmp_path)
    group = script_group(tmp_path)

    exit_code, seconds, _ = interrupt(process, signum)

    assert (exit_code, seconds < 1 + MARGIN) == (code, True)
    assert gone(group)


def test_a_run_stopped_while_its_script_runs_is_carried_on_by_work(
    tmp_path: Path, database_url: str
) -> None:
    once = definition(tmp_path, one_script("once", ONCE_SCRIPT))
    process = releasegraph("run", str(once), "--database", database_url, cwd=tmp_path)
    group = script_group(tmp_path)

    exit_code, _, _ = interrupt(process, signal.SIGTERM)
    worker = releasegraph("work", "--database", database_url, "--until-done", cwd=tmp_path)
    out, err = worker.communicate(timeout=PROCESS_DEADLINE)

    assert exit_code == 143
    assert gone(group)
    assert worker.returncode == 0, err
    script = [line.split("] ", 1)[1] for line in out.splitlines() if "dev/p/script" in line]
    assert script == [
        "TaskRun dev/p/script run 1: IN_PROGRESS -> INTERRUPTED"
        " (error=the process running it stopped)",
        "Task dev/p/script: IN_PROGRESS -> PENDING (interrupted=1)",
        "Task dev/p/script: PENDING -> IN_PROGRESS (run=2)",
        "TaskRun dev/p/script run 2: IN_PROGRESS -> SUCCEEDED (exit_code=0)",
        "Task dev/p/script: IN_PROGRESS -> SUCCEEDED",
    ]
    assert out.splitlines()[-1].endswith("Release Release-1: RUNNING -> SUCCEEDED")


def test_run_and_work_refuse_a_bad_shutdown_timeout_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RELEASEGRAPH_SHUTDOWN_TIMEOUT", "soon")
    script = definition(tmp_path, one_script("never", "exit 0"))

    codes = [
        main(["run", str(script)]),
        main(["work", "--database", f"sqlite:///{tmp_path / 'releasegraph.db'}"]),
    ]

    assert codes == [EXIT_USAGE, EXIT_USAGE]
    refusal = "releasegraph: RELEASEGRAPH_SHUTDOWN_TIMEOUT: expected seconds > 0, got 'soon'"
    assert capsys.readouterr().err.splitlines() == [refusal, refusal]


# -- work and serve ---------------------------------------------------------------------


@pytest.mark.parametrize(("signum", "code"), INTERRUPTED)
def test_work_ends_on_a_signal(tmp_path: Path, database_url: str, signum: int, code: int) -> None:
    process = releasegraph(
        "work", "--database", database_url, "--shutdown-timeout", "5", cwd=tmp_path
    )
    read_until(process, "working on")

    exit_code, seconds, _ = interrupt(process, signum)

    assert (exit_code, seconds < 5) == (code, True)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_serve_ends_on_a_signal_with_0_within_the_timeout_and_kills_its_scripts(
    tmp_path: Path, database_url: str, signum: int
) -> None:
    server = start(tmp_path, "--shutdown-timeout", "2", "--database", database_url)
    try:
        server.wait_ready()
        _start_release(server.graphql_url, printed_users(server.stdout())["admin"].token)
        group = script_group(tmp_path)
        sent = time.monotonic()
        server.process.send_signal(signum)
        exit_code = server.process.wait(timeout=PROCESS_DEADLINE)
        seconds = time.monotonic() - sent
    finally:
        server.process.kill()

    assert (exit_code, seconds < 2 + MARGIN) == (0, True)
    assert gone(group)


_START = """
mutation($definition: ID!) {
  createRelease(input: {definitionId: $definition, start: true}) { __typename }
}"""


def _start_release(url: str, token: str) -> None:
    def ask(query: str, variables: Json) -> Json:
        headers = {"Authorization": f"Bearer {token}"}
        answer = httpx.post(url, json={"query": query, "variables": variables}, headers=headers)
        data: Json = answer.json()["data"]
        return data

    created = ask(CREATE_DEFINITION, {"source": one_script("stubborn", STUBBORN_SCRIPT)})
    definition_id = created["createReleaseDefinition"]["definition"]["id"]
    assert ask(_START, {"definition": definition_id}) == {
        "createRelease": {"__typename": "CreateReleasePayload"}
    }
