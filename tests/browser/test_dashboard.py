"""The dashboard in a real Chromium against a real ``releasegraph serve``: what a person sees
and does on its pages, live, without reloading."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote

from playwright.async_api import Page, expect

from tests.browser.support import (
    TOKENS,
    UI_TIMEOUT,
    Api,
    environment,
    sign_in,
    task,
    unique,
)
from tests.e2e.users_api import waits_for, yaml_string

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


async def test_graphiql_runs_a_query_with_the_signed_in_token(page: Page) -> None:
    """Signed in on the dashboard, the header's GraphiQL link opens /graphql, which carries
    the kept token in its headers and answers a query as that user."""
    await sign_in(page, "ada")
    await page.get_by_role("navigation", name="Main").get_by_role("link", name="GraphiQL").click()
    await expect(page).to_have_url(re.compile(r"/graphql$"))
    editor = page.locator(".graphiql-query-editor .CodeMirror").first
    await expect(editor).to_be_visible(timeout=UI_TIMEOUT)
    await expect(page.locator(".graphiql-editor-tool")).to_contain_text(f"Bearer {TOKENS['ada']}")
    await editor.evaluate("(el) => el.CodeMirror.setValue('{ viewer { name role } }')")
    await page.locator(".graphiql-execute-button").click()
    response = page.locator(".graphiql-response")
    await expect(response).to_contain_text('"name": "ada"', timeout=UI_TIMEOUT)
    await expect(response).to_contain_text('"role": "ADMIN"')


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


APPROVAL = """\
name: {name}
environments:
  - name: production
    preDeployApprovals: {{approvers: [nina], requiredCount: 1}}
    phases:
      - name: deploy
        runOn: SERVER
        tasks:
          - {{name: roll-out, kind: simulate, durationSeconds: 0.5, outcome: SUCCEEDED}}
"""


async def test_approve_from_the_inbox_moves_the_environment_on(page: Page, api: Api) -> None:
    """A pre-deploy approval naming nina shows on the release page as waiting, in her inbox
    and in the document title; approving it from the inbox lets the environment deploy, which
    the release page shows without a reload."""
    definition = await api.define(APPROVAL.format(name=unique("approval")))
    release_id = await api.create_release(definition, start=True)
    await api.until(
        release_id,
        "the pre-deploy approval is pending",
        lambda r: any(
            a["status"] == "PENDING"
            for a in (environment(r, "production")["latestAttempt"] or {}).get(
                "preDeployApprovals", []
            )
        ),
    )
    await sign_in(page, "nina")
    await page.goto(f"/releases/{quote(release_id, safe='')}")
    env = page.locator('[data-testid="environment"][data-env="production"]')
    await expect(env.get_by_test_id("approval-status")).to_have_attribute(
        "data-status", "PENDING", timeout=UI_TIMEOUT
    )
    await expect(env.get_by_test_id("env-status").first).not_to_have_attribute(
        "data-status", "SUCCEEDED"
    )
    await expect(page).to_have_title("(1) releasegraph", timeout=UI_TIMEOUT)
    await expect(page.get_by_test_id("inbox-count")).to_have_text("1")

    await page.get_by_role("link", name=re.compile("^Inbox")).click()
    await expect(page.get_by_test_id("inbox-total")).to_have_text("1 waiting for you")
    card = page.get_by_test_id("approval")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text("production")
    await card.get_by_test_id("approval-comment").fill("looks good")
    await card.get_by_test_id("action-approve").click()
    await expect(page.get_by_test_id("inbox-total")).to_have_text(
        "0 waiting for you", timeout=UI_TIMEOUT
    )
    await expect(page).to_have_title("releasegraph")

    await page.go_back()
    await expect(env.get_by_test_id("approval-status")).to_have_attribute(
        "data-status", "APPROVED", timeout=UI_TIMEOUT
    )
    await expect(env.get_by_test_id("env-status").first).to_have_attribute(
        "data-status", "SUCCEEDED", timeout=UI_TIMEOUT
    )
    release = await api.release(release_id)
    assert environment(release, "production")["status"] == "SUCCEEDED"


async def test_reassign_an_approval_from_the_release_page(page: Page, api: Api) -> None:
    """Nina hands her approval to carol on the release page: hers shows REASSIGNED and a new
    one waits for carol, on the page and in the API."""
    release_id = await api.create_release(
        await api.define(APPROVAL.format(name=unique("reassign"))), start=True
    )
    await sign_in(page, "nina")
    await page.goto(f"/releases/{quote(release_id, safe='')}")
    card = page.get_by_test_id("approval")
    await expect(card).to_have_count(1, timeout=UI_TIMEOUT)
    card_id = await card.get_attribute("data-approval-id")
    await card.get_by_test_id("approval-reassign-to").fill("carol")
    await card.get_by_test_id("action-reassign").click()

    env = page.locator('[data-testid="environment"][data-env="production"]')
    await expect(env.get_by_test_id("approval").filter(has_text="carol")).to_have_count(
        1, timeout=UI_TIMEOUT
    )
    hers = page.locator(f'[data-testid="approval"][data-approval-id="{card_id}"]')
    await expect(hers.get_by_test_id("approval-status")).to_have_attribute(
        "data-status", "REASSIGNED"
    )
    attempt = environment(await api.release(release_id), "production")["latestAttempt"]
    approvals = [(a["approver"], a["status"]) for a in attempt["preDeployApprovals"]]
    assert approvals == [("nina", "REASSIGNED"), ("carol", "PENDING")]


INTERVENTION = """\
name: {name}
environments:
  - name: production
    phases:
      - name: deploy
        runOn: SERVER
        tasks:
          - {{name: sign-off, kind: manualIntervention, approvers: [carol],
             instructions: "Check the canary dashboard before going on"}}
          - {{name: roll-out, kind: simulate, durationSeconds: 0.5, outcome: SUCCEEDED}}
