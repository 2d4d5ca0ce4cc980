"""The two servers of the API benchmark, each a uvicorn in a process of its own.

The benchmark starts this file as a script, ``python bench/api_servers.py graphql|plain
--database FILE [--gc-threshold N] [--profile-out FILE]`` with the token in
``RELEASEGRAPH_BENCH_TOKEN``; it prints its free loopback port first.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import math
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from api_plain import ADA, plain_app
from releasegraph.app import AppSettings, create_app
from releasegraph.auth import TokenStore
from releasegraph.runtime.service import Runtime
from releasegraph.runtime.settings import Settings

_TOKEN_VARIABLE = "RELEASEGRAPH_BENCH_TOKEN"


@dataclass(kw_only=True)
class Server:
    process: asyncio.subprocess.Process
    base_url: str

    def cpu_seconds(self) -> float:
        """User + system CPU of the server process so far (Linux), else NaN."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return math.nan
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.asynccontextmanager
async def running(
    kind: str, database: Path, token: str, gc_threshold: int, profile_out: Path | None = None
) -> AsyncIterator[Server]:
    """A server in a process of its own, stopped with SIGINT as uvicorn expects."""
    command = [__file__, kind, "--database", str(database)]
    command += ["--gc-threshold", str(gc_threshold)]
    if profile_out is not None:
        command += ["--profile-out", str(profile_out)]
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *command,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, _TOKEN_VARIABLE: token},
    )
    try:
        assert process.stdout is not None
        port = (await process.stdout.readline()).decode().strip()
        server = Server(process=process, base_url=f"http://127.0.0.1:{port}")
        await _wait_healthy(server.base_url)
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        await process.wait()


async def _wait_healthy(base_url: str) -> None:
    deadline = time.monotonic() + 30
    async with httpx.AsyncClient(base_url=base_url) as client:
        while True:
            with contextlib.suppress(httpx.TransportError):
                if (await client.get("/healthz")).status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise SystemExit(f"no server answered at {base_url}")
            await asyncio.sleep(0.05)


def serve(kind: str, database: Path, gc_threshold: int, profile_out: Path | None) -> None:
    """The child process: one uvicorn server on a free loopback port, which it prints first."""
    tokens = TokenStore({os.environ[_TOKEN_VARIABLE]: ADA})
    if kind == "graphql":
        runtime = Runtime(Settings(database_url=f"sqlite:///{database}"))
        app = create_app(runtime, tokens, AppSettings())
    else:
        app = plain_app(database, tokens)
    if gc_threshold:
        # Startup's objects (modules, the schema) leave the collector's sight for good,
        # and the youngest generation is collected less often.
        gc.freeze()
        gc.set_threshold(gc_threshold, *gc.get_threshold()[1:])
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on such sockets, and without it a
    # response sent in two writes waits ~40 ms for the client's delayed ACK.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    profiler = cProfile.Profile() if profile_out else None
    if profiler is not None:
        profiler.enable()
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises the SIGINT it stopped on
        server.run(sockets=[listener])
    if profiler is not None and profile_out is not None:
        profiler.disable()
        profiler.dump_stats(profile_out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["graphql", "plain"])
    parser.add_argument("--database", type=Path, required=True, help="SQLite file")
    parser.add_argument("--gc-threshold", type=int, default=0)
    parser.add_argument("--profile-out", type=Path, help="cProfile stats written on SIGINT")
    arguments = parser.parse_args()
    serve(arguments.kind, arguments.database, arguments.gc_threshold, arguments.profile_out)


if __name__ == "__main__":
    main()
