"""Talking to the GraphQL API over HTTP in tests: the real app, its lifespan, demo users."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from releasegraph.app import AppSettings, create_app
from releasegraph.auth import demo_store
from releasegraph.runtime.service import Runtime

JSON = dict[str, Any]


@dataclass
class Api:
    """A client of the app, and the demo users' tokens (olivia operator, alice and bob
    approvers in group release-managers, victor viewer, ada admin)."""

    client: httpx.AsyncClient
    tokens: dict[str, str]
    runtime: Runtime

    async def post(
        self, query: str, variables: JSON | None = None, *, as_user: str = "ada"
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.tokens[as_user]}"}
        body: JSON = {"query": query, "variables": variables or {}}
        return await self.client.post("/graphql", json=body, headers=headers)

    async def data(
        self, query: str, variables: JSON | None = None, *, as_user: str = "ada"
    ) -> JSON:
        """The ``data`` of a request that must succeed without GraphQL errors."""
        response = await self.post(query, variables, as_user=as_user)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        data: JSON = body["data"]
        return data


@asynccontextmanager
async def serve_app(runtime: Runtime, settings: AppSettings | None = None) -> AsyncIterator[Api]:
    """The app over an ASGI transport (HTTP semantics, no socket); starts and stops ``runtime``."""
    store, tokens = demo_store()
    app = create_app(runtime, store, settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://releasegraph") as client:
            yield Api(client=client, tokens=tokens, runtime=runtime)
