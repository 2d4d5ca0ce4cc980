"""The subscription fields over a real socket: what each sends, to whom, and when."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.pool import QueuePool

from tests.subscriptions.conftest import create_definition, create_release
from tests.subscriptions.wire import JSON, Served, Socket, connected
from tests.support import definition
from tests.waiting import poll_async

ASKS_ALICE = definition(
    """
    name: asks-alice
    environments:
      - name: staging
        preDeployApprovals: {approvers: [alice], requiredCount: 1}
        phases:
          - name: check
            runOn: SERVER
            tasks:
              - {name: look, kind: manualIntervention, instructions: Look, approvers: [alice]}
    """
)
INPUT_REQUIRED = """
subscription {
  inputRequired {
    count
    approvals { id status approver environmentName canApprove }
    manualInterventions { id kind status canAct task { name } }
  }
}"""
NOTHING_REQUIRED = {"inputRequired": {"count": 0, "approvals": [], "manualInterventions": []}}
START = "mutation($id: ID!) { startRelease(input: {releaseId: $id}) { __typename } }"
APPROVE = "mutation($id: ID!) { approve(input: {approvalId: $id}) { __typename } }"
RESUME = """
mutation($id: ID!) { resumeManualIntervention(input: {manualInterventionId: $id}) { __typename } }
"""


async def test_input_required_shows_the_viewer_only_what_they_may_answer_as_it_changes(
    served: Served,
) -> None:
    definition_id = await create_definition(served, ASKS_ALICE)
    async with connected(served, "alice") as alice, connected(served, "victor") as victor:
        for socket in (alice, victor):
            await socket.subscribe("mine", INPUT_REQUIRED)
        before = [await alice.next("mine"), await victor.next("mine")]

        await create_release(served, definition_id, start=True)
        approval = (await alice.next("mine"))["inputRequired"]
        await served.data(APPROVE, {"id": approval["approvals"][0]["id"]}, as_user="alice")
        pause = (await alice.next("mine"))["inputRequired"]
        await served.data(RESUME, {"id": pause["manualInterventions"][0]["id"]}, as_user="alice")
        after = await alice.next("mine")
        await victor.round_trip()  # nothing was sent to victor after his first answer

    assert before == [NOTHING_REQUIRED, NOTHING_REQUIRED]
    assert approval == {
        "count": 1,
        "approvals": [
            {
                "id": approval["approvals"][0]["id"],
                "status": "PENDING",
                "approver": "alice",
                "environmentName": "staging",
                "canApprove": True,
            }
        ],
        "manualInterventions": [],
    }
    assert pause == {
        "count": 1,
        "approvals": [],
        "manualInterventions": [
            {
                "id": pause["manualInterventions"][0]["id"],
                "kind": "TASK",
                "status": "PENDING",
                "canAct": True,
                "task": {"name": "look"},
            }
        ],
    }
    assert after == NOTHING_REQUIRED


# -- taskLog ---------------------------------------------------------------------------------

SAYS_FIVE_LINES = definition(
    """
    name: says-five-lines
    environments:
      - name: staging
        phases:
          - name: say
            tasks:
              - {name: say, kind: script, run: "echo line-1; echo line-2;
                 while [ ! -f go ]; do sleep 0.02; done;
                 echo line-3; sleep 0.05; echo line-4 >&2; sleep 0.05; echo line-5"}
    """
)
TASK = """
query($id: ID!) {
  release(id: $id) {
    environments { latestAttempt { phases { tasks {
      id status logLineCount log(afterLine: 1) { line stream text runNumber }
    } } } }
  }
}"""
TASK_LOG = """
subscription($task: ID!, $after: Int!) {
  taskLog(taskId: $task, afterLine: $after) { line stream text runNumber }
}"""


async def the_task(served: Served, release_id: str, ready: Callable[[JSON], bool]) -> JSON:
    """The release's one task, read over HTTP until it is ``ready``."""

    async def read() -> JSON | None:
        data = await served.data(TASK, {"id": release_id}, as_user="victor")
        attempt = data["release"]["environments"][0]["latestAttempt"]
        task: JSON | None = attempt and attempt["phases"][0]["tasks"][0]
        return task

    task = await poll_async(read, "the task ready", until=lambda t: t is not None and ready(t))
    assert task is not None
    return task


async def test_task_log_streams_a_running_script_from_after_line(
    served: Served, tmp_path: Path
) -> None:
    release_id = await create_release(served, await create_definition(served, SAYS_FIVE_LINES))
    await served.data(START, {"id": release_id}, as_user="olivia")
    running = await the_task(served, release_id, lambda task: task["logLineCount"] >= 2)

    async with connected(served, "victor") as socket:
        await socket.subscribe("log", TASK_LOG, {"task": running["id"], "after": 1})
        lines = [(await socket.next("log"))["taskLog"]]
        (tmp_path / "go").touch()  # the script goes on only now: the rest is streamed live
        while len(lines) < 4:
            lines.append((await socket.next("log"))["taskLog"])
        await socket.round_trip()

    ended = await the_task(served, release_id, lambda task: task["status"] == "SUCCEEDED")
    assert running["status"] == "IN_PROGRESS"
    assert lines == [
        {"line": 2, "stream": "stdout", "text": "line-2", "runNumber": 1},
        {"line": 3, "stream": "stdout", "text": "line-3", "runNumber": 1},
        {"line": 4, "stream": "stderr", "text": "line-4", "runNumber": 1},
        {"line": 5, "stream": "stdout", "text": "line-5", "runNumber": 1},
    ]
    assert lines == ended["log"]


# -- releasesUpdated -------------------------------------------------------------------------

NEWEST = """
subscription($filter: ReleaseFilter) {
  releasesUpdated(first: 5, filter: $filter) { name status executionStatus }
}"""


async def test_releases_updated_sends_the_list_whenever_a_release_in_it_changes(
    served: Served,
) -> None:
    definition_id = await create_definition(served, ASKS_ALICE)
    async with connected(served, "victor") as socket:
        await socket.subscribe("all", NEWEST)
        await socket.subscribe("active", NEWEST, {"filter": {"status": ["ACTIVE"]}})
        first = await socket.results(2)

        release_id = await create_release(served, definition_id)
        draft = await socket.next("all")
        await served.data(START, {"id": release_id}, as_user="olivia")
        started = await socket.results(2)  # "active" sends its first change only now

    release = {"name": "Release-1", "status": "ACTIVE", "executionStatus": "ON_HOLD"}
    assert first == {"all": {"releasesUpdated": []}, "active": {"releasesUpdated": []}}
    assert draft == {
        "releasesUpdated": [
            {"name": "Release-1", "status": "DRAFT", "executionStatus": "NOT_STARTED"}
        ]
    }
    assert started == {
        "all": {"releasesUpdated": [release]},
        "active": {"releasesUpdated": [release]},
    }


# -- releaseEvents ---------------------------------------------------------------------------

RELEASE = "id name description status version"
FEED = f"subscription {{ releaseEvents {{ seq kind release {{ {RELEASE} }} }} }}"
RELEASE_NOW = f"query($id: ID!) {{ release(id: $id) {{ {RELEASE} }} }}"
LOG = "query($after: Int!) { events(after: $after) { seq } }"
UPDATE_DRAFT = """
mutation($id: ID!, $description: String!) {
  updateDraftRelease(input: {releaseId: $id, description: $description}) { __typename }
}"""
ABANDON = "mutation($id: ID!) { abandonRelease(input: {releaseId: $id}) { __typename } }"


@dataclass
class Feed:
    """A socket subscribed to ``FEED`` as "feed", and the last event it was asked for."""

    served: Served
    socket: Socket
    seq: int = 0

    async def step(self, release_id: str) -> tuple[list[JSON], JSON]:
        """The release of each event sent since the last step (as many as the log holds now,
        in its order), and the release as a query reads it now."""
        log = (await self.served.data(LOG, {"after": self.seq}, as_user="victor"))["events"]
        assert log, "the step changed nothing"
        sent = [(await self.socket.next("feed"))["releaseEvents"] for _ in log]
        assert [e["seq"] for e in sent] == [e["seq"] for e in log]
        self.seq = log[-1]["seq"]
        now = await self.served.data(RELEASE_NOW, {"id": release_id}, as_user="victor")
        return [e["release"] for e in sent], now["release"]


async def test_release_events_carry_each_release_as_it_is_when_its_event_is_sent(
    served: Served,
) -> None:
    definition_id = await create_definition(served)
    older = await create_release(served, definition_id)
    async with connected(served, "victor") as socket:
        await socket.subscribe("feed", FEED)
        feed = Feed(served, socket)
        steps = [await feed.step(older)]  # the feed has read a release already

        newer = await create_release(served, definition_id)  # after the feed began
        steps.append(await feed.step(newer))
        await served.data(UPDATE_DRAFT, {"id": newer, "description": "v2"}, as_user="olivia")
        steps.append(await feed.step(newer))
        await served.data(ABANDON, {"id": older}, as_user="olivia")
        steps.append(await feed.step(older))

    # Nothing changes the releases between the steps: each event of a step shows its release
    # as it is after the step.
    assert [sent for sent, _ in steps] == [[now] * len(sent) for sent, now in steps]
    assert [(now["status"], now["description"], now["version"]) for _, now in steps] == [
        ("DRAFT", "", 1),
        ("DRAFT", "", 1),
        ("DRAFT", "v2", 2),
        ("ABANDONED", "", 2),
    ]


# -- between results -------------------------------------------------------------------------

WAITING = {
    "one": "subscription($id: ID!) { releaseUpdated(id: $id) { id environments { id } } }",
    "list": "subscription { releasesUpdated { id environments { id } } }",
    "feed": "subscription { releaseEvents { seq release { id environments { id } } } }",
    "mine": "subscription { inputRequired { approvals { id } manualInterventions { id } } }",
}


async def test_a_subscription_waiting_for_its_next_result_holds_no_database_connection(
    served: Served,
) -> None:
    """One that kept its last snapshot while it waits would keep a connection of the read pool
    with it: a dozen dashboards would leave none for anything else."""
    release_id = await create_release(served, await create_definition(served))
    pool = served.runtime.read_db.pool
    assert isinstance(pool, QueuePool)
    async with connected(served, "victor") as one, connected(served, "victor") as other:
        sockets = {"one": one, "list": one, "feed": other, "mine": other}
        for id, document in WAITING.items():
            await sockets[id].subscribe(id, document, {"id": release_id})
        first = [await one.results(2), await other.results(2)]
        await served.data(UPDATE_DRAFT, {"id": release_id, "description": "v2"}, as_user="olivia")
        changed = [await one.results(2), await other.next("feed")]  # "mine" is as it was

        await poll_async(pool.checkedout, "no connection held", until=lambda held: held == 0)
        await other.round_trip()  # and "mine" sent nothing

    assert [sorted(results) for results in first] == [["list", "one"], ["feed", "mine"]]
    assert sorted(changed[0]) == ["list", "one"]
    assert changed[1]["releaseEvents"]["release"]["id"] == release_id
