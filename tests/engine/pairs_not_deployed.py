"""Scenarios of the NOT_DEPLOYED pairs: the attempt waits, or ended before any task ran."""

from __future__ import annotations

from datetime import timedelta

from releasegraph.engine.commands import Approve, CancelDeployment, DeployEnvironment, Reject
from releasegraph.engine.states import ApprovalStatus
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import EnvironmentStatus as Env
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from tests.engine.pairs_world import (
    IP,
    LONG,
    ND,
    Seen,
    World,
    environment,
    gates,
    pending_approval,
    phase,
    reaches,
)
from tests.support import latest


@reaches(ND, Op.QUEUED)
async def queued_behind_another_release(world: World) -> None:
    await world.start()
    definition_id = world.define(
        environment(queue={"maxParallel": 1, "policy": "SEQUENTIAL"}, phases=[phase(LONG)])
    )
    first = await world.release(definition_id)
    second = await world.release(definition_id)

    assert world.seen(first).pair == (IP, Op.PHASE_IN_PROGRESS)
    assert world.seen(second) == Seen((ND, Op.QUEUED), Env.QUEUED, Exec.RUNNING, [(ND, Op.QUEUED)])

    await world.advance(60)
    assert world.seen(second).history == [
        (ND, Op.QUEUED),
        (ND, Op.APPROVED),
        (IP, Op.PHASE_IN_PROGRESS),
    ]


@reaches(ND, Op.SCHEDULED)
async def deployment_scheduled_for_later(world: World) -> None:
    release_id = await world.run(environment(trigger="MANUAL"))
    prod = world.state(release_id).environment_named("prod")
    at = world.clock.now() + timedelta(hours=2)

    await world.act(
        release_id,
        DeployEnvironment(actor="erin", operator=True, environment_id=prod.id, scheduled_at=at),
    )

    seen = world.seen(release_id)
    assert seen == Seen((ND, Op.SCHEDULED), Env.SCHEDULED, Exec.SCHEDULED, [(ND, Op.SCHEDULED)])
    assert world.state(release_id).environment_named("prod").next_scheduled_time == at

    await world.advance(2 * 3600)
    assert world.seen(release_id).pair == (St.SUCCEEDED, Op.APPROVED)


@reaches(ND, Op.PENDING)
async def waiting_for_a_pre_deploy_approval(world: World) -> None:
    release_id = await world.run(environment(preDeployApprovals={"approvers": ["alice"]}))

    seen = world.seen(release_id)
    assert seen == Seen((ND, Op.PENDING), Env.IN_PROGRESS, Exec.ON_HOLD, [(ND, Op.PENDING)])


@reaches(ND, Op.APPROVED)
async def pre_deploy_approval_granted(world: World) -> None:
    release_id = await world.run(
        environment(preDeployApprovals={"approvers": ["alice"]}, phases=[phase(LONG)])
    )

    approval_id = pending_approval(world.state(release_id))
    await world.act(release_id, Approve(actor="alice", approval_id=approval_id))

    assert world.seen(release_id) == Seen(
        (IP, Op.PHASE_IN_PROGRESS),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [(ND, Op.PENDING), (ND, Op.APPROVED), (IP, Op.PHASE_IN_PROGRESS)],
    )


@reaches(ND, Op.REJECTED)
async def pre_deploy_approval_rejected(world: World) -> None:
    release_id = await world.run(environment(preDeployApprovals={"approvers": ["alice"]}))

    approval_id = pending_approval(world.state(release_id))
    await world.act(release_id, Reject(actor="alice", approval_id=approval_id))

    assert world.seen(release_id) == Seen(
        (ND, Op.REJECTED), Env.REJECTED, Exec.FAILED, [(ND, Op.PENDING), (ND, Op.REJECTED)]
    )


