"""Gates: samples taken as the clock moves, the minimum success time, timeouts that reject,
and failed gates that ask a person for an approval, before and after the deployment."""

from __future__ import annotations

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import (
    Approve,
    CancelDeployment,
    Reject,
)
from releasegraph.engine.states import ApprovalStage, ApprovalStatus, EnvironmentStatus, GateStatus
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.models import Approval, Gate
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import advance, definition, env, latest, pair, settle, start


def gated(*, stage: str, on_failure: str, fail_times: int, minimum: int = 0) -> str:
    """Samples every 10 s, a one-minute timeout, a simulated check failing ``fail_times``."""
    return definition(
        f"""
        name: gated
        environments:
          - name: production
            gates:
              stage: {stage}
              samplingIntervalSeconds: 10
              minimumSuccessSeconds: {minimum}
              timeoutMinutes: 1
              onFailure: {on_failure}
              checks: [{{name: health, kind: simulate, failTimes: {fail_times}}}]
            phases:
              - name: deploy
                runOn: SERVER
                tasks:
                  - {{name: deploy, kind: simulate, durationSeconds: 1}}
        """
    )


def gate(state: ReleaseState) -> Gate:
    (only,) = state.gates
    return only


def override(state: ReleaseState) -> Approval:
    (only,) = [a for a in state.approvals if a.gate_override]
    return only


async def test_failing_samples_then_passing_for_the_minimum_success_time(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(
        runtime, gated(stage="PRE_DEPLOY", on_failure="REJECT", fail_times=2, minimum=20)
    )
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.EVALUATING_GATES)
    assert env(state, "production").status == EnvironmentStatus.IN_PROGRESS
    assert (gate(state).status, gate(state).samples, gate(state).last_results) == (
        GateStatus.IN_PROGRESS,
        1,
        {"health": False},
    )

    for samples in (2, 3, 4):
        await advance(runtime, clock, 10)
        state = runtime.load(release_id)
        assert (gate(state).status, gate(state).samples) == (GateStatus.IN_PROGRESS, samples)
        assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.EVALUATING_GATES)
    assert gate(state).last_results == {"health": True}

    await advance(runtime, clock, 10)
    state = runtime.load(release_id)
    assert (gate(state).status, gate(state).samples) == (GateStatus.SUCCEEDED, 5)
    assert gate(state).stage == ApprovalStage.PRE_DEPLOY
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.SUCCEEDED, Op.APPROVED)
    assert state.release.execution_status == Exec.SUCCEEDED


async def test_a_gate_that_times_out_rejects_the_deployment(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, gated(stage="PRE_DEPLOY", on_failure="REJECT", fail_times=99))

    for _ in range(5):
        await advance(runtime, clock, 10)
    state = runtime.load(release_id)
    assert (gate(state).status, gate(state).samples) == (GateStatus.IN_PROGRESS, 6)

    await advance(runtime, clock, 10)
    state = runtime.load(release_id)
    assert (gate(state).status, gate(state).samples) == (GateStatus.FAILED, 6)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.GATES_FAILED)
    assert env(state, "production").status == EnvironmentStatus.REJECTED
    assert state.approvals == []
    assert state.release.execution_status == Exec.FAILED
    assert state.runs == []


async def test_an_http_check_that_cannot_connect_never_passes(
    runtime: Runtime, clock: ManualClock
) -> None:
    source = gated(stage="PRE_DEPLOY", on_failure="REJECT", fail_times=0).replace(
        "{name: health, kind: simulate, failTimes: 0}",
        "{name: health, kind: http, url: 'http://127.0.0.1:1/health'}",
    )
    release_id = await start(runtime, source)
    state = runtime.load(release_id)
    assert (gate(state).samples, gate(state).last_results) == (1, {"health": False})

    for _ in range(6):
        await advance(runtime, clock, 10)
    state = runtime.load(release_id)
    assert (gate(state).status, gate(state).samples) == (GateStatus.FAILED, 6)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.GATES_FAILED)


