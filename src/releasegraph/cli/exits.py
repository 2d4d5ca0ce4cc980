"""How a command ends: its exit code, or a usage error (exit 2) with what was wrong."""

from __future__ import annotations

from pathlib import Path

from releasegraph.engine.states import ReleaseExecutionStatus

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_BY_OUTCOME = {
    ReleaseExecutionStatus.SUCCEEDED: EXIT_OK,
    ReleaseExecutionStatus.PARTIAL_SUCCESS: EXIT_PARTIAL,
    ReleaseExecutionStatus.FAILED: EXIT_FAILED,
    ReleaseExecutionStatus.CANCELED: EXIT_FAILED,
}


class UsageError(Exception):
    """Bad arguments or an unreadable file: exit 2."""


def read_file(file: str) -> str:
    try:
        return Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {file}: {error}") from error
