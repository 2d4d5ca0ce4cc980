"""Agents and pipelines: a phase waits for a free agent or for the server-wide job limit;
server phases need neither."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlmodel import col, select

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from releasegraph.engine.pairs import Pair
from releasegraph.engine.states import DeploymentOperationStatus as Op
from releasegraph.engine.states import DeploymentStatus as St
from releasegraph.engine.states import DeployPhaseStatus, EnvironmentStatus
from releasegraph.engine.states import ReleaseExecutionStatus as Exec
from releasegraph.models import Agent
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.support import advance, definition, env, latest, pair, settle

RUNNING: Pair = (St.IN_PROGRESS, Op.PHASE_IN_PROGRESS)
DONE: Pair = (St.SUCCEEDED, Op.APPROVED)

ON_AGENT = definition(
    """
    name: on-agent
    environments:
      - name: staging
        phases:
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 10}
    """
)

SERVER_THEN_AGENT = definition(
    """
    name: server-then-agent
    environments:
      - name: staging
        phases:
          - name: check
            runOn: SERVER
            tasks:
              - {name: check, kind: wait, seconds: 1}
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 10}
    """
)

SERVER_ONLY = definition(
    """
    name: server-only
    environments:
      - name: staging
        phases:
          - name: check
            runOn: SERVER
            tasks:
              - {name: check, kind: wait, seconds: 1}
    """
)


async def started(settings: Settings, clock: ManualClock) -> AsyncIterator[Runtime]:
    runtime = Runtime(settings, clock=clock)
    await runtime.start()
    yield runtime
    await runtime.stop()


@pytest.fixture
async def one_agent(database_url: str, clock: ManualClock) -> AsyncIterator[Runtime]:
    async for runtime in started(Settings(database_url=database_url, agents=1), clock):
        yield runtime


@pytest.fixture
async def one_job(database_url: str, clock: ManualClock) -> AsyncIterator[Runtime]:
    settings = Settings(database_url=database_url, agents=2, job_limit=1)
    async for runtime in started(settings, clock):
        yield runtime


async def release_of(runtime: Runtime, definition_id: str) -> str:
    release_id = runtime.create_release(
        CreateRelease(actor="dave", definition_id=definition_id, start=True)
    )
    await settle(runtime)
    return release_id


def pairs(runtime: Runtime, release_ids: list[str]) -> list[Pair]:
    return [pair(latest(runtime.load(r), "staging")) for r in release_ids]


def busy_agents(runtime: Runtime) -> dict[str, str | None]:
    with runtime.session() as session:
        agents = session.exec(select(Agent).order_by(col(Agent.name)))
        return {a.name: a.release_id for a in agents}


async def test_a_deployment_waits_for_a_free_agent(one_agent: Runtime, clock: ManualClock) -> None:
    definition_id = one_agent.create_definition(
        CreateReleaseDefinition(actor="dave", source=ON_AGENT)
    ).id
    first = await release_of(one_agent, definition_id)
    second = await release_of(one_agent, definition_id)

    assert pairs(one_agent, [first, second]) == [RUNNING, (St.NOT_DEPLOYED, Op.QUEUED_FOR_AGENT)]
    state = one_agent.load(second)
    assert env(state, "staging").status == EnvironmentStatus.IN_PROGRESS
    assert state.release.execution_status == Exec.RUNNING
    assert [p.status for p in state.phases] == [DeployPhaseStatus.NOT_STARTED]
    assert busy_agents(one_agent) == {"local-1": first}

    await advance(one_agent, clock, 10)
    assert pairs(one_agent, [first, second]) == [DONE, RUNNING]
    assert [p.agent_name for p in one_agent.load(second).phases] == ["local-1"]
    assert busy_agents(one_agent) == {"local-1": second}

    await advance(one_agent, clock, 10)
    assert pairs(one_agent, [first, second]) == [DONE, DONE]
    assert busy_agents(one_agent) == {"local-1": None}


async def test_a_later_phase_waits_for_an_agent_in_progress(
    one_agent: Runtime, clock: ManualClock
) -> None:
    blocker = await release_of(
        one_agent,
        one_agent.create_definition(CreateReleaseDefinition(actor="dave", source=ON_AGENT)).id,
    )
    definition_id = one_agent.create_definition(
        CreateReleaseDefinition(actor="dave", source=SERVER_THEN_AGENT)
    ).id
    waiting = await release_of(one_agent, definition_id)
    assert pairs(one_agent, [blocker, waiting]) == [RUNNING, RUNNING]
    assert [p.agent_name for p in one_agent.load(waiting).phases] == [None, None]

    await advance(one_agent, clock, 1)
    assert pairs(one_agent, [waiting]) == [(St.IN_PROGRESS, Op.QUEUED_FOR_AGENT)]

    await advance(one_agent, clock, 9)
    assert pairs(one_agent, [blocker, waiting]) == [DONE, RUNNING]
    await advance(one_agent, clock, 10)
    assert pairs(one_agent, [waiting]) == [DONE]


async def test_server_phases_need_no_agent(one_agent: Runtime, clock: ManualClock) -> None:
    blocker = await release_of(
        one_agent,
        one_agent.create_definition(CreateReleaseDefinition(actor="dave", source=ON_AGENT)).id,
    )
    other = await release_of(
        one_agent,
        one_agent.create_definition(CreateReleaseDefinition(actor="dave", source=SERVER_ONLY)).id,
    )

    assert pairs(one_agent, [blocker, other]) == [RUNNING, RUNNING]
    await advance(one_agent, clock, 1)
    assert pairs(one_agent, [blocker, other]) == [RUNNING, DONE]
    assert busy_agents(one_agent) == {"local-1": blocker}


async def test_a_deployment_waits_for_the_pipeline_limit(
    one_job: Runtime, clock: ManualClock
) -> None:
    definition_id = one_job.create_definition(
        CreateReleaseDefinition(actor="dave", source=ON_AGENT)
    ).id
    first = await release_of(one_job, definition_id)
    second = await release_of(one_job, definition_id)

    assert pairs(one_job, [first, second]) == [RUNNING, (St.NOT_DEPLOYED, Op.QUEUED_FOR_PIPELINE)]
    assert busy_agents(one_job) == {"local-1": first, "local-2": None}

    await advance(one_job, clock, 10)
    assert pairs(one_job, [first, second]) == [DONE, RUNNING]
    await advance(one_job, clock, 10)
    assert pairs(one_job, [first, second]) == [DONE, DONE]


async def test_a_later_phase_waits_for_the_pipeline_in_progress(
    one_job: Runtime, clock: ManualClock
) -> None:
    blocker = await release_of(
        one_job,
        one_job.create_definition(CreateReleaseDefinition(actor="dave", source=ON_AGENT)).id,
    )
    waiting = await release_of(
        one_job,
        one_job.create_definition(
            CreateReleaseDefinition(actor="dave", source=SERVER_THEN_AGENT)
        ).id,
    )

    await advance(one_job, clock, 1)
    assert pairs(one_job, [blocker, waiting]) == [
        RUNNING,
        (St.IN_PROGRESS, Op.QUEUED_FOR_PIPELINE),
    ]
    await advance(one_job, clock, 9)
    assert pairs(one_job, [blocker, waiting]) == [DONE, RUNNING]
