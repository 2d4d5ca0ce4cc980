"""What every resolver gets: the runtime, the user asking, and this request's loaders."""

from __future__ import annotations

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
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.runtime)


Info = strawberry.Info[Context, None]
