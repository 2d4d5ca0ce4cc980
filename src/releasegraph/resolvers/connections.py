"""Relay connections paged by keyset: a cursor is the position (sort key, id) of its row.

Unlike an offset, a position stays right while rows are added before it, and a page
costs one indexed range scan however deep it is.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

import strawberry
from sqlalchemy import ColumnElement, and_, not_, or_
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar
from strawberry import relay

from releasegraph.context import Info
from releasegraph.resolvers.arguments import invalid_argument, page_size


class Row(Protocol):
    @property
    def id(self) -> str: ...


M = TypeVar("M", bound=Row)
N = TypeVar("N", bound=relay.Node)

MAX_PAGE = 100
DEFAULT_PAGE = 20
PAGE_RULES = (
    f"Page with `first` (and `after`) or `last` (and `before`): at most {MAX_PAGE} a page,"
    f" {DEFAULT_PAGE} when neither is given; a larger page is an error, not cut short."
)


@dataclass(frozen=True, kw_only=True)
class Ordering(Generic[M]):
    """One sort key, ties broken by id in the same direction."""

    tag: str
    """Names the key inside cursors, so a cursor of another order is refused."""
    key: Mapped[Any]
    id: Mapped[str]
    descending: bool
    text: Callable[[M], str]
    """The row's key as a cursor holds it."""
    parse: Callable[[str], object]
    """A cursor's key text back to a column value; raises ValueError when it is not one."""


@strawberry.type
class CountedConnection(relay.Connection[N]):
    """A page whose type can also count the rows that match, on every page together."""

    total: strawberry.Private[Callable[[], int]]
    """Counts them when called (``counter``): only when a client asks."""


class Named(Protocol):
    """A row with a ``name`` column: what ``by_name`` orders."""

    id: str
    name: str


NamedRow = TypeVar("NamedRow", bound=Named)


def by_name(model: type[NamedRow], tag: str, *, descending: bool = False) -> Ordering[NamedRow]:
    """Ordered by the ``name`` column, as text."""
    return Ordering(
        tag=tag,
        key=col(model.name),
        id=col(model.id),
        descending=descending,
        text=lambda row: row.name,
        parse=str,
    )


def parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("a time without a time zone")
    return value


@dataclass(frozen=True, kw_only=True)
class Position:
    key: object
    id: str


@dataclass(frozen=True, kw_only=True)
class Window:
    """The page asked for: the first ``size`` rows between the cursors, or the last ones."""

    size: int
    backward: bool
    after: Position | None
    before: Position | None


@dataclass(frozen=True, kw_only=True)
class Page(Generic[M]):
    rows: list[M]
    cursors: list[str]
    has_next: bool
    has_previous: bool

    def edges(self, node: Callable[[M], N]) -> list[relay.Edge[N]]:
        return [
            relay.Edge(cursor=cursor, node=node(row))
            for cursor, row in zip(self.cursors, self.rows, strict=True)
        ]

    def page_info(self) -> relay.PageInfo:
        return relay.PageInfo(
            has_next_page=self.has_next,
            has_previous_page=self.has_previous,
            start_cursor=self.cursors[0] if self.cursors else None,
            end_cursor=self.cursors[-1] if self.cursors else None,
        )


def encode_cursor(ordering: Ordering[M], row: M) -> str:
    raw = json.dumps([ordering.tag, ordering.text(row), row.id])
    return base64.urlsafe_b64encode(raw.encode()).decode()


