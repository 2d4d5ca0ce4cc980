"""Releases stopped short: a rejected approval, and deployments canceled.

Against a real ``releasegraph serve`` over HTTP, with the definition and helpers of
``lifecycle``: a rejected pre-deploy approval fails the release and skips
the environment that depends on it; a deployment canceled while it waits for approval,
and one canceled while its tasks run (CANCELLING until the always-run cleanup ends).
"""

from __future__ import annotations

from tests.e2e.lifecycle import (
    approve_and_fail_once,
    attempt,
    environment,
    expect,
    intervention,
    runs,
    start_release,
    until,
)
from tests.e2e.server import GraphQLApi


async def test_reject_fails_the_release_and_skips_what_depends_on_it(api: GraphQLApi) -> None:
    release_id, release = await start_release(api, "e2e-reject")

    approval = attempt(release)["preDeployApprovals"][0]
    await api.act("reject", {"approvalId": approval["id"], "comment": "not today"}, as_user="alice")
    rejected = ("REJECTED", (1, "NOT_DEPLOYED", "REJECTED"))
    release = await until(api, release_id, expect(("ACTIVE", "FAILED", 0), rejected))

    assert attempt(release)["preDeployApprovals"][0]["status"] == "REJECTED"
    assert environment(release, "production")["skipped"] is True


async def test_cancel_before_tasks_run_and_while_they_run(api: GraphQLApi) -> None:
    waiting_id, waiting = await start_release(api, "e2e-cancel")

    await api.act(
        "cancelDeployment",
        {"environmentId": environment(waiting, "staging")["id"]},
        as_user="olivia",
    )
    not_deployed = ("CANCELED", (1, "NOT_DEPLOYED", "CANCELED"))
    waiting = await until(api, waiting_id, expect(("ACTIVE", "CANCELED", 0), not_deployed))
    assert attempt(waiting)["preDeployApprovals"][0]["status"] == "CANCELED"

    running_id, running = await approve_and_fail_once(api, "e2e-cancel-running")
    canceling = await api.act(
        "cancelDeployment",
        {"environmentId": environment(running, "staging")["id"], "comment": "stop"},
        as_user="olivia",
        select="... on CancelDeploymentPayload"
        " { environment { latestAttempt { status operationStatus } } }",
    )
    # The always-run cleanup (half a second) still runs: meanwhile the attempt is CANCELLING.
    assert canceling["environment"]["latestAttempt"] == {
        "status": "IN_PROGRESS",
        "operationStatus": "CANCELLING",
    }
    canceled = ("CANCELED", (1, "FAILED", "CANCELED"))
    running = await until(api, running_id, expect(("ACTIVE", "CANCELED", 0), canceled))
    assert runs(running, "cleanup") == [(1, "SUCCEEDED")]
    assert intervention(running, "FAILURE")["status"] == "CANCELED"
