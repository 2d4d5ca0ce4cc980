"""A deployment's ``lastModifiedBy``: the last one who acted on it (003_…: it "will give away
details on who canceled the deployment"). The steps that carry a person's action through —
``alwaysRun`` tasks finishing a cancel, a deferral coming due, gates and runs after an
approval — keep that person; the system names itself only where it answers in a person's
place (a timeout), wherever the clock finds the timeout."""

from __future__ import annotations

from datetime import timedelta

from releasegraph.engine.commands import (
    AbandonRelease,
    Approve,
    CancelDeployment,
    DeployEnvironment,
    ResumeManualIntervention,
)
from releasegraph.engine.pairs import Pair
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.support import advance, definition, env, latest, pair, settle, start

IP, ND = St.IN_PROGRESS, St.NOT_DEPLOYED
CANCELLING, CANCELED = (IP, Op.CANCELLING), (St.FAILED, Op.CANCELED)
SUCCEEDED = (St.SUCCEEDED, Op.APPROVED)
CLEANUP = "{name: cleanup, kind: simulate, durationSeconds: 5, alwaysRun: true}"


def staging(first_task: str, *, on_failure: str = "FAIL") -> str:
    """One agent environment: ``first_task``, then an ``alwaysRun`` cleanup of 5 s."""
    return definition(
        f"""
        name: attributed
        environments:
          - name: staging
            onTaskFailure: {on_failure}
            phases:
              - name: deploy
                tasks: [{first_task}, {CLEANUP}]
        """
    )


LONG = staging("{name: long, kind: simulate, durationSeconds: 10}")
PROMPTED = staging("{name: broken, kind: simulate, outcome: FAILED}", on_failure="PROMPT")


def production(required: int, *, failing_samples: int = 0) -> str:
    """Approvals by alice and bob (0 = both), pre-deploy gates, then a 1 s task."""
    return definition(
        f"""
        name: approved
        environments:
          - name: production
            preDeployApprovals: {{approvers: [alice, bob], requiredCount: {required}}}
            gates:
              stage: PRE_DEPLOY
              samplingIntervalSeconds: 10
              timeoutMinutes: 1
              checks: [{{name: health, kind: simulate, failTimes: {failing_samples}}}]
            phases:
              - name: deploy
                runOn: SERVER
                tasks: [{{name: deploy, kind: simulate, durationSeconds: 1}}]
        """
    )


def seen(runtime: Runtime, release_id: str, env_name: str = "staging") -> tuple[Pair, str]:
    attempt = latest(runtime.load(release_id), env_name)
    return pair(attempt), attempt.last_modified_by


async def cancel(runtime: Runtime, release_id: str, *, actor: str = "carol") -> None:
    env_id = env(runtime.load(release_id), "staging").id
    runtime.execute(release_id, CancelDeployment(actor=actor, environment_id=env_id))
    await settle(runtime)


async def test_who_canceled_stays_while_always_run_tasks_finish(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, LONG)
    await advance(runtime, clock, 2)

    await cancel(runtime, release_id)
    assert seen(runtime, release_id) == (CANCELLING, "carol")

    await advance(runtime, clock, 5)
    assert seen(runtime, release_id) == (CANCELED, "carol")


async def test_who_canceled_at_a_prompt_failure_stays(runtime: Runtime, clock: ManualClock) -> None:
    release_id = await start(runtime, PROMPTED)
    assert seen(runtime, release_id) == ((IP, Op.MANUAL_INTERVENTION_PENDING), "dave")

    await cancel(runtime, release_id)
    assert seen(runtime, release_id) == (CANCELLING, "carol")

    await advance(runtime, clock, 5)
    assert seen(runtime, release_id) == (CANCELED, "carol")


async def test_who_abandoned_stays_while_always_run_tasks_finish(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, LONG)

    runtime.execute(release_id, AbandonRelease(actor="erin"))
    await settle(runtime)
    assert seen(runtime, release_id) == (CANCELLING, "erin")

    await advance(runtime, clock, 5)
    assert seen(runtime, release_id) == (CANCELED, "erin")


async def test_an_abandon_leaves_who_already_canceled_the_deployment(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, LONG)
    await cancel(runtime, release_id)

    runtime.execute(release_id, AbandonRelease(actor="erin"))
    await advance(runtime, clock, 5)

    assert seen(runtime, release_id) == (CANCELED, "carol")


async def test_an_approval_that_moves_nothing_yet_is_an_action(runtime: Runtime) -> None:
    release_id = await start(runtime, production(0))
    bobs = next(a.id for a in runtime.load(release_id).approvals if a.approver == "bob")

    runtime.execute(release_id, Approve(actor="bob", approval_id=bobs))
    await settle(runtime)

    assert seen(runtime, release_id, "production") == ((ND, Op.PENDING), "bob")


