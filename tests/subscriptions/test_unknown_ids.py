"""Subscribing to what does not exist gets an error that says so, then the end."""

from __future__ import annotations

from strawberry import relay

from tests.subscriptions.wire import Served, connected

RELEASE_UPDATED = "subscription($id: ID!) { releaseUpdated(id: $id) { name } }"
TASK_LOG = "subscription($task: ID!) { taskLog(taskId: $task) { line text } }"


async def test_release_updated_of_an_unknown_release_says_so_and_completes(served: Served) -> None:
    unknown = str(relay.GlobalID("Release", "no-such-release"))

    async with connected(served, "victor") as socket:
        await socket.subscribe("r", RELEASE_UPDATED, {"id": unknown})
        first, second = await socket.receive(), await socket.receive()

    assert first["type"] == "next"
    assert first["payload"]["data"] is None
    assert [e["message"] for e in first["payload"]["errors"]] == [
        "`id`: no release 'no-such-release'"
    ]
    assert second == {"id": "r", "type": "complete"}


async def test_task_log_of_an_unknown_task_says_so_and_completes(served: Served) -> None:
    unknown = str(relay.GlobalID("Task", "no-such-task"))

    async with connected(served, "victor") as socket:
        await socket.subscribe("t", TASK_LOG, {"task": unknown})
        first, second = await socket.receive(), await socket.receive()

    assert first["type"] == "next"
    assert [e["message"] for e in first["payload"]["errors"]] == [
        "`taskId`: no task 'no-such-task'"
    ]
    assert second == {"id": "t", "type": "complete"}
