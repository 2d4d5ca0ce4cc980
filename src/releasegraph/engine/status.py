"""Status changes of every entity but the attempt, each recorded as an event."""

from __future__ import annotations

from releasegraph.engine.context import Ctx, S, Stateful
from releasegraph.engine.transitions import check_move


def set_status(ctx: Ctx, row: Stateful[S], status: S, **data: object) -> None:
    """Change ``row.status`` along its table and record it; a no-op when already ``status``."""
    if row.status == status:
        return
    check_move(row.status, status)
    _record(ctx, row, status, data)


def carry_status(ctx: Ctx, row: Stateful[S], status: S) -> None:
    """Give a new copy of a row the status of its original (not a move: it is born so)."""
    if row.status != status:
        _record(ctx, row, status, {"carriedOver": True})


def _record(ctx: Ctx, row: Stateful[S], status: S, data: dict[str, object]) -> None:
    previous = row.status
    row.status = status
    entity = type(row).__name__
    ctx.event(
        entity=entity,
        entity_id=row.id,
        kind=f"{entity[0].lower()}{entity[1:]}.status",
        from_status=previous.value,
        to_status=status.value,
        data=data,
    )
