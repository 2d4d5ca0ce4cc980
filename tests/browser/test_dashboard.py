"""The dashboard in a real Chromium against a real ``releasegraph serve``: what a person sees
and does on its pages, live, without reloading."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.support import UI_TIMEOUT, Api, environment, sign_in, unique

SERVER_PHASE = """\
name: {name}
environments:
  - name: staging
    phases:
      - name: deploy
        runOn: SERVER
        tasks:
          - {{name: warm-up, kind: wait, seconds: 1}}
          - {{name: roll-out, kind: simulate, durationSeconds: 1, outcome: SUCCEEDED}}
"""


async def test_sign_in_shows_the_user_and_sign_out_returns_to_sign_in(page: Page) -> None:
    """A token typed into /signin signs in: the header names the user and their role; signing
    out forgets the token and shows /signin again."""
    await page.goto("/")
    await expect(page).to_have_url(re.compile(r"/signin$"), timeout=UI_TIMEOUT)
    await sign_in(page, "olivia")
    await expect(page.get_by_test_id("viewer-name")).to_have_text("olivia")
    await expect(page.get_by_test_id("viewer-role")).to_have_text("operator")
    await expect(page.get_by_test_id("viewer-groups")).to_contain_text("ops")
    assert await page.evaluate("sessionStorage.getItem('releasegraph.token')")
    await page.get_by_test_id("sign-out").click()
    await expect(page.get_by_test_id("signin-token")).to_be_visible()
    assert page.url.endswith("/signin")
    assert await page.evaluate("sessionStorage.getItem('releasegraph.token')") is None


async def test_wrong_token_is_refused_on_the_sign_in_page(page: Page) -> None:
    """A token the server does not know stays on /signin with a message."""
    await page.goto("/signin")
    await page.get_by_test_id("signin-token").fill("not-a-known-token-0123456789")
    await page.get_by_test_id("signin-submit").click()
    await expect(page.get_by_test_id("signin-error")).to_have_text("That token is not valid.")
    assert page.url.endswith("/signin")


async def test_a_release_appears_on_the_board_and_runs_to_success_live(
    page: Page, api: Api
) -> None:
    """A release created and started through the API appears on the open board without a
    reload; its page then shows its environment reach SUCCEEDED, again without a reload."""
    await sign_in(page, "victor")
    await expect(page.get_by_test_id("releases-total")).to_contain_text("shown")
    definition = await api.define(SERVER_PHASE.format(name=unique("live")))
    release_id = await api.create_release(definition, start=True)
    row = page.locator(f'[data-testid="release-row"][data-release-id="{release_id}"]')
    await expect(row).to_be_visible(timeout=UI_TIMEOUT)
    await row.get_by_test_id("release-link").click()
    await expect(page).to_have_url(re.compile(r"/releases/[^/]+$"))
    await expect(page.get_by_test_id("release")).to_have_attribute("data-release-id", release_id)
    env = page.locator('[data-testid="environment"][data-env="staging"]')
    status = env.get_by_test_id("env-status").first
    await expect(status).to_have_attribute("data-status", "SUCCEEDED", timeout=UI_TIMEOUT)
    await expect(page.get_by_test_id("release-status").first).to_have_attribute(
        "data-status", "SUCCEEDED", timeout=UI_TIMEOUT
    )
    await expect(env.locator('[data-testid="task"][data-task="roll-out"]')).to_contain_text(
        "succeeded"
    )
    release = await api.release(release_id)
    assert environment(release, "staging")["status"] == "SUCCEEDED"


async def test_graphiql_loads_from_the_server_alone(page: Page) -> None:
    """GraphiQL at /graphql loads with nothing from outside (the page fixture checks every
    request) and shows its query editor."""
    await page.goto("/graphql")
    await expect(page.locator(".graphiql-container")).to_be_visible(timeout=UI_TIMEOUT)
    await expect(page.locator(".graphiql-query-editor").first).to_be_visible(timeout=UI_TIMEOUT)


async def test_board_fits_a_narrow_phone_screen(page: Page, api: Api) -> None:
    """At 375 px wide the board (with a release on it) has no horizontal overflow."""
    definition = await api.define(SERVER_PHASE.format(name=unique("narrow")))
    release_id = await api.create_release(definition, start=False)
    await page.set_viewport_size({"width": 375, "height": 800})
    await sign_in(page, "olivia")
    row = page.locator(f'[data-testid="release-row"][data-release-id="{release_id}"]')
    await expect(row).to_be_visible(timeout=UI_TIMEOUT)
    widths = await page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"scrollWidth {widths[0]} > clientWidth {widths[1]}"
