"""Mutations over HTTP, timed one after the other as a single user sends them."""

from __future__ import annotations

import time

import httpx

from api_data import Built
from api_graphql import APPROVE, CREATE_RELEASE, PENDING_APPROVAL, Json, global_id
from api_load import client
from api_servers import Server


async def mutate(server: Server, token: str, built: Built, count: int) -> dict[str, list[float]]:
    """Sequential mutations: createRelease (draft), createRelease (start), approve."""
    timed: dict[str, list[float]] = {}
    async with client(server, token) as http:

        async def send(query: str, variables: Json, expected: str) -> tuple[float, Json]:
            started = time.perf_counter()
            response = await http.post("/graphql", json={"query": query, "variables": variables})
            elapsed = time.perf_counter() - started
            data: Json = response.json().get("data") or {}
            payload = next(iter(data.values()), None)
            if not isinstance(payload, dict) or payload.get("__typename") != expected:
                raise SystemExit(f"{expected} expected: {response.text}")
            return elapsed, payload

        async def create(definition_id: str, start: bool) -> tuple[float, str]:
            variables: Json = {
                "definition": global_id("ReleaseDefinition", definition_id),
                "start": start,
            }
            elapsed, payload = await send(CREATE_RELEASE, variables, "CreateReleasePayload")
            release = payload["release"]
            assert isinstance(release, dict)
            return elapsed, str(release["id"])

        drafts = [await create(built.draft_definition_id, False) for _ in range(count)]
        timed["createRelease (draft)"] = [elapsed for elapsed, _ in drafts]
        started = [await create(built.approval_definition_id, True) for _ in range(count)]
        timed["createRelease (start: true, waits for approval)"] = [e for e, _ in started]
        approvals = [await _pending_approval(http, release_id) for _, release_id in started]
        timed["approve (starts the deployment)"] = [
            (await send(APPROVE, {"id": approval_id}, "ApprovePayload"))[0]
            for approval_id in approvals
        ]
    return timed


async def _pending_approval(http: httpx.AsyncClient, release_id: str) -> str:
    body = {"query": PENDING_APPROVAL, "variables": {"id": release_id}}
    release = (await http.post("/graphql", json=body)).json()["data"]["release"]
    approval_id: str = release["environments"][0]["latestAttempt"]["preDeployApprovals"][0]["id"]
    return approval_id
