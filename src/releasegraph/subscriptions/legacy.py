"""The legacy ``graphql-ws`` protocol, when the app speaks it (``legacy_graphql_ws``)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import cast

from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler

from releasegraph.context import Context
from releasegraph.subscriptions.handler import Host


class LegacyHandler(BaseGraphQLWSHandler[Context, None]):
    """Strawberry's handler, held to the rules of the other protocol: a connection that is not
    initialised in time is closed, and a closed one gives its place in the per-user cap back."""

    async def handle(self) -> None:
        timer = asyncio.create_task(self._close_unless_initialised())
        try:
            await super().handle()
        finally:
            timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await timer
            cast(Host, self.view).connection_closed(self.context)

    async def _close_unless_initialised(self) -> None:
        await asyncio.sleep(self.view.connection_init_wait_timeout.total_seconds())
        if not self.connection_acknowledged:
            await self.websocket.close(code=4408, reason="Connection initialisation timeout")
