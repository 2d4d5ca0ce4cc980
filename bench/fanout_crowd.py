"""The fan-out benchmark's client processes (``fanout_client.py``), driven as one crowd.

Each process holds its share of the sockets; the coordinator tells them all the same thing
as JSON lines on their stdin and gathers their answers from their stdout.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from fanout_client import Json
from fanout_servers import reap

_CLIENT = Path(__file__).with_name("fanout_client.py")


@dataclass(kw_only=True)
class Heard:
    arrivals: list[float | None]
    text: str | None
    problems: list[str]
    cpu: float


@dataclass
class Crowd:
    """The client processes, each holding its share of the sockets."""

    processes: list[asyncio.subprocess.Process]

    async def _tell(self, messages: Sequence[Json]) -> None:
        for process, message in zip(self.processes, messages, strict=True):
            assert process.stdin is not None
            process.stdin.write(json.dumps(message).encode() + b"\n")
            await process.stdin.drain()

    async def _hear(self, within: float) -> list[Json]:
        async def one(process: asyncio.subprocess.Process) -> Json:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), within)
            if not line:
                raise SystemExit(f"client process {process.pid} ended")
            answer: Json = json.loads(line)
            if "failed" in answer:
                raise SystemExit(f"client process {process.pid}: {answer['failed']}")
            return answer

        return list(await asyncio.gather(*(one(p) for p in self.processes)))

    async def ready(self, orders: Sequence[Json], within: float) -> tuple[float, str]:
        """Seconds until every socket had the snapshot, and the snapshot."""
        await self._tell(orders)
        answers = await self._hear(within + 10)
        seconds = max(float(str(a["ready"])) for a in answers)
        return seconds, str(answers[0]["text"])

    async def cpu_seconds(self) -> float:
        await self._tell([{"cpu": True}] * len(self.processes))
        return sum(float(str(a["cpu"])) for a in await self._hear(10))

    async def collect(self, version: int, within: float) -> Heard:
        await self._tell([{"collect": version, "within": within}] * len(self.processes))
        answers = await self._hear(within + 10)
        text = answers[0]["text"]
        return Heard(
            arrivals=[
                at if isinstance(at, float) else None
                for answer in answers
                for at in _items(answer["arrivals"])
            ],
            text=text if isinstance(text, str) else None,
            problems=sorted({str(p) for a in answers for p in _items(a["problems"])}),
            cpu=sum(float(str(a["cpu"])) for a in answers),
        )


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


@contextlib.asynccontextmanager
async def crowd(processes: int) -> AsyncIterator[Crowd]:
    started: list[asyncio.subprocess.Process] = []
    try:
        for _ in range(processes):
            started.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    str(_CLIENT),
                    stdin=asyncio.subprocess.PIPE,
                    stdout=asyncio.subprocess.PIPE,
                    limit=2**24,  # an answer lists an arrival per socket
                )
            )
        yield Crowd(started)
    finally:
        for process in started:
            with contextlib.suppress(ConnectionError, RuntimeError):
                assert process.stdin is not None
                process.stdin.write(b'{"close": true}\n')
                process.stdin.close()
        await asyncio.gather(*(reap(p, 60) for p in started))
