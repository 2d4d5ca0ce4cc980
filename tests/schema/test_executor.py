"""The executor's shortcut for plain leaves answers exactly as graphql-core's own road does.

A small schema of its own holds every kind of leaf the shortcut reads (built-in scalars,
an enum, a custom scalar, a node's global id, nullable and not), the values that must
be errors (a null in a non-null field, an Int out of range, a value its type cannot
serialize) and values graphql-core coerces (a bool for an Int). Each document is
executed with ``Executor`` and with Strawberry's default executor; data and errors
must be the same.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any

import pytest
import strawberry
from strawberry import relay
from strawberry.extensions import SchemaExtension

from releasegraph.schema.executor import Executor, _call_with_room


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Item(relay.Node):
    id: relay.NodeID[str]
    name: str
    count: int
    ratio: float
    ok: bool
    colour: Colour
    at: datetime
    note: str | None
    size: int | None
    tags: list[str]

    @strawberry.field
    def loud(self) -> str:
        return self.name.upper()

    @classmethod
    def resolve_nodes(  # type: ignore[override]
        cls, *, info: Any, node_ids: Any, required: bool = False
    ) -> list[Item | None]:
        return [None for _ in node_ids]


def item(**changes: Any) -> Item:
    fields: dict[str, Any] = {
        "id": "i-1",
        "name": "one",
        "count": 3,
        "ratio": 0.5,
        "ok": True,
        "colour": Colour.BLUE,
        "at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "note": None,
        "size": 7,
        "tags": ["a", "b"],
    }
    return Item(**(fields | changes))


GOOD = [item(), item(id="i-2", name="two", note="n", size=None, ok=False, colour=Colour.RED)]
BAD = {
    "null in a non-null field": item(name=None),
    "an Int out of range": item(count=2**40),
    "a str where a Boolean is wanted": item(ok="yes"),
    "a value the enum does not know": item(colour="green"),
    "a str where a time is wanted": item(at="noon"),
}
COERCED = {
    "a bool where an Int is wanted": item(count=True),
    "an int for a global id": item(id=5),
}


@strawberry.type
class Query:
    @strawberry.field
    def items(self, case: str | None = None) -> list[Item]:
        return GOOD if case is None else [(BAD | COERCED)[case]]


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def items(self, count: int) -> AsyncGenerator[Item, None]:
        for number in range(count):
            yield GOOD[number % 2]


class Shouting(SchemaExtension):
    """An extension that wraps every resolver: the shortcut must step aside for it."""

    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        value = _next(root, info, *args, **kwargs)
        return value.upper() if isinstance(value, str) and info.field_name == "name" else value


ALL_FIELDS = """
query($case: String) {
  items(case: $case) {
    __typename id name count ratio ok colour at note size tags loud
    again: name
    ... on Item { count }
  }
}"""


def answer(schema: strawberry.Schema, case: str | None) -> dict[str, Any]:
    result = schema.execute_sync(ALL_FIELDS, variable_values={"case": case})
    return {
        "data": result.data,
        "errors": [(e.message, e.path) for e in result.errors or []],
    }


def schemas(*extensions: type[SchemaExtension]) -> tuple[strawberry.Schema, strawberry.Schema]:
    return (
        strawberry.Schema(query=Query, extensions=extensions, execution_context_class=Executor),
        strawberry.Schema(query=Query, extensions=extensions),
    )


def test_plain_leaves_read_directly_give_the_same_data() -> None:
    ours, theirs = schemas()
    mine = answer(ours, None)
    assert mine == answer(theirs, None)
    assert mine["errors"] == []
    assert mine["data"]["items"][1]["colour"] == "RED"


@pytest.mark.parametrize("case", sorted(BAD))
def test_values_that_are_errors_give_the_same_errors(case: str) -> None:
    ours, theirs = schemas()
    mine = answer(ours, case)
    assert mine == answer(theirs, case)
    assert mine["errors"], case


@pytest.mark.parametrize("case", sorted(COERCED))
def test_values_graphql_core_coerces_are_coerced_alike(case: str) -> None:
    ours, theirs = schemas()
    mine = answer(ours, case)
    assert mine == answer(theirs, case)
    assert mine["errors"] == []


def test_an_extension_that_wraps_resolvers_still_sees_every_field() -> None:
    ours, theirs = schemas(Shouting)
    mine = answer(ours, None)
    assert mine == answer(theirs, None)
    assert [i["name"] for i in mine["data"]["items"]] == ["ONE", "TWO"]


async def test_each_subscription_event_starts_with_empty_caches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The executor of each event is a copy of the subscription's: what one event collects
    and plans must not pile up in the subscription's for as long as it lasts."""
    schema = strawberry.Schema(
        query=Query, subscription=Subscription, execution_context_class=Executor
    )
    kept: list[tuple[int, int]] = []
    build = Executor.build_per_event_executor

    def recording(self: Executor, payload: Any) -> Executor:
        kept.append((len(self._plans), len(self._relevant_sub_fields)))
        return build(self, payload)

    monkeypatch.setattr(Executor, "build_per_event_executor", recording)
    results = await schema.subscribe("subscription { items(count: 5) { name colour } }")
    assert not isinstance(results, strawberry.types.ExecutionResult)
    names = [result.data["items"]["name"] async for result in results if result.data]

    assert names == ["one", "two", "one", "two", "one"]
    assert kept == [(0, 0)] * 5


def test_the_roomy_call_returns_and_raises_as_the_call_itself() -> None:
    assert _call_with_room(lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        _call_with_room(lambda: 1 // 0)
