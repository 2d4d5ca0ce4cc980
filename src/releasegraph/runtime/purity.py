"""The engine's purity, enforced: any SQL statement issued while it decides is refused.

The engine works on model rows, so nothing in Python stops a lazy load or an
autoflush from reaching the database inside ``decide()``. Every SQL statement of
every engine passes ``_refuse_while_deciding`` first; while a decision runs, it
raises instead, so an accidental query in the engine fails the command (and its
tests) at once instead of quietly reading outside the decision's snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime

from sqlalchemy import event
from sqlalchemy.engine import Engine

from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import Effects, Resources
from releasegraph.engine.decide import decide

_deciding: ContextVar[bool] = ContextVar("releasegraph_deciding", default=False)


class EngineIOError(AssertionError):
    """An engine bug: the engine reached the database during a decision."""


@event.listens_for(Engine, "before_cursor_execute")
def _refuse_while_deciding(*args: object) -> None:
    if _deciding.get():
        raise EngineIOError(f"the engine issued SQL while deciding: {str(args[2])[:200]}")


def decide_purely(
    state: ReleaseState,
    command: commands.Command,
    *,
    now: datetime,
    new_id: Callable[[], str],
    resources: Resources,
) -> Effects:
    """``decide()``, with every SQL statement refused until it returns."""
    token = _deciding.set(True)
    try:
        return decide(state, command, now=now, new_id=new_id, resources=resources)
    finally:
        _deciding.reset(token)