async def test_the_approver_stays_through_the_gates_and_the_tasks(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, production(1, failing_samples=1))
    alices = runtime.load(release_id).approvals[0].id

    runtime.execute(release_id, Approve(actor="alice", approval_id=alices))
    await settle(runtime)
    assert seen(runtime, release_id, "production") == ((ND, Op.EVALUATING_GATES), "alice")

    await advance(runtime, clock, 10)
    assert seen(runtime, release_id, "production") == ((IP, Op.PHASE_IN_PROGRESS), "alice")
    await advance(runtime, clock, 1)
    assert seen(runtime, release_id, "production") == (SUCCEEDED, "alice")


async def test_who_deferred_stays_when_the_deferral_comes_due(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, production(1))
    alices = runtime.load(release_id).approvals[0].id
    until = clock.now() + timedelta(hours=1)

    runtime.execute(release_id, Approve(actor="alice", approval_id=alices, defer_until=until))
    await settle(runtime)
    assert seen(runtime, release_id, "production") == ((ND, Op.DEFERRED), "alice")

    await advance(runtime, clock, 3600)
    assert seen(runtime, release_id, "production") == ((IP, Op.PHASE_IN_PROGRESS), "alice")
    await advance(runtime, clock, 1)
    assert seen(runtime, release_id, "production") == (SUCCEEDED, "alice")


async def test_who_resumed_a_manual_step_stays_through_the_next_tasks(
    runtime: Runtime, clock: ManualClock
) -> None:
    source = staging("{name: check, kind: manualIntervention, approvers: [bob]}")
    release_id = await start(runtime, source)
    (check,) = runtime.load(release_id).interventions

    runtime.execute(release_id, ResumeManualIntervention(actor="bob", intervention_id=check.id))
    await settle(runtime)
    assert seen(runtime, release_id) == ((IP, Op.PHASE_IN_PROGRESS), "bob")

    await advance(runtime, clock, 5)
    assert seen(runtime, release_id) == (SUCCEEDED, "bob")


TIMED = definition(
    """
    name: timed
    environments:
      - name: production
        preDeployApprovals: {approvers: [alice], timeoutMinutes: 1}
        phases:
          - name: deploy
            runOn: SERVER
            tasks: [{name: deploy, kind: simulate}]
      - name: staging
        phases:
          - name: deploy
            runOn: SERVER
            tasks: [{name: check, kind: manualIntervention, timeoutMinutes: 1}]
      - name: hotfix
        trigger: MANUAL
        phases:
          - name: deploy
            runOn: SERVER
            tasks: [{name: deploy, kind: simulate}]
    """
)


async def test_a_timeout_answers_for_the_system_in_whoevers_command_finds_it(
    runtime: Runtime, clock: ManualClock
) -> None:
    release_id = await start(runtime, TIMED)
    hotfix = env(runtime.load(release_id), "hotfix").id

    clock.advance(60)  # no await: erin's command comes before the clock's tick
    runtime.execute(release_id, DeployEnvironment(actor="erin", environment_id=hotfix))
    await settle(runtime)

    state = runtime.load(release_id)
    assert seen(runtime, release_id, "production") == ((ND, Op.REJECTED), "system")
    assert seen(runtime, release_id, "staging") == ((St.FAILED, Op.PHASE_FAILED), "system")
    assert [i.acted_by for i in state.interventions] == ["system"]
    assert seen(runtime, release_id, "hotfix") == (SUCCEEDED, "erin")


THREE_ON_TWO_AGENTS = definition(
    """
    name: crowded
    environments:
      - name: staging
        phases: [{name: deploy, tasks: [{name: long, kind: simulate, durationSeconds: 10}]}]
      - name: eu
        phases: [{name: deploy, tasks: [{name: long, kind: simulate, durationSeconds: 10}]}]
      - name: us
        phases: [{name: deploy, tasks: [{name: long, kind: simulate, durationSeconds: 10}]}]
    """
)


async def test_a_cancel_credits_nobody_with_the_deployment_it_frees_an_agent_for(
    runtime: Runtime,
) -> None:
    release_id = await start(runtime, THREE_ON_TWO_AGENTS)
    assert seen(runtime, release_id, "us") == ((ND, Op.QUEUED_FOR_AGENT), "dave")

    await cancel(runtime, release_id)

    assert seen(runtime, release_id, "staging") == (CANCELED, "carol")
    assert seen(runtime, release_id, "us") == ((IP, Op.PHASE_IN_PROGRESS), "dave")
