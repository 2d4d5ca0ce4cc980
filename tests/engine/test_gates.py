"""Gate rules, in memory: sampled at the interval until they pass long enough or time out."""

from __future__ import annotations

from releasegraph.engine.commands import Approve
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import EnvironmentStatus, GateStatus
from releasegraph.models import Gate
from tests.engine.memory import Memory


def gated(*, fail_times: int, stage: str = "PRE_DEPLOY", **options: object) -> Memory:
    fields = "".join(f"{key}: {value}, " for key, value in options.items())
    return Memory.started(
        f"""
        name: gated
        environments:
          - name: prod
            gates: {{stage: {stage}, samplingIntervalSeconds: 30, timeoutMinutes: 2, {fields}
                     checks: [{{name: health, kind: simulate, failTimes: {fail_times}}}]}}
            phases: [{{name: p, runOn: SERVER, tasks: [{{name: t, kind: simulate}}]}}]
        """
    )


def gate(memory: Memory) -> Gate:
    (row,) = memory.state.gates
    return row


def test_a_gate_samples_at_its_interval_and_lets_the_deployment_go_once_it_passes() -> None:
    memory = gated(fail_times=2)
    first = (memory.pair(), gate(memory).samples)

    memory.advance(29)
    early = gate(memory).samples
    memory.advance(1)
    second = (memory.pair(), gate(memory).samples)
    memory.advance(30)

    assert first == ((St.NOT_DEPLOYED, Op.EVALUATING_GATES), 1)
    assert (early, second) == (1, ((St.NOT_DEPLOYED, Op.EVALUATING_GATES), 2))
    assert (gate(memory).status, gate(memory).samples) == (GateStatus.SUCCEEDED, 3)
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_passing_checks_must_hold_for_the_minimum_success_time() -> None:
    memory = gated(fail_times=0, minimumSuccessSeconds=60)

    memory.advance(30)
    held = gate(memory).status
    memory.advance(30)

    assert held == GateStatus.IN_PROGRESS
    assert gate(memory).status == GateStatus.SUCCEEDED


def test_a_gate_that_never_passes_rejects_the_deployment_at_its_timeout() -> None:
    memory = gated(fail_times=99, onFailure="REJECT")

    for _ in range(4):
        memory.advance(30)

    assert gate(memory).status == GateStatus.FAILED
    assert memory.pair() == (St.NOT_DEPLOYED, Op.GATES_FAILED)
    assert memory.state.environments[0].status == EnvironmentStatus.REJECTED


def test_ask_approval_waits_for_a_person_to_override_a_failed_gate() -> None:
    memory = gated(fail_times=99, onFailure="ASK_APPROVAL")
    for _ in range(4):
        memory.advance(30)
    waiting = memory.pair()
    (override,) = memory.approvals()

    memory.do(Approve(actor="olivia", operator=True, approval_id=override.id))

    assert waiting == (St.NOT_DEPLOYED, Op.GATES_FAILED)
    assert (override.approver, override.gate_override) == ("*", True)
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_post_deploy_gates_run_after_the_tasks() -> None:
    memory = gated(fail_times=1, stage="POST_DEPLOY")
    evaluating = memory.pair()

    memory.advance(30)

    assert evaluating == (St.IN_PROGRESS, Op.EVALUATING_GATES)
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)
