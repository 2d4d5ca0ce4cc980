"""``Task.logTail(last)``: the end of a task's log, in order, without reading the rest."""

from __future__ import annotations

from tests.api import Api
from tests.resolvers.given import create_definition, create_release
from tests.support import definition, settle

COUNTS = definition(
    """
    name: counts
    environments:
      - name: prod
        phases: [{name: p, tasks: [{name: count, kind: script, run: seq 5}]}]
    """
)
TAIL = """
query($id: ID!, $last: Int!) {
  release(id: $id) {
    environments { latestAttempt { phases { tasks { logTail(last: $last) { line text } } } } }
  }
}"""


async def tail(api: Api, release_id: str, last: int) -> list[tuple[int, str]]:
    data = await api.data(TAIL, {"id": release_id, "last": last}, as_user="victor")
    attempt = data["release"]["environments"][0]["latestAttempt"]
    return [(line["line"], line["text"]) for line in attempt["phases"][0]["tasks"][0]["logTail"]]


async def test_the_last_lines_of_a_log_in_order(api: Api) -> None:
    release_id = await create_release(api, await create_definition(api, COUNTS), start=True)
    await settle(api.runtime)

    assert await tail(api, release_id, 2) == [(4, "4"), (5, "5")]
    assert await tail(api, release_id, 10) == [(n, str(n)) for n in range(1, 6)]
    assert await tail(api, release_id, 0) == []
