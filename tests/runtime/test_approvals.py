"""Pre- and post-deploy approvals: counts, order, groups, the creator, deferral, reassignment,
timeouts and rejections, and the release ON_HOLD while someone must answer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import (
    Approve,
    ReassignApproval,
    Reject,
)
from releasegraph.engine.errors import InvalidTransitionError, PermissionDeniedError
from releasegraph.engine.states import (
    ApprovalStage,
    ApprovalStatus,
    DeployPhaseStatus,
    EnvironmentStatus,
)
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.models import Approval
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import advance, definition, env, latest, pair, settle, start

A = ApprovalStatus


def guarded(pre: str | None, post: str | None = None) -> str:
    return definition(
        f"""
        name: guarded
        environments:
          - name: production
            preDeployApprovals: {pre or "null"}
            postDeployApprovals: {post or "null"}
            phases:
              - name: deploy
                runOn: SERVER
                tasks:
                  - {{name: deploy, kind: simulate, durationSeconds: 1}}
        """
    )


def approvals(
    state: ReleaseState, stage: ApprovalStage = ApprovalStage.PRE_DEPLOY
) -> list[Approval]:
    rows = [a for a in state.approvals if a.stage == stage]
    return sorted(rows, key=lambda a: (a.rank, a.created_on, a.status != A.REASSIGNED))


def answers(
    state: ReleaseState, stage: ApprovalStage = ApprovalStage.PRE_DEPLOY
) -> list[tuple[str, A, str | None]]:
    return [(a.approver, a.status, a.approved_by) for a in approvals(state, stage)]


def approval_of(state: ReleaseState, approver: str) -> str:
    return next(a.id for a in state.approvals if a.approver == approver and a.status == A.PENDING)


async def test_required_count_of_any_order(runtime: Runtime, clock: ManualClock) -> None:
    release_id = await start(
        runtime, guarded("{approvers: [alice, bob, carol], requiredCount: 2, order: ANY}")
    )
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.PENDING)
    assert env(state, "production").status == EnvironmentStatus.IN_PROGRESS
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.ON_HOLD, 3)

    runtime.execute(release_id, Approve(actor="carol", approval_id=approval_of(state, "carol")))
    await settle(runtime)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.PENDING)
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.ON_HOLD, 2)

    runtime.execute(release_id, Approve(actor="alice", approval_id=approval_of(state, "alice")))
    await settle(runtime)
    state = runtime.load(release_id)
    assert answers(state) == [
        ("alice", A.APPROVED, "alice"),
        ("bob", A.SKIPPED, None),
        ("carol", A.APPROVED, "carol"),
    ]
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.RUNNING, 0)

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.SUCCEEDED, Op.APPROVED)
    assert state.release.execution_status == Exec.SUCCEEDED


async def test_sequential_order_asks_one_approver_after_another(runtime: Runtime) -> None:
    release_id = await start(runtime, guarded("{approvers: [alice, bob], order: SEQUENTIAL}"))
    state = runtime.load(release_id)
    assert state.release.input_required_count == 1

    with pytest.raises(InvalidTransitionError):
        runtime.execute(release_id, Approve(actor="bob", approval_id=approval_of(state, "bob")))
    runtime.execute(release_id, Approve(actor="alice", approval_id=approval_of(state, "alice")))
    await settle(runtime)
    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.APPROVED, "alice"), ("bob", A.PENDING, None)]
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.PENDING)
    assert state.release.input_required_count == 1

    runtime.execute(release_id, Approve(actor="bob", approval_id=approval_of(state, "bob")))
    await settle(runtime)
    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.APPROVED, "alice"), ("bob", A.APPROVED, "bob")]
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


async def test_a_group_approver_is_any_member_of_the_group(runtime: Runtime) -> None:
    release_id = await start(runtime, guarded("{approvers: [group:release-managers]}"))
    approval_id = approval_of(runtime.load(release_id), "group:release-managers")

    with pytest.raises(PermissionDeniedError):
        runtime.execute(release_id, Approve(actor="erin", approval_id=approval_id))
    runtime.execute(
        release_id,
        Approve(
            actor="erin", approval_id=approval_id, groups=frozenset({"release-managers", "qa"})
        ),
    )
    await settle(runtime)

    state = runtime.load(release_id)
    assert answers(state) == [("group:release-managers", A.APPROVED, "erin")]
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


async def test_the_creator_may_be_barred_from_approving(runtime: Runtime) -> None:
    release_id = await start(
        runtime,
        guarded("{approvers: [alice, bob], requiredCount: 1, creatorCanApprove: false}"),
        creator="alice",
    )
    state = runtime.load(release_id)

    with pytest.raises(PermissionDeniedError):
        runtime.execute(release_id, Approve(actor="alice", approval_id=approval_of(state, "alice")))
    assert answers(runtime.load(release_id)) == [
        ("alice", A.PENDING, None),
        ("bob", A.PENDING, None),
    ]

    runtime.execute(release_id, Approve(actor="bob", approval_id=approval_of(state, "bob")))
    await settle(runtime)
    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.SKIPPED, None), ("bob", A.APPROVED, "bob")]
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


async def test_approval_deferred_until_later(runtime: Runtime, clock: ManualClock) -> None:
    release_id = await start(runtime, guarded("{approvers: [alice]}"))
    until = clock.now() + timedelta(hours=1)

    runtime.execute(
        release_id,
        Approve(
            actor="alice",
            approval_id=approval_of(runtime.load(release_id), "alice"),
            defer_until=until,
        ),
    )
    await advance(runtime, clock, 3599)

    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.DEFERRED)
    assert latest(state, "production").deferred_until == until
    assert env(state, "production").status == EnvironmentStatus.SCHEDULED
    assert env(state, "production").next_scheduled_time == until
    assert answers(state) == [("alice", A.DEFERRED, "alice")]
    assert state.release.input_required_count == 0

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.APPROVED, "alice")]
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
    assert latest(state, "production").started_on == until
    assert env(state, "production").next_scheduled_time is None


async def test_reassigned_approval_is_approved_by_the_new_approver(runtime: Runtime) -> None:
    release_id = await start(runtime, guarded("{approvers: [alice]}"))

    runtime.execute(
        release_id,
        ReassignApproval(
            actor="alice", approval_id=approval_of(runtime.load(release_id), "alice"), to="frank"
        ),
    )
    await settle(runtime)
    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.REASSIGNED, None), ("frank", A.PENDING, None)]
    assert [a.reassigned_from for a in approvals(state)] == [None, "alice"]
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.PENDING)
    with pytest.raises(PermissionDeniedError):
        runtime.execute(release_id, Approve(actor="alice", approval_id=approval_of(state, "frank")))

    runtime.execute(release_id, Approve(actor="frank", approval_id=approval_of(state, "frank")))
    await settle(runtime)
    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.REASSIGNED, None), ("frank", A.APPROVED, "frank")]
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


async def test_an_approval_timeout_rejects(runtime: Runtime, clock: ManualClock) -> None:
    release_id = await start(runtime, guarded("{approvers: [alice, bob], timeoutMinutes: 30}"))

    await advance(runtime, clock, 29 * 60)
    assert pair(latest(runtime.load(release_id), "production")) == (St.NOT_DEPLOYED, Op.PENDING)
    await advance(runtime, clock, 60)

    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.TIMED_OUT, None), ("bob", A.TIMED_OUT, None)]
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.REJECTED)
    assert env(state, "production").status == EnvironmentStatus.REJECTED
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.FAILED, 0)
    assert [p.status for p in state.phases] == [DeployPhaseStatus.NOT_STARTED]


async def test_a_rejected_pre_deploy_approval(runtime: Runtime) -> None:
    release_id = await start(runtime, guarded("{approvers: [alice, bob], requiredCount: 1}"))

    runtime.execute(
        release_id,
        Reject(actor="bob", approval_id=approval_of(runtime.load(release_id), "bob"), comment="no"),
    )
    await settle(runtime)

    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.SKIPPED, None), ("bob", A.REJECTED, "bob")]
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.REJECTED)
    assert latest(state, "production").last_modified_by == "bob"
    assert env(state, "production").status == EnvironmentStatus.REJECTED
    assert state.release.execution_status == Exec.FAILED


async def test_a_rejected_post_deploy_approval_fails_the_deployment(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, guarded(None, post="{approvers: [carol]}"))
    assert runtime.load(release_id).release.execution_status == Exec.RUNNING

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PENDING)
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.ON_HOLD, 1)
    post = ApprovalStage.POST_DEPLOY
    assert answers(state, post) == [("carol", A.PENDING, None)]

    runtime.execute(release_id, Reject(actor="carol", approval_id=approval_of(state, "carol")))
    await settle(runtime)

    state = runtime.load(release_id)
    assert answers(state, post) == [("carol", A.REJECTED, "carol")]
    assert pair(latest(state, "production")) == (St.FAILED, Op.REJECTED)
    assert env(state, "production").status == EnvironmentStatus.REJECTED
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.FAILED, 0)


async def test_an_approved_post_deploy_approval_succeeds(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(
        runtime, guarded("{approvers: [alice]}", post="{approvers: [alice, carol]}")
    )
    state = runtime.load(release_id)
    runtime.execute(release_id, Approve(actor="alice", approval_id=approval_of(state, "alice")))
    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PENDING)
    assert state.release.input_required_count == 2

    for approver in ("carol", "alice"):
        runtime.execute(
            release_id, Approve(actor=approver, approval_id=approval_of(state, approver))
        )
    await settle(runtime)

    state = runtime.load(release_id)
    assert answers(state, ApprovalStage.POST_DEPLOY) == [
        ("alice", A.APPROVED, "alice"),
        ("carol", A.APPROVED, "carol"),
    ]
    assert pair(latest(state, "production")) == (St.SUCCEEDED, Op.APPROVED)
    assert state.release.execution_status == Exec.SUCCEEDED


async def test_once_deferred_the_other_approvers_are_skipped(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(
        runtime, guarded("{approvers: [alice, bob], requiredCount: 1, timeoutMinutes: 30}")
    )
    state = runtime.load(release_id)
    until = clock.now() + timedelta(hours=2)

    runtime.execute(
        release_id,
        Approve(actor="alice", approval_id=approval_of(state, "alice"), defer_until=until),
    )
    await settle(runtime)
    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.DEFERRED, "alice"), ("bob", A.SKIPPED, None)]
    assert (state.release.execution_status, state.release.input_required_count) == (
        Exec.RUNNING,
        0,
    )
    bob = next(a.id for a in state.approvals if a.approver == "bob")
    with pytest.raises(InvalidTransitionError):
        runtime.execute(release_id, Reject(actor="bob", approval_id=bob))

    await advance(runtime, clock, 30 * 60)
    assert pair(latest(runtime.load(release_id), "production")) == (St.NOT_DEPLOYED, Op.DEFERRED)
    await advance(runtime, clock, 90 * 60)
    state = runtime.load(release_id)
    assert answers(state) == [("alice", A.APPROVED, "alice"), ("bob", A.SKIPPED, None)]
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


async def test_a_reassigned_approval_keeps_its_place_in_sequential_order(
    runtime: Runtime,
) -> None:
    release_id = await start(runtime, guarded("{approvers: [alice, bob], order: SEQUENTIAL}"))
    state = runtime.load(release_id)
    runtime.execute(
        release_id,
        ReassignApproval(actor="alice", approval_id=approval_of(state, "alice"), to="frank"),
    )
    state = runtime.load(release_id)
    assert state.release.input_required_count == 1

    with pytest.raises(InvalidTransitionError):
        runtime.execute(release_id, Approve(actor="bob", approval_id=approval_of(state, "bob")))
    runtime.execute(release_id, Approve(actor="frank", approval_id=approval_of(state, "frank")))
    runtime.execute(release_id, Approve(actor="bob", approval_id=approval_of(state, "bob")))
    await settle(runtime)

    state = runtime.load(release_id)
    assert answers(state) == [
        ("alice", A.REASSIGNED, None),
        ("frank", A.APPROVED, "frank"),
        ("bob", A.APPROVED, "bob"),
    ]
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
