"""What every node type shares: building itself from its row, and loading by ids."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, ClassVar, Self

from strawberry import relay

from releasegraph.context import Info

NOT_AN_ID = "not an id: it holds a NUL character (U+0000)"
"""What a global id is whose inside holds NUL: no row has that id, and PostgreSQL cannot even
be asked for it (its text cannot hold NUL). Strawberry decodes global ids, past the checks of
the request's own strings; each reader of the id inside refuses it."""


def holds_nul(node_id: str) -> bool:
    return "\x00" in node_id


class LoadedNode(relay.Node):
    """A node backed by one table row, loaded through the request's loader named ``loader``."""

    loader: ClassVar[str]

    @classmethod
    def from_row(cls, row: Any) -> Self:
        raise NotImplementedError

    @classmethod
    def by_name(cls, row: Any, /, **differing: Any) -> Self:
        """Each field from the row's attribute of the same name, but those in ``differing``."""
        names = [f.name for f in dataclasses.fields(cls) if f.init and f.name not in differing]
        return cls(**{name: getattr(row, name) for name in names}, **differing)

    @classmethod
    def load(cls, info: Info, row_id: str) -> Self:
        """The node of a row that must exist (a foreign key of a row already loaded)."""
        row = getattr(info.context.loaders, cls.loader).get(row_id)
        assert row is not None
        return cls.from_row(row)

    # Strawberry declares this with overloads for each value of `required`; one
    # implementation serves them all (missing ids give None).
    @classmethod
    def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        ids = list(node_ids)
        if any(map(holds_nul, ids)):
            raise relay.GlobalIDValueError(NOT_AN_ID)  # as Strawberry's for a malformed id
        rows = getattr(info.context.loaders, cls.loader).get_many(ids)
        return [None if row is None else cls.from_row(row) for row in rows]
