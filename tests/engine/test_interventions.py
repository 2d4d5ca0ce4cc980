"""Manual intervention rules, decided in memory: a person resumes or rejects, or a failure waits."""

from __future__ import annotations

import pytest

from releasegraph.engine.commands import (
    FixAndContinue,
    IgnoreTaskFailure,
    RejectManualIntervention,
    ResumeManualIntervention,
    RetryTask,
)
from releasegraph.engine.errors import DomainError, ErrorCode
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import (
    ManualInterventionKind,
    ManualInterventionStatus,
    RunStatus,
    TaskStatus,
)
from tests.engine.memory import Memory


def sign_off(approvers: str = "[bob]", timeout: str = "") -> Memory:
    return Memory.started(
        f"""
        name: sign-off
        environments:
          - name: prod
            phases:
              - name: p
                runOn: SERVER
                tasks:
                  - {{name: check, kind: manualIntervention, approvers: {approvers}{timeout}}}
                  - {{name: after, kind: simulate}}
        """
    )


def prompt(task: str) -> Memory:
    return Memory.started(
        f"""
        name: prompt
        environments:
          - name: prod
            onTaskFailure: PROMPT
            phases: [{{name: p, runOn: SERVER, tasks: [{task}, {{name: after, kind: simulate}}]}}]
        """
    )


def test_a_manual_step_waits_for_its_approver_and_goes_on_when_resumed() -> None:
    memory = sign_off()
    (intervention,) = memory.interventions()
    waiting = memory.pair()

    memory.do(ResumeManualIntervention(actor="bob", intervention_id=intervention.id))

    assert waiting == (St.IN_PROGRESS, Op.MANUAL_INTERVENTION_PENDING)
    assert (intervention.kind, intervention.status, intervention.acted_by) == (
        ManualInterventionKind.TASK,
        ManualInterventionStatus.APPROVED,
        "bob",
    )
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_someone_else_is_refused_and_nothing_changes() -> None:
    memory = sign_off()
    (intervention,) = memory.interventions()
    before = memory.rows()

    with pytest.raises(DomainError) as caught:
        memory.do(ResumeManualIntervention(actor="eve", intervention_id=intervention.id))

    assert (caught.value.code, memory.rows()) == (ErrorCode.PERMISSION_DENIED, before)


def test_a_rejected_manual_step_fails_the_phase() -> None:
    memory = sign_off()
    (intervention,) = memory.interventions()

    memory.do(RejectManualIntervention(actor="bob", intervention_id=intervention.id))

    assert memory.task("check").status == TaskStatus.FAILED
    assert memory.pair() == (St.FAILED, Op.PHASE_FAILED)


@pytest.mark.parametrize(
    ("on_timeout", "pair"),
    [("RESUME", (St.SUCCEEDED, Op.APPROVED)), ("REJECT", (St.FAILED, Op.PHASE_FAILED))],
)
def test_a_timeout_resumes_or_rejects_as_the_step_says(
    on_timeout: str, pair: tuple[St, Op]
) -> None:
    memory = sign_off(timeout=f", timeoutMinutes: 30, onTimeout: {on_timeout}")

    memory.advance(30 * 60)

    assert memory.interventions()[0].status == ManualInterventionStatus.TIMED_OUT
    assert memory.pair() == pair


def test_a_prompted_failure_waits_and_retry_runs_the_task_again() -> None:
    memory = prompt("{name: flaky, kind: simulate, outcome: SUCCEEDED, failTimes: 1}")
    (failure,) = memory.interventions()
    waiting = (memory.pair(), failure.kind)

    memory.do(RetryTask(actor="olivia", operator=True, task_id=memory.task("flaky").id))

    assert waiting == (
        (St.IN_PROGRESS, Op.MANUAL_INTERVENTION_PENDING),
        ManualInterventionKind.FAILURE,
    )
    assert [r.status for r in memory.runs(memory.task("flaky"))] == [
        RunStatus.FAILED,
        RunStatus.SUCCEEDED,
    ]
    assert (failure.resolution, memory.pair()) == ("retry", (St.SUCCEEDED, Op.APPROVED))


def test_an_ignored_failure_lets_the_phase_end_partially_succeeded() -> None:
    memory = prompt("{name: flaky, kind: simulate, outcome: FAILED}")

    memory.do(IgnoreTaskFailure(actor="olivia", operator=True, task_id=memory.task("flaky").id))

    assert memory.task("flaky").status == TaskStatus.IGNORED
    assert memory.task("after").status == TaskStatus.SUCCEEDED
    assert memory.pair() == (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED)


def test_fix_and_continue_runs_the_task_again_with_its_new_inputs() -> None:
    memory = prompt("{name: flaky, kind: simulate, failTimes: 1, inputs: {size: small}}")
    task = memory.task("flaky")

    memory.do(
        FixAndContinue(actor="olivia", operator=True, task_id=task.id, inputs={"size": "large"})
    )

    assert (task.inputs, task.status) == ({"size": "large"}, TaskStatus.SUCCEEDED)
    assert memory.interventions()[0].resolution == "fixAndContinue"
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)
