"""Agents as the engine sees them: which one may take a phase, and who owns a remote run.

A remote agent's slot is offered a run under the lease owner ``agent:<slot>``; the agent
claims it as ``agent:<slot>:<token>``, the token fencing every later write of that claim.
"""

from __future__ import annotations

from collections.abc import Mapping

REMOTE_OWNER_PREFIX = "agent:"
LOCAL_PREFIX = "local-"
"""Local agents are ``local-1`` … ``local-N``; no remote agent may take such a name."""


def is_remote_slot(name: str | None) -> bool:
    """Whether a phase on agent ``name`` runs on a remote agent (None: on the server)."""
    return name is not None and not name.startswith(LOCAL_PREFIX)


def offered_to(slot: str) -> str:
    """The lease owner of a run offered to the remote slot ``slot``, not yet claimed."""
    return f"{REMOTE_OWNER_PREFIX}{slot}"


def is_remote(owner: str | None) -> bool:
    return owner is not None and owner.startswith(REMOTE_OWNER_PREFIX)


def slot_of(owner: str) -> str:
    """The slot of a remote owner, offered or claimed."""
    return owner.removeprefix(REMOTE_OWNER_PREFIX).split(":", 1)[0]


def meets(capabilities: Mapping[str, str], demands: Mapping[str, str]) -> bool:
    """Whether an agent with ``capabilities`` may take a phase that ``demands``."""
    return all(capabilities.get(name) == value for name, value in demands.items())


def describe(demands: Mapping[str, str]) -> str:
    return ", ".join(f"{name}={value}" for name, value in sorted(demands.items()))
