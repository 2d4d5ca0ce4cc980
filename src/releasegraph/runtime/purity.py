"""The engine's purity, enforced: any SQL statement issued while it decides is refused.

The engine works on model rows, so nothing in Python stops a lazy load or an
autoflush from reaching the database inside ``decide()``. Every SQL statement of
every engine passes ``_refuse_while_deciding`` first; while a decision runs, it
raises instead, so an accidental query in the engine fails the command (and its
tests) at once instead of quietly reading outside the decision's snapshot.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine

from releasegraph.engine.decide import decide

P = ParamSpec("P")
T = TypeVar("T")

_deciding: ContextVar[bool] = ContextVar("releasegraph_deciding", default=False)


class EngineIOError(AssertionError):
    """An engine bug: the engine reached the database during a decision."""


@event.listens_for(Engine, "before_cursor_execute")
def _refuse_while_deciding(*args: object) -> None:
    if _deciding.get():
        raise EngineIOError(f"the engine issued SQL while deciding: {str(args[2])[:200]}")


def refusing_sql(function: Callable[P, T]) -> Callable[P, T]:
    """``function``, with every SQL statement refused until it returns."""

    @functools.wraps(function)
    def refusing(*args: P.args, **kwargs: P.kwargs) -> T:
        token = _deciding.set(True)
        try:
            return function(*args, **kwargs)
        finally:
            _deciding.reset(token)

    return refusing


decide_purely = refusing_sql(decide)
"""``decide()``, with every SQL statement refused until it returns."""
