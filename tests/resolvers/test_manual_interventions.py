"""manualInterventions: every pause oldest first, filtered, and each viewer's own."""

from __future__ import annotations

import pytest

from releasegraph.engine.commands import ResumeManualIntervention
from releasegraph.runtime.clock import ManualClock
from tests.api import JSON, Api
from tests.resolvers.given import create_definition, create_release, errors, invalid, raw_id
from tests.support import definition, settle

INTERVENTIONS = """
query($filter: ManualInterventionFilter, $first: Int! = 100) {
  manualInterventions(filter: $filter, first: $first) {
    kind status instructions approvers canAct task { name } release { definition { name } }
  }
}"""
IDS = """
{ manualInterventions { id release { id definition { name } } } }"""


def asking(name: str, approvers: str) -> str:
    return definition(
        f"""
        name: {name}
        environments:
          - name: production
            phases:
              - name: check
                runOn: SERVER
                tasks:
                  - {{name: {name}, kind: manualIntervention, instructions: "Look",
                     approvers: {approvers}}}
        """
    )


FAILING = definition(
    """
    name: failing
    environments:
      - name: production
        onTaskFailure: PROMPT
        phases:
          - name: deploy
            runOn: SERVER
            tasks:
              - {name: flaky, kind: simulate, failTimes: 1}
    """
)


async def three_pauses(api: Api, clock: ManualClock) -> dict[str, tuple[str, str]]:
    """A second apart: ``ask-bob`` (bob's), ``ask-managers`` (the group release-managers'),
    ``failing`` (a failed task: any operator's); by definition, (intervention, release) ids.
    """
    for source in [asking("ask-bob", "[bob]"), asking("ask-managers", "[group:release-managers]")]:
        await create_release(api, await create_definition(api, source), start=True)
        clock.advance(1)
    await create_release(api, await create_definition(api, FAILING), start=True)
    await settle(api.runtime)
    rows = (await api.data(IDS))["manualInterventions"]
    return {r["release"]["definition"]["name"]: (r["id"], r["release"]["id"]) for r in rows}


def pause(name: str, *, can: bool = False, status: str = "PENDING") -> JSON:
    approvers = {"ask-bob": ["bob"], "ask-managers": ["group:release-managers"]}
    return {
        "kind": "FAILURE" if name == "failing" else "TASK",
        "status": status,
        "instructions": "task 'flaky' failed" if name == "failing" else "Look",
        "approvers": approvers.get(name, []),
        "canAct": can,
        "task": {"name": "flaky" if name == "failing" else name},
        "release": {"definition": {"name": name}},
    }


async def test_all_of_them_oldest_first(api: Api, clock: ManualClock) -> None:
    await three_pauses(api, clock)

    data = await api.data(INTERVENTIONS, as_user="bob")

    assert data == {
        "manualInterventions": [
            pause("ask-bob", can=True),
            pause("ask-managers", can=True),
            pause("failing"),
        ]
    }


@pytest.mark.parametrize(
    ("user", "theirs"),
    [
        ("bob", ["ask-bob", "ask-managers"]),
        ("alice", ["ask-managers", "failing"]),
        ("olivia", ["failing"]),
        ("victor", []),
    ],
)
async def test_for_viewer_is_what_the_viewer_may_answer_now(
    api: Api, clock: ManualClock, user: str, theirs: list[str]
) -> None:
    await three_pauses(api, clock)

    data = await api.data(INTERVENTIONS, {"filter": {"forViewer": True}}, as_user=user)

    assert data == {"manualInterventions": [pause(name, can=True) for name in theirs]}


async def test_filters(api: Api, clock: ManualClock) -> None:
    ids = await three_pauses(api, clock)
    bobs, _ = ids["ask-bob"]
    command = ResumeManualIntervention(actor="bob", intervention_id=raw_id(bobs))
    api.runtime.execute(raw_id(ids["ask-bob"][1]), command)

    async def names(variables: JSON, as_user: str = "ada") -> list[str]:
        data = await api.data(INTERVENTIONS, variables, as_user=as_user)
        return [i["release"]["definition"]["name"] for i in data["manualInterventions"]]

    assert await names({"filter": {"status": ["APPROVED"]}}) == ["ask-bob"]
    assert await names({"filter": {"status": ["REJECTED", "CANCELED"]}}) == []
    assert await names({"filter": {"pendingOnly": True}}) == ["ask-managers", "failing"]
    assert await names({"filter": {"releaseId": ids["failing"][1]}}) == ["failing"]
    assert await names({"first": 1}) == ["ask-bob"]
    assert await names({"first": 0}) == []
    assert await names({"filter": {"forViewer": True}}, as_user="bob") == ["ask-managers"]
    mine_in_failing = {"forViewer": True, "releaseId": ids["failing"][1]}
    assert await names({"filter": mine_in_failing}, as_user="alice") == ["failing"]
    assert await names({"filter": {"forViewer": True}, "first": 1}, as_user="alice") == [
        "ask-managers"
    ]


async def test_bad_arguments_are_refused(api: Api, clock: ManualClock) -> None:
    ids = await three_pauses(api, clock)

    assert await errors(api, INTERVENTIONS, {"first": 101}) == [
        invalid("`first` must be between 0 and 100, got 101", "manualInterventions")
    ]
    not_a_release = {"filter": {"releaseId": ids["failing"][0]}}
    assert await errors(api, INTERVENTIONS, not_a_release) == [
        invalid(
            "`releaseId` must be an id of type Release, got an id of type ManualIntervention",
            "manualInterventions",
        )
    ]
