"""The API benchmark's load: requests over keep-alive connections, and how they are summed up."""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from api_graphql import Json
from api_servers import Server


@dataclass(frozen=True, kw_only=True)
class Target:
    """One way to ask for the tree: method, path and body."""

    name: str
    method: str
    path: str
    body: Json | None = None


@dataclass(kw_only=True)
class Sample:
    latencies: list[float]
    wall: float
    server_cpu: float
    client_cpu: float


def client(server: Server, token: str) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.AsyncClient(base_url=server.base_url, headers=headers, timeout=120)


async def hammer(
    server: Server, target: Target, token: str, *, clients: int, requests: int, warmup: int
) -> Sample:
    """``warmup`` then ``requests`` requests over ``clients`` keep-alive connections."""
    latencies: list[float] = []

    async def worker(http: httpx.AsyncClient, queue: list[int], record: bool) -> None:
        while queue:
            queue.pop()
            started = time.perf_counter()
            response = await http.request(target.method, target.path, json=target.body)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{target.name}: HTTP {response.status_code}: {response.text}")
            if record:
                latencies.append(elapsed)

    async with contextlib.AsyncExitStack() as stack:
        https = [await stack.enter_async_context(client(server, token)) for _ in range(clients)]
        warm = list(range(warmup))
        await asyncio.gather(*(worker(http, warm, False) for http in https))
        cpu, server_cpu, started = time.process_time(), server.cpu_seconds(), time.perf_counter()
        queue = list(range(requests))
        await asyncio.gather(*(worker(http, queue, True) for http in https))
        wall = time.perf_counter() - started
    return Sample(
        latencies=latencies,
        wall=wall,
        server_cpu=server.cpu_seconds() - server_cpu,
        client_cpu=time.process_time() - cpu,
    )


async def fetch(server: Server, target: Target, token: str) -> bytes:
    async with client(server, token) as http:
        response = await http.request(target.method, target.path, json=target.body)
    return response.content


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least ``fraction`` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def describe(sample: Sample) -> str:
    count = len(sample.latencies)
    return (
        f"p50 {percentile(sample.latencies, 0.5) * 1000:7.1f} ms  "
        f"p99 {percentile(sample.latencies, 0.99) * 1000:7.1f} ms  "
        f"{count / sample.wall:7.1f} req/s  "
        f"server CPU {sample.server_cpu / count * 1000:6.1f} ms/req  "
        f"client CPU {sample.client_cpu / count * 1000:5.1f} ms/req"
    )


def describe_latencies(latencies: Sequence[float]) -> str:
    return (
        f"p50 {percentile(latencies, 0.5) * 1000:7.1f} ms  "
        f"p99 {percentile(latencies, 0.99) * 1000:7.1f} ms  "
        f"({len(latencies)} sequential)"
    )
