"""Remote agents end to end: a real ``releasegraph serve --agents 0`` on a SQLite file, and real
``releasegraph agent`` processes that do its AGENT phases through the GraphQL API only.

Scripts that must be seen running wait for a file the test makes once it has seen them (never
longer than ``SCRIPT_BOUND`` seconds, so none outlives a failed test for long). Every process
the tests start is stopped at the end of its test (the server at the end of the module); each
test has its own pool and agent names, so the tests do not see each other's work.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.websockets import WebsocketsTransport

from tests.e2e.processes import launch, stop
from tests.e2e.server import JSON, Server, running
from tests.e2e.users_api import UsersApi, waits_for, yaml_string
from tests.waiting import PROCESS_DEADLINE, poll, poll_async

TOKENS = {
    "ada": "ada-agents-token-0123456789",
    "victor": "victor-agents-token-0123456789",
    "robot": "robot-agents-token-0123456789",
}
USERS = f"""\
users:
  - {{name: ada, token: {TOKENS["ada"]}, role: ADMIN}}
  - {{name: victor, token: {TOKENS["victor"]}, role: VIEWER}}
  - {{name: robot, token: {TOKENS["robot"]}, role: AGENT}}
"""

STATE = """
query State($id: ID!) {
  release(id: $id) {
    id status executionStatus
    environments {
      id name status
      latestAttempt {
        status operationStatus statusReason
        phases {
          name status tasks { id name status runs { number status agent exitCode error } }
        }
      }
    }
  }
}
"""
AGENTS = """
query Agents($pool: String) {
  agents(pool: $pool) {
    id name pool status enabled remote process capacity version
    capabilities { name value } busy lastSeen
  }
}
"""


# -- GraphQL over HTTP, as any user, errors and all -----------------------------------------


class Gql(UsersApi):
    """The API as any user of TOKENS, releases as victor reads them, agents as ada."""

    async def release(self, release_id: str) -> JSON:
        release: JSON = (await self.data("victor", STATE, {"id": release_id}))["release"]
        return release

    async def until(self, release_id: str, what: str, done: Callable[[JSON], bool]) -> JSON:
        """The release once ``done(release)`` holds."""
        return await poll_async(lambda: self.release(release_id), what, until=done)

    async def agents(self, pool: str) -> list[JSON]:
        found: list[JSON] = (await self.data("ada", AGENTS, {"pool": pool}))["agents"]
        return found

    async def start_release(self, source: str) -> str:
        """A definition of ``source`` (by ada), and a release of it started at once."""
        return await self.create_release(await self.define(source), start=True)


def environment(release: JSON, name: str) -> JSON:
    found: JSON = next(e for e in release["environments"] if e["name"] == name)
    return found


def attempt(release: JSON, env: str) -> JSON:
    latest: JSON = environment(release, env)["latestAttempt"]
    return latest


def task(release: JSON, env: str, name: str) -> JSON:
    latest = attempt(release, env)
    tasks = [t for phase in (latest or {"phases": []})["phases"] for t in phase["tasks"]]
    found: JSON = next((t for t in tasks if t["name"] == name), {"status": None, "runs": []})
    return found


def runs(release: JSON, env: str, name: str) -> list[tuple[int, str, str]]:
    return [(r["number"], r["status"], r["agent"]) for r in task(release, env, name)["runs"]]


def ended(release: JSON) -> bool:
    return release["executionStatus"] in ("SUCCEEDED", "FAILED", "CANCELED", "PARTIAL_SUCCESS")


# -- the processes --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``serve`` with no local agents, the users of USERS, a short lease (3 s, renewed every
    second) and a SQLite file."""
    directory = tmp_path_factory.mktemp("agents-server")
    (directory / "users.yaml").write_text(USERS)
    args = ("--tokens", str(directory / "users.yaml"), "--agents", "0")
    lease = ("--lease-seconds", "3", "--lease-renewal", "1")
    with running(directory, *args, *lease) as started:
        yield started


