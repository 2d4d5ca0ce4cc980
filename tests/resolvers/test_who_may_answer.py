"""Who may answer is decided once: canApprove/canAct, the forViewer filters, the inputRequired
inbox and the mutations agree, for every kind of approver (a user, a group, the creator, an
operator, an admin), because they all ask ``engine.answerers``.

One release holds one item of each kind, each in its own environment so that answering one
changes nothing for the others. It is created by alice (an operator in release-managers).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from releasegraph.app import AppSettings
from releasegraph.runtime.clock import ManualClock
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings
from tests.subscriptions.wire import JSON, Served, connected, serving
from tests.support import advance, definition, settle

SOURCE = definition(
    """
    name: answerers
    environments:
      - name: named-user
        preDeployApprovals: {approvers: [bob]}
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: simulate}]}]
      - name: named-group
        preDeployApprovals: {approvers: ['group:release-managers'], creatorCanApprove: false}
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: simulate}]}]
      - name: gate-override
        gates: {stage: PRE_DEPLOY, samplingIntervalSeconds: 30, timeoutMinutes: 1,
                onFailure: ASK_APPROVAL, checks: [{name: c, kind: simulate, failTimes: 99}]}
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: simulate}]}]
      - name: nobody-named
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: manualIntervention}]}]
      - name: viewer-named
        phases:
          - name: p
            runOn: SERVER
            tasks: [{name: t, kind: manualIntervention, approvers: [victor]}]
    """
)
APPROVALS = {"named-user", "named-group", "gate-override"}
MAY_ANSWER = {
    "alice": {"gate-override", "nobody-named"},  # an operator, but the creator of the release
    "bob": {"named-user", "named-group"},  # a viewer in release-managers
    "olivia": {"gate-override", "nobody-named"},  # an operator
    "ada": {"gate-override", "nobody-named"},  # an admin
    "victor": {"viewer-named"},  # a viewer named by one step
}

RELEASE = """
query($id: ID!) {
  release(id: $id) {
    environments {
      name
      latestAttempt {
        preDeployApprovals { id canApprove }
        phases { manualInterventions { id canAct } }
      }
    }
  }
  approvals(filter: {forViewer: true}) { id }
  manualInterventions(filter: {forViewer: true}) { id }
}"""
INBOX = "subscription { inputRequired { approvals { id } manualInterventions { id } } }"
APPROVE = """
mutation($id: ID!) {
  approve(input: {approvalId: $id}) { __typename ... on Error { code } }
}"""
RESUME = """
mutation($id: ID!) {
  resumeManualIntervention(input: {manualInterventionId: $id}) {
    __typename ... on Error { code }
  }
}"""


@pytest.fixture
async def served(database_url: str, clock: ManualClock) -> AsyncIterator[Served]:
    settings = Settings(database_url=database_url, agents=0)
    async with serving(Runtime(settings, clock=clock), AppSettings()) as server:
        yield server


async def _release_waiting_on_every_kind(served: Served, clock: ManualClock) -> str:
    created = await served.data(
        "mutation($s: String!) { createReleaseDefinition(input: {source: $s}) {"
        " ... on CreateReleaseDefinitionPayload { definition { id } } } }",
        {"s": SOURCE},
        as_user="ada",
    )
    definition_id = created["createReleaseDefinition"]["definition"]["id"]
    started = await served.data(
        "mutation($d: ID!) { createRelease(input: {definitionId: $d, start: true}) {"
        " ... on CreateReleasePayload { release { id } } } }",
        {"d": definition_id},
        as_user="alice",
    )
    await settle(served.runtime)
    await advance(served.runtime, clock, 60)  # the gate times out and asks for an override
    release_id: str = started["createRelease"]["release"]["id"]
    return release_id


def _items(release: JSON) -> dict[str, tuple[str, bool]]:
    """Each environment's one open item: its id and what the API says of answering it."""
    items: dict[str, tuple[str, bool]] = {}
    for env in release["environments"]:
        attempt = env["latestAttempt"]
        pending = [(a["id"], a["canApprove"]) for a in attempt["preDeployApprovals"]]
        steps = [
            (m["id"], m["canAct"]) for p in attempt["phases"] for m in p["manualInterventions"]
        ]
        (items[env["name"]],) = pending + steps
    return items


@pytest.mark.parametrize("viewer", sorted(MAY_ANSWER))
async def test_every_surface_agrees_on_who_may_answer(
    served: Served, clock: ManualClock, viewer: str
) -> None:
    release_id = await _release_waiting_on_every_kind(served, clock)

    seen = await served.data(RELEASE, {"id": release_id}, as_user=viewer)
    async with connected(served, viewer) as socket:
        await socket.subscribe("inbox", INBOX)
        inbox = (await socket.next("inbox"))["inputRequired"]
    items = _items(seen["release"])
    answered: dict[str, JSON] = {}
    for name, (item_id, _) in items.items():
        document = APPROVE if name in APPROVALS else RESUME
        result = await served.data(document, {"id": item_id}, as_user=viewer)
        answered[name] = next(iter(result.values()))

    flags = {name for name, (_, may) in items.items() if may}
    ids = {item_id: name for name, (item_id, _) in items.items()}
    filtered = {ids[x["id"]] for x in seen["approvals"] + seen["manualInterventions"]}
    in_inbox = {ids[x["id"]] for x in inbox["approvals"] + inbox["manualInterventions"]}
    succeeded = {name for name, r in answered.items() if not r["__typename"].endswith("Error")}
    assert flags == filtered == in_inbox == succeeded == MAY_ANSWER[viewer]
    refused = [r["code"] for name, r in answered.items() if name not in succeeded]
    assert refused == ["PERMISSION_DENIED"] * (len(items) - len(MAY_ANSWER[viewer]))
