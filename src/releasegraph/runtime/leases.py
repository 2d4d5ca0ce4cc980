"""Leases on running work: the process executing a run owns it while it renews its lease.

Every other process leaves a run alone until its lease has expired, or until its owner is
seen to be gone: a process of this very machine that no longer exists. Only then is the run
recorded ``INTERRUPTED`` and run again; a report of its old owner is refused
(``STALE_LEASE``).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Collection, Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col

from releasegraph.engine import agents
from releasegraph.engine.states import RunStatus
from releasegraph.models import TaskRun


def _process_space() -> str:
    """This machine, as far as process ids mean the same process: host and pid namespace."""
    try:
        namespace = os.readlink("/proc/self/ns/pid").removeprefix("pid:")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()}{namespace}"


def new_owner() -> str:
    """This process's name on the runs it owns: ``host[pid namespace]:pid:token``."""
    return f"{_process_space()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _local_pid(owner: str | None) -> int | None:
    """The owner's process id, when it is a process of this machine."""
    if owner is None or agents.is_remote(owner):
        return None
    space, pid, _ = owner.rsplit(":", 2)
    return int(pid) if space == _process_space() and pid.isdigit() else None


def same_machine(owner: str | None) -> bool:
    """Whether ``owner`` ran on this machine (or is unknown: a run from before leases)."""
    return owner is None or _local_pid(owner) is not None


def owner_is_gone(owner: str | None) -> bool:
    """True only when ``owner`` is a process of this machine that no longer exists."""
    pid = _local_pid(owner)
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, under another user
        return False
    return False


def grant(
    created: Iterable[SQLModel], run_ids: Collection[str], owner: str, until: datetime
) -> list[str]:
    """Lease the new runs a decision starts, in the transaction that makes them: to
    ``owner``, or offered to the remote agent whose phase it is; the runs ``owner`` runs."""
    local = []
    for row in created:
        if isinstance(row, TaskRun) and row.id in run_ids:
            remote = agents.is_remote_slot(row.agent_name)
            row.lease_owner = agents.offered_to(row.agent_name or "") if remote else owner
            row.lease_expires_at = until
            if not remote:
                local.append(row.id)
    return local


def renew(session: Session, owner: str, run_ids: Collection[str], until: datetime) -> set[str]:
    """Extend ``owner``'s leases on ``run_ids``; the runs it still holds."""
    renewed = session.execute(
        sa.update(TaskRun)
        .where(
            col(TaskRun.id).in_(run_ids),
            col(TaskRun.lease_owner) == owner,
            col(TaskRun.status) == RunStatus.IN_PROGRESS,
        )
        .values(lease_expires_at=until)
        .returning(col(TaskRun.id))
    )
    return set(renewed.scalars())


def holds(session: Session, owner: str, run_id: str) -> bool:
    """Whether ``owner`` still holds ``run_id``; the row stays locked until the commit."""
    query = sa.select(col(TaskRun.id)).where(
        col(TaskRun.id) == run_id, col(TaskRun.lease_owner) == owner
    )
    return session.execute(query.with_for_update()).first() is not None


def release_all(session: Session, owner: str, now: datetime) -> None:
    """Let every run of ``owner`` expire now: it stopped, so others may take them at once."""
    session.execute(
        sa.update(TaskRun)
        .where(col(TaskRun.lease_owner) == owner, col(TaskRun.status) == RunStatus.IN_PROGRESS)
        .values(lease_expires_at=now)
    )