@pytest.fixture
async def gql(server: Server) -> AsyncIterator[Gql]:
    async with httpx.AsyncClient(timeout=30, trust_env=False) as http:
        yield Gql(server, http, TOKENS)


@dataclass
class Agents:
    """``releasegraph agent`` processes of one test."""

    server: Server
    directory: Path
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, name: str, pool: str, *args: str) -> subprocess.Popen[bytes]:
        """An agent registered and serving (it has printed so)."""
        command = ["agent", "--server", self.server.base_url, "--token", TOKENS["robot"]]
        command += ["--pool", pool, "--name", name, *args]
        process, output = launch(self.directory / name, *command)
        self.started.append(process)

        def serving() -> bool:
            text = output.read_text()
            assert process.poll() is None, f"agent {name} exited:\n{text}"
            return f"agent {name} " in text and "serving" in text

        poll(serving, f"agent {name} serving", deadline=PROCESS_DEADLINE)
        return process


@pytest.fixture
def agents(server: Server, tmp_path: Path) -> Iterator[Agents]:
    started = Agents(server, tmp_path / "agents")
    try:
        yield started
    finally:
        for process in started.started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in started.started:
            stop(process)


# -- a subscription of a task's log ---------------------------------------------------------


@dataclass
class Lines:
    texts: list[str] = field(default_factory=list)


@contextlib.asynccontextmanager
async def task_log(server: Server, task_id: str) -> AsyncIterator[Lines]:
    """``taskLog(taskId:)`` on a graphql-transport-ws websocket, as victor."""
    transport = WebsocketsTransport(
        url=server.graphql_url.replace("http://", "ws://"),
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        init_payload={"authorization": f"Bearer {TOKENS['victor']}"},
        connect_args={"proxy": None},
    )
    lines = Lines()
    document = "subscription Log($id: ID!) { taskLog(taskId: $id) { line text } }"
    async with Client(transport=transport, fetch_schema_from_transport=False) as session:

        async def gather() -> None:
            request = GraphQLRequest(document, variable_values={"id": task_id})
            async for data in session.subscribe(request):
                lines.texts.append(data["taskLog"]["text"])

        gathering = asyncio.create_task(gather())
        try:
            yield lines
        finally:
            gathering.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await gathering


async def refused_subscription(server: Server, user: str) -> list[str]:
    """The codes of the errors a ``releaseEvents`` subscription of ``user`` ends with."""
    transport = WebsocketsTransport(
        url=server.graphql_url.replace("http://", "ws://"),
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        init_payload={"authorization": f"Bearer {TOKENS[user]}"},
        connect_args={"proxy": None},
    )
    async with Client(transport=transport, fetch_schema_from_transport=False) as session:
        request = GraphQLRequest("subscription { releaseEvents { seq kind } }")
        with pytest.raises(TransportQueryError) as refused:
            async for _ in session.subscribe(request):
                pass
    return [e["extensions"]["code"] for e in refused.value.errors or []]


async def seen(lines: Lines, text: str) -> None:
    await poll_async(
        lambda: lines.texts, f"{text!r} on the subscription", until=lambda t: text in t
    )


# -- the tests ------------------------------------------------------------------------------


async def test_a_script_runs_on_the_agent_and_its_log_streams_live(
    gql: Gql, agents: Agents, tmp_path: Path
) -> None:
    """A script of an AGENT phase runs on the remote agent with the release's variables and
    RELEASEGRAPH_TASK in its environment, and each line it prints reaches a taskLog
    subscriber while the script still runs."""
    go = tmp_path / "go"
    script = f'echo "task=$RELEASEGRAPH_TASK region=$region REGION=$REGION"; {waits_for(go)}'
    source = f"""
name: agents-log
variables: {{region: eu-west}}
environments:
  - name: deploy
    phases:
      - name: deploy
        runOn: AGENT
        pool: log
        tasks: [{{name: greet, kind: script, run: {yaml_string(script + "; echo finished")}}}]
"""
    agents.start("logger", "log")
    release_id = await gql.start_release(source)
    release = await gql.until(
        release_id,
        "greet in progress",
        lambda r: task(r, "deploy", "greet")["status"] == "IN_PROGRESS",
    )
    async with task_log(gql.server, task(release, "deploy", "greet")["id"]) as lines:
        await seen(lines, "task=greet region=eu-west REGION=eu-west")
        assert "finished" not in lines.texts  # the script is still waiting
        go.touch()
        await seen(lines, "finished")
    release = await gql.until(release_id, "the release ended", ended)
    assert release["executionStatus"] == "SUCCEEDED", release
    assert runs(release, "deploy", "greet") == [(1, "SUCCEEDED", "logger")]


