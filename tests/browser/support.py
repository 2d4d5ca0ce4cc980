"""What the browser tests share: the users, a GraphQL client over HTTP as any of them, and
signing in through the page.

nina only approves and carol only answers interventions: no other test names them, so their
inboxes hold only their own test's items."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from playwright.async_api import Page, expect

from tests.e2e.server import JSON
from tests.e2e.users_api import UsersApi
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


class Api(UsersApi):
    """The API as any user of TOKENS, and a release as ada reads it."""

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
