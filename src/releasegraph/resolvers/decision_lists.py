"""What ``approvals`` and ``manualInterventions`` list alike.

Both filter by status, pending only and release, and for the viewer keep only what
the viewer may answer now: decided by the engine's rules in Python, after reading,
so the page size applies after that.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from sqlmodel import col
from sqlmodel.sql.expression import SelectOfScalar
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.resolvers.arguments import node_id

D = TypeVar("D", models.Approval, models.ManualIntervention)


class DecisionFilter(Protocol):
    """The fields ``ApprovalFilter`` and ``ManualInterventionFilter`` share."""

    @property
    def status(self) -> Sequence[enum.Enum] | None: ...

    @property
    def pending_only(self) -> bool: ...

    @property
    def for_viewer(self) -> bool: ...

    @property
    def release_id(self) -> relay.GlobalID | None: ...


def listed(
    info: Info,
    query: SelectOfScalar[D],
    given: DecisionFilter,
    *,
    model: type[D],
    pending: enum.Enum,
    limit: int,
    may_answer: Callable[[D], bool],
) -> list[D]:
    """The ``model`` rows of ``query`` that ``given`` matches, at most ``limit``.

    ``pending`` is the model's PENDING status; ``may_answer`` says whether the viewer
    may answer a pending row now (``forViewer``).
    """
    if given.status is not None:
        query = query.where(col(model.status).in_(given.status))
    if given.pending_only or given.for_viewer:
        query = query.where(col(model.status) == pending)
    if given.release_id is not None:
        release = node_id(info, "releaseId", given.release_id, "Release")
        query = query.where(col(model.release_id) == release)
    if not given.for_viewer:
        query = query.limit(limit)
    with info.context.read() as session:
        rows = list(session.exec(query))
    info.context.loaders.seen(model, rows)
    if given.for_viewer:
        rows = [row for row in rows if may_answer(row)]
    return rows[:limit]
