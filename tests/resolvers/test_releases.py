"""releases: keyset pages forward and backward, every filter, every order, and refusals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from releasegraph.runtime.clock import ManualClock
from tests.api import JSON, Api
from tests.resolvers.given import (
    create_definition,
    create_release,
    errors,
    invalid,
    raw_id,
    simple,
)
from tests.support import settle

RELEASES = """
query(
  $first: Int, $after: String, $last: Int, $before: String,
  $filter: ReleaseFilter, $orderBy: ReleaseOrder! = CREATED_ON_DESC
) {
  releases(
    first: $first, after: $after, last: $last, before: $before,
    filter: $filter, orderBy: $orderBy
  ) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name definition { name } } }
  }
}"""
NESTED = """
query($filter: ReleaseFilter) {
  releases(filter: $filter) {
    edges {
      node {
        name status executionStatus createdBy createdOn
        environments { name status latestAttempt { attempt status operationStatus } }
      }
    }
  }
}"""
DEFINITION_CURSOR = """
{ releaseDefinitions(first: 1) { pageInfo { endCursor } } }"""


@dataclass
class Catalogue:
    """Five releases of two definitions, one second apart from 00:00:00 (olivia's unless
    named): alpha-1 draft, beta-1 started by alice, alpha-2 started, alpha-3 draft by
    alice, beta-2 draft. Alpha deploys to staging, beta to production; both run an hour."""

    alpha: str
    beta: str
    ids: dict[str, str]


async def catalogue(api: Api, clock: ManualClock) -> Catalogue:
    alpha = await create_definition(api, simple("alpha", "staging", seconds=3600))
    beta = await create_definition(api, simple("beta", "production", seconds=3600))
    ids: dict[str, str] = {}
    for key, definition_id, start, user in [
        ("alpha-1", alpha, False, "olivia"),
        ("beta-1", beta, True, "alice"),
        ("alpha-2", alpha, True, "olivia"),
        ("alpha-3", alpha, False, "alice"),
        ("beta-2", beta, False, "olivia"),
    ]:
        ids[key] = await create_release(api, definition_id, start=start, as_user=user)
        clock.advance(1)
    await settle(api.runtime)
    return Catalogue(alpha=alpha, beta=beta, ids=ids)


def edge(key: str) -> JSON:
    """The edge of the catalogue's release ``key`` (``alpha-2``: alpha's Release-2)."""
    definition, number = key.split("-")
    return {"node": {"name": f"Release-{number}", "definition": {"name": definition}}}


def connection(keys: list[str], *, total: int, next: bool, previous: bool) -> JSON:
    return {
        "releases": {
            "totalCount": total,
            "pageInfo": {"hasNextPage": next, "hasPreviousPage": previous},
            "edges": [edge(key) for key in keys],
        }
    }


@dataclass
class Page:
    data: JSON
    """The answer without its cursors, which are opaque."""
    start: str | None
    end: str | None


async def page(api: Api, **variables: Any) -> Page:
    """One page; its start and end cursors are checked to be its first and last edges'."""
    data = await api.data(RELEASES, variables)
    info = data["releases"]["pageInfo"]
    cursors = [e.pop("cursor") for e in data["releases"]["edges"]]
    start, end = info.pop("startCursor"), info.pop("endCursor")
    assert (start, end) == ((cursors[0], cursors[-1]) if cursors else (None, None))
    return Page(data=data, start=start, end=end)


async def test_the_newest_come_first_with_the_total_count(api: Api, clock: ManualClock) -> None:
    await catalogue(api, clock)

    result = await page(api, first=2)

    assert result.data == connection(["beta-2", "alpha-3"], total=5, next=True, previous=False)


async def test_pages_forward_walk_every_release_once(api: Api, clock: ManualClock) -> None:
    await catalogue(api, clock)

    first = await page(api, first=2)
    second = await page(api, first=2, after=first.end)
    third = await page(api, first=2, after=second.end)

    assert second.data == connection(["alpha-2", "beta-1"], total=5, next=True, previous=True)
    assert third.data == connection(["alpha-1"], total=5, next=False, previous=True)


async def test_pages_backward_walk_every_release_once(api: Api, clock: ManualClock) -> None:
    await catalogue(api, clock)

    last = await page(api, last=2)
    before = await page(api, last=2, before=last.start)
    first = await page(api, last=2, before=before.start)

    assert last.data == connection(["beta-1", "alpha-1"], total=5, next=False, previous=True)
    assert before.data == connection(["alpha-3", "alpha-2"], total=5, next=True, previous=True)
    assert first.data == connection(["beta-2"], total=5, next=True, previous=False)


