"""What every node type shares: building itself from its row, and loading by ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Self

from strawberry import relay

from releasegraph.resolvers.context import Info


class LoadedNode(relay.Node):
    """A node backed by one table row, loaded through the request's loader named ``loader``."""

    loader: ClassVar[str]

    @classmethod
    def from_row(cls, row: Any) -> Self:
        raise NotImplementedError

    # Strawberry declares this with overloads for each value of `required`; one
    # implementation serves them all (missing ids give None).
    @classmethod
    def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        rows = getattr(info.context.loaders, cls.loader).get_many(list(node_ids))
        return [None if row is None else cls.from_row(row) for row in rows]
