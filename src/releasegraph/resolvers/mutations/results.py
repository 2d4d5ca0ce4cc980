"""A command on a release, or on one row of a release: the errors it declares, how it runs,
and the rows it left.

Most mutations are one command on one target: the resolver names the role it needs, the
target's input field and the command; ``command_on`` (a row of a release) or
``command_on_release`` (the release itself) does the rest, the same way for each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from strawberry import relay

from releasegraph import models
from releasegraph.auth import Role
from releasegraph.context import Info
from releasegraph.engine import commands
from releasegraph.resolvers.mutations.common import decode, fetch, require, target
from releasegraph.runtime.created import Created
from releasegraph.schema.errors import (
    ConflictError,
    Error,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from releasegraph.schema.releases import Release

RELEASE_COMMAND_ERRORS: tuple[type[Error], ...] = (
    NotFoundError,
    InvalidTransitionError,
    PermissionDeniedError,
    ValidationError,
)
"""What a command on a release can return: its target's id of another type
(ValidationError) or of no row (NotFoundError), a viewer without the role or
refused by the engine's rules (PermissionDeniedError), a move the target's
status does not allow (InvalidTransitionError) or values the engine refuses
(ValidationError). Not ConflictError: retryTask, ignoreTaskFailure and
fixAndContinue act only on a failure still pending (``handlers._failure_of``), so two
people acting at once make the second one's an InvalidTransitionError."""

ANSWER_ERRORS: tuple[type[Error], ...] = (*RELEASE_COMMAND_ERRORS, ConflictError)
"""What an answer to an approval or an intervention can return: those of any
command on a release, and ConflictError when two people answer it at once."""


def release_of(info: Info, release_id: str) -> Release:
    """The release as the command left it (a fresh row, not the loaders' copy)."""
    return Release.from_row(fetch(info, models.Release, release_id))


class OfRelease(Protocol):
    """A row of one release (an environment, a task, an approval, an intervention)."""

    @property
    def id(self) -> str: ...

    @property
    def release_id(self) -> str: ...


R = TypeVar("R", bound=OfRelease)


@dataclass(frozen=True)
class Target(Generic[R]):
    """What a command acts on: a ``model`` row, named by the input field ``path``."""

    model: type[R]
    path: str


ENVIRONMENT = Target(models.ReleaseEnvironment, "environmentId")
TASK = Target(models.Task, "taskId")
APPROVAL = Target(models.Approval, "approvalId")
INTERVENTION = Target(models.ManualIntervention, "manualInterventionId")


@dataclass(frozen=True)
class Done(Generic[R]):
    """What a command on one row left: the row and its release (fresh), and what it created."""

    row: R
    release: Release
    created: Created


def command_on(
    info: Info,
    on: Target[R],
    global_id: relay.GlobalID,
    command: Callable[[R], commands.Command],
    *,
    role: Role | None,
) -> Done[R]:
    """Run ``command(row)`` on the release of the row ``on`` that ``global_id`` names.

    ``role`` is checked first; ``None`` where the engine alone decides who may act (an
    answer to an approval or an intervention).
    """
    if role is not None:
        require(info, role)
    row = target(info, on.model, global_id, on.path)
    created = info.context.runtime.execute(row.release_id, command(row))
    return Done(fetch(info, on.model, row.id), release_of(info, row.release_id), created)


def command_on_release(
    info: Info, global_id: relay.GlobalID, command: commands.Command, *, role: Role
) -> Release:
    """Run ``command`` on the release that ``global_id`` (the input's ``releaseId``) names,
    once ``role`` is checked."""
    require(info, role)
    release_id = decode(global_id, "Release", "releaseId")
    info.context.runtime.execute(release_id, command)
    return release_of(info, release_id)
