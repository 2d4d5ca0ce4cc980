"""The demo: its definitions, its bounded stream of releases, and ``serve --demo`` for real."""

from __future__ import annotations

import asyncio
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import col, select

from releasegraph.auth import DEMO_USERS
from releasegraph.cli.commands.serve import DEMO_CURL_QUERY
from releasegraph.cli.demo import (
    DEMO_ACTOR,
    DEMO_DIR,
    Demo,
    DemoSettings,
    StartedRelease,
    load_definitions,
    prepare,
)
from releasegraph.engine.states import ReleaseExecutionStatus, ReleaseStatus
from releasegraph.models import Release, ReleaseDefinitionRow
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from tests.e2e.server import Server, printed_users, running
from tests.waiting import DEADLINE, poll

JSON = dict[str, Any]
DEMO_DEFINITIONS = ["demo-approvals", "demo-flaky", "demo-pipeline", "demo-sign-off"]
EXAMPLES = ["approvals", "dag", "flaky", "web-shop"]
FIRST_MINUTE = 30.0  # what a newcomer must see: well within the first minute

WHAT_WAITS = """
query WhatWaits {
  releases(first: 50) { edges { node { executionStatus definition { name } } } }
  approvals(filter: {pendingOnly: true}) { stage canApprove release { definition { name } } }
  manualInterventions(filter: {pendingOnly: true}) {
    kind canAct task { name } release { definition { name } }
  }
}
"""


def definitions(runtime: Runtime) -> dict[str, int]:
    with runtime.read_session() as session:
        return {d.name: d.revision for d in session.exec(select(ReleaseDefinitionRow))}


def demo_releases(runtime: Runtime) -> list[Release]:
    with runtime.read_session() as session:
        query = select(Release).where(col(Release.created_by) == DEMO_ACTOR)
        return list(session.exec(query.order_by(col(Release.created_on), col(Release.name))))


# -- in process, with a hand-moved clock -----------------------------------------------------


async def test_prepare_loads_the_examples_and_returns_the_demo_definitions(
    runtime: Runtime,
) -> None:
    demo_ids = prepare(runtime)
    again = prepare(runtime)

    assert sorted(demo_ids) == DEMO_DEFINITIONS
    assert again == demo_ids
    assert definitions(runtime) == {name: 1 for name in DEMO_DEFINITIONS + EXAMPLES}


async def test_a_changed_definition_becomes_the_next_revision(
    runtime: Runtime, tmp_path: Path
) -> None:
    ids = load_definitions(runtime, [DEMO_DIR / "flaky.yaml"])
    changed = tmp_path / "flaky.yaml"
    shutil.copy(DEMO_DIR / "flaky.yaml", changed)
    changed.write_text(changed.read_text().replace("durationSeconds: 2", "durationSeconds: 3"))

    assert load_definitions(runtime, [changed]) == ids
    assert definitions(runtime) == {"demo-flaky": 2}


async def test_each_step_starts_what_is_missing_up_to_the_limit(runtime: Runtime) -> None:
    started: list[StartedRelease] = []
    demo = Demo(runtime, prepare(runtime), DemoSettings(), on_start=started.append)

    first, second, third = demo.step(), demo.step(), demo.step()

    assert [r.definition for r in first] == sorted(DEMO_DEFINITIONS)
    assert [(r.definition, r.name) for r in second] == [
        (name, "Release-2") for name in sorted(DEMO_DEFINITIONS)
    ]
    assert third == []
    assert started == first + second
    assert len(demo_releases(runtime)) == 2 * len(DEMO_DEFINITIONS)


async def test_releases_active_for_too_long_are_abandoned_and_replaced(
    runtime: Runtime, clock: ManualClock
) -> None:
    settings = DemoSettings(max_active_per_definition=1, max_age=timedelta(minutes=5))
    ids = prepare(runtime)
    demo = Demo(runtime, {"demo-approvals": ids["demo-approvals"]}, settings)
    demo.step()
    clock.advance(4 * 60)
    assert demo.step() == []

    clock.advance(60 + 1)
    replaced = demo.step()
    await asyncio.wait_for(runtime.idle(), DEADLINE)

    old, new = demo_releases(runtime)
    assert [r.name for r in replaced] == ["Release-2"]
    assert (old.status, old.execution_status) == (
        ReleaseStatus.ABANDONED,
        ReleaseExecutionStatus.CANCELED,
    )
    assert (new.name, new.status, new.execution_status) == (
        "Release-2",
        ReleaseStatus.ACTIVE,
        ReleaseExecutionStatus.ON_HOLD,
    )


# -- serve --demo, for real --------------------------------------------------------------------


def graphql(server: Server, token: str, query: str) -> JSON:
    response = httpx.post(
        server.graphql_url,
        json={"query": query},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    body: JSON = response.json()
    assert "errors" not in body, body
    data: JSON = body["data"]
    return data


def everything_a_newcomer_sees(data: JSON) -> set[str] | None:
    seen = set()
    statuses = {e["node"]["executionStatus"] for e in data["releases"]["edges"]}
    if "RUNNING" in statuses:
        seen.add("a running release")
    for approval in data["approvals"]:
        if approval["release"]["definition"]["name"] == "demo-approvals" and approval["canApprove"]:
            seen.add(f"a pending {approval['stage']} approval alice may answer")
    for intervention in data["manualInterventions"]:
        if intervention["canAct"]:
            seen.add(f"a {intervention['kind']} intervention at {intervention['task']['name']}")
    wanted = {
        "a running release",
        "a pending PRE_DEPLOY approval alice may answer",
        "a TASK intervention at check-dashboard",
        "a FAILURE intervention at smoke-test",
    }
    return seen if wanted <= seen else None


def test_serve_demo_shows_running_tasks_and_everything_that_waits_for_a_person(
    tmp_path: Path,
) -> None:
    with running(tmp_path, "--demo") as server:
        users = printed_users(server.stdout())
        alice = users["alice"].token

        seen = poll(
            lambda: everything_a_newcomer_sees(graphql(server, alice, WHAT_WAITS)),
            "a running release, a pending approval and two waiting interventions",
            deadline=FIRST_MINUTE,
        )
        viewers = {
            name: graphql(server, u.token, "{ viewer { name role } }") for name, u in users.items()
        }
        example = graphql(server, alice, DEMO_CURL_QUERY)
        code = server.terminate()

    assert "a running release" in seen
    assert {name: (u.role, u.groups) for name, u in users.items()} == {
        u.name: (u.role.value, ",".join(sorted(u.groups)) or "-") for u in DEMO_USERS
    }
    assert viewers == {
        u.name: {"viewer": {"name": u.name, "role": u.role.value}} for u in DEMO_USERS
    }
    assert "demo-approvals" in {a["release"]["definition"]["name"] for a in example["approvals"]}
    for name in DEMO_DEFINITIONS:
        assert f"demo: started {name} Release-1, id " in server.stdout()
    assert "curl -s " in server.stdout()
    assert code == 0
