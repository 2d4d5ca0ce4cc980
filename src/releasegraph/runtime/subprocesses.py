"""Shell scripts run as tasks: their own process group, their output line by line.

The engine decides when a run starts and when it is over; the runtime cancels
the asyncio task running a script to end a run. So a script keeps no timeout
of its own and is cleaned up completely when cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

MAX_LINE_BYTES = 64 * 1024
"""Longer lines are delivered in pieces of at most this many bytes."""

TERM_GRACE_SECONDS = 2.0
"""How long a cancelled script may take to exit on SIGTERM before SIGKILL."""

_running_groups: set[int] = set()
"""Process groups of the scripts this process runs, for ``kill_running_groups``."""

_UTF8_CONTINUATION_MASK = 0b1100_0000
_UTF8_CONTINUATION_BITS = 0b1000_0000


@dataclass(frozen=True)
class ScriptResult:
    exit_code: int
    """As asyncio reports it: negative when a signal killed the shell."""
    pid: int
    """The shell's pid, which is also the id of its process group."""


async def run_script(
    command: str,
    *,
    env: Mapping[str, str],
    on_line: Callable[[str, str], None],
    cwd: str | None = None,
    on_start: Callable[[int], None] | None = None,
    wait_room: Callable[[], Awaitable[None]] | None = None,
) -> ScriptResult:
    """Run `command` with /bin/sh in its own process group, streaming its output.

    `on_start` gets the shell's pid (its process group) as soon as it runs; `wait_room`,
    awaited after each piece of output, holds the reading back (the script then waits on
    its pipe) while whoever takes the lines has no room for more.
    Returns once the shell exited and both streams are drained. When cancelled
    (or when `on_line` raises), the whole process group is terminated before
    the exception propagates.
    """
    proc = await _start_shell(command, env=env, cwd=cwd)
    assert proc.stdout is not None
    assert proc.stderr is not None
    _running_groups.add(proc.pid)
    if on_start is not None:
        on_start(proc.pid)
    readers = [
        asyncio.create_task(_pump(proc.stdout, "stdout", on_line, wait_room)),
        asyncio.create_task(_pump(proc.stderr, "stderr", on_line, wait_room)),
    ]
    try:
        await asyncio.gather(*readers)
        exit_code = await proc.wait()
    except BaseException:
        await _stop_group(proc)
        raise
    finally:
        for reader in readers:
            reader.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
        _running_groups.discard(proc.pid)
    return ScriptResult(exit_code=exit_code, pid=proc.pid)


async def _start_shell(
    command: str, *, env: Mapping[str, str], cwd: str | None
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        "/bin/sh",
        "-c",
        command,
        # A script must never read the server's stdin.
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, **env},
        cwd=cwd,
        # Its own group, so that killing the group reaches grandchildren too.
        start_new_session=True,
    )


def kill_process_group(pid: int) -> None:
    """SIGKILL the process group led by `pid`, if anything is left of it."""
    # PermissionError: the id now belongs to another user's group, not to us.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def kill_running_groups() -> None:
    """SIGKILL the process group of every script still running: the process is about to end."""
    for pid in list(_running_groups):
        kill_process_group(pid)


async def _stop_group(proc: asyncio.subprocess.Process) -> None:
    try:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(TERM_GRACE_SECONDS):
                await proc.wait()
    finally:
        # Also when the shell obeyed: children may ignore SIGTERM or outlive it.
        # And also when cancelled again while waiting: nothing may survive.
        kill_process_group(proc.pid)
    await proc.wait()


async def _pump(
    stream: asyncio.StreamReader,
    name: str,
    on_line: Callable[[str, str], None],
    wait_room: Callable[[], Awaitable[None]] | None,
) -> None:
    # Own line splitting: StreamReader.readline() fails on lines over its limit.
    buffer = bytearray()
    while chunk := await stream.read(MAX_LINE_BYTES):
        buffer += chunk
        for piece in _take_lines(buffer):
            on_line(name, _decode(piece))
        if wait_room is not None:
            await wait_room()
    if buffer:
        on_line(name, _decode(buffer))


def _take_lines(buffer: bytearray) -> list[bytes]:
    """Remove and return the complete lines (and over-long pieces) in `buffer`."""
    pieces: list[bytes] = []
    start = 0
    while True:
        end = buffer.find(b"\n", start, start + MAX_LINE_BYTES + 1)
        if end >= 0:
            pieces.append(bytes(buffer[start:end]))
            start = end + 1
        elif len(buffer) - start > MAX_LINE_BYTES:
            cut = _character_start(buffer, start + MAX_LINE_BYTES, floor=start)
            pieces.append(bytes(buffer[start:cut]))
            start = cut
        else:
            break
    del buffer[:start]
    return pieces


def _character_start(buffer: bytearray, index: int, *, floor: int) -> int:
    # Step back over UTF-8 continuation bytes (at most 3) so a split keeps
    # characters whole; never back to `floor`, which would make an empty piece.
    for cut in range(index, max(index - 4, floor), -1):
        if buffer[cut] & _UTF8_CONTINUATION_MASK != _UTF8_CONTINUATION_BITS:
            return cut
    return index


def _decode(raw: bytes | bytearray) -> str:
    return raw.decode("utf-8", errors="replace")
