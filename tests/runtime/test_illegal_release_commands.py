"""Illegal commands on deployments and the release: deploying in an abandoned release or
deploying twice at once, abandoning or starting twice, editing an active release's
artifacts, canceling where nothing deploys.

``refuse`` (``tests.runtime.refusals``) checks each typed error and exact code and that
the database did not change; then the release, or a new one, goes on.
"""

from __future__ import annotations

from releasegraph.engine.commands import (
    AbandonRelease,
    CancelDeployment,
    CreateRelease,
    DeployEnvironment,
    StartRelease,
    UpdateDraftRelease,
)
from releasegraph.engine.errors import ErrorCode
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import ReleaseStatus
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.runtime.refusals import (
    QUICK,
    SLOW,
    SUCCEEDED,
    one_environment,
    prod_id,
    prod_pair,
    refuse,
    run,
)
from tests.support import advance, latest, pair, settle, start


async def test_deploying_in_an_abandoned_release_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW))
    await run(runtime, release_id, AbandonRelease(actor="erin"))

    refuse(
        runtime,
        release_id,
        DeployEnvironment(actor="erin", environment_id=prod_id(runtime, release_id)),
        ErrorCode.INVALID_TRANSITION,
    )

    await still_releases(runtime, runtime.load(release_id).release.definition_id)


async def test_abandoning_twice_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW))
    await run(runtime, release_id, AbandonRelease(actor="erin"))
    assert runtime.load(release_id).release.status == ReleaseStatus.ABANDONED

    refuse(runtime, release_id, AbandonRelease(actor="erin"), ErrorCode.INVALID_TRANSITION)

    await still_releases(runtime, runtime.load(release_id).release.definition_id)


async def still_releases(runtime: Runtime, definition_id: str) -> None:
    """A new release of the same definition starts deploying."""
    release_id = runtime.create_release(
        CreateRelease(actor="dave", definition_id=definition_id, start=True)
    )
    await settle(runtime)
    assert runtime.load(release_id).release.status == ReleaseStatus.ACTIVE
    assert prod_pair(runtime, release_id)[0] == St.IN_PROGRESS


async def test_editing_the_artifacts_of_an_active_release_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=QUICK))

    refuse(
        runtime,
        release_id,
        UpdateDraftRelease(actor="erin", artifacts={"web": "2.0"}),
        ErrorCode.INVALID_TRANSITION,
    )

    definition_id = runtime.load(release_id).release.definition_id
    draft_id = runtime.create_release(CreateRelease(actor="dave", definition_id=definition_id))
    await run(runtime, draft_id, UpdateDraftRelease(actor="erin", artifacts={"web": "2.0"}))
    await run(runtime, draft_id, StartRelease(actor="erin"))
    state = runtime.load(draft_id)
    assert (state.release.artifacts, pair(latest(state, "prod"))) == ({"web": "2.0"}, SUCCEEDED)


async def test_starting_a_started_release_is_refused(runtime: Runtime, clock: ManualClock) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW))

    refuse(runtime, release_id, StartRelease(actor="erin"), ErrorCode.INVALID_TRANSITION)

    await advance(runtime, clock, 60)
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_canceling_an_environment_with_no_deployment_is_refused(runtime: Runtime) -> None:
    release_id = await start(runtime, one_environment(tasks=QUICK, extra="trigger: MANUAL"))

    refuse(
        runtime,
        release_id,
        CancelDeployment(actor="erin", environment_id=prod_id(runtime, release_id)),
        ErrorCode.INVALID_TRANSITION,
    )

    await run(
        runtime,
        release_id,
        DeployEnvironment(actor="erin", environment_id=prod_id(runtime, release_id)),
    )
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_deploying_an_environment_already_under_way_is_refused(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, one_environment(tasks=SLOW))
    prod = prod_id(runtime, release_id)

    refuse(
        runtime,
        release_id,
        DeployEnvironment(actor="erin", environment_id=prod),
        ErrorCode.INVALID_TRANSITION,
    )

    await advance(runtime, clock, 60)
    await run(runtime, release_id, DeployEnvironment(actor="erin", environment_id=prod))
    assert latest(runtime.load(release_id), "prod").attempt == 2
