from __future__ import annotations

import asyncio
import os
import shlex
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from releasegraph.runtime.subprocesses import (
    MAX_LINE_BYTES,
    ScriptResult,
    kill_process_group,
    run_script,
)
from tests.waiting import poll_async


class Lines:
    """Collects what a script printed, per stream."""

    def __init__(self) -> None:
        self.stdout: list[str] = []
        self.stderr: list[str] = []

    def __call__(self, stream: str, text: str) -> None:
        getattr(self, stream).append(text)


async def run(command: str, *, env: dict[str, str] | None = None) -> tuple[ScriptResult, Lines]:
    lines = Lines()
    result = await run_script(command, env=env or {}, on_line=lines)
    return result, lines


def is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A killed orphan stays a zombie until init reaps it, which some container
    # inits do only now and then; a zombie runs nothing, so it counts as gone.
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def pid_in(path: Path) -> Callable[[], bool]:
    # `echo` writes the newline last, so a complete file ends with one.
    return lambda: path.exists() and path.read_text().endswith("\n")


# --- run_script: output, exit codes, environment -------------------------------------


async def test_lines_arrive_in_order_on_their_streams() -> None:
    result, lines = await run("for i in 1 2 3; do echo out$i; echo err$i >&2; done")

    assert result.exit_code == 0
    assert lines.stdout == ["out1", "out2", "out3"]
    assert lines.stderr == ["err1", "err2", "err3"]


async def test_non_zero_exit_code_is_returned() -> None:
    result, lines = await run("echo failing >&2; exit 7")

    assert result.exit_code == 7
    assert lines.stderr == ["failing"]


async def test_shell_killed_by_signal_gives_negative_exit_code() -> None:
    result, _ = await run("kill -KILL $$")

    assert result.exit_code == -signal.SIGKILL


async def test_result_pid_is_the_shell(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    result, _ = await run(f"echo $$ > {pid_file}")

    assert result.pid == int(pid_file.read_text())


async def test_variables_from_env_and_os_environ_are_visible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FROM_SERVER", "server")
    monkeypatch.setenv("OVERRIDDEN", "server")

    _, lines = await run(
        'echo "$FROM_SERVER $OVERRIDDEN $RELEASE_NAME"',
        env={"OVERRIDDEN": "release", "RELEASE_NAME": "web-shop 1"},
    )

    assert lines.stdout == ["server release web-shop 1"]


async def test_runs_in_the_given_directory(tmp_path: Path) -> None:
    lines = Lines()

    await run_script("pwd", env={}, on_line=lines, cwd=str(tmp_path))

    assert lines.stdout == [str(tmp_path)]  # pytest's tmp_path is already resolved


async def test_last_line_without_newline_is_delivered() -> None:
    _, lines = await run("printf 'first\\nlast'")

    assert lines.stdout == ["first", "last"]


async def test_empty_lines_are_kept() -> None:
    _, lines = await run("printf 'a\\n\\nb\\n'")

    assert lines.stdout == ["a", "", "b"]


async def test_long_line_is_split() -> None:
    _, lines = await run(f"head -c {MAX_LINE_BYTES + 100} /dev/zero | tr '\\0' x; echo; echo next")

    assert lines.stdout == ["x" * MAX_LINE_BYTES, "x" * 100, "next"]


async def test_long_line_is_split_between_characters() -> None:
    text = "a" + "é" * MAX_LINE_BYTES  # the byte at the limit is inside an "é"
    program = f"import sys; sys.stdout.write('a' + 'é' * {MAX_LINE_BYTES})"

    _, lines = await run(f"{shlex.quote(sys.executable)} -c {shlex.quote(program)}")

    assert len(lines.stdout) > 1
    assert all(len(line.encode()) <= MAX_LINE_BYTES for line in lines.stdout)
    assert "".join(lines.stdout) == text


async def test_invalid_utf8_is_replaced() -> None:
    _, lines = await run("printf 'a\\377b\\n'")

    assert lines.stdout == ["a\ufffdb"]


# --- run_script: cancellation and leftovers --------------------------------------------


@pytest.mark.parametrize(
    "trap",
    ["", "trap '' TERM; "],
    ids=["shell-and-grandchild", "a-script-that-ignores-sigterm"],
)
async def test_cancel_kills(tmp_path: Path, trap: str) -> None:
    shell_file, child_file = tmp_path / "shell", tmp_path / "child"
    task = asyncio.create_task(
        run(f"{trap}echo $$ > {shell_file}; sleep 1000 & echo $! > {child_file}; wait")
    )
    await poll_async(pid_in(child_file), "the child's pid written")

    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    for pid_file in (shell_file, child_file):
        pid = int(pid_file.read_text())
        await poll_async(lambda: is_gone(pid), f"{pid} gone")  # noqa: B023 - awaited in this iteration


async def test_cancel_sends_sigterm_first(tmp_path: Path) -> None:
    ready, termed = tmp_path / "ready", tmp_path / "termed"
    task = asyncio.create_task(
        run(f"trap 'echo yes > {termed}; exit 3' TERM; echo $$ > {ready}; sleep 1000 & wait")
    )
    await poll_async(pid_in(ready), "the shell's pid written")

    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert termed.read_text() == "yes\n"


async def test_failing_on_line_stops_the_script(tmp_path: Path) -> None:
    child_file = tmp_path / "child"

    def explode(stream: str, text: str) -> None:
        raise RuntimeError("log sink broken")

    with pytest.raises(RuntimeError, match="log sink broken"):
        await run_script(
            f"sleep 1000 & echo $! > {child_file}; echo hello; wait", env={}, on_line=explode
        )

    child = int(child_file.read_text())
    await poll_async(lambda: is_gone(child), f"the child {child} gone")


async def test_kill_process_group_of_finished_run_does_not_raise() -> None:
    result, _ = await run("true")

    kill_process_group(result.pid)
