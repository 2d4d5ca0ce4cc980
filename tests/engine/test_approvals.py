"""Approval rules, decided in memory: who may answer, what the answers add up to, timeouts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from releasegraph.engine.commands import Approve, Reject
from releasegraph.engine.errors import DomainError, ErrorCode
from releasegraph.engine.states import ApprovalStatus, EnvironmentStatus
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from tests.engine.memory import Memory


def approvals(spec: str, *, stage: str = "preDeployApprovals") -> Memory:
    return Memory.started(
        f"""
        name: gated
        environments:
          - name: prod
            {stage}: {spec}
            phases: [{{name: p, runOn: SERVER, tasks: [{{name: t, kind: simulate}}]}}]
        """
    )


def refused(memory: Memory, command: Approve | Reject) -> ErrorCode:
    before = memory.rows()
    with pytest.raises(DomainError) as caught:
        memory.do(command)
    assert memory.rows() == before
    return caught.value.code


def test_a_pre_deploy_approval_holds_the_attempt_and_an_approval_lets_it_run() -> None:
    memory = approvals("{approvers: [alice]}")
    held = (memory.pair(), memory.state.environments[0].status)

    memory.do(Approve(actor="alice", approval_id=memory.approvals()[0].id))

    assert held == ((St.NOT_DEPLOYED, Op.PENDING), EnvironmentStatus.IN_PROGRESS)
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)
    assert memory.approvals()[0].approved_by == "alice"


def test_required_count_waits_for_as_many_approvals_and_skips_the_rest() -> None:
    memory = approvals("{approvers: [alice, bob, dave], requiredCount: 2}")
    alice, bob, dave = memory.approvals()

    memory.do(Approve(actor="alice", approval_id=alice.id))
    after_one = memory.pair()
    memory.do(Approve(actor="bob", approval_id=bob.id))

    assert after_one == (St.NOT_DEPLOYED, Op.PENDING)
    assert [a.status for a in (alice, bob, dave)] == [
        ApprovalStatus.APPROVED,
        ApprovalStatus.APPROVED,
        ApprovalStatus.SKIPPED,
    ]
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_sequential_order_refuses_a_later_approver_first_and_changes_nothing() -> None:
    memory = approvals("{approvers: [alice, bob], order: SEQUENTIAL}")
    _, bob = memory.approvals()

    assert refused(memory, Approve(actor="bob", approval_id=bob.id)) == ErrorCode.INVALID_TRANSITION


def test_the_creator_is_refused_unless_the_definition_allows_it() -> None:
    barred = approvals("{approvers: [carol], creatorCanApprove: false}")
    allowed = approvals("{approvers: [carol], creatorCanApprove: true}")

    code = refused(barred, Approve(actor="carol", approval_id=barred.approvals()[0].id))
    allowed.do(Approve(actor="carol", approval_id=allowed.approvals()[0].id))

    assert code == ErrorCode.PERMISSION_DENIED
    assert allowed.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_a_group_approver_is_answered_by_a_member_and_no_one_else() -> None:
    memory = approvals("{approvers: ['group:release-managers']}")
    approval = memory.approvals()[0]

    code = refused(memory, Approve(actor="eve", approval_id=approval.id, groups=frozenset({"qa"})))
    memory.do(
        Approve(actor="dave", approval_id=approval.id, groups=frozenset({"release-managers"}))
    )

    assert code == ErrorCode.PERMISSION_DENIED
    assert (approval.status, approval.approved_by) == (ApprovalStatus.APPROVED, "dave")


def test_an_answered_approval_refuses_its_approver_again_and_conflicts_with_another() -> None:
    memory = approvals("{approvers: [alice, bob]}")
    alice, _ = memory.approvals()
    memory.do(Approve(actor="alice", approval_id=alice.id))

    assert refused(memory, Approve(actor="alice", approval_id=alice.id)) == (
        ErrorCode.INVALID_TRANSITION
    )
    assert refused(memory, Reject(actor="bob", approval_id=alice.id)) == ErrorCode.CONFLICT


def test_a_rejection_rejects_the_deployment() -> None:
    memory = approvals("{approvers: [alice]}")

    memory.do(Reject(actor="alice", approval_id=memory.approvals()[0].id, comment="not today"))

    assert memory.pair() == (St.NOT_DEPLOYED, Op.REJECTED)
    assert memory.state.environments[0].status == EnvironmentStatus.REJECTED


def test_a_timeout_rejects_at_its_time_and_not_a_minute_before() -> None:
    memory = approvals("{approvers: [alice], timeoutMinutes: 60}")

    memory.advance(59 * 60)
    before = memory.pair()
    memory.advance(60)

    assert before == (St.NOT_DEPLOYED, Op.PENDING)
    assert memory.approvals()[0].status == ApprovalStatus.TIMED_OUT
    assert memory.pair() == (St.NOT_DEPLOYED, Op.REJECTED)


def test_a_deferral_holds_the_deployment_until_its_time() -> None:
    memory = approvals("{approvers: [alice]}")
    later = memory.now + timedelta(hours=2)

    memory.do(Approve(actor="alice", approval_id=memory.approvals()[0].id, defer_until=later))
    deferred = (memory.pair(), memory.state.environments[0].status)
    memory.advance(2 * 3600)

    assert deferred == ((St.NOT_DEPLOYED, Op.DEFERRED), EnvironmentStatus.SCHEDULED)
    assert memory.approvals()[0].status == ApprovalStatus.APPROVED
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_a_post_deploy_approval_waits_after_the_tasks() -> None:
    memory = approvals("{approvers: [bob]}", stage="postDeployApprovals")
    held = memory.pair()

    memory.do(Approve(actor="bob", approval_id=memory.approvals()[0].id))

    assert held == (St.IN_PROGRESS, Op.PENDING)
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_an_approval_with_no_time_to_wait_rejects_in_the_decision_that_asks_for_it() -> None:
    memory = approvals("{approvers: [alice], timeoutMinutes: 0}")

    assert memory.approvals()[0].status == ApprovalStatus.TIMED_OUT
    assert (memory.pair(), memory.state.environments[0].status) == (
        (St.NOT_DEPLOYED, Op.REJECTED),
        EnvironmentStatus.REJECTED,
    )
