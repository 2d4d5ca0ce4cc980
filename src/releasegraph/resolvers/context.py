"""What every resolver gets: the runtime, the user asking, and this request's loaders."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import strawberry

from releasegraph.auth import User
from releasegraph.resolvers.loaders import Loaders
from releasegraph.runtime.service import Runtime


@dataclass(kw_only=True)
class Context:
    runtime: Runtime
    user: User
    introspection: bool = True
    connection_params: dict[str, object] | None = None
    """What a websocket client sent in ``connection_init``."""
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.runtime)

    @property
    def scope(self) -> str:
        """What results may depend on: subscriptions with the same scope can share them."""
        return json.dumps([self.user.name, sorted(self.user.groups), self.user.role.value])

    def for_subscription(self) -> Context:
        """A context of its own for one (shared) subscription execution."""
        return Context(runtime=self.runtime, user=self.user, introspection=self.introspection)

    def refresh(self) -> None:
        """Forget loaded rows: a subscription's next result must see the latest state."""
        self.loaders = Loaders(self.runtime)


Info = strawberry.Info[Context, None]