async def test_a_page_between_two_cursors(api: Api, clock: ManualClock) -> None:
    await catalogue(api, clock)
    ends = [(await page(api, first=1)).end, (await page(api, last=1)).start]

    result = await page(api, first=10, after=ends[0], before=ends[1])

    assert result.data == connection(
        ["alpha-3", "alpha-2", "beta-1"], total=5, next=True, previous=True
    )


async def test_a_cursor_stays_put_when_newer_releases_arrive(api: Api, clock: ManualClock) -> None:
    given = await catalogue(api, clock)
    first = await page(api, first=2)
    await create_release(api, given.alpha)

    second = await page(api, first=2, after=first.end)

    assert second.data == connection(["alpha-2", "beta-1"], total=6, next=True, previous=True)


async def test_a_page_of_none_still_says_whether_more_follow(api: Api, clock: ManualClock) -> None:
    await catalogue(api, clock)

    result = await page(api, first=0)

    assert result.data == connection([], total=5, next=True, previous=False)


async def test_without_first_or_last_a_page_holds_20(api: Api, clock: ManualClock) -> None:
    definition_id = await create_definition(api, simple("many"))
    for _ in range(21):
        await create_release(api, definition_id)
        clock.advance(1)

    data = await api.data("{ releases { totalCount edges { node { number } } } }")

    numbers = [{"node": {"number": n}} for n in range(21, 1, -1)]
    assert data == {"releases": {"totalCount": 21, "edges": numbers}}


@pytest.mark.parametrize(
    ("order", "keys"),
    [
        ("CREATED_ON_DESC", ["beta-2", "alpha-3", "alpha-2", "beta-1", "alpha-1"]),
        ("CREATED_ON_ASC", ["alpha-1", "beta-1", "alpha-2", "alpha-3", "beta-2"]),
    ],
)
async def test_by_creation_time(api: Api, clock: ManualClock, order: str, keys: list[str]) -> None:
    await catalogue(api, clock)

    result = await page(api, orderBy=order)

    assert result.data == connection(keys, total=5, next=False, previous=False)


@pytest.mark.parametrize("order", ["NAME_ASC", "NAME_DESC"])
async def test_by_name_one_at_a_time_ties_broken_by_id(
    api: Api, clock: ManualClock, order: str
) -> None:
    given = await catalogue(api, clock)
    by_name = sorted(given.ids, key=lambda k: (edge(k)["node"]["name"], raw_id(given.ids[k])))
    expected = by_name if order == "NAME_ASC" else by_name[::-1]

    walked: list[JSON] = []
    cursor = None
    for _ in range(5):
        result = await page(api, first=1, after=cursor, orderBy=order)
        walked += result.data["releases"]["edges"]
        cursor = result.end

    assert walked == [edge(key) for key in expected]
    assert (await page(api, first=1, after=cursor, orderBy=order)).data == connection(
        [], total=5, next=False, previous=True
    )


@pytest.mark.parametrize(
    ("filter", "keys"),
    [
        ({"status": ["DRAFT"]}, ["beta-2", "alpha-3", "alpha-1"]),
        ({"status": ["ACTIVE", "ABANDONED"]}, ["alpha-2", "beta-1"]),
        ({"executionStatus": ["RUNNING"]}, ["alpha-2", "beta-1"]),
        ({"executionStatus": ["NOT_STARTED"]}, ["beta-2", "alpha-3", "alpha-1"]),
        ({"environmentName": "production"}, ["beta-2", "beta-1"]),
        ({"environmentStatus": ["IN_PROGRESS"]}, ["alpha-2", "beta-1"]),
        ({"environmentName": "staging", "environmentStatus": ["IN_PROGRESS"]}, ["alpha-2"]),
        ({"environmentName": "production", "environmentStatus": ["NOT_STARTED"]}, ["beta-2"]),
        ({"environmentName": "production", "environmentStatus": ["SUCCEEDED"]}, []),
        ({"createdAfter": "2026-01-01T00:00:02Z"}, ["beta-2", "alpha-3", "alpha-2"]),
        ({"createdBefore": "2026-01-01T00:00:02Z"}, ["beta-1", "alpha-1"]),
        (
            {"createdAfter": "2026-01-01T00:00:01Z", "createdBefore": "2026-01-01T00:00:03Z"},
            ["alpha-2", "beta-1"],
        ),
        ({"createdBy": "alice"}, ["alpha-3", "beta-1"]),
        ({"createdBy": "victor"}, []),
        ({"status": []}, []),
    ],
)
async def test_filters(api: Api, clock: ManualClock, filter: JSON, keys: list[str]) -> None:
    await catalogue(api, clock)

    result = await page(api, filter=filter)

    assert result.data == connection(keys, total=len(keys), next=False, previous=False)


