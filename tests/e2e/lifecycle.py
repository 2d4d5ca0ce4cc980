"""What the end-to-end release scenarios share: the definition, the status checks, the steps.

Every scenario creates its own definition (two environments; staging has a pre-deploy
approval, a smoke test that fails once and PROMPTs, a manual sign-off and a post-deploy
approval), starts a release, and after each step compares the nested statuses — release
``executionStatus``, environment ``status``, attempt ``(status, operationStatus)`` — with
ARCHITECTURE.md §2. The server runs on the real clock: waits poll with a deadline.
"""

from __future__ import annotations

from tests.e2e.server import JSON, GraphQLApi
from tests.waiting import poll_async

NOT_STARTED = ("NOT_STARTED", None)

DEFINITION = """
allowPartialSuccess: false
environments:
  - name: staging
    trigger: AFTER_RELEASE
    onTaskFailure: PROMPT
    preDeployApprovals: {approvers: [alice], requiredCount: 1}
    postDeployApprovals: {approvers: [bob], requiredCount: 1}
    phases:
      - name: deploy
        tasks:
          - {name: migrate, kind: simulate, durationSeconds: 0.1}
          - {name: smoke, kind: simulate, durationSeconds: 0.1, failTimes: 1,
             inputs: {endpoint: /health}}
          - {name: cleanup, kind: simulate, durationSeconds: 0.5, alwaysRun: true}
      - name: verify
        runOn: SERVER
        tasks:
          - {name: sign-off, kind: manualIntervention, instructions: Check the dashboard,
             approvers: [bob]}
  - name: production
    trigger: AFTER_DEPENDENCIES
    dependsOn: [staging]
    phases:
      - name: roll-out
        tasks:
          - {name: deploy, kind: simulate, durationSeconds: 0.1}
"""

# ARCHITECTURE.md §2: the only (status, operationStatus) pairs an attempt may show.
PAIRS = {
    "NOT_DEPLOYED": {
        "QUEUED", "SCHEDULED", "PENDING", "APPROVED", "REJECTED", "DEFERRED",
        "QUEUED_FOR_AGENT", "QUEUED_FOR_PIPELINE", "CANCELED", "EVALUATING_GATES",
        "GATES_FAILED",
    },
    "IN_PROGRESS": {
        "PHASE_IN_PROGRESS", "MANUAL_INTERVENTION_PENDING", "PHASE_SUCCEEDED", "PENDING",
        "QUEUED_FOR_AGENT", "QUEUED_FOR_PIPELINE", "CANCELLING", "EVALUATING_GATES",
        "GATES_FAILED",
    },
    "SUCCEEDED": {"APPROVED"},
    "PARTIALLY_SUCCEEDED": {"PHASE_PARTIALLY_SUCCEEDED"},
    "FAILED": {"PHASE_FAILED", "CANCELED", "REJECTED", "GATES_FAILED"},
}  # fmt: skip

ATTEMPT = """
attempt status operationStatus reason requestedBy
preDeployApprovals { id status approver approvedBy deferUntil }
postDeployApprovals { id status approver approvedBy }
phases {
  name status
  tasks { id name status carriedOver inputs { name value } runs { number status } }
  manualInterventions { id kind status task { name } }
}
"""
STATE = f"""
query State($id: ID!) {{
  release(id: $id) {{
    id status executionStatus inputRequiredCount variables {{ name value }}
    environments {{
      id name status skipped nextScheduledTime
      attempts {{ attempt status operationStatus }}
      latestAttempt {{ {ATTEMPT} }}
    }}
  }}
}}
"""


# -- reading the nested state -------------------------------------------------------------------


async def read(api: GraphQLApi, release_id: str) -> JSON:
    """The release with its nested statuses; every attempt's pair must be one of §2's."""
    release: JSON = (await api.query(STATE, {"id": release_id}, as_user="victor"))["release"]
    for env in release["environments"]:
        for tried in env["attempts"]:
            pair = (tried["status"], tried["operationStatus"])
            assert pair[1] in PAIRS[pair[0]], f"{env['name']}: illegal pair {pair}"
    return release


async def until(api: GraphQLApi, release_id: str, expected: dict[str, object]) -> JSON:
    """Read the release until its ``statuses`` are ``expected``, within the deadline.

    Waiting for the whole picture also rides out reads that catch the release between two
    of the server's commits, or the nested levels of one answer from two snapshots.
    """
    return await poll_async(
        lambda: read(api, release_id),
        f"the statuses {expected}",
        until=lambda release: statuses(release) == expected,
    )


def statuses(release: JSON) -> dict[str, object]:
    """Release (status, executionStatus, inputRequiredCount); per environment its status and
    its latest attempt's (number, status, operationStatus); and what waits for a person."""
    summary: dict[str, object] = {
        "release": (release["status"], release["executionStatus"], release["inputRequiredCount"])
    }
    for env in release["environments"]:
        latest = env["latestAttempt"]
        pair = latest and (latest["attempt"], latest["status"], latest["operationStatus"])
        summary[env["name"]] = (env["status"], pair)
    summary["waiting"] = waiting(release)
    return summary


