"""approvals: every approval oldest first, filtered, and each viewer's own inbox."""

from __future__ import annotations

import pytest

from releasegraph.runtime.clock import ManualClock
from tests.api import JSON, Api
from tests.resolvers.given import (
    approve,
    create_definition,
    create_release,
    errors,
    example,
    invalid,
)
from tests.support import definition, settle

APPROVALS = """
query($filter: ApprovalFilter, $first: Int! = 100) {
  approvals(filter: $filter, first: $first) {
    approver status canApprove environmentName release { definition { name } }
  }
}"""
IDS = """
{ approvals { id approver release { id definition { name } } } }"""
SEQUENTIAL = definition(
    """
    name: sequential
    environments:
      - name: production
        preDeployApprovals: {approvers: [alice, bob], requiredCount: 0, order: SEQUENTIAL}
        phases:
          - name: deploy
            tasks:
              - {name: deploy, kind: simulate, durationSeconds: 60}
    """
)


async def three_releases(api: Api, clock: ManualClock) -> dict[tuple[str, str], str]:
    """Pending pre-deploy approvals, a second apart, by (definition, approver) to their ids:
    ``approvals`` (alice or bob, one will do; by olivia), ``web-shop`` (alice or the group
    release-managers; by alice, who may not approve her own), ``sequential`` (alice, then
    bob; by ada)."""
    for source, creator in [
        (example("approvals"), "olivia"),
        (example("web-shop"), "alice"),
        (SEQUENTIAL, "ada"),
    ]:
        await create_release(api, await create_definition(api, source), start=True, as_user=creator)
        clock.advance(1)
    await settle(api.runtime)
    rows = (await api.data(IDS))["approvals"]
    return {(r["release"]["definition"]["name"], r["approver"]): r["id"] for r in rows}


def approval(definition: str, approver: str, status: str = "PENDING", can: bool = False) -> JSON:
    return {
        "approver": approver,
        "status": status,
        "canApprove": can,
        "environmentName": "staging" if definition == "web-shop" else "production",
        "release": {"definition": {"name": definition}},
    }


async def test_all_of_them_oldest_first(api: Api, clock: ManualClock) -> None:
    await three_releases(api, clock)

    data = await api.data(APPROVALS, as_user="bob")

    assert data == {
        "approvals": [
            approval("approvals", "alice"),
            approval("approvals", "bob", can=True),
            approval("web-shop", "alice"),
            approval("web-shop", "group:release-managers", can=True),
            approval("sequential", "alice"),
            approval("sequential", "bob"),
        ]
    }


@pytest.mark.parametrize(
    ("user", "inbox"),
    [
        ("alice", [("approvals", "alice"), ("sequential", "alice")]),
        ("bob", [("approvals", "bob"), ("web-shop", "group:release-managers")]),
        ("victor", []),
        ("olivia", []),
    ],
)
async def test_for_viewer_is_what_the_viewer_may_answer_now(
    api: Api, clock: ManualClock, user: str, inbox: list[tuple[str, str]]
) -> None:
    await three_releases(api, clock)

    data = await api.data(APPROVALS, {"filter": {"forViewer": True}}, as_user=user)

    assert data == {"approvals": [approval(d, a, can=True) for d, a in inbox]}


async def test_answers_change_the_inboxes(api: Api, clock: ManualClock) -> None:
    ids = await three_releases(api, clock)

    await approve(api, ids[("approvals", "alice")], as_user="alice")
    await approve(api, ids[("sequential", "alice")], as_user="alice")

    bob = await api.data(APPROVALS, {"filter": {"forViewer": True}}, as_user="bob")
    alice = await api.data(APPROVALS, {"filter": {"forViewer": True}}, as_user="alice")
    assert bob == {
        "approvals": [
            approval("web-shop", "group:release-managers", can=True),
            approval("sequential", "bob", can=True),
        ]
    }
    assert alice == {"approvals": []}


async def test_filters(api: Api, clock: ManualClock) -> None:
    ids = await three_releases(api, clock)
    await approve(api, ids[("approvals", "alice")], as_user="alice")
    release_of_shop = (await api.data(IDS))["approvals"][2]["release"]["id"]

    async def approvals(filter: JSON, first: int = 100) -> list[tuple[str, str, str]]:
        data = await api.data(APPROVALS, {"filter": filter, "first": first})
        return [
            (a["release"]["definition"]["name"], a["approver"], a["status"])
            for a in data["approvals"]
        ]

    assert await approvals({"status": ["APPROVED", "SKIPPED"]}) == [
        ("approvals", "alice", "APPROVED"),
        ("approvals", "bob", "SKIPPED"),
    ]
    assert await approvals({"pendingOnly": True}) == [
        ("web-shop", "alice", "PENDING"),
        ("web-shop", "group:release-managers", "PENDING"),
        ("sequential", "alice", "PENDING"),
        ("sequential", "bob", "PENDING"),
    ]
    assert await approvals({"pendingOnly": True}, first=1) == [("web-shop", "alice", "PENDING")]
    assert await approvals({"releaseId": release_of_shop}) == [
        ("web-shop", "alice", "PENDING"),
        ("web-shop", "group:release-managers", "PENDING"),
    ]
    assert await approvals({"status": ["REJECTED"]}) == []
    assert await approvals({}, first=0) == []


async def test_for_viewer_within_one_release_and_first(api: Api, clock: ManualClock) -> None:
    await three_releases(api, clock)
    release_of_shop = (await api.data(IDS))["approvals"][2]["release"]["id"]
    bob_in_shop = {"forViewer": True, "releaseId": release_of_shop}

    shop = await api.data(APPROVALS, {"filter": bob_in_shop}, as_user="bob")
    first = await api.data(APPROVALS, {"filter": {"forViewer": True}, "first": 1}, as_user="bob")

    assert shop == {"approvals": [approval("web-shop", "group:release-managers", can=True)]}
    assert first == {"approvals": [approval("approvals", "bob", can=True)]}


async def test_bad_arguments_are_refused(api: Api, clock: ManualClock) -> None:
    ids = await three_releases(api, clock)

    assert await errors(api, APPROVALS, {"first": 101}) == [
        invalid("`first` must be between 0 and 100, got 101", "approvals")
    ]
    not_a_release = {"filter": {"releaseId": ids[("approvals", "bob")]}}
    assert await errors(api, APPROVALS, not_a_release) == [
        invalid(
            "`releaseId` must be an id of type Release, got an id of type Approval", "approvals"
        )
    ]
