"""Root query fields."""

from __future__ import annotations

import strawberry
from strawberry import relay

from releasegraph.resolvers.context import Info
from releasegraph.schema.enums import Role
from releasegraph.schema.releases import Release


@strawberry.type
class Viewer:
    name: str
    display_name: str
    groups: list[str]
    role: Role


def viewer(info: Info) -> Viewer:
    user = info.context.user
    return Viewer(
        name=user.name, display_name=user.display_name, groups=sorted(user.groups), role=user.role
    )


async def release(info: Info, id: relay.GlobalID) -> Release | None:
    if id.type_name != "Release":
        return None
    row = await info.context.loaders.release.load(id.node_id)
    return None if row is None else Release.from_row(row)


@strawberry.type
class Query:
    node: relay.Node = relay.node()
    nodes: list[relay.Node] = relay.node()
    viewer: Viewer = strawberry.field(resolver=viewer)
    release: Release | None = strawberry.field(resolver=release)
