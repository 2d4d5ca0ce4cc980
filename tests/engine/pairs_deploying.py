"""Scenarios of the pairs once tasks run: IN_PROGRESS, and every final pair after it."""

from __future__ import annotations

from releasegraph.engine.commands import Approve, CancelDeployment, Reject
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import EnvironmentStatus as Env
from releasegraph.engine.states import ManualInterventionStatus
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from tests.engine.pairs_world import (
    DEPLOYED,
    FAILING,
    IP,
    LONG,
    ND,
    SHORT,
    Json,
    Seen,
    World,
    environment,
    gates,
    pending_approval,
    phase,
    reaches,
)
from tests.support import latest

# --- IN_PROGRESS: tasks run, or ran and the post-deploy stage waits ----------------------


@reaches(IP, Op.PHASE_IN_PROGRESS)
async def a_task_runs_on_an_agent(world: World) -> None:
    release_id = await world.run(environment(phases=[phase(LONG)]))

    assert world.seen(release_id) == Seen(
        (IP, Op.PHASE_IN_PROGRESS),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [(ND, Op.APPROVED), (IP, Op.PHASE_IN_PROGRESS)],
    )


@reaches(IP, Op.MANUAL_INTERVENTION_PENDING)
async def a_manual_step_waits(world: World) -> None:
    check: Json = {"name": "check", "kind": "manualIntervention", "approvers": ["alice"]}
    release_id = await world.run(environment(phases=[phase(check, run_on="SERVER")]))

    assert world.seen(release_id) == Seen(
        (IP, Op.MANUAL_INTERVENTION_PENDING),
        Env.IN_PROGRESS,
        Exec.ON_HOLD,
        [(ND, Op.APPROVED), (IP, Op.PHASE_IN_PROGRESS), (IP, Op.MANUAL_INTERVENTION_PENDING)],
    )
    [intervention] = world.state(release_id).interventions
    assert intervention.status == ManualInterventionStatus.PENDING


@reaches(IP, Op.PHASE_SUCCEEDED)
async def first_phase_done_second_begins(world: World) -> None:
    build = {"name": "build", "kind": "simulate", "durationSeconds": 10}
    release_id = await world.run(
        environment(phases=[phase(build, name="build"), phase(LONG, name="deploy")])
    )

    await world.advance(10)

    assert world.seen(release_id) == Seen(
        (IP, Op.PHASE_IN_PROGRESS),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [
            (ND, Op.APPROVED),
            (IP, Op.PHASE_IN_PROGRESS),
            (IP, Op.PHASE_SUCCEEDED),
            (IP, Op.PHASE_IN_PROGRESS),
        ],
    )


@reaches(IP, Op.PENDING)
async def waiting_for_a_post_deploy_approval(world: World) -> None:
    release_id = await world.run(environment(postDeployApprovals={"approvers": ["alice"]}))

    assert world.seen(release_id) == Seen(
        (IP, Op.PENDING),
        Env.IN_PROGRESS,
        Exec.ON_HOLD,
        [(ND, Op.APPROVED), (IP, Op.PHASE_IN_PROGRESS), (IP, Op.PHASE_SUCCEEDED), (IP, Op.PENDING)],
    )


def server_then_agent() -> list[Json]:
    """``prod`` prepares on the server for 10 s, then needs an agent that ``eu`` holds for 60 s."""
    prepare = {"name": "prepare", "kind": "simulate", "durationSeconds": 10}
    return [
        environment(
            "prod",
            phases=[phase(prepare, name="prepare", run_on="SERVER"), phase(SHORT, name="deploy")],
        ),
        environment("eu", phases=[phase(LONG)]),
    ]


AFTER_FIRST_PHASE = [
    (ND, Op.APPROVED),
    (IP, Op.PHASE_IN_PROGRESS),
    (IP, Op.PHASE_SUCCEEDED),
]


@reaches(IP, Op.QUEUED_FOR_AGENT)
async def second_phase_waits_for_an_agent(world: World) -> None:
    await world.start(agents=1)
    release_id = await world.run(*server_then_agent())

    await world.advance(10)

    assert world.seen(release_id, "prod") == Seen(
        (IP, Op.QUEUED_FOR_AGENT),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [*AFTER_FIRST_PHASE, (IP, Op.QUEUED_FOR_AGENT)],
    )

    await world.advance(50)
    assert world.seen(release_id, "prod").pair == (St.SUCCEEDED, Op.APPROVED)


@reaches(IP, Op.QUEUED_FOR_PIPELINE)
async def second_phase_waits_for_the_job_limit(world: World) -> None:
    await world.start(agents=2, job_limit=1)
    release_id = await world.run(*server_then_agent())

    await world.advance(10)

    assert world.seen(release_id, "prod") == Seen(
        (IP, Op.QUEUED_FOR_PIPELINE),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [*AFTER_FIRST_PHASE, (IP, Op.QUEUED_FOR_PIPELINE)],
    )

    await world.advance(50)
    assert world.seen(release_id, "prod").pair == (St.SUCCEEDED, Op.APPROVED)


