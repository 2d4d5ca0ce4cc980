"""The ``releases`` connection: filtered, ordered, paged by keyset."""

from __future__ import annotations

import enum
from dataclasses import replace
from datetime import datetime

import strawberry
from sqlalchemy import Exists
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar
from strawberry import relay

from releasegraph import models
from releasegraph.context import Info
from releasegraph.engine.states import EnvironmentStatus, ReleaseExecutionStatus, ReleaseStatus
from releasegraph.resolvers.arguments import node_id
from releasegraph.resolvers.connections import (
    PAGE_RULES,
    CountedConnection,
    Ordering,
    by_name,
    counter,
    parse_time,
    read_page,
    window,
)
from releasegraph.schema.releases import Release

_Row = models.Release


@strawberry.enum(description="How releases are ordered; ties are broken by id.")
class ReleaseOrder(enum.Enum):
    CREATED_ON_DESC = "CREATED_ON_DESC"
    CREATED_ON_ASC = "CREATED_ON_ASC"
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"


BY_CREATED_ON: Ordering[_Row] = Ordering(
    tag="Release.createdOn",
    key=col(_Row.created_on),
    id=col(_Row.id),
    descending=True,
    text=lambda row: row.created_on.isoformat(),
    parse=parse_time,
)


RELEASES_DESCRIPTION = f"Releases, newest first unless `orderBy` says otherwise. {PAGE_RULES}"

ORDERINGS = {
    ReleaseOrder.CREATED_ON_DESC: BY_CREATED_ON,
    ReleaseOrder.CREATED_ON_ASC: replace(BY_CREATED_ON, descending=False),
    ReleaseOrder.NAME_ASC: by_name(_Row, "Release.name"),
    ReleaseOrder.NAME_DESC: by_name(_Row, "Release.name", descending=True),
}


@strawberry.input(description="Releases matching every field given; a list matches any value.")
class ReleaseFilter:
    status: list[ReleaseStatus] | None = None
    execution_status: list[ReleaseExecutionStatus] | None = None
    definition_id: relay.GlobalID | None = None
    environment_name: str | None = strawberry.field(
        default=None, description="Has an environment of this name (in `environmentStatus`)."
    )
    environment_status: list[EnvironmentStatus] | None = strawberry.field(
        default=None,
        description="Has an environment in one of these (the one named `environmentName`).",
    )
    created_after: datetime | None = strawberry.field(
        default=None, description="Created at this time or later."
    )
    created_before: datetime | None = strawberry.field(
        default=None, description="Created before this time."
    )
    created_by: str | None = None


@strawberry.type(description="A page of releases.")
class ReleaseConnection(CountedConnection[Release]):
    @strawberry.field(description="How many releases match the filter, on every page together.")
    def total_count(self) -> int:
        return self.total()


def filtered(info: Info, given: ReleaseFilter | None) -> SelectOfScalar[_Row]:
    query = select(_Row)
    if given is None:
        return query
    if given.status is not None:
        query = query.where(col(_Row.status).in_(given.status))
    if given.execution_status is not None:
        query = query.where(col(_Row.execution_status).in_(given.execution_status))
    if given.definition_id is not None:
        definition = node_id(info, "definitionId", given.definition_id, "ReleaseDefinition")
        query = query.where(col(_Row.definition_id) == definition)
    if given.created_after is not None:
        query = query.where(col(_Row.created_on) >= given.created_after)
    if given.created_before is not None:
        query = query.where(col(_Row.created_on) < given.created_before)
    if given.created_by is not None:
        query = query.where(col(_Row.created_by) == given.created_by)
    if given.environment_name is not None or given.environment_status is not None:
        query = query.where(_has_environment(given.environment_name, given.environment_status))
    return query


def _has_environment(name: str | None, statuses: list[EnvironmentStatus] | None) -> Exists:
    env = models.ReleaseEnvironment
    matching = select(env.id).where(col(env.release_id) == col(_Row.id))
    if name is not None:
        matching = matching.where(col(env.name) == name)
    if statuses is not None:
        matching = matching.where(col(env.status).in_(statuses))
    return matching.exists()


def releases(
    info: Info,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    filter: ReleaseFilter | None = None,
    order_by: ReleaseOrder = ReleaseOrder.CREATED_ON_DESC,
) -> ReleaseConnection:
    ordering = ORDERINGS[order_by]
    asked = window(info, ordering, first=first, after=after, last=last, before=before)
    query = filtered(info, filter)
    page = read_page(info, _Row, query, ordering, asked)
    return ReleaseConnection(
        edges=page.edges(Release.from_row),
        page_info=page.page_info(),
        total=counter(info.context.read, query),
    )