@reaches(ND, Op.DEFERRED)
async def approved_but_deferred(world: World) -> None:
    release_id = await world.run(environment(preDeployApprovals={"approvers": ["alice"]}))
    until = world.clock.now() + timedelta(hours=1)

    approval_id = pending_approval(world.state(release_id))
    await world.act(release_id, Approve(actor="alice", approval_id=approval_id, defer_until=until))

    assert world.seen(release_id) == Seen(
        (ND, Op.DEFERRED), Env.SCHEDULED, Exec.RUNNING, [(ND, Op.PENDING), (ND, Op.DEFERRED)]
    )
    assert world.state(release_id).environment_named("prod").next_scheduled_time == until

    await world.advance(3600)
    assert world.seen(release_id).pair == (St.SUCCEEDED, Op.APPROVED)


@reaches(ND, Op.QUEUED_FOR_AGENT)
async def no_agent_in_the_pool(world: World) -> None:
    await world.start(agents=0)
    release_id = await world.run(environment())

    assert world.seen(release_id) == Seen(
        (ND, Op.QUEUED_FOR_AGENT),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [(ND, Op.APPROVED), (ND, Op.QUEUED_FOR_AGENT)],
    )


@reaches(ND, Op.QUEUED_FOR_PIPELINE)
async def server_job_limit_used_up(world: World) -> None:
    await world.start(agents=2, job_limit=1)
    release_id = await world.run(
        environment("prod", phases=[phase(LONG)]), environment("eu", phases=[phase(LONG)])
    )

    assert world.seen(release_id, "prod").pair == (IP, Op.PHASE_IN_PROGRESS)
    assert world.seen(release_id, "eu") == Seen(
        (ND, Op.QUEUED_FOR_PIPELINE),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [(ND, Op.APPROVED), (ND, Op.QUEUED_FOR_PIPELINE)],
    )

    await world.advance(60)
    assert world.seen(release_id, "eu").pair == (IP, Op.PHASE_IN_PROGRESS)


@reaches(ND, Op.CANCELED)
async def canceled_while_waiting_for_approval(world: World) -> None:
    release_id = await world.run(environment(preDeployApprovals={"approvers": ["alice"]}))
    prod = world.state(release_id).environment_named("prod")

    await world.act(release_id, CancelDeployment(actor="carol", environment_id=prod.id))

    assert world.seen(release_id) == Seen(
        (ND, Op.CANCELED), Env.CANCELED, Exec.CANCELED, [(ND, Op.PENDING), (ND, Op.CANCELED)]
    )
    state = world.state(release_id)
    assert latest(state, "prod").last_modified_by == "carol"
    assert [a.status for a in state.approvals] == [ApprovalStatus.CANCELED]


@reaches(ND, Op.EVALUATING_GATES)
async def pre_deploy_gates_being_evaluated(world: World) -> None:
    release_id = await world.run(environment(gates=gates("PRE_DEPLOY", fail_times=1)))

    assert world.seen(release_id) == Seen(
        (ND, Op.EVALUATING_GATES),
        Env.IN_PROGRESS,
        Exec.RUNNING,
        [(ND, Op.APPROVED), (ND, Op.EVALUATING_GATES)],
    )

    await world.advance(30)
    assert world.seen(release_id).pair == (St.SUCCEEDED, Op.APPROVED)


@reaches(ND, Op.GATES_FAILED)
async def pre_deploy_gates_failed_and_ask_for_approval(world: World) -> None:
    release_id = await world.run(
        environment(gates=gates("PRE_DEPLOY", fail_times=9, on_failure="ASK_APPROVAL"))
    )

    await world.advance(60)

    assert world.seen(release_id) == Seen(
        (ND, Op.GATES_FAILED),
        Env.IN_PROGRESS,
        Exec.ON_HOLD,
        [(ND, Op.APPROVED), (ND, Op.EVALUATING_GATES), (ND, Op.GATES_FAILED)],
    )
    override = world.state(release_id).approvals[0]
    assert (override.approver, override.gate_override) == ("*", True)

    await world.act(release_id, Approve(actor="erin", operator=True, approval_id=override.id))
    assert world.seen(release_id).history[2:] == [
        (ND, Op.GATES_FAILED),
        (ND, Op.APPROVED),
        (IP, Op.PHASE_IN_PROGRESS),
        (IP, Op.PHASE_SUCCEEDED),
        (St.SUCCEEDED, Op.APPROVED),
    ]