async def test_a_failed_pre_deploy_gate_asks_for_an_approval_and_deploys(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(
        runtime, gated(stage="PRE_DEPLOY", on_failure="ASK_APPROVAL", fail_times=99)
    )
    await advance(runtime, clock, 60)

    state = runtime.load(release_id)
    assert gate(state).status == GateStatus.FAILED
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.GATES_FAILED)
    assert env(state, "production").status == EnvironmentStatus.IN_PROGRESS
    assert (override(state).approver, override(state).status) == ("*", ApprovalStatus.PENDING)
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.ON_HOLD, 1)

    runtime.execute(
        release_id, Approve(actor="erin", operator=True, approval_id=override(state).id)
    )
    await settle(runtime)
    state = runtime.load(release_id)
    assert (override(state).status, override(state).approved_by) == (
        ApprovalStatus.APPROVED,
        "erin",
    )
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
    assert len(state.gates) == 1

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.SUCCEEDED, Op.APPROVED)
    assert state.release.execution_status == Exec.SUCCEEDED


async def test_a_rejected_gate_override_rejects_the_deployment(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(
        runtime, gated(stage="PRE_DEPLOY", on_failure="ASK_APPROVAL", fail_times=99)
    )
    await advance(runtime, clock, 60)

    runtime.execute(
        release_id,
        Reject(actor="erin", operator=True, approval_id=override(runtime.load(release_id)).id),
    )
    await settle(runtime)

    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.REJECTED)
    assert env(state, "production").status == EnvironmentStatus.REJECTED
    assert state.release.execution_status == Exec.FAILED


async def test_a_failed_post_deploy_gate_asks_for_an_approval_and_succeeds(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(
        runtime, gated(stage="POST_DEPLOY", on_failure="ASK_APPROVAL", fail_times=99)
    )
    assert runtime.load(release_id).gates == []

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.EVALUATING_GATES)
    assert (gate(state).stage, gate(state).samples) == (ApprovalStage.POST_DEPLOY, 1)

    await advance(runtime, clock, 60)
    state = runtime.load(release_id)
    assert gate(state).status == GateStatus.FAILED
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.GATES_FAILED)
    assert override(state).stage == ApprovalStage.POST_DEPLOY
    assert state.release.execution_status == Exec.ON_HOLD

    runtime.execute(
        release_id, Approve(actor="erin", operator=True, approval_id=override(state).id)
    )
    await settle(runtime)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.SUCCEEDED, Op.APPROVED)
    assert env(state, "production").status == EnvironmentStatus.SUCCEEDED
    assert state.release.execution_status == Exec.SUCCEEDED


async def test_a_failed_post_deploy_gate_that_rejects_fails_the_deployment(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(
        runtime, gated(stage="POST_DEPLOY", on_failure="REJECT", fail_times=99)
    )
    await advance(runtime, clock, 1)
    await advance(runtime, clock, 60)

    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.FAILED, Op.GATES_FAILED)
    assert env(state, "production").status == EnvironmentStatus.REJECTED
    assert state.release.execution_status == Exec.FAILED


async def test_gates_run_after_the_pre_deploy_approvals(
    runtime: Runtime, clock: ManualClock
) -> None:
    source = gated(stage="PRE_DEPLOY", on_failure="REJECT", fail_times=0).replace(
        "    gates:", "    preDeployApprovals: {approvers: [alice]}\n    gates:"
    )
    release_id = await start(runtime, source)
    state = runtime.load(release_id)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.PENDING)
    assert state.gates == []

    runtime.execute(release_id, Approve(actor="alice", approval_id=state.approvals[0].id))
    await settle(runtime)

    state = runtime.load(release_id)
    assert (gate(state).status, gate(state).samples) == (GateStatus.SUCCEEDED, 1)
    assert pair(latest(state, "production")) == (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)


async def test_cancel_while_evaluating_gates(runtime: Runtime, clock: ManualClock) -> None:
    release_id = await start(runtime, gated(stage="PRE_DEPLOY", on_failure="REJECT", fail_times=99))
    env_id = env(runtime.load(release_id), "production").id

    runtime.execute(release_id, CancelDeployment(actor="carol", environment_id=env_id))
    await advance(runtime, clock, 60)

    state = runtime.load(release_id)
    assert (gate(state).status, gate(state).samples) == (GateStatus.CANCELED, 1)
    assert pair(latest(state, "production")) == (St.NOT_DEPLOYED, Op.CANCELED)
    assert state.release.execution_status == Exec.CANCELED
