"""Illegal approvals: approving twice, out of turn, unasked, as a barred creator, or
deferring what cannot be deferred.

Each is refused with its typed error and exact code, and changes nothing: ``refuse``
from ``tests.runtime.refusals`` compares every row of every table, the event count and
the event sequence counter before and after, and has the engine raise before it touches
the loaded release. Each test then shows that the runtime carries on with a legal
command. The first test shows those checks do see a legal command's change.
"""

from __future__ import annotations

from releasegraph.engine.commands import Approve
from releasegraph.engine.errors import ErrorCode, ValidationError
from releasegraph.engine.states import ApprovalStage
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.runtime.refusals import (
    QUICK,
    SUCCEEDED,
    approve,
    decide_now,
    one_environment,
    pending_of,
    prod_pair,
    refuse,
    rows_of,
    run,
    snapshot,
)
from tests.support import start


async def test_the_checks_would_see_a_change(runtime: Runtime) -> None:
    """The guard of every ``test_illegal_*`` module: a legal command does show in both checks."""
    release_id = await start(
        runtime, one_environment(approvals="{approvers: [alice]}", tasks=QUICK)
    )
    command = Approve(actor="alice", approval_id=pending_of(runtime, release_id, "alice"))
    before, state = snapshot(runtime), runtime.load(release_id)
    rows = rows_of(state)

    decide_now(runtime, state, command)
    runtime.execute(release_id, command)

    assert rows_of(state) != rows
    after = snapshot(runtime)
    assert (after.events > before.events, after.sequence > before.sequence) == (True, True)
    assert after.rows["approval"] != before.rows["approval"]


# --- approvals ------------------------------------------------------------------------


async def test_approving_twice_is_refused(runtime: Runtime) -> None:
    release_id = await start(
        runtime, one_environment(approvals="{approvers: [alice, bob]}", tasks=QUICK)
    )
    alice = pending_of(runtime, release_id, "alice")
    await run(runtime, release_id, Approve(actor="alice", approval_id=alice))

    refuse(
        runtime, release_id, Approve(actor="alice", approval_id=alice), ErrorCode.INVALID_TRANSITION
    )

    await approve(runtime, release_id, "bob")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_approving_a_stage_twice_through_a_group_is_refused(runtime: Runtime) -> None:
    approvals = "{approvers: [alice, 'group:ops']}"
    release_id = await start(runtime, one_environment(approvals=approvals, tasks=QUICK))
    ops = frozenset({"ops"})
    await approve(runtime, release_id, "alice")

    group_approval = pending_of(runtime, release_id, "group:ops")
    refuse(
        runtime,
        release_id,
        Approve(actor="alice", groups=ops, approval_id=group_approval),
        ErrorCode.PERMISSION_DENIED,
    )

    await approve(runtime, release_id, "group:ops", by="olga")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_approving_as_someone_not_asked_is_refused(runtime: Runtime) -> None:
    release_id = await start(
        runtime, one_environment(approvals="{approvers: [alice]}", tasks=QUICK)
    )
    alice = pending_of(runtime, release_id, "alice")

    refuse(
        runtime,
        release_id,
        Approve(actor="mallory", approval_id=alice),
        ErrorCode.PERMISSION_DENIED,
    )

    await approve(runtime, release_id, "alice")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_the_creator_may_not_approve_when_the_definition_says_so(runtime: Runtime) -> None:
    approvals = "{approvers: [dave, alice], requiredCount: 1, creatorCanApprove: false}"
    release_id = await start(
        runtime, one_environment(approvals=approvals, tasks=QUICK), creator="dave"
    )

    refuse(
        runtime,
        release_id,
        Approve(actor="dave", approval_id=pending_of(runtime, release_id, "dave")),
        ErrorCode.PERMISSION_DENIED,
    )

    await approve(runtime, release_id, "alice")
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_approving_out_of_sequential_order_is_refused(runtime: Runtime) -> None:
    approvals = "{approvers: [alice, bob], order: SEQUENTIAL}"
    release_id = await start(runtime, one_environment(approvals=approvals, tasks=QUICK))
    bob = pending_of(runtime, release_id, "bob")

    refuse(runtime, release_id, Approve(actor="bob", approval_id=bob), ErrorCode.INVALID_TRANSITION)

    await approve(runtime, release_id, "alice")
    await run(runtime, release_id, Approve(actor="bob", approval_id=bob))
    assert prod_pair(runtime, release_id) == SUCCEEDED


async def test_deferring_a_post_deploy_approval_is_refused(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, one_environment(post="{approvers: [alice]}", tasks=QUICK))
    alice = pending_of(runtime, release_id, "alice")
    assert runtime.load(release_id).approvals[0].stage == ApprovalStage.POST_DEPLOY

    error = refuse(
        runtime,
        release_id,
        Approve(actor="alice", approval_id=alice, defer_until=clock.now().replace(year=2027)),
        ErrorCode.VALIDATION_FAILED,
    )

    assert isinstance(error, ValidationError)
    assert [issue.path for issue in error.issues] == ["deferUntil"]
    await approve(runtime, release_id, "alice")
    assert prod_pair(runtime, release_id) == SUCCEEDED