"""


async def test_reject_a_manual_intervention_from_the_release_page(page: Page, api: Api) -> None:
    """A manual intervention naming carol shows its instructions on the release page; her
    rejection there fails the attempt, and the page shows the environment no longer running
    and the later task never run."""
    definition = await api.define(INTERVENTION.format(name=unique("intervention")))
    release_id = await api.create_release(definition, start=True)
    await sign_in(page, "carol")
    await page.goto(f"/releases/{quote(release_id, safe='')}")
    card = page.get_by_test_id("intervention")
    await expect(card.get_by_test_id("intervention-instructions")).to_have_text(
        "Check the canary dashboard before going on", timeout=UI_TIMEOUT
    )
    await expect(card.get_by_test_id("intervention-status")).to_have_attribute(
        "data-status", "PENDING"
    )
    await card.get_by_test_id("intervention-comment").fill("canary is red")
    await card.get_by_test_id("action-reject-intervention").click()
    await expect(card.get_by_test_id("intervention-status")).to_have_attribute(
        "data-status", "REJECTED", timeout=UI_TIMEOUT
    )
    env = page.locator('[data-testid="environment"][data-env="production"]')
    await expect(env.get_by_test_id("env-status").first).to_have_attribute(
        "data-status", re.compile("^(FAILED|REJECTED)$"), timeout=UI_TIMEOUT
    )
    await expect(page.get_by_test_id("release-status").first).to_have_attribute(
        "data-status", "FAILED", timeout=UI_TIMEOUT
    )
    release = await api.release(release_id)
    assert release["executionStatus"] == "FAILED"
    roll_out = task(release, "production", "roll-out")
    assert roll_out is None or roll_out["status"] != "SUCCEEDED", roll_out
    await expect(
        env.locator('[data-testid="task"][data-task="roll-out"] [data-testid="task-status"]')
    ).not_to_have_attribute("data-status", "SUCCEEDED")


PROMPT = """\
name: {name}
environments:
  - name: staging
    onTaskFailure: PROMPT
    phases:
      - name: deploy
        runOn: AGENT
        tasks:
          - {{name: check, kind: script, run: 'test "$INPUT_X" = good', inputs: {{X: bad}}}}
