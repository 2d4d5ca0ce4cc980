"""Script tasks on real subprocesses: environment, log lines, exit codes, timeouts and
cancel killing the process; manual interventions resumed, rejected or timed out."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import col, select

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import (
    CancelDeployment,
    CreateRelease,
    CreateReleaseDefinition,
    ResumeManualIntervention,
)
from releasegraph.engine.errors import PermissionDeniedError
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import (
    ManualInterventionKind,
    ManualInterventionStatus,
    RunStatus,
    TaskStatus,
)
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.models import Task, TaskLogLine, TaskRun
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.support import advance, definition, env, latest, pair, settle
from tests.waiting import poll_async


def scripted(*tasks: str, phase: str = "AGENT") -> str:
    listed = ", ".join(tasks)
    return definition(
        f"""
        name: scripted
        variables: {{region: eu-west, app-version: '1.0'}}
        environments:
          - name: staging
            phases:
              - name: deploy
                runOn: {phase}
                tasks: [{listed}]
        """
    )


def start(runtime: Runtime, source: str, **variables: str) -> str:
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="dave", source=source)
    ).id
    return runtime.create_release(
        CreateRelease(actor="dave", definition_id=definition_id, start=True, variables=variables)
    )


def task(state: ReleaseState, name: str) -> Task:
    return next(t for t in state.tasks if t.name == name)


def only_run(state: ReleaseState, name: str) -> TaskRun:
    (run,) = state.runs_of(task(state, name))
    return run


def log_of(runtime: Runtime, task_id: str) -> list[tuple[int, str, str]]:
    with runtime.session() as session:
        query = select(TaskLogLine).where(col(TaskLogLine.task_id) == task_id)
        lines = session.exec(query.order_by(col(TaskLogLine.line)))
        return [(line.line, line.stream, line.text) for line in lines]


def written(path: Path) -> Callable[[], bool]:
    return lambda: path.exists() and path.read_text().endswith("\n")


def gone(pid: int) -> Callable[[], bool]:
    def check() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # A killed orphan may stay a zombie until init reaps it; it runs nothing.
        stat = Path(f"/proc/{pid}/stat")
        return not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"

    return check


async def test_a_script_sees_release_variables_and_inputs(runtime: Runtime) -> None:
    script = 'echo "$region $REGION $APP_VERSION $INPUT_LOG_LEVEL $RELEASEGRAPH_RUN"'
    release_id = start(
        runtime,
        scripted(f"{{name: show, kind: script, run: '{script}', inputs: {{log-level: debug}}}}"),
        **{"app-version": "2.1"},
    )
    await settle(runtime)

    state = runtime.load(release_id)
    assert log_of(runtime, task(state, "show").id) == [(1, "stdout", "eu-west eu-west 2.1 debug 1")]
    run = only_run(state, "show")
    assert (run.status, run.exit_code, run.error, run.agent_name) == (
        RunStatus.SUCCEEDED,
        0,
        None,
        "local-1",
    )
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)


async def test_output_is_logged_line_by_line_in_order(runtime: Runtime) -> None:
    script = "seq 1 150; echo oops >&2; echo last"
    release_id = start(runtime, scripted(f"{{name: talk, kind: script, run: '{script}'}}"))
    await settle(runtime)

    state = runtime.load(release_id)
    lines = log_of(runtime, task(state, "talk").id)
    assert [number for number, _, _ in lines] == list(range(1, 153))
    assert [text for _, stream, text in lines if stream == "stdout"] == [
        *(str(i) for i in range(1, 151)),
        "last",
    ]
    assert [text for _, stream, text in lines if stream == "stderr"] == ["oops"]
    assert task(state, "talk").log_lines == 152


async def test_a_non_zero_exit_fails_the_task_with_its_exit_code(runtime: Runtime) -> None:
    release_id = start(
        runtime,
        scripted(
            "{name: broken, kind: script, run: 'echo broken >&2; exit 7'}",
            "{name: never, kind: script, run: 'echo never'}",
        ),
    )
    await settle(runtime)

    state = runtime.load(release_id)
    run = only_run(state, "broken")
    assert (run.status, run.exit_code, run.error) == (RunStatus.FAILED, 7, "exit code 7")
    assert (task(state, "broken").status, task(state, "never").status) == (
        TaskStatus.FAILED,
        TaskStatus.SKIPPED,
    )
    assert log_of(runtime, task(state, "broken").id) == [(1, "stderr", "broken")]
    assert pair(latest(state, "staging")) == (St.FAILED, Op.PHASE_FAILED)
    assert state.release.execution_status == Exec.FAILED


def sleeper(pid_file: Path, child_file: Path, *, timeout: str = "") -> str:
    run = f"sleep 60 & echo $! > {child_file}; echo $$ > {pid_file}; wait"
    return f"{{name: slow, kind: script, run: '{run}'{timeout}}}"


async def test_timeout_kills_the_script_when_the_clock_passes_the_deadline(
    runtime: Runtime, clock: ManualClock, tmp_path: Path
) -> None:
    shell, child = tmp_path / "shell.pid", tmp_path / "child.pid"
    release_id = start(runtime, scripted(sleeper(shell, child, timeout=", timeoutSeconds: 30")))
    await poll_async(written(shell), "the shell's pid written")
    await poll_async(written(child), "the child's pid written")
    pids = [int(shell.read_text()), int(child.read_text())]
    await poll_async(
        lambda: only_run(runtime.load(release_id), "slow").pid == pids[0], "the run's pid stored"
    )

    # Not settle: it would wait for the script; ticking what is due is enough here.
    clock.advance(29)
    runtime.run_due()
    assert only_run(runtime.load(release_id), "slow").status == RunStatus.IN_PROGRESS
    assert not gone(pids[0])()

    await advance(runtime, clock, 1)
    state = runtime.load(release_id)
    run = only_run(state, "slow")
    assert (run.status, run.error, run.exit_code) == (RunStatus.TIMED_OUT, "timed out", None)
    assert task(state, "slow").status == TaskStatus.FAILED
    assert pair(latest(state, "staging")) == (St.FAILED, Op.PHASE_FAILED)
    for pid in pids:
        await poll_async(gone(pid), f"{pid} gone")


async def test_cancel_kills_a_running_script(
    runtime: Runtime, clock: ManualClock, tmp_path: Path
) -> None:
    shell, child = tmp_path / "shell.pid", tmp_path / "child.pid"
    release_id = start(runtime, scripted(sleeper(shell, child)))
    await poll_async(written(shell), "the shell's pid written")
    await poll_async(written(child), "the child's pid written")
    staging_id = env(runtime.load(release_id), "staging").id

    runtime.execute(release_id, CancelDeployment(actor="carol", environment_id=staging_id))
    await settle(runtime)

    state = runtime.load(release_id)
    assert only_run(state, "slow").status == RunStatus.CANCELED
    assert pair(latest(state, "staging")) == (St.FAILED, Op.CANCELED)
    for pid in (int(shell.read_text()), int(child.read_text())):
        await poll_async(gone(pid), f"{pid} gone")


def manual(on_timeout: str) -> str:
    return scripted(
        "{name: sign-off, kind: manualIntervention, instructions: 'Check the dashboard',"
        f" approvers: [bob], timeoutMinutes: 30, onTimeout: {on_timeout}}}",
        "{name: after, kind: wait, seconds: 0}",
        phase="SERVER",
    )


async def test_a_manual_intervention_resumed_by_its_approver(runtime: Runtime) -> None:
    release_id = start(runtime, manual("REJECT"))
    await settle(runtime)
    state = runtime.load(release_id)
    (intervention,) = state.interventions
    assert (intervention.kind, intervention.instructions, intervention.approvers) == (
        ManualInterventionKind.TASK,
        "Check the dashboard",
        ["bob"],
    )
    assert pair(latest(state, "staging")) == (St.IN_PROGRESS, Op.MANUAL_INTERVENTION_PENDING)
    assert (state.release.execution_status, state.release.input_required_count) == (Exec.ON_HOLD, 1)

    with pytest.raises(PermissionDeniedError):
        runtime.execute(
            release_id, ResumeManualIntervention(actor="carol", intervention_id=intervention.id)
        )
    runtime.execute(
        release_id,
        ResumeManualIntervention(actor="bob", intervention_id=intervention.id, values={"ok": "y"}),
    )
    await settle(runtime)

    state = runtime.load(release_id)
    resumed = state.intervention(intervention.id)
    assert (resumed.status, resumed.resolution, resumed.acted_by, resumed.values) == (
        ManualInterventionStatus.APPROVED,
        "resume",
        "bob",
        {"ok": "y"},
    )
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)


@pytest.mark.parametrize(
    ("on_timeout", "run_status", "task_status", "final"),
    [
        ("RESUME", RunStatus.SUCCEEDED, TaskStatus.SUCCEEDED, (St.SUCCEEDED, Op.APPROVED)),
        ("REJECT", RunStatus.FAILED, TaskStatus.FAILED, (St.FAILED, Op.PHASE_FAILED)),
    ],
)
async def test_a_manual_intervention_times_out(
    runtime: Runtime,
    clock: ManualClock,
    on_timeout: str,
    run_status: RunStatus,
    task_status: TaskStatus,
    final: tuple[St, Op],
) -> None:
    release_id = start(runtime, manual(on_timeout))
    await settle(runtime)

    await advance(runtime, clock, 29 * 60)
    assert pair(latest(runtime.load(release_id), "staging")) == (
        St.IN_PROGRESS,
        Op.MANUAL_INTERVENTION_PENDING,
    )
    await advance(runtime, clock, 60)

    state = runtime.load(release_id)
    (intervention,) = state.interventions
    assert (intervention.status, intervention.resolution) == (
        ManualInterventionStatus.TIMED_OUT,
        "timeout",
    )
    assert only_run(state, "sign-off").status == run_status
    assert task(state, "sign-off").status == task_status
    assert pair(latest(state, "staging")) == final
    assert state.release.input_required_count == 0


async def test_every_run_of_a_retried_script_is_kept_with_its_log(runtime: Runtime) -> None:
    script = 'echo "run $RELEASEGRAPH_RUN"; [ "$RELEASEGRAPH_RUN" = 3 ]'
    release_id = start(
        runtime, scripted(f"{{name: flaky, kind: script, run: '{script}', retries: 2}}")
    )
    await settle(runtime)

    state = runtime.load(release_id)
    flaky = task(state, "flaky")
    runs = state.runs_of(flaky)
    assert [(r.number, r.status, r.exit_code) for r in runs] == [
        (1, RunStatus.FAILED, 1),
        (2, RunStatus.FAILED, 1),
        (3, RunStatus.SUCCEEDED, 0),
    ]
    assert log_of(runtime, flaky.id) == [
        (1, "stdout", "run 1"),
        (2, "stdout", "run 2"),
        (3, "stdout", "run 3"),
    ]
    with runtime.session() as session:
        query = select(TaskLogLine.run_id).where(col(TaskLogLine.task_id) == flaky.id)
        assert list(session.exec(query.order_by(col(TaskLogLine.line)))) == [r.id for r in runs]
    assert flaky.status == TaskStatus.SUCCEEDED


async def test_an_http_task_without_an_answer_fails(runtime: Runtime) -> None:
    release_id = start(
        runtime, scripted("{name: ping, kind: http, url: 'http://127.0.0.1:1/ping'}")
    )
    await settle(runtime)

    state = runtime.load(release_id)
    run = only_run(state, "ping")
    assert run.status == RunStatus.FAILED
    assert (run.error or "").startswith("connection failed")
    ((_, stream, text),) = log_of(runtime, task(state, "ping").id)
    assert (stream, text.startswith("GET http://127.0.0.1:1/ping -> connection failed")) == (
        "stdout",
        True,
    )
    assert pair(latest(state, "staging")) == (St.FAILED, Op.PHASE_FAILED)


async def test_a_restarted_server_runs_an_interrupted_script_again(
    runtime: Runtime, clock: ManualClock, database_url: str, tmp_path: Path
) -> None:
    marker = tmp_path / "started"
    script = f"echo run >> {marker}; [ $RELEASEGRAPH_RUN = 2 ] || sleep 60"
    release_id = start(runtime, scripted(f"{{name: slow, kind: script, run: '{script}'}}"))
    await poll_async(
        lambda: only_run(runtime.load(release_id), "slow").pid is not None, "the run's pid stored"
    )
    await runtime.stop()

    restarted = Runtime(Settings(database_url=database_url, agents=2), clock=clock)
    await restarted.start()
    try:
        await settle(restarted)
        state = restarted.load(release_id)
    finally:
        await restarted.stop()

    runs = state.runs_of(task(state, "slow"))
    assert [(r.number, r.status) for r in runs] == [
        (1, RunStatus.INTERRUPTED),
        (2, RunStatus.SUCCEEDED),
    ]
    assert marker.read_text() == "run\nrun\n"
    assert pair(latest(state, "staging")) == (St.SUCCEEDED, Op.APPROVED)
