"""Live updates from a real ``releasegraph serve``: dashboards subscribed over websockets
(gql, graphql-transport-ws) while another client drives a release over HTTP.

Every event must reach the dashboard once, in order, and equal the log read over HTTP at
the end; the last pushed release must equal the release read over HTTP; a dashboard that
drops out mid-release and comes back with ``after: <last seq>`` ends with the whole log.
The server runs on the real clock: waits poll with a deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from gql import Client, GraphQLRequest
from gql.client import AsyncClientSession
from gql.transport.websockets import WebsocketsTransport

from tests.e2e.conftest import TOKENS
from tests.e2e.lifecycle import (
    ATTEMPT,
    FAILURE,
    ON_HOLD,
    PAIRS,
    SIGN_OFF,
    expect,
    sign_off_and_approve,
    start_release,
    task,
    until,
    waits_for_a_person,
)
from tests.e2e.server import JSON, GraphQLApi, Server
from tests.waiting import poll_async

EVENT = """
seq kind entity entityId fromStatus toStatus fromOperationStatus toOperationStatus actor at data
"""
RELEASE = f"""
id status executionStatus inputRequiredCount version
environments {{
  id name status
  attempts {{ attempt status operationStatus }}
  latestAttempt {{ {ATTEMPT} }}
}}
"""
RELEASE_UPDATED = f"subscription Live($id: ID!) {{ releaseUpdated(id: $id) {{ {RELEASE} }} }}"
RELEASE_NOW = f"query Now($id: ID!) {{ release(id: $id) {{ {RELEASE} }} }}"
RELEASE_EVENTS = f"""
subscription Events($id: ID, $after: Int!) {{
  releaseEvents(releaseId: $id, after: $after) {{ {EVENT} release {{ id }} }}
}}"""
EVENTS = f"""
query Log($id: ID!, $after: Int!) {{
  events(releaseId: $id, after: $after, first: 500) {{ {EVENT} }}
}}"""
FEED = """
subscription Feed($after: Int!) {
  releaseEvents(after: $after) { seq kind release { id name executionStatus version } }
}"""
RELEASE_HEAD = "query Head($id: ID!) { release(id: $id) { id name executionStatus version } }"
SUCCEEDED = ("SUCCEEDED", (1, "SUCCEEDED", "APPROVED"))


# -- a dashboard: gql over a websocket -------------------------------------------------------


@contextlib.asynccontextmanager
async def dashboard(server: Server, user: str) -> AsyncIterator[AsyncClientSession]:
    transport = WebsocketsTransport(
        url=server.graphql_url.replace("http://", "ws://"),
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        init_payload={"authorization": f"Bearer {TOKENS[user]}"},
        connect_args={"proxy": None},
    )
    async with Client(transport=transport, fetch_schema_from_transport=False) as session:
        yield session


@dataclass
class Subscribed:
    """One subscription's results, gathered by a task of their own."""

    results: list[JSON] = field(default_factory=list)
    task: asyncio.Task[None] | None = None

    async def until(self, done: Callable[[list[JSON]], bool], what: str) -> list[JSON]:
        def gathered() -> list[JSON]:
            if not done(self.results) and self.task is not None and self.task.done():
                self.task.result()  # the subscription ended: raise what ended it
                raise AssertionError(f"the subscription ended before {what}")
            return self.results

        return await poll_async(gathered, what, until=done)


@contextlib.asynccontextmanager
async def subscribed(
    session: AsyncClientSession, document: str, variables: JSON, root: str
) -> AsyncIterator[Subscribed]:
    """Subscribe, gather each result's ``root`` field until the block ends, then unsubscribe."""
    gathered = Subscribed()

    async def gather() -> None:
        async for data in session.subscribe(GraphQLRequest(document, variable_values=variables)):
            gathered.results.append(data[root])

    gathered.task = asyncio.create_task(gather())
    try:
        await gathered.until(bool, f"the first result of {root}")
        yield gathered
    finally:
        gathered.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await gathered.task


