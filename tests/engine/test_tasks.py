"""Task rules, decided in memory: runs, retries, continueOnError, alwaysRun, timeouts, cancel."""

from __future__ import annotations

from releasegraph.engine.commands import CancelDeployment, RunFinished
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import DeployPhaseStatus, RunStatus, TaskStatus
from tests.engine.memory import Memory


def tasks(*specs: str, run_on: str = "SERVER") -> Memory:
    listed = ", ".join(specs)
    return Memory.started(
        f"""
        name: tasks
        environments:
          - name: prod
            phases: [{{name: p, runOn: {run_on}, tasks: [{listed}]}}]
        """
    )


def test_a_task_runs_for_its_duration_then_succeeds() -> None:
    memory = tasks("{name: t, kind: simulate, durationSeconds: 10}")
    task = memory.task("t")
    running = (memory.pair(), task.status)

    memory.advance(10)

    assert running == ((St.IN_PROGRESS, Op.PHASE_IN_PROGRESS), TaskStatus.IN_PROGRESS)
    assert [(r.number, r.status) for r in memory.runs(task)] == [(1, RunStatus.SUCCEEDED)]
    assert memory.pair() == (St.SUCCEEDED, Op.APPROVED)


def test_a_failed_run_is_run_again_up_to_retries_and_every_run_is_kept() -> None:
    memory = tasks("{name: t, kind: simulate, outcome: SUCCEEDED, failTimes: 2, retries: 2}")
    task = memory.task("t")

    assert [(r.number, r.status) for r in memory.runs(task)] == [
        (1, RunStatus.FAILED),
        (2, RunStatus.FAILED),
        (3, RunStatus.SUCCEEDED),
    ]
    assert task.status == TaskStatus.SUCCEEDED


def test_continue_on_error_lets_the_phase_go_on_partially_succeeded() -> None:
    memory = tasks(
        "{name: flaky, kind: simulate, outcome: FAILED, continueOnError: true}",
        "{name: next, kind: simulate}",
    )

    assert (memory.task("flaky").status, memory.task("next").status) == (
        TaskStatus.FAILED,
        TaskStatus.SUCCEEDED,
    )
    assert memory.pair() == (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED)


def test_a_failure_skips_the_rest_but_always_run_tasks() -> None:
    memory = tasks(
        "{name: boom, kind: simulate, outcome: FAILED}",
        "{name: never, kind: simulate}",
        "{name: cleanup, kind: simulate, alwaysRun: true}",
    )

    statuses = [memory.task(name).status for name in ("boom", "never", "cleanup")]

    assert statuses == [TaskStatus.FAILED, TaskStatus.SKIPPED, TaskStatus.SUCCEEDED]
    assert memory.pair() == (St.FAILED, Op.PHASE_FAILED)


def test_a_script_run_is_started_on_an_agent_and_ends_as_its_executor_reports() -> None:
    memory = tasks("{name: s, kind: script, run: 'exit 3'}", run_on="AGENT")
    (run,) = memory.runs(memory.task("s"))
    agent = memory.state.phases[0].agent_name

    memory.do(RunFinished(actor="system", run_id=run.id, succeeded=False, exit_code=3))

    assert (agent, run.status, run.exit_code) == ("agent-1", RunStatus.FAILED, 3)
    assert memory.pair() == (St.FAILED, Op.PHASE_FAILED)


def test_a_run_past_its_timeout_is_stopped_and_fails() -> None:
    memory = tasks("{name: s, kind: script, run: 'sleep 600', timeoutSeconds: 30}", run_on="AGENT")
    (run,) = memory.runs(memory.task("s"))

    memory.advance(29)
    alive = run.status
    effects = memory.advance(1)

    assert alive == RunStatus.IN_PROGRESS
    assert (run.status, effects.stop_runs) == (RunStatus.TIMED_OUT, [run.id])
    assert memory.task("s").status == TaskStatus.FAILED


def test_a_cancel_while_tasks_run_waits_for_always_run_tasks_and_names_the_canceler() -> None:
    memory = tasks(
        "{name: long, kind: simulate, durationSeconds: 60}",
        "{name: cleanup, kind: simulate, durationSeconds: 5, alwaysRun: true}",
    )
    env_id = memory.state.environments[0].id

    memory.do(CancelDeployment(actor="olivia", environment_id=env_id))
    cancelling = (memory.pair(), memory.state.phases[0].status, memory.task("long").status)
    memory.advance(5)

    assert cancelling == (
        (St.IN_PROGRESS, Op.CANCELLING),
        DeployPhaseStatus.CANCELLING,
        TaskStatus.CANCELED,
    )
    assert memory.task("cleanup").status == TaskStatus.SUCCEEDED
    assert (memory.pair(), memory.attempt().last_modified_by) == (
        (St.FAILED, Op.CANCELED),
        "olivia",
    )
