"""Small value types shared by the node types."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import strawberry
from strawberry.schema.types.base_scalars import DateTimeDefinition, wrap_parser


@strawberry.type
class KeyValue:
    name: str
    value: str


@strawberry.input
class KeyValueInput:
    name: str
    value: str


def key_values(mapping: dict[str, str]) -> list[KeyValue]:
    return [KeyValue(name=k, value=v) for k, v in sorted(mapping.items())]


def as_dict(pairs: list[KeyValueInput] | None) -> dict[str, str] | None:
    return None if pairs is None else {pair.name: pair.value for pair in pairs}


@strawberry.type
class Progress:
    """Tasks of the environments' latest attempts: how many have ended, of how many."""

    done: int
    total: int

    @strawberry.field
    def percent(self) -> float:
        return 100.0 if self.total == 0 else round(100.0 * self.done / self.total, 1)


def _time_in_utc(text: str) -> datetime:
    """Strawberry's reading of an ISO 8601 time, then in UTC: stored times are compared
    with it, and a time without an offset from UTC cannot be (nor one at the very ends of
    the calendar that has no UTC: OverflowError)."""
    assert DateTimeDefinition.parse_value is not None
    value = DateTimeDefinition.parse_value(text)
    assert isinstance(value, datetime)
    if value.tzinfo is None:
        raise ValueError("It has no offset from UTC (Z or +hh:mm).")
    return value.astimezone(UTC)


UTC_DATE_TIME = replace(
    DateTimeDefinition,
    description="Date with time (isoformat), with its offset from UTC (Z or +hh:mm)",
    parse_value=wrap_parser(_time_in_utc, "DateTime", (ValueError, OverflowError)),
)
"""The DateTime scalar: times given by clients are read in UTC, as the server keeps them."""