def waiting(release: JSON) -> list[str]:
    found: list[str] = []
    for env in release["environments"]:
        latest = env["latestAttempt"] or {"phases": []}
        for stage in ("preDeployApprovals", "postDeployApprovals"):
            for approval in latest.get(stage, []):
                if approval["status"] == "PENDING":
                    found.append(f"{env['name']} {stage} of {approval['approver']}")
        for phase in latest["phases"]:
            for intervention in phase["manualInterventions"]:
                if intervention["status"] == "PENDING":
                    at = intervention["task"]["name"]
                    found.append(f"{env['name']} {intervention['kind']} intervention at {at}")
    return found


def expect(
    release: tuple[str, str, int],
    staging: tuple[str, object],
    production: tuple[str, object] = NOT_STARTED,
    *,
    waiting: str | None = None,
) -> dict[str, object]:
    """``statuses`` as they must be; ``waiting``: the one thing that waits for a person."""
    waits = [] if waiting is None else [waiting]
    return {"release": release, "staging": staging, "production": production, "waiting": waits}


def environment(release: JSON, name: str) -> JSON:
    found: JSON = next(e for e in release["environments"] if e["name"] == name)
    return found


def attempt(release: JSON, env: str = "staging") -> JSON:
    latest: JSON = environment(release, env)["latestAttempt"]
    return latest


def task(release: JSON, name: str) -> JSON:
    tasks = [t for phase in attempt(release)["phases"] for t in phase["tasks"]]
    found: JSON = next(t for t in tasks if t["name"] == name)
    return found


def intervention(release: JSON, kind: str) -> JSON:
    found: JSON = next(
        i for phase in attempt(release)["phases"] for i in phase["manualInterventions"]
        if i["kind"] == kind
    )  # fmt: skip
    return found


def runs(release: JSON, name: str) -> list[tuple[int, str]]:
    return [(r["number"], r["status"]) for r in task(release, name)["runs"]]


# -- steps several scenarios share --------------------------------------------------------------

PRE_APPROVAL = "staging preDeployApprovals of alice"
POST_APPROVAL = "staging postDeployApprovals of bob"
FAILURE = "staging FAILURE intervention at smoke"
SIGN_OFF = "staging TASK intervention at sign-off"
ON_HOLD = ("ACTIVE", "ON_HOLD", 1)


def waits_for_a_person(number: int = 1) -> tuple[str, object]:
    return ("IN_PROGRESS", (number, "IN_PROGRESS", "MANUAL_INTERVENTION_PENDING"))


async def start_release(api: GraphQLApi, name: str) -> tuple[str, JSON]:
    """A definition of DEFINITION named ``name`` (by ada); a release of it started (by olivia),
    its staging deployment waiting for alice's approval."""
    created = await api.act(
        "createReleaseDefinition",
        {"source": f"name: {name}\n{DEFINITION}"},
        as_user="ada",
        select="... on CreateReleaseDefinitionPayload { definition { id } }",
    )
    started = await api.act(
        "createRelease",
        {"definitionId": created["definition"]["id"], "start": True},
        as_user="olivia",
        select="... on CreateReleasePayload { release { id } }",
    )
    release_id: str = started["release"]["id"]
    waits = ("IN_PROGRESS", (1, "NOT_DEPLOYED", "PENDING"))
    return release_id, await until(api, release_id, expect(ON_HOLD, waits, waiting=PRE_APPROVAL))


async def approve_and_fail_once(api: GraphQLApi, name: str) -> tuple[str, JSON]:
    """Start a release, approve its staging deployment (alice); the smoke test fails and waits."""
    release_id, release = await start_release(api, name)

    approval = attempt(release)["preDeployApprovals"][0]
    await api.act("approve", {"approvalId": approval["id"]}, as_user="alice")
    release = await until(api, release_id, expect(ON_HOLD, waits_for_a_person(), waiting=FAILURE))

    assert attempt(release)["preDeployApprovals"][0]["approvedBy"] == "alice"
    assert [task(release, n)["status"] for n in ("migrate", "smoke", "cleanup")] == [
        "SUCCEEDED",
        "FAILED",
        "PENDING",
    ]
    return release_id, release


async def sign_off_and_approve(api: GraphQLApi, release_id: str, *, number: int = 1) -> JSON:
    """The sign-off waits: bob resumes it, then approves after deploying; production runs."""
    release = await until(
        api, release_id, expect(ON_HOLD, waits_for_a_person(number), waiting=SIGN_OFF)
    )

    await api.act(
        "resumeManualIntervention",
        {"manualInterventionId": intervention(release, "TASK")["id"], "comment": "flat"},
        as_user="bob",
    )
    post = ("IN_PROGRESS", (number, "IN_PROGRESS", "PENDING"))
    release = await until(api, release_id, expect(ON_HOLD, post, waiting=POST_APPROVAL))

    approval = attempt(release)["postDeployApprovals"][0]
    await api.act("approve", {"approvalId": approval["id"]}, as_user="bob")
    return release
