"""Creating definitions and releases: the writes that start from no release at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session, col, select

from releasegraph.engine import commands
from releasegraph.engine.context import Effects, EventDraft, Resources
from releasegraph.engine.decide import decide
from releasegraph.engine.definition import definition_to_dict, parse_definition
from releasegraph.engine.errors import ConflictError, NotFoundError
from releasegraph.engine.lifecycle import new_release
from releasegraph.engine.states import ReleaseStatus
from releasegraph.models import ReleaseDefinitionRow
from releasegraph.runtime.store import cached_spec


def create_definition(
    session: Session, source: str, *, actor: str, now: datetime, new_id: Callable[[], str]
) -> ReleaseDefinitionRow:
    spec = parse_definition(source)
    _check_name_free(session, spec.name, None)
    row = ReleaseDefinitionRow(
        id=new_id(),
        name=spec.name,
        source=source,
        spec=definition_to_dict(spec),
        created_by=actor,
        created_on=now,
        modified_by=actor,
        modified_on=now,
    )
    session.add(row)
    return row


def update_definition(
    session: Session, definition_id: str, source: str, *, actor: str, now: datetime
) -> ReleaseDefinitionRow:
    """A new revision; releases already created keep the snapshot they were made from."""
    row = session.get(ReleaseDefinitionRow, definition_id, with_for_update=True)
    if row is None:
        raise NotFoundError("ReleaseDefinition", definition_id)
    spec = parse_definition(source)
    _check_name_free(session, spec.name, definition_id)
    row.name = spec.name
    row.source = source
    row.spec = definition_to_dict(spec)
    row.revision += 1
    row.modified_by = actor
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
    definition_id: str,
    *,
    actor: str,
    now: datetime,
    new_id: Callable[[], str],
    resources: Callable[[ReleaseDefinitionRow], Resources],
    description: str = "",
    artifacts: dict[str, str] | None = None,
    variables: dict[str, str] | None = None,
    start: bool = False,
    scheduled_start_time: datetime | None = None,
) -> tuple[str, Effects]:
    """A draft release, started or scheduled at once when asked."""
    definition = session.get(ReleaseDefinitionRow, definition_id, with_for_update=True)
    if definition is None:
        raise NotFoundError("ReleaseDefinition", definition_id)
    definition.release_count += 1
    state = new_release(
        spec=cached_spec(definition.id, definition.revision, definition.spec),
        snapshot=definition.spec,
        definition_id=definition.id,
        definition_revision=definition.revision,
        number=definition.release_count,
        actor=actor,
        now=now,
        new_id=new_id,
        description=description,
        artifacts=artifacts,
        variables=variables,
    )
    session.add(state.release)
    session.add_all(state.environments)
    command: commands.Command = commands.Tick(actor=actor)
    if scheduled_start_time is not None:
        command = commands.ScheduleRelease(actor=actor, start_at=scheduled_start_time)
    elif start:
        command = commands.StartRelease(actor=actor)
    effects = decide(state, command, now=now, new_id=new_id, resources=resources(definition))
    effects.events.insert(0, _created_event(state.release.id, actor, now))
    return state.release.id, effects


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
