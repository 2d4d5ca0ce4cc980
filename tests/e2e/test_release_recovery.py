"""Releases whose failed smoke test is dealt with otherwise than by a retry in place.

Against a real ``releasegraph serve`` over HTTP, with the definition and helpers of
``lifecycle``: an approval deferred holds the deployment until its time, and
the failure then ignored ends in partial success; the task fixed with new inputs and
variables continues, and the release is then abandoned; the failure rejected fails the
attempt, and a retry runs a new attempt that resumes at the failed task.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.e2e.lifecycle import (
    FAILURE,
    ON_HOLD,
    SIGN_OFF,
    approve_and_fail_once,
    attempt,
    environment,
    expect,
    intervention,
    runs,
    sign_off_and_approve,
    start_release,
    task,
    until,
    waits_for_a_person,
)
from tests.e2e.server import GraphQLApi


async def test_defer_holds_the_deployment_until_its_time_then_ignore_partially_succeeds(
    api: GraphQLApi,
) -> None:
    release_id, release = await start_release(api, "e2e-defer")
    defer_until = (datetime.now(UTC) + timedelta(seconds=2)).replace(microsecond=0)

    approval = attempt(release)["preDeployApprovals"][0]
    await api.act(
        "approve",
        {"approvalId": approval["id"], "deferUntil": defer_until.isoformat()},
        as_user="alice",
    )
    deferred = ("SCHEDULED", (1, "NOT_DEPLOYED", "DEFERRED"))
    release = await until(api, release_id, expect(("ACTIVE", "RUNNING", 0), deferred))
    scheduled = datetime.fromisoformat(environment(release, "staging")["nextScheduledTime"])
    assert scheduled == defer_until

    release = await until(api, release_id, expect(ON_HOLD, waits_for_a_person(), waiting=FAILURE))
    assert datetime.now(UTC) >= defer_until

    await api.act("ignoreTaskFailure", {"taskId": task(release, "smoke")["id"]}, as_user="olivia")
    await sign_off_and_approve(api, release_id)
    partial = ("PARTIALLY_SUCCEEDED", (1, "PARTIALLY_SUCCEEDED", "PHASE_PARTIALLY_SUCCEEDED"))
    succeeded = ("SUCCEEDED", (1, "SUCCEEDED", "APPROVED"))
    release = await until(
        api, release_id, expect(("ACTIVE", "PARTIAL_SUCCESS", 0), partial, succeeded)
    )

    assert task(release, "smoke")["status"] == "IGNORED"


async def test_fix_and_continue_runs_the_task_with_new_inputs_then_abandon_ends_it_all(
    api: GraphQLApi,
) -> None:
    release_id, release = await approve_and_fail_once(api, "e2e-fix")

    await api.act(
        "fixAndContinue",
        {
            "taskId": task(release, "smoke")["id"],
            "inputs": [{"name": "endpoint", "value": "/ready"}],
            "variables": [{"name": "color", "value": "green"}],
        },
        as_user="olivia",
    )
    release = await until(api, release_id, expect(ON_HOLD, waits_for_a_person(), waiting=SIGN_OFF))
    assert task(release, "smoke")["inputs"] == [{"name": "endpoint", "value": "/ready"}]
    assert runs(release, "smoke") == [(1, "FAILED"), (2, "SUCCEEDED")]
    assert {"name": "color", "value": "green"} in release["variables"]

    abandoned = await api.act(
        "abandonRelease",
        {"releaseId": release_id, "comment": "superseded"},
        as_user="olivia",
        select="... on AbandonReleasePayload { release { status } }",
    )
    assert abandoned["release"]["status"] == "ABANDONED"
    canceled = ("CANCELED", (1, "FAILED", "CANCELED"))
    release = await until(api, release_id, expect(("ABANDONED", "CANCELED", 0), canceled))
    assert [intervention(release, k)["status"] for k in ("FAILURE", "TASK")] == [
        "APPROVED",
        "CANCELED",
    ]


async def test_a_failed_attempt_is_retried_in_a_new_attempt_that_resumes_at_the_task(
    api: GraphQLApi,
) -> None:
    release_id, release = await approve_and_fail_once(api, "e2e-fail-retry")

    await api.act(
        "rejectManualIntervention",
        {"manualInterventionId": intervention(release, "FAILURE")["id"]},
        as_user="olivia",
    )
    failed = ("FAILED", (1, "FAILED", "PHASE_FAILED"))
    release = await until(api, release_id, expect(("ACTIVE", "FAILED", 0), failed))
    assert runs(release, "cleanup") == [(1, "SUCCEEDED")]

    await api.act("retryTask", {"taskId": task(release, "smoke")["id"]}, as_user="olivia")
    # The task runs again unchanged: its run 2 is past failTimes: 1, in the new attempt.
    release = await until(api, release_id, expect(ON_HOLD, waits_for_a_person(2), waiting=SIGN_OFF))
    assert attempt(release)["reason"] == "RETRY"
    assert attempt(release)["preDeployApprovals"] == []
    assert [(t["name"], t["carriedOver"]) for t in attempt(release)["phases"][0]["tasks"]] == [
        ("migrate", True),
        ("smoke", False),
        ("cleanup", False),
    ]
    assert [runs(release, name) for name in ("smoke", "cleanup")] == [[(2, "SUCCEEDED")]] * 2

    await sign_off_and_approve(api, release_id, number=2)
    succeeded = ("SUCCEEDED", (1, "SUCCEEDED", "APPROVED"))
    retried = ("SUCCEEDED", (2, "SUCCEEDED", "APPROVED"))
    await until(api, release_id, expect(("ACTIVE", "SUCCEEDED", 0), retried, succeeded))
