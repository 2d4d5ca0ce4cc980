"""Reading the event log: events after a sequence number, in order."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session, col, func, select

from releasegraph.models import Event, TaskLogLine


def events_after(
    session: Session, after: int, *, release_ids: Collection[str] | None = None, limit: int = 500
) -> list[Event]:
    """At most ``limit`` events with ``seq > after``, oldest first (of these releases, if given)."""
    query = select(Event).where(col(Event.seq) > after)
    if release_ids is not None:
        query = query.where(col(Event.release_id).in_(release_ids))
    return list(session.exec(query.order_by(col(Event.seq)).limit(limit)))


def last_seq(session: Session) -> int:
    return session.exec(select(func.coalesce(func.max(Event.seq), 0))).one()


def log_lines_after(
    session: Session, task_id: str, after_line: int, *, limit: int = 1_000
) -> list[TaskLogLine]:
    query = (
        select(TaskLogLine)
        .where(col(TaskLogLine.task_id) == task_id, col(TaskLogLine.line) > after_line)
        .order_by(col(TaskLogLine.line))
        .limit(limit)
    )
    return list(session.exec(query))