async def test_a_phase_runs_only_on_an_agent_meeting_its_demands(gql: Gql, agents: Agents) -> None:
    """A phase demanding os=linux runs on the agent offering os=linux; one demanding
    os=windows stays QUEUED_FOR_AGENT, its attempt's statusReason naming the pool and the
    demands."""
    source = """
name: agents-demands
environments:
  - name: linux
    phases:
      - name: build
        runOn: AGENT
        pool: demands
        demands: {os: linux}
        tasks: [{name: uname, kind: script, run: "echo linux here"}]
  - name: windows
    phases:
      - name: build
        runOn: AGENT
        pool: demands
        demands: {os: windows}
        tasks: [{name: ver, kind: script, run: "echo windows here"}]
"""
    agents.start("penguin", "demands", "--capability", "os=linux", "--capability", "arch=x86")
    release_id = await gql.start_release(source)

    def settled(release: JSON) -> bool:
        windows = attempt(release, "windows") or {}
        return environment(release, "linux")["status"] == "SUCCEEDED" and bool(
            windows.get("statusReason")
        )

    release = await gql.until(release_id, "linux done, windows waiting with a reason", settled)
    assert runs(release, "linux", "uname") == [(1, "SUCCEEDED", "penguin")]
    windows = attempt(release, "windows")
    assert windows["operationStatus"] == "QUEUED_FOR_AGENT", windows
    reason = windows["statusReason"]
    assert "pool 'demands'" in reason, reason
    assert "os=windows" in reason, reason
    assert runs(release, "windows", "ver") == []
    [penguin] = await gql.agents("demands")
    assert {(c["name"], c["value"]) for c in penguin["capabilities"]} == {
        ("os", "linux"),
        ("arch", "x86"),
    }


