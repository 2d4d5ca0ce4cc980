"""What every resolver gets: the runtime, the user asking, and this request's loaders."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import strawberry
from sqlmodel import Session

from releasegraph.auth import User
from releasegraph.loaders import Loaders
from releasegraph.runtime.service import Runtime

MAX_DEPTH = 15
MAX_ALIASES = 30
MAX_TOKENS = 5_000


@dataclass(frozen=True, kw_only=True)
class DocumentLimits:
    """How large a GraphQL document may be; a document over a limit is refused unexecuted."""

    max_depth: int = MAX_DEPTH
    """Nesting of fields that have selections, below the root fields (introspection aside)."""
    max_aliases: int = MAX_ALIASES
    """Aliased fields, counting a fragment's once for every place it is spread."""
    max_tokens: int = MAX_TOKENS
    """Lexical tokens; the parser stops at the first one over."""


DEFAULT_LIMITS = DocumentLimits()


async def _connected() -> bool:
    return False


@dataclass(kw_only=True)
class Context:
    runtime: Runtime
    user: User
    introspection: bool = True
    limits: DocumentLimits = DEFAULT_LIMITS
    connection_params: dict[str, object] | None = None
    """What a websocket client sent in ``connection_init``."""
    hung_up: Callable[[], Awaitable[bool]] = field(default=lambda: _connected())
    """Whether the HTTP client has disconnected (never, on a websocket)."""
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.runtime)

    @property
    def scope(self) -> str:
        """What results may depend on: subscriptions with the same scope can share them."""
        return json.dumps([self.user.name, sorted(self.user.groups), self.user.role.value])

    def read(self) -> contextlib.AbstractContextManager[Session]:
        """The request's read snapshot (see ``loaders.Snapshot``)."""
        return self.loaders.snapshot.reading()

    def close(self) -> None:
        self.loaders.close()

    def for_subscription(self) -> Context:
        """A context of its own for one (shared) subscription execution."""
        return Context(
            runtime=self.runtime,
            user=self.user,
            introspection=self.introspection,
            limits=self.limits,
        )

    def refresh(self) -> None:
        """Forget what was read: what follows (a mutation's payload, a subscription's next
        result) must see the latest state. The loaders read on, in a snapshot of their own
        (new loaders would cost a subscription more than the event it sends)."""
        self.close()


Info = strawberry.Info[Context, None]
