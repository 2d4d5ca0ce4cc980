"""Runtime settings: where the database is and how much capacity the server has."""

from __future__ import annotations

from dataclasses import dataclass

from releasegraph.runtime.db import DEFAULT_POOL_SIZE, DEFAULT_URL


@dataclass(frozen=True, kw_only=True)
class Settings:
    database_url: str = DEFAULT_URL
    pool_size: int = DEFAULT_POOL_SIZE
    """PostgreSQL connections this process holds at most (SQLite: unused)."""
    agents: int = 2
    """Local agents this process runs, in ``pool``."""
    pool: str = "default"
    job_limit: int = 0
    """Server-wide parallel jobs (agent phases running at once); 0 = unlimited."""
    poll_interval: float = 1.0
    """Seconds between looks at the database for work other processes committed."""
    lease_seconds: float = 30.0
    """How long a run stays this process's without a renewal (``runtime/leases.py``)."""
    lease_renewal: float = 10.0
    """Seconds between renewals: a third of the lease, so two may fail before it expires."""
    lost_run_limit: int = 3
    """Runs of one task that may be lost or interrupted before the task fails."""
    workdir: str | None = None
    """Working directory of script tasks; the server's own when None."""