async def test_an_agent_of_capacity_two_runs_two_phases_at_once(
    gql: Gql, agents: Agents, tmp_path: Path
) -> None:
    """``--capacity 2`` registers two slots, NAME/1 and NAME/2, and both run a phase at the
    same time: each script waits for a file made only once both tasks are IN_PROGRESS."""
    go = tmp_path / "go"
    script = yaml_string(f"{waits_for(go)}; test -e {go}")
    phases = f"""
    phases:
      - name: deploy
        runOn: AGENT
        pool: pair
        tasks: [{{name: work, kind: script, run: {script}}}]"""
    source = f"""
name: agents-capacity
environments:
  - name: east{phases}
  - name: west{phases}
"""
    agents.start("twin", "pair", "--capacity", "2")
    slots = await gql.agents("pair")
    assert [(s["name"], s["process"], s["capacity"], s["remote"]) for s in slots] == [
        ("twin/1", "twin", 2, True),
        ("twin/2", "twin", 2, True),
    ]
    assert all(s["status"] == "ONLINE" and s["enabled"] for s in slots), slots

    release_id = await gql.start_release(source)
    await gql.until(
        release_id,
        "both tasks in progress",
        lambda r: all(task(r, env, "work")["status"] == "IN_PROGRESS" for env in ("east", "west")),
    )
    go.touch()
    release = await gql.until(release_id, "the release ended", ended)
    assert release["executionStatus"] == "SUCCEEDED", release
    used = {runs(release, env, "work")[0][2] for env in ("east", "west")}
    assert used == {"twin/1", "twin/2"}
    assert [runs(release, env, "work")[0][:2] for env in ("east", "west")] == [(1, "SUCCEEDED")] * 2


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_a_cancel_kills_the_remote_script_and_always_run_tasks_still_run(
    gql: Gql, agents: Agents, tmp_path: Path
) -> None:
    """cancelDeployment while a script runs on the agent kills the script within 5 s; the
    deployment ends CANCELED and the alwaysRun task after it still runs, and succeeds, on the
    agent."""
    pid_file = tmp_path / "pid"
    long = yaml_string(f"echo $$ > {pid_file}.tmp; mv {pid_file}.tmp {pid_file}; sleep 30")
    source = f"""
name: agents-cancel
environments:
  - name: deploy
    phases:
      - name: deploy
        runOn: AGENT
        pool: cancel
        tasks:
          - {{name: long, kind: script, run: {long}}}
          - {{name: cleanup, kind: script, run: "echo cleaning", alwaysRun: true}}
"""
    agents.start("stopper", "cancel")
    release_id = await gql.start_release(source)
    poll(pid_file.exists, "the script's pid")
    pid = int(pid_file.read_text())
    try:
        release = await gql.release(release_id)
        await gql.act(
            "ada", "cancelDeployment", {"environmentId": environment(release, "deploy")["id"]}
        )
        poll(lambda: not alive(pid), f"script {pid} killed", deadline=5)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    release = await gql.until(release_id, "the release ended", ended)
    assert environment(release, "deploy")["status"] == "CANCELED", release
    assert attempt(release, "deploy")["operationStatus"] == "CANCELED", release
    assert runs(release, "deploy", "long") == [(1, "CANCELED", "stopper")]
    assert runs(release, "deploy", "cleanup") == [(1, "SUCCEEDED", "stopper")]


async def test_a_disabled_agent_finishes_its_phase_and_takes_no_other(
    gql: Gql, agents: Agents, tmp_path: Path
) -> None:
    """updateAgent(enabled: false) while the agent runs a phase: the phase completes, and the
    next release's phase waits QUEUED_FOR_AGENT while the disabled agent idles; a second agent
    started afterwards is the one that takes it."""
    go = tmp_path / "go"
    script = yaml_string(f"{waits_for(go)}; test -e {go}")
    source = f"""
name: agents-drain
environments:
  - name: deploy
    phases:
      - name: deploy
        runOn: AGENT
        pool: drain
        tasks: [{{name: work, kind: script, run: {script}}}]
"""
    agents.start("drained", "drain")
    first = await gql.start_release(source)
    release = await gql.until(
        first, "work in progress", lambda r: task(r, "deploy", "work")["status"] == "IN_PROGRESS"
    )
    [slot] = await gql.agents("drain")
    disabled = await gql.act(
        "ada",
        "updateAgent",
        {"agentId": slot["id"], "enabled": False},
        "... on UpdateAgentPayload { agent { name enabled } }",
    )
    assert disabled["agent"] == {"name": "drained", "enabled": False}
    go.touch()
    release = await gql.until(first, "the first release ended", ended)
    assert release["executionStatus"] == "SUCCEEDED", release
    assert runs(release, "deploy", "work") == [(1, "SUCCEEDED", "drained")]

    definition = await gql.data(
        "victor", "query R($id: ID!) { release(id: $id) { definition { id } } }", {"id": first}
    )
    second = await gql.create_release(definition["release"]["definition"]["id"], start=True)
    release = await gql.until(
        second,
        "the second release queued for an agent",
        lambda r: (attempt(r, "deploy") or {}).get("operationStatus") == "QUEUED_FOR_AGENT",
    )
    assert runs(release, "deploy", "work") == []
    [slot] = await gql.agents("drain")
    assert (slot["status"], slot["enabled"], slot["busy"]) == ("ONLINE", False, False), slot

    agents.start("fresh", "drain")
    release = await gql.until(second, "the second release ended", ended)
    assert release["executionStatus"] == "SUCCEEDED", release
    assert runs(release, "deploy", "work") == [(1, "SUCCEEDED", "fresh")]