# -- the log over HTTP -------------------------------------------------------------------------


async def event_log(api: GraphQLApi, release_id: str) -> list[JSON]:
    """Every event of the release, read over HTTP page by page."""
    found: list[JSON] = []
    while True:
        after = found[-1]["seq"] if found else 0
        data = await api.query(EVENTS, {"id": release_id, "after": after}, as_user="victor")
        found += data["events"]
        if len(data["events"]) < 500:
            return found


async def holding_still(api: GraphQLApi, release_id: str) -> tuple[JSON, list[JSON]]:
    """The release and its log, read when the release did not change while its log was read."""

    async def read() -> tuple[JSON, list[JSON]] | None:
        query = {"id": release_id}
        before = (await api.query(RELEASE_HEAD, query, as_user="victor"))["release"]
        log = await event_log(api, release_id)
        after = (await api.query(RELEASE_HEAD, query, as_user="victor"))["release"]
        return (after, log) if before == after else None

    return await poll_async(read, "the release holds still while its log is read")


async def caught_up(api: GraphQLApi, feed: Subscribed, release_id: str) -> tuple[JSON, JSON]:
    """Once the release holds still: what the feed sent with its last event, and what it is."""
    now, log = await holding_still(api, release_id)
    last = log[-1]["seq"]
    got = await feed.until(lambda got: got[-1]["seq"] >= last, f"event {last} in the feed")
    sent: JSON = next(event["release"] for event in got if event["seq"] == last)
    return sent, now


def without_release(events: list[JSON]) -> list[JSON]:
    return [{k: v for k, v in e.items() if k != "release"} for e in events]


def seqs(events: list[JSON]) -> list[int]:
    return [e["seq"] for e in events]


def legal_pairs(release: JSON) -> bool:
    return all(
        tried["operationStatus"] in PAIRS[tried["status"]]
        for env in release["environments"]
        for tried in env["attempts"]
    )


# -- the scenarios -----------------------------------------------------------------------------


async def drive_to_the_end(api: GraphQLApi, release_id: str, release: JSON) -> JSON:
    """From alice's pending approval: approve, the smoke test fails and PROMPTs, retry it, bob
    resumes the sign-off and approves after deploying; production deploys; all succeeded."""
    approval = release["environments"][0]["latestAttempt"]["preDeployApprovals"][0]
    await api.act("approve", {"approvalId": approval["id"]}, as_user="alice")
    release = await until(api, release_id, expect(ON_HOLD, waits_for_a_person(), waiting=FAILURE))
    await api.act("retryTask", {"taskId": task(release, "smoke")["id"]}, as_user="olivia")
    await sign_off_and_approve(api, release_id)
    return await until(api, release_id, expect(("ACTIVE", "SUCCEEDED", 0), SUCCEEDED, SUCCEEDED))


async def test_a_dashboard_sees_every_event_in_order_and_the_final_release(
    api: GraphQLApi, server: Server
) -> None:
    release_id, release = await start_release(api, "live-dashboard")
    first_seq = (await event_log(api, release_id))[0]["seq"]

    async with (
        dashboard(server, "victor") as session,
        subscribed(session, RELEASE_UPDATED, {"id": release_id}, "releaseUpdated") as pushed,
        subscribed(
            session, RELEASE_EVENTS, {"id": release_id, "after": 0}, "releaseEvents"
        ) as events,
        subscribed(
            session, RELEASE_EVENTS, {"id": None, "after": first_seq - 1}, "releaseEvents"
        ) as everything,
    ):
        await drive_to_the_end(api, release_id, release)
        log = await event_log(api, release_id)
        await events.until(lambda got: seqs(got) == seqs(log), "every event of the release")
        await everything.until(lambda got: got[-1]["seq"] >= log[-1]["seq"], "the last event")
        final = (await api.query(RELEASE_NOW, {"id": release_id}, as_user="victor"))["release"]
        await pushed.until(lambda got: got[-1] == final, "the final release pushed")

    assert without_release(events.results) == log
    global_seqs = seqs(everything.results)
    assert global_seqs == list(range(first_seq, global_seqs[-1] + 1))  # no gap in the log
    ours = [e for e in everything.results if e["release"]["id"] == release_id]
    assert without_release(ours) == log
    assert all(legal_pairs(r) for r in pushed.results)
    versions = [r["version"] for r in pushed.results]
    assert versions == sorted(versions)  # never an older state after a newer one
    assert pushed.results[0]["executionStatus"] == "ON_HOLD"
    assert final["executionStatus"] == "SUCCEEDED"


