"""Every page of the dashboard passes axe-core (the engine of Lighthouse's accessibility audit)
with no serious or critical violation, at the desktop and at the phone width, with its
actions shown: a release waiting for the signed-in person's approval and with a failure
waiting for a decision."""

from __future__ import annotations

from importlib import resources
from urllib.parse import quote

import pytest
from playwright.async_api import Page, expect

from tests.browser.support import UI_TIMEOUT, Api, environment, sign_in, unique

AXE = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
"""axe-core, as the axe-playwright-python package ships it."""
SERIOUS = ("serious", "critical")
ACTIONS = """\
name: {name}
environments:
  - name: staging
    onTaskFailure: PROMPT
    phases:
      - {{name: deploy, runOn: SERVER, tasks: [{{name: check, kind: simulate, outcome: FAILED}}]}}
  - name: production
    preDeployApprovals: {{approvers: [olivia], creatorCanApprove: true}}
    phases: [{{name: deploy, runOn: SERVER, tasks: [{{name: ship, kind: simulate}}]}}]
"""


async def violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    await page.evaluate(AXE)
    found = await page.evaluate("axe.run({resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in found["violations"]
        if v["impact"] in SERIOUS
    ]


async def test_axe_finds_what_it_should(page: Page) -> None:
    """The check itself: a button with no name and an image with no text are found."""
    await page.goto("/signin")
    await page.set_content('<main><h1>x</h1><button></button><img src="data:,"></main>')

    found = await violations(page)

    assert {"button-name", "image-alt"} <= {v.split(" ", 1)[0] for v in found}


@pytest.mark.parametrize("width", [1280, 375])
async def test_no_page_has_a_serious_accessibility_violation(
    page: Page, api: Api, width: int
) -> None:
    await page.set_viewport_size({"width": width, "height": 800})
    release_id = await api.create_release(
        await api.define(ACTIONS.format(name=unique("a11y"))), start=True
    )
    release = await api.until(
        release_id,
        "a failure and an approval waiting",
        lambda r: (
            environment(r, "staging")["status"] != "IN_PROGRESS"
            or bool(environment(r, "production")["latestAttempt"])
        ),
    )
    release_path = f"/releases/{quote(release_id, safe='')}"
    task_id = environment(release, "staging")["latestAttempt"]["phases"][0]["tasks"][0]["id"]
    await page.goto("/signin")
    signin = await violations(page)
    await sign_in(page, "olivia")

    found = {"/signin": signin}
    for address in (
        "/",
        release_path,
        f"{release_path}/tasks/{quote(task_id, safe='')}",
        f"{release_path}/timeline",
        "/inbox",
        "/agents",
        "/new",
    ):
        await page.goto(address)
        await expect(page.locator("main h1")).to_be_visible(timeout=UI_TIMEOUT)
        found[address] = await violations(page)

    assert {address: v for address, v in found.items() if v} == {}
