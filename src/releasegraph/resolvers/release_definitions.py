"""``releaseDefinition(id)`` and the ``releaseDefinitions`` connection, ordered by name."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlmodel import func, select
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.resolvers.arguments import node_id
from releasegraph.resolvers.connections import (
    PAGE_RULES,
    CountedConnection,
    by_name,
    counter,
    read_page,
    window,
)
from releasegraph.schema.releases import ReleaseDefinition

_Row = models.ReleaseDefinitionRow

DEFINITIONS_DESCRIPTION = f"Release definitions by name. {PAGE_RULES}"

BY_NAME = by_name(_Row, "ReleaseDefinition.name")


@strawberry.type(description="A page of release definitions.")
class ReleaseDefinitionConnection(CountedConnection[ReleaseDefinition]):
    @strawberry.field(description="How many definitions match, on every page together.")
    def total_count(self) -> int:
        return self.total()


def release_definition(info: Info, id: relay.GlobalID) -> ReleaseDefinition | None:
    row = info.context.loaders.definition.get(node_id(info, "id", id, "ReleaseDefinition"))
    return None if row is None else ReleaseDefinition.from_row(row)


def release_definitions(
    info: Info,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    name_contains: Annotated[
        str | None, strawberry.argument(description="Only names containing this, ignoring case.")
    ] = None,
) -> ReleaseDefinitionConnection:
    asked = window(info, BY_NAME, first=first, after=after, last=last, before=before)
    query = select(_Row)
    if name_contains is not None:
        query = query.where(func.lower(_Row.name).contains(name_contains.lower(), autoescape=True))
    page = read_page(info, _Row, query, BY_NAME, asked)
    return ReleaseDefinitionConnection(
        edges=page.edges(ReleaseDefinition.from_row),
        page_info=page.page_info(),
        total=counter(info.context.read, query),
    )