async def test_a_dashboard_that_resumes_after_its_last_seq_ends_with_the_whole_log(
    api: GraphQLApi, server: Server
) -> None:
    release_id, release = await start_release(api, "live-resume")
    approval = release["environments"][0]["latestAttempt"]["preDeployApprovals"][0]

    async with (
        dashboard(server, "victor") as session,
        subscribed(session, RELEASE_EVENTS, {"id": release_id, "after": 0}, "releaseEvents") as a,
    ):
        await api.act("approve", {"approvalId": approval["id"]}, as_user="alice")
        release = await until(
            api, release_id, expect(ON_HOLD, waits_for_a_person(), waiting=FAILURE)
        )
        so_far = await event_log(api, release_id)
        await a.until(lambda got: seqs(got) == seqs(so_far), "the events so far")
    before = without_release(a.results)

    # Disconnected: the release goes on without the dashboard.
    await api.act("retryTask", {"taskId": task(release, "smoke")["id"]}, as_user="olivia")
    await until(api, release_id, expect(ON_HOLD, waits_for_a_person(), waiting=SIGN_OFF))

    last = before[-1]["seq"]
    async with (
        dashboard(server, "victor") as session,
        subscribed(
            session, RELEASE_EVENTS, {"id": release_id, "after": last}, "releaseEvents"
        ) as b,
    ):
        missed = len(await event_log(api, release_id)) - len(before)
        await sign_off_and_approve(api, release_id)
        await until(api, release_id, expect(("ACTIVE", "SUCCEEDED", 0), SUCCEEDED, SUCCEEDED))
        log = await event_log(api, release_id)
        await b.until(lambda got: got[-1]["seq"] >= log[-1]["seq"], "the last event")
    after = without_release(b.results)

    assert before + after == log
    assert len(set(seqs(log))) == len(log)
    assert missed > 0  # events happened while the dashboard was away
    assert len(after) > missed  # and more came live after it had resumed


async def test_a_global_feed_sends_every_event_of_a_newer_release_with_the_release_as_it_is(
    api: GraphQLApi, server: Server
) -> None:
    older_id, _ = await start_release(api, "feed-older")
    first_seq = (await event_log(api, older_id))[0]["seq"]

    async with (
        dashboard(server, "victor") as session,
        subscribed(session, FEED, {"after": first_seq - 1}, "releaseEvents") as feed,
    ):
        seen = [await caught_up(api, feed, older_id)]  # the feed has read a release already
        release_id, release = await start_release(api, "feed-newer")
        seen.append(await caught_up(api, feed, release_id))
        await drive_to_the_end(api, release_id, release)
        seen.append(await caught_up(api, feed, release_id))
        await api.act("abandonRelease", {"releaseId": older_id}, as_user="olivia")
        seen.append(await caught_up(api, feed, older_id))
        log = await event_log(api, release_id)

    ours = [e for e in feed.results if e["release"]["id"] == release_id]
    assert [(e["seq"], e["kind"]) for e in ours] == [(e["seq"], e["kind"]) for e in log]
    versions = [e["release"]["version"] for e in ours]
    assert versions == sorted(versions)  # never an older state after a newer one
    assert [sent for sent, _ in seen] == [now for _, now in seen]
    statuses = [now["executionStatus"] for _, now in seen]
    assert statuses == ["ON_HOLD", "ON_HOLD", "SUCCEEDED", "CANCELED"]