async def test_filter_by_definition_with_other_fields(api: Api, clock: ManualClock) -> None:
    given = await catalogue(api, clock)

    alpha = await page(api, filter={"definitionId": given.alpha})
    olivias_drafts = await page(
        api, filter={"definitionId": given.alpha, "status": ["DRAFT"], "createdBy": "olivia"}
    )

    assert alpha.data == connection(
        ["alpha-3", "alpha-2", "alpha-1"], total=3, next=False, previous=False
    )
    assert olivias_drafts.data == connection(["alpha-1"], total=1, next=False, previous=False)


async def test_a_filtered_page_of_nested_fields(api: Api, clock: ManualClock) -> None:
    await catalogue(api, clock)

    data = await api.data(NESTED, {"filter": {"createdBy": "alice"}})

    assert data == {
        "releases": {
            "edges": [
                {
                    "node": {
                        "name": "Release-3",
                        "status": "DRAFT",
                        "executionStatus": "NOT_STARTED",
                        "createdBy": "alice",
                        "createdOn": "2026-01-01T00:00:03+00:00",
                        "environments": [
                            {"name": "staging", "status": "NOT_STARTED", "latestAttempt": None}
                        ],
                    }
                },
                {
                    "node": {
                        "name": "Release-1",
                        "status": "ACTIVE",
                        "executionStatus": "RUNNING",
                        "createdBy": "alice",
                        "createdOn": "2026-01-01T00:00:01+00:00",
                        "environments": [
                            {
                                "name": "production",
                                "status": "IN_PROGRESS",
                                "latestAttempt": {
                                    "attempt": 1,
                                    "status": "IN_PROGRESS",
                                    "operationStatus": "PHASE_IN_PROGRESS",
                                },
                            }
                        ],
                    }
                },
            ]
        }
    }


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": 101}, "`first` must be between 0 and 100, got 101"),
        ({"last": 101}, "`last` must be between 0 and 100, got 101"),
        ({"first": -1}, "`first` must be between 0 and 100, got -1"),
        ({"first": 1, "last": 1}, "give `first` or `last`, not both"),
        ({"after": "not-a-cursor"}, "`after` is not a cursor: 'not-a-cursor'"),
        ({"before": "WyJ4Il0="}, "`before` is not a cursor: 'WyJ4Il0='"),
    ],
)
async def test_bad_page_arguments_are_refused(api: Api, variables: JSON, message: str) -> None:
    assert await errors(api, RELEASES, variables) == [invalid(message, "releases")]


async def test_a_cursor_of_another_order_or_connection_is_refused(
    api: Api, clock: ManualClock
) -> None:
    await catalogue(api, clock)
    by_name = await page(api, first=1, orderBy="NAME_ASC")
    definitions = await api.data(DEFINITION_CURSOR)
    of_definitions = definitions["releaseDefinitions"]["pageInfo"]["endCursor"]

    assert await errors(api, RELEASES, {"after": by_name.end}) == [
        invalid(
            "`after` is a cursor of the order 'Release.name', not of 'Release.createdOn'",
            "releases",
        )
    ]
    assert await errors(api, RELEASES, {"after": of_definitions, "orderBy": "NAME_ASC"}) == [
        invalid(
            "`after` is a cursor of the order 'ReleaseDefinition.name', not of 'Release.name'",
            "releases",
        )
    ]


async def test_a_definition_id_of_another_type_is_refused(api: Api, clock: ManualClock) -> None:
    given = await catalogue(api, clock)

    result = await errors(api, RELEASES, {"filter": {"definitionId": given.ids["alpha-1"]}})

    assert result == [
        invalid(
            "`definitionId` must be an id of type ReleaseDefinition, got an id of type Release",
            "releases",
        )
    ]
