"""An agent process: register, serve every slot, stop on SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass, field

from releasegraph import __version__
from releasegraph.agent.client import REGISTER, Api, RefusedError, Server
from releasegraph.agent.worker import Slot
from releasegraph.cli import shutdown
from releasegraph.cli.exits import EXIT_OK, EXIT_USAGE

log = logging.getLogger(__name__)

HEARTBEAT_MOST = 1.0
"""Seconds between renewals of a running job's lease, at most: a cancel reaches it then."""


@dataclass(frozen=True, kw_only=True)
class AgentConfig:
    server: Server
    name: str
    pool: str = "default"
    capacity: int = 1
    capabilities: dict[str, str] = field(default_factory=dict)
    workdir: str | None = None
    shutdown_timeout: float = 10.0
    version: str = __version__


async def run_agent(config: AgentConfig) -> int:
    wake = asyncio.Event()
    stop = shutdown.Stop(wake, config.shutdown_timeout)
    async with config.server.client() as http:
        api = Api(http)
        try:
            registered = await api.persist(REGISTER, "registerAgent", {"input": _input(config)})
        except RefusedError as error:
            print(f"{config.server.url} refused the agent: {error.message}", file=sys.stderr)
            return EXIT_USAGE
        heartbeat = min(HEARTBEAT_MOST, float(registered["leaseSeconds"]) / 3)
        slots = [
            Slot(api, agent["name"], heartbeat=heartbeat, workdir=config.workdir)
            for agent in registered["agents"]
        ]
        print(
            f"agent {config.name} ({config.version}) serving {config.server.url}:"
            f" {len(slots)} slot(s) in pool {config.pool}",
            flush=True,
        )
        tasks = [asyncio.create_task(slot.serve(), name=f"slot:{slot.name}") for slot in slots]
        try:
            await _until(wake, stop, tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    return stop.exit_code(EXIT_OK)


async def _until(wake: asyncio.Event, stop: shutdown.Stop, tasks: list[asyncio.Task[None]]) -> None:
    """Until a signal, or until a slot fails (its error is raised)."""
    waiting = asyncio.create_task(wake.wait())
    try:
        done, _ = await asyncio.wait([waiting, *tasks], return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiting.cancel()
    for task in done:
        if task is not waiting:
            task.result()


def _input(config: AgentConfig) -> dict[str, object]:
    return {
        "name": config.name,
        "pool": config.pool,
        "capacity": config.capacity,
        "capabilities": [{"name": k, "value": v} for k, v in sorted(config.capabilities.items())],
        "version": config.version,
    }