"""


async def test_fix_and_continue_a_failed_task_from_the_page(page: Page, api: Api) -> None:
    """A script failing under onTaskFailure: PROMPT waits for a decision on the release page;
    an operator changes its input there and continues, and the task then succeeds."""
    definition = await api.define(PROMPT.format(name=unique("prompt")))
    release_id = await api.create_release(definition, start=True)
    await sign_in(page, "olivia")
    await page.goto(f"/releases/{quote(release_id, safe='')}")
    card = page.get_by_test_id("intervention")
    await expect(card.get_by_test_id("intervention-status")).to_have_attribute(
        "data-status", "PENDING", timeout=UI_TIMEOUT
    )
    row = page.locator('[data-testid="task"][data-task="check"]')
    await expect(row.get_by_test_id("task-status")).to_have_attribute("data-status", "FAILED")
    await card.get_by_text("Fix and continue…").click()
    await card.get_by_label("Task inputs").fill("X=good")
    await card.get_by_test_id("action-fix-and-continue").click()
    await expect(row.get_by_test_id("task-status")).to_have_attribute(
        "data-status", "SUCCEEDED", timeout=UI_TIMEOUT
    )
    env = page.locator('[data-testid="environment"][data-env="staging"]')
    await expect(env.get_by_test_id("env-status").first).to_have_attribute(
        "data-status", "SUCCEEDED", timeout=UI_TIMEOUT
    )
    await expect(row.get_by_test_id("task-run")).to_have_count(2)
    release = await api.release(release_id)
    check = task(release, "staging", "check")
    assert check is not None
    assert [(r["status"], r["exitCode"]) for r in check["runs"]] == [
        ("FAILED", 1),
        ("SUCCEEDED", 0),
    ], check


LOG = """\
name: {name}
environments:
  - name: staging
    phases:
      - name: build
        runOn: AGENT
        tasks:
          - {{name: compile, kind: script, run: {script}}}
"""


async def test_log_lines_appear_while_the_script_runs(page: Page, api: Api, tmp_path: Path) -> None:
    """The task page streams a running script's log: its first line shows while it still
    waits (for a file the test makes only once it saw that line), then the rest."""
    go = tmp_path / "go"
    script = f"echo first-line-of-compile; {waits_for(go)}; echo compiled-after-the-file"
    definition = await api.define(LOG.format(name=unique("log"), script=yaml_string(script)))
    release_id = await api.create_release(definition, start=True)
    await sign_in(page, "victor")
    await page.goto(f"/releases/{quote(release_id, safe='')}")
    row = page.locator('[data-testid="task"][data-task="compile"]')
    await expect(row.get_by_test_id("task-status")).to_have_attribute(
        "data-status", "IN_PROGRESS", timeout=UI_TIMEOUT
    )
    await row.get_by_test_id("task-log-link").click()
    log = page.get_by_test_id("log")
    await expect(log.get_by_test_id("log-line").first).to_contain_text(
        "first-line-of-compile", timeout=UI_TIMEOUT
    )
    await expect(log).not_to_contain_text("compiled-after-the-file")
    assert not go.exists()
    go.touch()
    await expect(log.get_by_test_id("log-line").nth(1)).to_contain_text(
        "compiled-after-the-file", timeout=UI_TIMEOUT
    )
    await expect(page.get_by_test_id("log-count")).to_have_text("2 lines loaded")
    # The page follows the task too: it ends succeeded there, with no reload.
    await expect(page.get_by_test_id("task-status")).to_have_attribute(
        "data-status", "SUCCEEDED", timeout=UI_TIMEOUT
    )
    release = await api.until(
        release_id,
        "compile succeeded",
        lambda r: (task(r, "staging", "compile") or {}).get("status") == "SUCCEEDED",
    )
    assert environment(release, "staging")["status"] == "SUCCEEDED"


BLOCKED = """\
name: {name}
environments:
  - name: staging
    onTaskFailure: PROMPT
    phases:
      - name: deploy
        runOn: SERVER
        tasks:
          - {{name: smoke, kind: simulate, durationSeconds: 0.2, outcome: FAILED}}
  - name: production
    preDeployApprovals: {{approvers: [nina], requiredCount: 1}}
    phases:
      - name: deploy
        runOn: SERVER
        tasks:
          - {{name: roll-out, kind: simulate, durationSeconds: 0.2, outcome: SUCCEEDED}}
