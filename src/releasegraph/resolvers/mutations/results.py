"""What a mutation on a release gives back: the errors it declares, and the release it left."""

from __future__ import annotations

from releasegraph import models
from releasegraph.context import Info
from releasegraph.resolvers.mutations.common import fetch
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
