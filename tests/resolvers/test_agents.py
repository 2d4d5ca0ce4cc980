"""agents: every agent by name, what it runs now, filtered by pool and status."""

from __future__ import annotations

import pytest

from releasegraph.runtime.agents import register_local
from releasegraph.runtime.settings import Settings
from tests.api import JSON, Api
from tests.resolvers.given import create_definition, create_release, simple
from tests.support import settle

AGENTS = """
query($pool: String, $status: AgentStatus) {
  agents(pool: $pool, status: $status) {
    name pool status enabled busy lastSeen
    currentPhase { name status }
  }
}"""


def agent(name: str, *, status: str = "ONLINE", phase: JSON | None = None) -> JSON:
    return {
        "name": name,
        "pool": "default",
        "status": status,
        "enabled": True,
        "busy": phase is not None,
        "lastSeen": "2026-01-01T00:00:00+00:00",
        "currentPhase": phase,
    }


async def test_idle_agents(api: Api) -> None:
    data = await api.data(AGENTS)

    assert data == {"agents": [agent("local-1"), agent("local-2")]}


async def test_a_busy_agent_shows_the_phase_it_runs(api: Api) -> None:
    await create_release(api, await create_definition(api, simple("busy")), start=True)
    await settle(api.runtime)

    data = await api.data(AGENTS, as_user="victor")

    running = {"name": "deploy", "status": "IN_PROGRESS"}
    assert data == {"agents": [agent("local-1", phase=running), agent("local-2")]}


@pytest.mark.parametrize(
    ("variables", "names"),
    [
        ({"status": "ONLINE"}, ["local-1"]),
        ({"status": "OFFLINE"}, ["local-2"]),
        ({"pool": "default"}, ["local-1", "local-2"]),
        ({"pool": "gpu"}, []),
        ({"pool": "default", "status": "OFFLINE"}, ["local-2"]),
    ],
)
async def test_filters(api: Api, variables: JSON, names: list[str]) -> None:
    # Fewer local agents than before: the idle one left over goes offline.
    with api.runtime.session() as session:
        register_local(session, Settings(agents=1), api.runtime.clock.now())
        session.commit()

    data = await api.data(AGENTS, variables)

    statuses = {"local-1": "ONLINE", "local-2": "OFFLINE"}
    assert data == {"agents": [agent(n, status=statuses[n]) for n in names]}


QUEUE = """
query($pool: String) {
  agentQueue(pool: $pool) {
    releaseId releaseName environmentName waitingSince phase { name pool status }
  }
}"""


async def test_the_queue_lists_phases_waiting_for_an_agent_oldest_first(api: Api) -> None:
    created = []
    for name in ("first", "second", "third", "fourth"):  # two local agents: two wait
        definition_id = await create_definition(api, simple(name))
        created.append(await create_release(api, definition_id, start=True))
        await settle(api.runtime)

    waiting = (await api.data(QUEUE, {"pool": "default"}, as_user="victor"))["agentQueue"]
    elsewhere = (await api.data(QUEUE, {"pool": "linux"}))["agentQueue"]

    phase = {"name": "deploy", "pool": "default", "status": "NOT_STARTED"}
    assert [(q["releaseId"], q["environmentName"], q["phase"]) for q in waiting] == [
        (created[2], "staging", phase),
        (created[3], "staging", phase),
    ]
    assert {q["releaseName"] for q in waiting} == {"Release-1"}  # each of its definition
    assert waiting[0]["waitingSince"] <= waiting[1]["waitingSince"]
    assert elsewhere == []