async def test_an_agent_of_another_version_is_refused(gql: Gql) -> None:
    """registerAgent with version 0.0.1 (the agent's token) is a ValidationError about the
    version, and no agent of that name is registered."""
    result = await gql.mutate(
        "robot",
        "registerAgent",
        {"name": "ancient", "version": "0.0.1", "pool": "old"},
        "... on RegisterAgentPayload { agents { name } }",
    )
    assert result["__typename"] == "ValidationError", result
    assert "version" in result["message"], result
    everyone = (await gql.data("ada", AGENTS, {"pool": None}))["agents"]
    assert [a for a in everyone if "ancient" in (a["name"], a["process"])] == []
    assert await gql.agents("old") == []


async def test_an_agent_token_may_do_agent_work_only(gql: Gql) -> None:
    """With an agent's token, a query of viewer, a query of releases and the mutation
    startRelease and a subscription are each refused PERMISSION_DENIED; an admin calling
    claimJob gets a PermissionDeniedError; the server serves on afterwards."""
    refused = [
        await gql.post("robot", "{ viewer { name } }"),
        await gql.post("robot", "{ releases(first: 1) { edges { node { id } } } }"),
        await gql.post(
            "robot",
            'mutation { startRelease(input: {releaseId: "UmVsZWFzZTp4"}) { __typename } }',
        ),
    ]
    for body in refused:
        assert body.get("data") is None, body
        assert [e["extensions"]["code"] for e in body["errors"]] == ["PERMISSION_DENIED"], body

    assert await refused_subscription(gql.server, "robot") == ["PERMISSION_DENIED"]

    claimed = await gql.mutate("ada", "claimJob", {"agent": "anyone", "waitSeconds": 0})
    assert claimed["__typename"] == "PermissionDeniedError", claimed

    assert (await gql.data("ada", "{ viewer { name } }"))["viewer"]["name"] == "ada"


async def test_a_killed_agent_loses_its_run_and_another_agent_runs_the_task(
    gql: Gql, agents: Agents, tmp_path: Path
) -> None:
    """An agent SIGKILLed while its script runs: once the lease (3 s) expires the run is
    recorded LOST, the task runs again on a second agent and succeeds; the task has one
    SUCCEEDED run, the one of the second agent."""
    marker = tmp_path / "starts"
    go = tmp_path / "go"
    script = yaml_string(f'echo "$$ $RELEASEGRAPH_RUN" >> {marker}; {waits_for(go)}; test -e {go}')
    source = f"""
name: agents-lost
environments:
  - name: deploy
    phases:
      - name: deploy
        runOn: AGENT
        pool: lost
        tasks: [{{name: work, kind: script, run: {script}}}]
"""
    doomed = agents.start("doomed", "lost")
    release_id = await gql.start_release(source)
    poll(lambda: marker.exists() and marker.read_text().endswith("\n"), "a start")
    orphan = int(marker.read_text().split()[0])
    try:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=PROCESS_DEADLINE)
        release = await gql.until(
            release_id,
            "the run lost",
            lambda r: [run[1] for run in runs(r, "deploy", "work")][:1] == ["LOST"],
        )
        # Lost because its lease expired unrenewed, not for anything else.
        lost = task(release, "deploy", "work")["runs"][0]
        assert lost["error"] == "agent doomed stopped renewing its lease", lost
        agents.start("rescuer", "lost")
        poll(lambda: len(marker.read_text().splitlines()) >= 2, "a second start")
        go.touch()
        release = await gql.until(release_id, "the release ended", ended)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(orphan, signal.SIGKILL)
    assert release["executionStatus"] == "SUCCEEDED", release
    work = runs(release, "deploy", "work")
    assert [(status, agent) for _, status, agent in work] == [
        ("LOST", "doomed"),
        ("SUCCEEDED", "rescuer"),
    ], work
    assert task(release, "deploy", "work")["status"] == "SUCCEEDED"
