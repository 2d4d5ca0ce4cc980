"""The fan-out benchmark's events: what makes the release change, and what is measured of it.

An event is a mutation over HTTP (GraphQL server) or a replayed message (bare server); its
figures are, for each subscriber, the seconds from just before the trigger until the
subscriber had it, and the CPU each side spent meanwhile.
"""

from __future__ import annotations

import asyncio
import math
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
from websockets.asyncio.client import ClientConnection

from fanout_client import now, version_in
from fanout_crowd import Crowd
from fanout_release import global_id
from fanout_servers import Server

DEPLOY = """
mutation Deploy($id: ID!) {
  deployEnvironment(input: {environmentId: $id}) {
    __typename ... on DeployEnvironmentPayload { release { version } }
  }
}"""
CANCEL = """
mutation Cancel($id: ID!) {
  cancelDeployment(input: {environmentId: $id}) {
    __typename ... on CancelDeploymentPayload { release { version } }
  }
}"""

Trigger = Callable[[], Awaitable[int]]
"""Makes the release change; returns its new version."""


@dataclass
class Mutator:
    """deployEnvironment, then cancelDeployment, then deployEnvironment ... as ada, over HTTP."""

    http: httpx.AsyncClient
    environment_id: str
    deployed: bool = False

    async def __call__(self) -> int:
        query, name = (
            (CANCEL, "cancelDeployment") if self.deployed else (DEPLOY, "deployEnvironment")
        )
        variables = {"id": global_id("ReleaseEnvironment", self.environment_id)}
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        payload = (response.json().get("data") or {}).get(name)
        if not isinstance(payload, dict) or "release" not in payload:
            raise SystemExit(f"{name} refused: {response.text}")
        self.deployed = not self.deployed
        return int(payload["release"]["version"])


@dataclass
class Replayer:
    """Has the bare server broadcast, one after the other, the texts the GraphQL server sent."""

    control: ClientConnection
    texts: list[str]
    sent: int = 0

    async def __call__(self) -> int:
        text = self.texts[self.sent]
        self.sent += 1
        await self.control.send(text)
        await self.control.recv()  # broadcast() has returned
        version = version_in(text)
        assert version is not None
        return version


@dataclass(kw_only=True)
class Delivery:
    """One event: seconds from just before the trigger until each subscriber had it."""

    latencies: list[float | None]
    answered: float
    """Until the mutation's answer (GraphQL) or the end of ``broadcast()`` (bare)."""
    server_cpu: float
    client_cpu: float
    others_cpu: float
    """The rest of the machine meanwhile: other processes, this one, the kernel's own work
    (/proc/stat counts 10 ms ticks: a few ms either way)."""
    wall: float
    """From just before the trigger until the clients had answered."""

    @property
    def delivered(self) -> list[float]:
        return [seconds for seconds in self.latencies if seconds is not None]

    @property
    def everyone(self) -> float:
        """Until every subscriber had it; infinite if one never did."""
        delivered = self.delivered
        return max(delivered) if len(delivered) == len(self.latencies) else math.inf


@dataclass(kw_only=True)
class Run:
    rss_before: int
    connect: float = 0.0
    rss_subscribed: int = 0
    rss_after: int = 0
    snapshot: str = ""
    deliveries: list[Delivery] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    """What the first subscriber received for each event, warm-up ones included."""
    problems: set[str] = field(default_factory=set)
    """What the clients saw go wrong."""
    errors: str = "none"
    """What the server logged as errors, its shutdown included."""
    idle_cpu: float = math.nan
    """Share of a core the server used with every socket open and nothing to deliver."""


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent on anything but idling (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(n) for n in stat.readline().split()[1:9]]
    user, nice, system, _, _, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


async def deliver(
    server: Server,
    crowd: Crowd,
    trigger: Trigger,
    run: Run,
    *,
    events: int,
    pause: float,
    within: float,
) -> None:
    """``events`` events, ``pause`` seconds apart, each once the last one was delivered (or
    ``within`` seconds had passed)."""
    for _ in range(events):
        await asyncio.sleep(pause)
        client_cpu = await crowd.cpu_seconds()
        server_cpu, machine_cpu = server.cpu_seconds(), busy_seconds()
        started = now()
        version = await trigger()
        answered = now() - started
        heard = await crowd.collect(version, within)
        wall = now() - started
        run.texts.append(heard.text or "")
        run.problems.update(heard.problems)
        server_cpu = server.cpu_seconds() - server_cpu
        client_cpu = heard.cpu - client_cpu
        run.deliveries.append(
            Delivery(
                latencies=[None if at is None else at - started for at in heard.arrivals],
                answered=answered,
                server_cpu=server_cpu,
                client_cpu=client_cpu,
                others_cpu=busy_seconds() - machine_cpu - server_cpu - client_cpu,
                wall=wall,
            )
        )
