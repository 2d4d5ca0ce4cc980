"""Would a command be decided now? Asked of the engine itself, on a copy of the release.

A page asks it of many commands at once (every ``viewerCan`` field of a release's tree), so
each release is read once per snapshot of the request (``DryRuns``), and each command is
decided on a copy of what was read: the engine changes the rows it decides on.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm.base import instance_state
from sqlmodel import SQLModel

from releasegraph.engine import commands
from releasegraph.engine.aggregate import ReleaseState
from releasegraph.engine.context import Resources
from releasegraph.engine.errors import DomainError
from releasegraph.runtime import store
from releasegraph.runtime.purity import decide_purely

if TYPE_CHECKING:
    from releasegraph.runtime.service import Runtime

M = TypeVar("M", bound=SQLModel)


class DryRuns:
    """The releases read for one snapshot of a request, and the commands decided on them."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._read: dict[str, tuple[ReleaseState, Resources]] = {}

    def allows(self, release_id: str, command: commands.Command) -> bool:
        """Whether ``command`` would be decided now, by the engine's own rules; nothing is
        saved, and what was read stays as it was read."""
        if release_id not in self._read:
            self._read[release_id] = self._load(release_id)
        state, resources = self._read[release_id]
        try:
            decide_purely(
                _copy(state),
                command,
                now=self.runtime.clock.now(),
                new_id=self.runtime.new_id,
                resources=copy.deepcopy(resources),
            )
        except DomainError:
            return False
        return True

    def forget(self) -> None:
        """The next question reads the release again (a new snapshot)."""
        self._read.clear()

    def _load(self, release_id: str) -> tuple[ReleaseState, Resources]:
        with self.runtime.read_session() as session:
            state = store.load_release(session, release_id, lock=False)
            resources = store.load_resources(
                session, state.spec, state.release.definition_id, self.runtime.limits()
            )
        return state, resources


def _copy(state: ReleaseState) -> ReleaseState:
    """The release's rows copied, new objects of no session; its spec shared (never changed)."""
    copied: dict[str, Any] = {}
    for field in dataclasses.fields(state):
        value = getattr(state, field.name)
        if isinstance(value, list):
            copied[field.name] = [_row(row) for row in value]
        elif isinstance(value, SQLModel):
            copied[field.name] = _row(value)
        else:
            copied[field.name] = value
    return ReleaseState(**copied)


def _row(row: M) -> M:
    """A new object of the row's class holding its values, made without its constructor's
    validation (the values were valid when read). A JSON column's dict or list is copied one
    level deep: the engine replaces those values, it never changes what they hold."""
    copied: M = instance_state(row).manager.new_instance()
    for name, value in row.__dict__.items():
        if name != "_sa_instance_state":
            copied.__dict__[name] = copy.copy(value) if isinstance(value, dict | list) else value
    return copied
