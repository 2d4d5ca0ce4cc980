"""What every mutation shares: its declared result, who acts, ids in and rows out, errors mapped.

A mutation module declares its input, its payload and the errors it can return,
and its resolver does three things: check and decode the input, hand one command
to the runtime, build the payload. A domain error it raises becomes the typed
GraphQL error it declared.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

import strawberry
from strawberry import relay
from strawberry.annotation import StrawberryAnnotation
from strawberry.types.field import StrawberryField
from strawberry.types.union import StrawberryUnion

from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import errors as domain
from releasegraph.engine.commands import Acting
from releasegraph.schema.errors import Error, from_domain
from releasegraph.schema.nodes import NOT_AN_ID, holds_nul


class Row(Protocol):
    """A table row, known by its id: what ``fetch`` reads."""

    @property
    def id(self) -> str: ...


P = TypeVar("P")
In = TypeVar("In")
M = TypeVar("M", bound=Row)

Resolve = Callable[[Info, In], P]


def mutation(payload: type[P], *errors: type[Error]) -> Callable[[Resolve[In, P]], StrawberryField]:
    """Declare a mutation: it returns the union ``<Name>Result`` of ``payload`` and ``errors``.

    ``errors`` are the typed errors its resolver can raise as domain errors; one it
    raises but did not declare is a bug, masked and logged like any other.
    """
    result = _result(payload, errors)

    def declare(resolve: Resolve[In, P]) -> StrawberryField:
        @functools.wraps(resolve)
        def resolver(info: Info, input: In) -> P | Error:
            try:
                done = resolve(info, input)
            except domain.DomainError as error:
                return _typed(error, errors)
            # Later fields of the same request must see what this mutation changed.
            info.context.refresh()
            return done

        return strawberry.mutation(resolver, graphql_type=result)

    return declare


def held_mutation(
    payload: type[P], *errors: type[Error]
) -> Callable[[Callable[[Info, In], Awaitable[P]]], StrawberryField]:
    """``mutation`` for a resolver that waits (a claim held open until work comes)."""
    result = _result(payload, errors)

    def declare(resolve: Callable[[Info, In], Awaitable[P]]) -> StrawberryField:
        @functools.wraps(resolve)
        async def resolver(info: Info, input: In) -> P | Error:
            try:
                done = await resolve(info, input)
            except domain.DomainError as error:
                return _typed(error, errors)
            info.context.refresh()
            return done

        return strawberry.mutation(resolver, graphql_type=result)

    return declare


def _result(payload: type[object], errors: tuple[type[Error], ...]) -> StrawberryUnion:
    """The union ``<Name>Result`` of ``payload`` and ``errors``."""
    # What `Annotated[Payload | ErrorA | ..., strawberry.union(name)]` makes, from a list.
    return StrawberryUnion(
        name=payload.__name__.removesuffix("Payload") + "Result",
        type_annotations=tuple(StrawberryAnnotation(t) for t in (payload, *errors)),
    )


def _typed(error: domain.DomainError, errors: tuple[type[Error], ...]) -> Error:
    """The declared typed error of ``error``; one not declared is a bug, raised again."""
    typed = from_domain(error)
    if not isinstance(typed, errors):
        raise error
    return typed


def acting(info: Info) -> Acting:
    """The viewer: their name, their groups and whether they drive releases."""
    return info.context.user.acting()


def require(info: Info, role: Role) -> None:
    user = info.context.user
    if not user.has(role):
        raise domain.PermissionDeniedError(
            f"{user.name!r} is {user.role.value}; this needs {role.value}"
        )


def decode(global_id: relay.GlobalID, type_name: str, path: str) -> str:
    """The database id inside a global id, which must be of ``type_name``."""
    if global_id.type_name != type_name:
        raise domain.ValidationError(
            [
                domain.ValidationIssue(
                    path, f"expected a {type_name} id, got a {global_id.type_name} id"
                )
            ]
        )
    if holds_nul(global_id.node_id):
        raise domain.ValidationError([domain.ValidationIssue(path, NOT_AN_ID)])
    return global_id.node_id


def fetch(info: Info, model: type[M], row_id: str) -> M:
    """A fresh row (not the loaders' copy), or NOT_FOUND naming the model's node type."""
    with info.context.runtime.read_session() as session:
        row = session.get(model, row_id)
    if row is None:
        raise domain.NotFoundError(model.__name__, row_id)
    return row


def target(info: Info, model: type[M], global_id: relay.GlobalID, path: str) -> M:
    """The fresh row an input's id names: a ``model`` id (its node type has the name)."""
    return fetch(info, model, decode(global_id, model.__name__, path))
