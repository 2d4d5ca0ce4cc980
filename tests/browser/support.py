"""What the browser tests share: the users, a GraphQL client over HTTP as any of them, and
signing in through the page.

nina only approves and carol only answers interventions: no other test names them, so their
inboxes hold only their own test's items."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from playwright.async_api import Page, expect

from tests.e2e.server import JSON, Server
from tests.waiting import poll_async

TOKENS = {
    "ada": "ada-browser-token-0123456789",
    "olivia": "olivia-browser-token-0123456789",
    "alice": "alice-browser-token-0123456789",
    "victor": "victor-browser-token-0123456789",
    "nina": "nina-browser-token-0123456789",
    "carol": "carol-browser-token-0123456789",
}
USERS = f"""\
users:
  - {{name: ada, displayName: Ada, token: {TOKENS["ada"]}, role: ADMIN}}
  - {{name: olivia, token: {TOKENS["olivia"]}, role: OPERATOR, groups: [ops]}}
  - {{name: alice, token: {TOKENS["alice"]}, role: OPERATOR, groups: [release-managers]}}
  - {{name: victor, token: {TOKENS["victor"]}, role: VIEWER}}
  - {{name: nina, token: {TOKENS["nina"]}, role: VIEWER}}
  - {{name: carol, token: {TOKENS["carol"]}, role: VIEWER}}
"""

UI_TIMEOUT = 20_000
"""Milliseconds a page may take to show what a test waits for (only a failing test waits it
out)."""

STATE = """
query State($id: ID!) {
  release(id: $id) {
    id name status executionStatus
    environments {
      id name status
      latestAttempt {
        status operationStatus statusReason
        preDeployApprovals { id status approver }
        phases {
          name status
          manualInterventions { id status kind }
          tasks { id name status logLineCount runs { number status exitCode } }
        }
      }
    }
  }
}
"""


def unique(prefix: str) -> str:
    """A definition name no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


SCRIPT_BOUND = 30
"""Seconds a script waits for its file at most."""


def waits_for(go: Path) -> str:
    """Shell that waits until the file ``go`` exists (at most SCRIPT_BOUND seconds)."""
    tries = SCRIPT_BOUND * 20
    return f"i=0; while [ ! -e {go} ] && [ $i -lt {tries} ]; do sleep 0.05; i=$((i+1)); done"


def yaml_string(text: str) -> str:
    return json.dumps(text)


@dataclass
class Api:
    """GraphQL over HTTP (httpx) to the server under test, as any user of TOKENS."""

    server: Server
    http: httpx.AsyncClient

    async def post(self, user: str, document: str, variables: JSON | None = None) -> JSON:
        """The whole answer (data and errors)."""
        response = await self.http.post(
            self.server.graphql_url,
            json={"query": document, "variables": variables or {}},
            headers={"Authorization": f"Bearer {TOKENS[user]}"},
        )
        body: JSON = response.json()
        return body

    async def data(self, user: str, document: str, variables: JSON | None = None) -> JSON:
        body = await self.post(user, document, variables)
        assert "errors" not in body, body
        data: JSON = body["data"]
        return data

    async def act(self, user: str, mutation: str, input: JSON, select: str = "") -> JSON:
        """``mutation``'s payload; a typed error fails the test."""
        name = mutation[0].upper() + mutation[1:]
        document = (
            f"mutation Act($input: {name}Input!) {{ result: {mutation}(input: $input) {{"
            f" __typename ... on Error {{ code message }} {select} }} }}"
        )
        result: JSON = (await self.data(user, document, {"input": input}))["result"]
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

    async def release(self, release_id: str) -> JSON:
        release: JSON = (await self.data("ada", STATE, {"id": release_id}))["release"]
        return release

    async def until(self, release_id: str, what: str, done: Callable[[JSON], bool]) -> JSON:
        """The release once ``done(release)`` holds."""
        return await poll_async(lambda: self.release(release_id), what, until=done)


def environment(release: JSON, name: str) -> JSON:
    found: JSON = next(e for e in release["environments"] if e["name"] == name)
    return found


def task(release: JSON, env: str, name: str) -> JSON | None:
    latest = environment(release, env)["latestAttempt"]
    for phase in (latest or {"phases": []})["phases"]:
        for found in phase["tasks"]:
            if found["name"] == name:
                result: JSON = found
                return result
    return None


async def sign_in(page: Page, user: str) -> None:
    """Sign in as ``user`` through the /signin form; back on the board, the header names them."""
    await page.goto("/signin")
    await page.get_by_test_id("signin-token").fill(TOKENS[user])
    await page.get_by_test_id("signin-submit").click()
    await expect(page.get_by_test_id("viewer-name")).to_be_visible(timeout=UI_TIMEOUT)
