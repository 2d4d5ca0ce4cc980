"""``viewerCan`` says what the mutations would accept: every action on a release, an
environment and a failed task that it says no to is refused by its mutation, and one it
says yes to is accepted, for an operator and for a viewer, at two steps of a release's
life (a draft; started, with a failure waiting for a decision)."""

from __future__ import annotations

from releasegraph.engine.commands import CreateRelease, CreateReleaseDefinition
from tests.api import JSON, Api
from tests.resolvers.mutations.documents import global_id
from tests.support import definition, settle

SOURCE = definition(
    """
    name: permissions
    environments:
      - name: prod
        onTaskFailure: PROMPT
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: simulate, outcome: FAILED}]}]
      - name: later
        trigger: MANUAL
        phases: [{name: p, runOn: SERVER, tasks: [{name: t, kind: wait, seconds: 600}]}]
    """
)
VIEWER_CAN = """
query($id: ID!) {
  release(id: $id) {
    viewerCan { start schedule abandon }
    environments {
      id name viewerCan { deploy cancel }
      latestAttempt { phases { tasks { id viewerCan { retry ignore fixAndContinue } } } }
    }
  }
}"""
MUTATIONS = {
    "start": ("startRelease", "releaseId", ""),
    "schedule": ("scheduleRelease", "releaseId", ', startAt: "2099-01-01T00:00:00Z"'),
    "abandon": ("abandonRelease", "releaseId", ""),
    "deploy": ("deployEnvironment", "environmentId", ""),
    "cancel": ("cancelDeployment", "environmentId", ""),
    "retry": ("retryTask", "taskId", ""),
    "ignore": ("ignoreTaskFailure", "taskId", ""),
    "fixAndContinue": ("fixAndContinue", "taskId", ""),
}


def draft(api: Api) -> str:
    runtime = api.runtime
    definition_id = runtime.create_definition(
        CreateReleaseDefinition(actor="ada", source=SOURCE)
    ).id
    return runtime.create_release(CreateRelease(actor="ada", definition_id=definition_id))


async def answers(api: Api, release_id: str, user: str) -> dict[tuple[str, str], bool]:
    """(action, global id of its target) → what viewerCan says."""
    data = await api.data(VIEWER_CAN, {"id": global_id("Release", release_id)}, as_user=user)
    release = data["release"]
    found = {(k, global_id("Release", release_id)): v for k, v in release["viewerCan"].items()}
    for env in release["environments"]:
        found |= {(k, env["id"]): v for k, v in env["viewerCan"].items()}
        attempt = env["latestAttempt"] or {"phases": []}
        for task in (t for p in attempt["phases"] for t in p["tasks"]):
            found |= {(k, task["id"]): v for k, v in task["viewerCan"].items()}
    return found


async def accepted(api: Api, action: str, target: str, user: str) -> bool:
    """Whether the mutation behind ``action`` accepts it now (it is then done)."""
    name, field, extra = MUTATIONS[action]
    document = (
        f'mutation {{ r: {name}(input: {{{field}: "{target}"{extra}}})'
        " { __typename ... on Error { code } } }"
    )
    result: JSON = (await api.data(document, as_user=user))["r"]
    return not result["__typename"].endswith("Error")


async def agree(api: Api, release_id: str, user: str) -> None:
    """Every answer of viewerCan against its mutation; a true one is done last, once."""
    said = await answers(api, release_id, user)
    for (action, target), may in sorted(said.items(), key=lambda item: item[1]):
        if may:
            # One accepted action changes the release: the rest are checked again after it.
            assert await accepted(api, action, target, user), (user, action, "said yes")
            return
        assert not await accepted(api, action, target, user), (user, action, "said no")


async def test_a_viewer_may_do_nothing_and_every_mutation_refuses_it(api: Api) -> None:
    release_id = draft(api)

    said = await answers(api, release_id, "victor")

    assert not any(said.values())
    await agree(api, release_id, "victor")


async def test_what_an_operator_is_told_it_may_do_is_what_the_mutations_accept(api: Api) -> None:
    release_id = draft(api)
    before = await answers(api, release_id, "olivia")
    await agree(api, release_id, "olivia")  # starts it (or schedules it): a yes, done
    await settle(api.runtime)

    started = await answers(api, release_id, "olivia")
    await agree(api, release_id, "olivia")

    assert {a for (a, _), may in before.items() if may} >= {"start", "abandon"}
    assert {a for (a, _), may in started.items() if may} >= {"retry", "ignore", "deploy"}
    assert not started[("start", global_id("Release", release_id))]
