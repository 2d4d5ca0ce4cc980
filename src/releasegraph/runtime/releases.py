"""Creating definitions and releases: the writes that start from no release at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session, col, select

from releasegraph.engine import commands
from releasegraph.engine.context import Effects, EventDraft, Resources
from releasegraph.engine.definition import definition_to_dict, parse_definition
from releasegraph.engine.errors import ConflictError, NotFoundError
from releasegraph.engine.lifecycle import new_release
from releasegraph.engine.specs import cached_spec
from releasegraph.engine.states import ReleaseStatus
from releasegraph.models import ReleaseDefinitionRow
from releasegraph.runtime.purity import decide_purely


def create_definition(
    session: Session,
    command: commands.CreateReleaseDefinition,
    *,
    now: datetime,
    new_id: Callable[[], str],
) -> ReleaseDefinitionRow:
    spec = parse_definition(command.source)
    _check_name_free(session, spec.name, None)
    row = ReleaseDefinitionRow(
        id=new_id(),
        name=spec.name,
        source=command.source,
        spec=definition_to_dict(spec),
        created_by=command.actor,
        created_on=now,
        modified_by=command.actor,
        modified_on=now,
    )
    session.add(row)
    return row


def update_definition(
    session: Session, command: commands.UpdateReleaseDefinition, *, now: datetime
) -> ReleaseDefinitionRow:
    """A new revision; releases already created keep the snapshot they were made from."""
    row = session.get(ReleaseDefinitionRow, command.definition_id, with_for_update=True)
    if row is None:
        raise NotFoundError("ReleaseDefinition", command.definition_id)
    spec = parse_definition(command.source)
    _check_name_free(session, spec.name, row.id)
    row.name = spec.name
    row.source = command.source
    row.spec = definition_to_dict(spec)
    row.revision += 1
    row.modified_by = command.actor
    row.modified_on = now
    return row


def _check_name_free(session: Session, name: str, own_id: str | None) -> None:
    existing = session.exec(
        select(ReleaseDefinitionRow.id).where(col(ReleaseDefinitionRow.name) == name)
    ).first()
    if existing is not None and existing != own_id:
        raise ConflictError(f"a release definition named {name!r} already exists")


def create_release(
    session: Session,
    command: commands.CreateRelease,
    *,
    now: datetime,
    new_id: Callable[[], str],
    resources: Callable[[ReleaseDefinitionRow], Resources],
) -> tuple[str, Effects]:
    """A draft release, started or scheduled at once when asked."""
    definition = session.get(ReleaseDefinitionRow, command.definition_id, with_for_update=True)
    if definition is None:
        raise NotFoundError("ReleaseDefinition", command.definition_id)
    spec = cached_spec(definition.id, definition.revision, definition.spec)
    state = new_release(command, definition, spec, now=now, new_id=new_id)
    session.add(state.release)
    session.add_all(state.environments)
    effects = decide_purely(
        state, _first_step(command), now=now, new_id=new_id, resources=resources(definition)
    )
    effects.events.insert(0, _created_event(state.release.id, command.actor, now))
    return state.release.id, effects


def _first_step(command: commands.CreateRelease) -> commands.Command:
    """What the new draft does at once: wait for its start time, start, or nothing."""
    if command.scheduled_start_time is not None:
        return commands.ScheduleRelease(actor=command.actor, start_at=command.scheduled_start_time)
    if command.start:
        return commands.StartRelease(actor=command.actor)
    return commands.Tick(actor=command.actor)


def _created_event(release_id: str, actor: str, now: datetime) -> EventDraft:
    return EventDraft(
        release_id=release_id,
        entity="Release",
        entity_id=release_id,
        kind="release.created",
        actor=actor,
        at=now,
        to_status=ReleaseStatus.DRAFT.value,
    )
