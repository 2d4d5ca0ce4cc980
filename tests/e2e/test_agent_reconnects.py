"""An agent whose server goes away mid-script: the lines its script writes meanwhile wait on
the agent and reach the server once it is back, each once and in order, and the run ends
as its script did. Real processes: a ``serve`` restarted on the same port and database,
and a ``releasegraph agent``."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.processes import launch
from tests.e2e.server import Server, free_port, running
from tests.e2e.users_api import waits_for
from tests.waiting import PROCESS_DEADLINE, poll

ADMIN = "ada-reconnect-token-0123456789"
AGENT = "robot-reconnect-token-0123456789"
USERS = f"""\
users:
  - {{name: ada, token: {ADMIN}, role: ADMIN}}
  - {{name: robot, token: {AGENT}, role: AGENT}}
"""
LOG = """
query($id: ID!) {
  release(id: $id) {
    executionStatus
    environments { latestAttempt { phases { tasks { status log { text } } } } }
  }
}"""


def gql(server: Server, query: str, variables: dict[str, object]) -> dict[str, object]:
    response = httpx.post(
        server.graphql_url,
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {ADMIN}"},
        timeout=10,
    )
    body = response.json()
    assert "errors" not in body, body
    data: dict[str, object] = body["data"]
    return data


def started(server: Server, source: str) -> str:
    created = gql(
        server,
        "mutation($s: String!) { createReleaseDefinition(input: {source: $s}) {"
        " ... on CreateReleaseDefinitionPayload { definition { id } } } }",
        {"s": source},
    )
    definition = created["createReleaseDefinition"]["definition"]["id"]  # type: ignore[index]
    release = gql(
        server,
        "mutation($d: ID!) { createRelease(input: {definitionId: $d, start: true}) {"
        " ... on CreateReleasePayload { release { id } } } }",
        {"d": definition},
    )
    release_id: str = release["createRelease"]["release"]["id"]  # type: ignore[index]
    return release_id


def state(server: Server, release_id: str) -> tuple[str, list[str], str]:
    """The release's execution status, its task's log lines and the task's status."""
    release = gql(server, LOG, {"id": release_id})["release"]
    assert isinstance(release, dict)
    (task,) = release["environments"][0]["latestAttempt"]["phases"][0]["tasks"]
    return release["executionStatus"], [line["text"] for line in task["log"]], task["status"]


@pytest.fixture
def agent_process(tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=PROCESS_DEADLINE)
                except subprocess.TimeoutExpired:
                    process.kill()


def test_lines_written_while_the_server_is_away_reach_it_once_it_is_back(
    tmp_path: Path, agent_process: list[subprocess.Popen[bytes]]
) -> None:
    (tmp_path / "users.yaml").write_text(USERS)
    port, database = free_port(), f"sqlite:///{tmp_path / 'releasegraph.db'}"
    serve = ("--agents", "0", "--tokens", str(tmp_path / "users.yaml"), "--database", database)
    away, back = tmp_path / "away", tmp_path / "back"
    script = (
        f"echo before; {waits_for(away)}; for i in 1 2 3 4 5; do echo away $i; done;"
        f" {waits_for(back)}; echo after"
    )
    task = f"{{name: t, kind: script, run: {json.dumps(script)}}}"
    source = (
        "name: reconnects\nenvironments:\n  - name: prod\n    phases:\n"
        f"      - {{name: p, runOn: AGENT, tasks: [{task}]}}\n"
    )
    with running(tmp_path / "first", *serve, "--port", str(port), port=port) as first:
        process, output = launch(
            tmp_path / "agent",
            "agent",
            "--server",
            first.base_url,
            "--token",
            AGENT,
            "--name",
            "box",
        )
        agent_process.append(process)
        release_id = started(first, source)
        poll(lambda: state(first, release_id)[1] == ["before"], "the first line on the server")
    # The server is gone: the script goes on, and its next lines wait on the agent.
    away.touch()
    poll(lambda: "unreachable" in output.read_text(), "the agent finding the server away")
    with running(tmp_path / "second", *serve, "--port", str(port), port=port) as second:
        expected = ["before", *(f"away {i}" for i in range(1, 6))]
        poll(
            lambda: state(second, release_id)[1], "the waiting lines", until=lambda t: t == expected
        )
        back.touch()
        final = poll(
            lambda: state(second, release_id),
            "the release ended",
            until=lambda s: s[0] != "RUNNING",
        )

    assert final == ("SUCCEEDED", [*expected, "after"], "SUCCEEDED")