@reaches(IP, Op.CANCELLING)
async def canceled_while_an_always_run_task_finishes(world: World) -> None:
    cleanup = {"name": "cleanup", "kind": "simulate", "durationSeconds": 30, "alwaysRun": True}
    release_id = await world.run(environment(phases=[phase(LONG, cleanup)]))
    prod = world.state(release_id).environment_named("prod")

    await world.act(release_id, CancelDeployment(actor="carol", environment_id=prod.id))

    running = [(ND, Op.APPROVED), (IP, Op.PHASE_IN_PROGRESS)]
    assert world.seen(release_id) == Seen(
        (IP, Op.CANCELLING), Env.IN_PROGRESS, Exec.RUNNING, [*running, (IP, Op.CANCELLING)]
    )

    await world.advance(30)
    assert world.seen(release_id) == Seen(
        (St.FAILED, Op.CANCELED),
        Env.CANCELED,
        Exec.CANCELED,
        [*running, (IP, Op.CANCELLING), (St.FAILED, Op.CANCELED)],
    )


@reaches(IP, Op.EVALUATING_GATES)
async def post_deploy_gates_being_evaluated(world: World) -> None:
    release_id = await world.run(environment(gates=gates("POST_DEPLOY", fail_times=1)))

    assert world.seen(release_id) == Seen(
        (IP, Op.EVALUATING_GATES),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [*DEPLOYED, (IP, Op.EVALUATING_GATES)],
    )

    await world.advance(30)
    assert world.seen(release_id).pair == (St.SUCCEEDED, Op.APPROVED)


@reaches(IP, Op.GATES_FAILED)
async def post_deploy_gates_failed_and_ask_for_approval(world: World) -> None:
    release_id = await world.run(
        environment(gates=gates("POST_DEPLOY", fail_times=9, on_failure="ASK_APPROVAL"))
    )

    await world.advance(60)

    assert world.seen(release_id) == Seen(
        (IP, Op.GATES_FAILED),
        Env.IN_PROGRESS,
        Exec.ON_HOLD,
        [*DEPLOYED, (IP, Op.EVALUATING_GATES), (IP, Op.GATES_FAILED)],
    )

    override = pending_approval(world.state(release_id))
    await world.act(release_id, Approve(actor="erin", operator=True, approval_id=override))
    assert world.seen(release_id).pair == (St.SUCCEEDED, Op.APPROVED)


# --- final pairs ----------------------------------------------------------------------


@reaches(St.SUCCEEDED, Op.APPROVED)
async def everything_passed(world: World) -> None:
    release_id = await world.run(environment())

    assert world.seen(release_id) == Seen(
        (St.SUCCEEDED, Op.APPROVED),
        Env.SUCCEEDED,
        Exec.SUCCEEDED,
        [*DEPLOYED, (St.SUCCEEDED, Op.APPROVED)],
    )


@reaches(St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED)
async def a_continue_on_error_task_failed(world: World) -> None:
    lint = {"name": "lint", "kind": "simulate", "outcome": "FAILED", "continueOnError": True}
    release_id = await world.run(environment(phases=[phase(lint, SHORT)]))

    assert world.seen(release_id) == Seen(
        (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED),
        Env.PARTIALLY_SUCCEEDED,
        Exec.PARTIAL_SUCCESS,
        [*DEPLOYED, (St.PARTIALLY_SUCCEEDED, Op.PHASE_PARTIALLY_SUCCEEDED)],
    )


@reaches(St.FAILED, Op.PHASE_FAILED)
async def a_task_failed(world: World) -> None:
    release_id = await world.run(environment(phases=[phase(FAILING)]))

    assert world.seen(release_id) == Seen(
        (St.FAILED, Op.PHASE_FAILED),
        Env.FAILED,
        Exec.FAILED,
        [(ND, Op.APPROVED), (IP, Op.PHASE_IN_PROGRESS), (St.FAILED, Op.PHASE_FAILED)],
    )


@reaches(St.FAILED, Op.CANCELED)
async def canceled_while_a_task_ran(world: World) -> None:
    release_id = await world.run(environment(phases=[phase(LONG)]))
    prod = world.state(release_id).environment_named("prod")

    await world.act(release_id, CancelDeployment(actor="carol", environment_id=prod.id))

    assert world.seen(release_id) == Seen(
        (St.FAILED, Op.CANCELED),
        Env.CANCELED,
        Exec.CANCELED,
        [(ND, Op.APPROVED), (IP, Op.PHASE_IN_PROGRESS), (St.FAILED, Op.CANCELED)],
    )
    assert latest(world.state(release_id), "prod").last_modified_by == "carol"


@reaches(St.FAILED, Op.REJECTED)
async def post_deploy_approval_rejected(world: World) -> None:
    release_id = await world.run(environment(postDeployApprovals={"approvers": ["alice"]}))

    approval_id = pending_approval(world.state(release_id))
    await world.act(release_id, Reject(actor="alice", approval_id=approval_id))

    assert world.seen(release_id) == Seen(
        (St.FAILED, Op.REJECTED),
        Env.REJECTED,
        Exec.FAILED,
        [*DEPLOYED, (IP, Op.PENDING), (St.FAILED, Op.REJECTED)],
    )


@reaches(St.FAILED, Op.GATES_FAILED)
async def post_deploy_gates_failed_and_reject(world: World) -> None:
    release_id = await world.run(environment(gates=gates("POST_DEPLOY", fail_times=9)))

    await world.advance(60)

    assert world.seen(release_id) == Seen(
        (St.FAILED, Op.GATES_FAILED),
        Env.REJECTED,
        Exec.FAILED,
        [*DEPLOYED, (IP, Op.EVALUATING_GATES), (St.FAILED, Op.GATES_FAILED)],
    )
