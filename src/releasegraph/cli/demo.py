"""The demo of ``serve --demo``: example definitions, and demo releases that keep coming.

The demo starts releases of the definitions in ``examples/demo`` and never answers
what waits for a person (a person does, in GraphiQL); it abandons its releases once
they are too old, and keeps at most a few of each definition active.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlmodel import col, select

from releasegraph.engine import commands
from releasegraph.engine.definition import parse_definition
from releasegraph.engine.errors import DomainError
from releasegraph.engine.states import ReleaseStatus
from releasegraph.models import Release, ReleaseDefinitionRow
from releasegraph.runtime.service import Runtime

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parents[3] / "examples"
DEMO_DIR = EXAMPLES_DIR / "demo"
DEMO_ACTOR = "demo"


@dataclass(frozen=True, kw_only=True)
class DemoSettings:
    interval: float = 15.0
    """Seconds between looks: each look starts what is missing and abandons what is old."""
    max_active_per_definition: int = 2
    """Demo releases of one definition that may be active (started, not completed) at once."""
    max_age: timedelta = timedelta(minutes=10)
    """Demo releases still active after this long are abandoned."""


@dataclass(frozen=True, kw_only=True)
class StartedRelease:
    id: str
    name: str
    definition: str


def installed() -> bool:
    """Whether the demo's definitions are here: they live in a clone, not in the package."""
    return any(DEMO_DIR.glob("*.yaml"))


def load_definitions(runtime: Runtime, files: list[Path]) -> dict[str, str]:
    """Create each definition, or make it the next revision if its source changed; name → id."""
    ids: dict[str, str] = {}
    for file in files:
        source = file.read_text(encoding="utf-8")
        name = parse_definition(source).name
        with runtime.read_session() as session:
            query = select(ReleaseDefinitionRow).where(col(ReleaseDefinitionRow.name) == name)
            existing = session.exec(query).first()
        if existing is None:
            command = commands.CreateReleaseDefinition(actor=DEMO_ACTOR, source=source)
            ids[name] = runtime.create_definition(command).id
        elif existing.source != source:
            ids[name] = runtime.update_definition(
                commands.UpdateReleaseDefinition(
                    actor=DEMO_ACTOR, definition_id=existing.id, source=source
                )
            ).id
        else:
            ids[name] = existing.id
    return ids


def prepare(runtime: Runtime) -> dict[str, str]:
    """Load the examples (to try by hand) and the demo's definitions; the demo's, name → id."""
    load_definitions(runtime, sorted(EXAMPLES_DIR.glob("*.yaml")))
    return load_definitions(runtime, sorted(DEMO_DIR.glob("*.yaml")))


def describe(settings: DemoSettings) -> list[str]:
    """What the demo does, for the start banner."""
    return [
        f"Every {settings.interval:g} s the demo starts a release of each definition in"
        f" examples/demo (at most {settings.max_active_per_definition} of each at a time;"
        f" it abandons those still active after {_minutes(settings.max_age)}):",
        "  demo-pipeline   runs by itself: build, two test environments, production",
        "  demo-approvals  waits for a pre-deploy approval (alice or bob), then a post-deploy one",
        "  demo-sign-off   a manual step waits for alice or bob to resume it",
        "  demo-flaky      the smoke test fails and asks an operator (olivia, alice) to retry,",
        "                  ignore or fix-and-continue it (or to fail it: reject the intervention)",
        "Nobody answers for you: sign in to the dashboard as one of the users above.",
    ]


def _minutes(age: timedelta) -> str:
    return f"{age.total_seconds() / 60:g} minutes"


class Demo:
    """Keeps demo releases of ``definitions`` (name → id) coming; see the module's docstring."""

    def __init__(
        self,
        runtime: Runtime,
        definitions: dict[str, str],
        settings: DemoSettings,
        *,
        on_start: Callable[[StartedRelease], None] = lambda release: None,
    ) -> None:
        self.runtime = runtime
        self.definitions = definitions
        self.settings = settings
        self.on_start = on_start

    def step(self) -> list[StartedRelease]:
        """Abandon the demo releases that are too old, then start what is missing."""
        now = self.runtime.clock.now()
        for release in self._active():
            if now - release.created_on > self.settings.max_age:
                self._abandon(release.id)
        active = [r.definition_id for r in self._active()]
        return [
            self._start(name, definition_id)
            for name, definition_id in self.definitions.items()
            if active.count(definition_id) < self.settings.max_active_per_definition
        ]

    async def run(self) -> None:
        while True:
            try:
                self.step()
            except Exception:  # the database may be away for a while: the demo carries on
                log.exception("demo step failed")
            await asyncio.sleep(self.settings.interval)

    def _active(self) -> list[Release]:
        query = select(Release).where(
            col(Release.created_by) == DEMO_ACTOR,
            col(Release.definition_id).in_(list(self.definitions.values())),
            col(Release.status) == ReleaseStatus.ACTIVE,
            col(Release.completed_on).is_(None),
        )
        with self.runtime.read_session() as session:
            return list(session.exec(query).all())

    def _abandon(self, release_id: str) -> None:
        comment = f"demo: still active after {_minutes(self.settings.max_age)}"
        try:
            self.runtime.execute(
                release_id, commands.AbandonRelease(actor=DEMO_ACTOR, comment=comment)
            )
        except DomainError as error:  # completed meanwhile, or a person abandoned it
            log.info("demo release %s not abandoned: %s", release_id, error)

    def _start(self, name: str, definition_id: str) -> StartedRelease:
        release_id = self.runtime.create_release(
            commands.CreateRelease(
                actor=DEMO_ACTOR,
                definition_id=definition_id,
                description="started by the demo",
                start=True,
            )
        )
        with self.runtime.read_session() as session:
            row = session.get(Release, release_id)
        label = release_id if row is None else row.name
        started = StartedRelease(id=release_id, name=label, definition=name)
        self.on_start(started)
        return started


@contextlib.asynccontextmanager
async def running(demo: Demo) -> AsyncIterator[None]:
    """The demo's loop as a background task for as long as the block runs."""
    task = asyncio.create_task(demo.run(), name="releasegraph-demo")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