"""

ACTIONS = (
    "action-approve",
    "action-reject",
    "action-resume",
    "action-reject-intervention",
    "action-retry",
    "action-ignore",
    "action-fix-and-continue",
    "action-retry-task",
    "action-start",
    "action-schedule",
    "action-abandon",
    "action-deploy",
    "action-cancel",
)

FORGE = """
async ([query, variables]) => {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: "Bearer " + sessionStorage.getItem("releasegraph.token"),
    },
    body: JSON.stringify({query, variables}),
  });
  return await response.json();
}
"""


async def test_a_viewer_sees_no_actions_and_a_forged_mutation_is_refused(
    page: Page, api: Api
) -> None:
    """victor (VIEWER) sees a release waiting for a failure decision and for nina's approval,
    but no button to answer either, nor any other action; mutations forged from the page with
    his token are refused with PermissionDeniedError and change nothing."""
    definition = await api.define(BLOCKED.format(name=unique("blocked")))
    release_id = await api.create_release(definition, start=True)
    idle_id = await api.create_release(definition, start=False)
    await api.until(
        release_id,
        "a failure decision and an approval pending",
        lambda r: (
            environment(r, "staging")["latestAttempt"] is not None
            and environment(r, "staging")["latestAttempt"]["operationStatus"]
            == "MANUAL_INTERVENTION_PENDING"
            and environment(r, "production")["latestAttempt"] is not None
            and environment(r, "production")["latestAttempt"]["operationStatus"] == "PENDING"
        ),
    )
    await sign_in(page, "victor")
    await page.goto(f"/releases/{quote(release_id, safe='')}")
    await expect(page.get_by_test_id("intervention-status")).to_have_attribute(
        "data-status", "PENDING", timeout=UI_TIMEOUT
    )
    await expect(page.get_by_test_id("approval-status")).to_have_attribute(
        "data-status", "PENDING", timeout=UI_TIMEOUT
    )
    for action in ACTIONS:
        await expect(page.get_by_test_id(action)).to_have_count(0)
    assert await page.locator("main button").count() == 0
    await page.goto(f"/releases/{quote(idle_id, safe='')}")
    await expect(page.get_by_test_id("release-status").first).to_have_attribute(
        "data-status", "NOT_STARTED", timeout=UI_TIMEOUT
    )
    assert await page.locator("main button").count() == 0

    before = await api.release(release_id)
    staging = environment(before, "staging")
    forged = [
        (
            "mutation($id: ID!) { r: startRelease(input: {releaseId: $id}) {"
            " __typename ... on Error { code message } } }",
            {"id": idle_id},
        ),
        (
            "mutation($id: ID!) { r: cancelDeployment(input: {environmentId: $id}) {"
            " __typename ... on Error { code message } } }",
            {"id": staging["id"]},
        ),
        (
            "mutation($id: ID!) { r: ignoreTaskFailure(input: {taskId: $id}) {"
            " __typename ... on Error { code message } } }",
            {"id": (task(before, "staging", "smoke") or {})["id"]},
        ),
    ]
    for document, variables in forged:
        answer = await page.evaluate(FORGE, [document, variables])
        refused = answer.get("errors") or answer["data"]["r"]["__typename"]
        assert refused == "PermissionDeniedError", answer
    assert (await api.release(idle_id))["executionStatus"] == "NOT_STARTED"
    after = await api.release(release_id)
    assert environment(after, "staging") == staging
    assert environment(after, "production")["status"] == environment(before, "production")["status"]


VARIABLES = """\
name: {name}
variables: {{region: eu-west}}
environments:
  - name: staging
    phases: [{{name: deploy, runOn: SERVER, tasks: [{{name: t, kind: simulate}}]}}]
  - name: production
    dependsOn: [staging]
    trigger: AFTER_DEPENDENCIES
    phases: [{{name: deploy, runOn: SERVER, tasks: [{{name: t, kind: simulate}}]}}]
