"""A retry runs the activity "again unchanged" (000_…): run numbers, ``failTimes`` and a
script's ``RELEASEGRAPH_RUN`` go on counting across the retry attempts of one deployment,
while each attempt keeps its own ``retries`` and lists only its own runs. A redeploy is a
new deployment and counts afresh."""

from __future__ import annotations

from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.commands import DeployEnvironment, RetryTask
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentReason, RunStatus
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.runtime.service import Runtime
from tests.runtime.test_task_failures import log_of, one_phase, task
from tests.support import env, latest, pair, settle, start

R = RunStatus
FAILED, SUCCEEDED = (St.FAILED, Op.PHASE_FAILED), (St.SUCCEEDED, Op.APPROVED)
NOTIFY = "{name: notify, kind: simulate, alwaysRun: true}"


def runs(state: ReleaseState, name: str) -> dict[int, list[tuple[int, RunStatus]]]:
    """(number, status) of the runs of task ``name``, by the attempt it belongs to."""
    return {
        attempt.attempt: [(r.number, r.status) for r in state.runs_of(task(state, name, attempt))]
        for attempt in state.attempts_of(env(state, "staging"))
    }


async def retry(runtime: Runtime, release_id: str, name: str) -> None:
    state = runtime.load(release_id)
    runtime.execute(release_id, RetryTask(actor="dave", task_id=task(state, name).id))
    await settle(runtime)


async def redeploy(runtime: Runtime, release_id: str) -> None:
    staging = env(runtime.load(release_id), "staging").id
    runtime.execute(release_id, DeployEnvironment(actor="dave", environment_id=staging))
    await settle(runtime)


async def test_a_retry_attempt_goes_on_counting_the_runs_of_each_task(runtime: Runtime) -> None:
    release_id = await start(
        runtime, one_phase(f"[{{name: flaky, kind: simulate, failTimes: 1}}, {NOTIFY}]")
    )
    assert pair(latest(runtime.load(release_id), "staging")) == FAILED

    await retry(runtime, release_id, "flaky")

    state = runtime.load(release_id)
    second = latest(state, "staging")
    assert (second.attempt, second.reason, pair(second)) == (2, DeploymentReason.RETRY, SUCCEEDED)
    assert runs(state, "flaky") == {1: [(1, R.FAILED)], 2: [(2, R.SUCCEEDED)]}
    assert runs(state, "notify") == {1: [(1, R.SUCCEEDED)], 2: [(2, R.SUCCEEDED)]}


async def test_each_retry_attempt_has_its_own_retries(runtime: Runtime) -> None:
    release_id = await start(
        runtime, one_phase("[{name: flaky, kind: simulate, failTimes: 3, retries: 1}]")
    )
    assert runs(runtime.load(release_id), "flaky") == {1: [(1, R.FAILED), (2, R.FAILED)]}

    await retry(runtime, release_id, "flaky")

    state = runtime.load(release_id)
    assert runs(state, "flaky") == {
        1: [(1, R.FAILED), (2, R.FAILED)],
        2: [(3, R.FAILED), (4, R.SUCCEEDED)],
    }
    assert pair(latest(state, "staging")) == SUCCEEDED


async def test_a_redeploy_counts_afresh_and_its_retries_count_from_it(runtime: Runtime) -> None:
    release_id = await start(runtime, one_phase("[{name: flaky, kind: simulate, failTimes: 1}]"))

    await redeploy(runtime, release_id)
    state = runtime.load(release_id)
    assert (latest(state, "staging").reason, pair(latest(state, "staging"))) == (
        DeploymentReason.REDEPLOY,
        FAILED,
    )
    await retry(runtime, release_id, "flaky")

    state = runtime.load(release_id)
    assert runs(state, "flaky") == {
        1: [(1, R.FAILED)],
        2: [(1, R.FAILED)],
        3: [(2, R.SUCCEEDED)],
    }
    assert pair(latest(state, "staging")) == SUCCEEDED


async def test_a_script_in_a_retry_attempt_gets_the_next_run_number(runtime: Runtime) -> None:
    script = 'echo "run $RELEASEGRAPH_RUN"; [ "$RELEASEGRAPH_RUN" != 1 ]'
    release_id = await start(runtime, one_phase(f"[{{name: once, kind: script, run: '{script}'}}]"))
    first = task(runtime.load(release_id), "once")

    await retry(runtime, release_id, "once")

    state = runtime.load(release_id)
    assert runs(state, "once") == {1: [(1, R.FAILED)], 2: [(2, R.SUCCEEDED)]}
    assert (log_of(runtime, first.id), log_of(runtime, task(state, "once").id)) == (
        ["run 1"],
        ["run 2"],
    )
