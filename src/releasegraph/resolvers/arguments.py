"""Checking the arguments of query fields: page sizes and ids of the right type.

A query has no payload to carry a typed error, so a bad argument becomes a GraphQL
error with a clear message and ``extensions.code = INVALID_ARGUMENT``.
"""

from __future__ import annotations

from graphql import GraphQLError
from strawberry import relay

from releasegraph.context import Info
from releasegraph.schema.nodes import NOT_AN_ID, holds_nul

INVALID_ARGUMENT = "INVALID_ARGUMENT"


def invalid_argument(info: Info, message: str) -> GraphQLError:
    """An error to raise from a resolver that reaches the client as it is.

    It carries its path already, so graphql-core passes it on unwrapped; with no
    original exception inside, MaskErrors knows it was meant and leaves it.
    """
    return GraphQLError(message, path=info.path.as_list(), extensions={"code": INVALID_ARGUMENT})


def page_size(info: Info, name: str, value: int, maximum: int) -> int:
    """``value`` when it is within 0 … ``maximum``; else an error naming the argument."""
    if not 0 <= value <= maximum:
        raise invalid_argument(info, f"`{name}` must be between 0 and {maximum}, got {value}")
    return value


def node_id(info: Info, name: str, global_id: relay.GlobalID, type_name: str) -> str:
    """The database id inside ``global_id``, which must be the id of a ``type_name``."""
    if global_id.type_name != type_name:
        raise invalid_argument(
            info,
            f"`{name}` must be an id of type {type_name}, got an id of type {global_id.type_name}",
        )
    if holds_nul(global_id.node_id):
        raise invalid_argument(info, f"`{name}` is {NOT_AN_ID}")
    return global_id.node_id
