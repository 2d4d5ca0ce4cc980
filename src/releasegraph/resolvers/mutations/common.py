"""What every mutation does: check the role, decode ids, run one domain action, map errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlmodel import SQLModel
from strawberry import relay

from releasegraph.auth import Role
from releasegraph.engine import commands
from releasegraph.engine import errors as domain
from releasegraph.resolvers.context import Info
from releasegraph.runtime.service import Created
from releasegraph.schema.errors import AnyError, from_domain

T = TypeVar("T")
M = TypeVar("M", bound=SQLModel)


def perform(info: Info, action: Callable[[], T]) -> T | AnyError:
    """Run ``action``; a domain error becomes its typed GraphQL error and changes nothing."""
    try:
        result = action()
    except domain.DomainError as error:
        return from_domain(error)
    # Later fields of the same request must see what this mutation changed.
    info.context.refresh()
    return result


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
    return global_id.node_id


def fetch(info: Info, model: type[M], row_id: str, entity: str) -> M:
    """A fresh row (not the loaders' copy), or NOT_FOUND."""
    with info.context.runtime.read_session() as session:
        row = session.get(model, row_id)
    if row is None:
        raise domain.NotFoundError(entity, row_id)
    return row


def execute(info: Info, release_id: str, make: Callable[..., commands.Command]) -> Created:
    """Run the command made by ``make`` as the viewer, with the viewer's groups; what it
    created."""
    user = info.context.user
    return info.context.runtime.execute(release_id, make(actor=user.name, groups=user.groups))
