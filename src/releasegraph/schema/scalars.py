"""Small value types shared by the node types."""

from __future__ import annotations

import strawberry


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