def window(
    info: Info,
    ordering: Ordering[M],
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Window:
    """The checked page arguments, with their cursors decoded."""
    if first is not None and last is not None:
        raise invalid_argument(info, "give `first` or `last`, not both")
    if last is None:
        size = page_size(info, "first", DEFAULT_PAGE if first is None else first, MAX_PAGE)
    else:
        size = page_size(info, "last", last, MAX_PAGE)
    return Window(
        size=size,
        backward=last is not None,
        after=None if after is None else _decode(info, "after", after, ordering),
        before=None if before is None else _decode(info, "before", before, ordering),
    )


def _decode(info: Info, name: str, cursor: str, ordering: Ordering[M]) -> Position:
    try:
        tag, text, row_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        # Its parts go into SQL, where PostgreSQL's text cannot hold NUL; none of ours does.
        if not all(isinstance(part, str) and "\x00" not in part for part in (tag, text, row_id)):
            raise TypeError(tag, text, row_id)
        key = ordering.parse(text) if tag == ordering.tag else None
    except (ValueError, TypeError, binascii.Error):
        # json and base64 errors are ValueErrors; unpacking a non-list is a TypeError.
        raise invalid_argument(info, f"`{name}` is not a cursor: {cursor!r}") from None
    if tag != ordering.tag:
        raise invalid_argument(
            info, f"`{name}` is a cursor of the order {tag!r}, not of {ordering.tag!r}"
        )
    return Position(key=key, id=row_id)


Reader = Callable[[], contextlib.AbstractContextManager[Session]]
"""Opens the request's read snapshot (``Context.read``)."""


def read_page(
    info: Info, model: type[M], query: SelectOfScalar[M], ordering: Ordering[M], window: Window
) -> Page[M]:
    """The page, read in the request's snapshot; its rows seen by the loaders for nested
    fields."""
    with info.context.read() as session:
        page = paginate(session, query, ordering, window)
    info.context.loaders.seen(model, page.rows)
    return page


def counter(read: Reader, query: SelectOfScalar[M]) -> Callable[[], int]:
    """Counts the rows of ``query`` when called: only when a client asks for the total."""

    def total() -> int:
        with read() as session:
            return count(session, query)

    return total


def paginate(
    session: Session, query: SelectOfScalar[M], ordering: Ordering[M], window: Window
) -> Page[M]:
    """The page of ``query``'s rows in ``window``, and whether rows lie beyond either end."""
    bounded = query
    if window.after is not None:
        bounded = bounded.where(_beyond(ordering, window.after, forward=True))
    if window.before is not None:
        bounded = bounded.where(_beyond(ordering, window.before, forward=False))
    backward, size = window.backward, window.size
    rows = list(session.exec(_ordered(bounded, ordering, reverse=backward).limit(size + 1)))
    more, rows = len(rows) > size, rows[:size]
    if backward:
        rows.reverse()
    # Rows outside the cursors' bounds count too: they are pages the client can still reach.
    before_start = window.after is not None and _exists(
        session, query.where(not_(_beyond(ordering, window.after, forward=True)))
    )
    after_end = window.before is not None and _exists(
        session, query.where(not_(_beyond(ordering, window.before, forward=False)))
    )
    return Page(
        rows=rows,
        cursors=[encode_cursor(ordering, row) for row in rows],
        has_next=(more and not backward) or after_end,
        has_previous=(more and backward) or before_start,
    )


def count(session: Session, query: SelectOfScalar[M]) -> int:
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    return int(total)


def _beyond(ordering: Ordering[M], at: Position, *, forward: bool) -> ColumnElement[bool]:
    """Rows strictly after ``at`` in the order (``forward``), or strictly before it."""
    later = forward != ordering.descending
    key, row_id = ordering.key, ordering.id
    if later:
        return or_(key > at.key, and_(key == at.key, row_id > at.id))
    return or_(key < at.key, and_(key == at.key, row_id < at.id))


def _ordered(
    query: SelectOfScalar[M], ordering: Ordering[M], *, reverse: bool
) -> SelectOfScalar[M]:
    descending = ordering.descending != reverse
    columns = (ordering.key, ordering.id)
    return query.order_by(*(c.desc() if descending else c.asc() for c in columns))


def _exists(session: Session, query: SelectOfScalar[M]) -> bool:
    return session.exec(query.limit(1)).first() is not None
