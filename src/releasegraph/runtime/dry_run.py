"""Would a command be decided now? Asked of the engine itself, on a copy of the release."""

from __future__ import annotations

from typing import TYPE_CHECKING

from releasegraph.engine import commands
from releasegraph.engine.errors import DomainError
from releasegraph.runtime import store
from releasegraph.runtime.purity import decide_purely

if TYPE_CHECKING:
    from releasegraph.runtime.service import Runtime


def allows(runtime: Runtime, release_id: str, command: commands.Command) -> bool:
    """Whether ``command`` would be decided now, by the engine's own rules: it is decided on
    a copy of the release read now, and nothing is saved."""
    with runtime.read_session() as session:
        state = store.load_release(session, release_id, lock=False)
        resources = store.load_resources(
            session, state.spec, state.release.definition_id, runtime.limits()
        )
    try:
        decide_purely(
            state, command, now=runtime.clock.now(), new_id=runtime.new_id, resources=resources
        )
    except DomainError:
        return False
    return True