"""


async def test_start_a_release_of_a_definition_with_a_variable_from_the_page(
    page: Page, api: Api
) -> None:
    """/new shows the definition's environments as their graph and its variables with their
    defaults; a changed variable goes into the release it starts, whose page opens."""
    name = unique("start")
    await api.define(VARIABLES.format(name=name))
    await sign_in(page, "olivia")
    await page.goto("/new")
    await page.get_by_test_id("new-definition").select_option(label=f"{name} (revision 1)")
    await expect(page.get_by_test_id("graph-edge")).to_have_count(1, timeout=UI_TIMEOUT)
    await expect(page.get_by_test_id("new-var-value").first).to_have_value("eu-west")
    await page.get_by_test_id("new-var-value").first.fill("us-east")
    await page.get_by_test_id("new-create").click()

    await expect(page).to_have_url(re.compile(r"/releases/[^/]+$"), timeout=UI_TIMEOUT)
    release_id = unquote(page.url.rsplit("/", 1)[1])
    await api.until(release_id, "it ran", lambda r: r["executionStatus"] == "SUCCEEDED")
    query = "query($id: ID!) { release(id: $id) { variables { name value } } }"
    variables = (await api.data("ada", query, {"id": release_id}))["release"]["variables"]
    assert variables == [{"name": "region", "value": "us-east"}]


async def test_rows_loaded_with_load_more_stay_live(page: Page, api: Api) -> None:
    """The board follows every row it shows, not only its first page: the oldest of 21
    drafts, loaded with "Load more", shows as succeeded once it is started and has run."""
    name = unique("paged")
    definition = await api.define(SERVER_PHASE.format(name=name))
    drafts = [await api.create_release(definition, start=False) for _ in range(21)]
    await sign_in(page, "olivia")
    await page.get_by_test_id("filter-definition").select_option(label=name)
    await expect(page.get_by_test_id("release-row")).to_have_count(20, timeout=UI_TIMEOUT)
    await page.get_by_test_id("load-more").click()
    oldest = page.locator(f'[data-testid="release-row"][data-release-id="{drafts[0]}"]')
    await expect(oldest).to_have_count(1, timeout=UI_TIMEOUT)

    await api.act("olivia", "startRelease", {"releaseId": drafts[0]})

    await expect(oldest.get_by_test_id("release-status")).to_have_attribute(
        "data-status", "SUCCEEDED", timeout=UI_TIMEOUT
    )


async def test_a_long_log_opens_on_its_last_thousand_lines(page: Page, api: Api) -> None:
    """A task page opens on the last 1,000 lines of a 1,500-line log (logTail), renders only
    those in view, and shows the first 500 too once asked for every line."""
    definition = await api.define(LOG.format(name=unique("tail"), script="seq 1500"))
    release_id = await api.create_release(definition, start=True)
    release = await api.until(
        release_id,
        "all lines stored",
        lambda r: (task(r, "staging", "compile") or {}).get("status") == "SUCCEEDED",
    )
    compile_task = task(release, "staging", "compile")
    assert compile_task is not None
    await sign_in(page, "olivia")
    await page.goto(
        f"/releases/{quote(release_id, safe='')}/tasks/{quote(compile_task['id'], safe='')}"
    )

    await expect(page.get_by_test_id("log-count")).to_have_text(
        "1000 lines loaded", timeout=UI_TIMEOUT
    )
    await expect(page.locator('[data-testid="log-line"][data-line="1500"]')).to_have_count(1)
    assert await page.get_by_test_id("log-line").count() < 200  # only those in view
    await page.get_by_test_id("log-start-mode").select_option("first")
    await expect(page.get_by_test_id("log-count")).to_have_text(
        "1500 lines loaded", timeout=UI_TIMEOUT
    )


STEPS = """\
name: {name}
environments:
  - name: staging
    phases:
      - name: deploy
        runOn: SERVER
        tasks:
{tasks}
"""


async def test_live_updates_keep_the_scroll_position(page: Page, api: Api) -> None:
    """Scrolled down a long release while its tasks go on ending: the page updates in
    place (the task's status changes) and the row the person looks at stays where it was
    on the screen (the browser's scroll anchoring may move the scroll offset to do so)."""
    tasks = "\n".join(
        f"          - {{name: step-{n}, kind: simulate, durationSeconds: 0.2}}" for n in range(40)
    )
    release_id = await api.create_release(
        await api.define(STEPS.format(name=unique("scroll"), tasks=tasks)), start=True
    )
    await page.set_viewport_size({"width": 1280, "height": 500})
    await sign_in(page, "olivia")
    await page.goto(f"/releases/{quote(release_id, safe='')}")
    last = page.get_by_test_id("task").last
    await expect(last).to_be_visible(timeout=UI_TIMEOUT)
    await page.evaluate("() => window.scrollTo(0, document.body.scrollHeight / 2)")
    assert await page.evaluate("() => window.scrollY") > 0
    in_view = page.get_by_test_id("task").nth(20)  # a row the person is looking at
    before = await in_view.bounding_box()

    await expect(last.get_by_test_id("task-status")).to_have_attribute(
        "data-status", "SUCCEEDED", timeout=UI_TIMEOUT * 3
    )
    after = await in_view.bounding_box()
    assert before is not None
    assert after is not None
    assert abs(after["y"] - before["y"]) <= 2, (before, after)


RECORD_NOTIFICATIONS = """
window.__notifications = [];
window.Notification = class {
  static permission = "granted";
  static requestPermission() { return Promise.resolve("granted"); }
  constructor(title, options) { window.__notifications.push([title, options.body]); }
};
"""


async def test_something_new_in_the_inbox_raises_a_browser_notification(
    page: Page, api: Api
) -> None:
    """With notifications allowed, an approval that arrives for the signed-in person while
    the dashboard is open raises one browser notification (the browser's own Notification
    is replaced by a recorder: headless Chromium shows none)."""
    await page.add_init_script(RECORD_NOTIFICATIONS)
    await sign_in(page, "nina")
    mine = (
        "{ approvals(filter: {forViewer: true}) { id }"
        " manualInterventions(filter: {forViewer: true}) { id } }"
    )
    waiting = await api.data("nina", mine)
    before = len(waiting["approvals"]) + len(waiting["manualInterventions"])
    # The page has its inbox (what was there is not new) once it shows that count.
    await expect(page.get_by_test_id("inbox-count")).to_have_text(str(before), timeout=UI_TIMEOUT)

    await api.create_release(await api.define(APPROVAL.format(name=unique("notify"))), start=True)

    await expect(page.get_by_test_id("inbox-count")).to_have_text(
        str(before + 1), timeout=UI_TIMEOUT
    )
    notified = await page.evaluate("() => window.__notifications")
    assert notified == [["releasegraph", "1 new item waiting for you"]]
