"""Status changes of every entity but the attempt, each recorded as an event."""

from __future__ import annotations

import enum
from typing import Protocol, TypeVar

from releasegraph.engine.context import Ctx

S = TypeVar("S", bound=enum.StrEnum)


class Stateful(Protocol[S]):
    id: str
    status: S


def set_status(ctx: Ctx, row: Stateful[S], status: S, **data: object) -> None:
    """Change ``row.status`` and record the change; a no-op when it is already ``status``."""
    if row.status == status:
        return
    previous = row.status
    row.status = status
    entity = type(row).__name__
    ctx.event(
        entity=entity,
        entity_id=row.id,
        kind=f"{entity[0].lower()}{entity[1:]}.status",
        from_status=previous.value,
        to_status=status.value,
        data=dict(data),
    )
