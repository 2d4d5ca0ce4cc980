"""GraphQL over HTTP to a server under test, as any of its users; and the shell its test
scripts use to wait for the test."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.e2e.server import JSON, Server

SCRIPT_BOUND = 30
"""Seconds a script waits for its file at most."""


def waits_for(go: Path) -> str:
    """Shell that waits until the file ``go`` exists (at most SCRIPT_BOUND seconds)."""
    tries = SCRIPT_BOUND * 20
    return f"i=0; while [ ! -e {go} ] && [ $i -lt {tries} ]; do sleep 0.05; i=$((i+1)); done"


def yaml_string(text: str) -> str:
    """``text`` as a YAML (JSON) string, quoted and escaped."""
    return json.dumps(text)


@dataclass
class UsersApi:
    """The server's GraphQL API over HTTP, as any user of ``tokens`` (name → token)."""

    server: Server
    http: httpx.AsyncClient
    tokens: Mapping[str, str]

    async def post(self, user: str, document: str, variables: JSON | None = None) -> JSON:
        """The whole answer (data and errors) to ``document`` as ``user``."""
        response = await self.http.post(
            self.server.graphql_url,
            json={"query": document, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.tokens[user]}"},
        )
        body: JSON = response.json()
        return body

    async def data(self, user: str, document: str, variables: JSON | None = None) -> JSON:
        body = await self.post(user, document, variables)
        assert "errors" not in body, body
        data: JSON = body["data"]
        return data

    async def mutate(self, user: str, mutation: str, input: JSON, select: str = "") -> JSON:
        """The result of ``mutation``, with its __typename, whatever it is."""
        name = mutation[0].upper() + mutation[1:]
        document = (
            f"mutation Act($input: {name}Input!) {{ result: {mutation}(input: $input) {{"
            f" __typename ... on Error {{ code message }} {select} }} }}"
        )
        result: JSON = (await self.data(user, document, {"input": input}))["result"]
        return result

    async def act(self, user: str, mutation: str, input: JSON, select: str = "") -> JSON:
        """``mutation``'s payload; a typed error fails the test."""
        result = await self.mutate(user, mutation, input, select)
        name = mutation[0].upper() + mutation[1:]
        assert result["__typename"] == f"{name}Payload", result
        return result

    async def define(self, source: str) -> str:
        """A new definition of ``source`` (by ada): its id."""
        created = await self.act(
            "ada",
            "createReleaseDefinition",
            {"source": source},
            "... on CreateReleaseDefinitionPayload { definition { id } }",
        )
        definition_id: str = created["definition"]["id"]
        return definition_id

    async def create_release(self, definition_id: str, *, start: bool, user: str = "ada") -> str:
        created = await self.act(
            user,
            "createRelease",
            {"definitionId": definition_id, "start": start},
            "... on CreateReleasePayload { release { id } }",
        )
        release_id: str = created["release"]["id"]
        return release_id
