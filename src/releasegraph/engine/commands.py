"""Commands: every way the outside world asks for a change, each carrying who asks.

Most change a release and go through ``decide``; the first three create what a
release starts from (a definition, a revision, the release itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TypedDict

from releasegraph.engine.answerers import Answerer


class Acting(TypedDict):
    """The fields of every command that say who acts: ``commands.X(**acting, ...)``."""

    actor: str
    groups: frozenset[str]
    operator: bool


@dataclass(frozen=True, kw_only=True)
class Command:
    actor: str
    groups: frozenset[str] = frozenset()
    """The acting user's groups, for approvers named ``group:NAME``."""
    operator: bool = False
    """The actor drives releases (OPERATOR or ADMIN): may answer what names no one person."""

    def answerer(self) -> Answerer:
        return Answerer(name=self.actor, groups=self.groups, operator=self.operator)


@dataclass(frozen=True, kw_only=True)
class CreateReleaseDefinition(Command):
    source: str
    """The definition, as YAML or JSON."""


@dataclass(frozen=True, kw_only=True)
class UpdateReleaseDefinition(Command):
    """A new revision; releases already created keep the snapshot they were made from."""

    definition_id: str
    source: str


@dataclass(frozen=True, kw_only=True)
class CreateRelease(Command):
    """A draft release of a definition, started or scheduled at once when asked."""

    definition_id: str
    description: str = ""
    artifacts: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    """Overrides of the definition's variables."""
    start: bool = False
    scheduled_start_time: datetime | None = None
    """Start by itself at this time (then ``start`` is not looked at)."""


@dataclass(frozen=True, kw_only=True)
class UpdateDraftRelease(Command):
    description: str | None = None
    artifacts: dict[str, str] | None = None
    variables: dict[str, str] | None = None


@dataclass(frozen=True, kw_only=True)
class StartRelease(Command):
    """Start now: a draft, or a scheduled release before its time (pre-execution)."""


@dataclass(frozen=True, kw_only=True)
class ScheduleRelease(Command):
    start_at: datetime


@dataclass(frozen=True, kw_only=True)
class DeployEnvironment(Command):
    environment_id: str
    scheduled_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class CancelDeployment(Command):
    environment_id: str
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class AbandonRelease(Command):
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class Approve(Command):
    approval_id: str
    comment: str = ""
    defer_until: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Reject(Command):
    approval_id: str
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class ReassignApproval(Command):
    approval_id: str
    to: str
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class ResumeManualIntervention(Command):
    intervention_id: str
    values: dict[str, str] = field(default_factory=dict)
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class RejectManualIntervention(Command):
    intervention_id: str
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class RetryTask(Command):
    """Run a failed task again: within its attempt while it waits, or in a new attempt."""

    task_id: str


@dataclass(frozen=True, kw_only=True)
class IgnoreTaskFailure(Command):
    task_id: str


@dataclass(frozen=True, kw_only=True)
class FixAndContinue(Command):
    task_id: str
    inputs: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Tick(Command):
    """Let time and freed resources move the release on; the runtime's timers send it."""


@dataclass(frozen=True, kw_only=True)
class RunFinished(Command):
    """An executor reports the end of a script or http run."""

    run_id: str
    succeeded: bool
    exit_code: int | None = None
    error: str | None = None
    lease_owner: str | None = None
    """The reporting process; refused with ``STALE_LEASE`` unless it still holds the run."""


@dataclass(frozen=True, kw_only=True)
class RunInterrupted(Command):
    """The process running this run died or lost it: record it and run the task again.

    Only a run whose lease has expired, or whose owner is ``gone_owner`` (a process the
    runtime saw is no more), is interrupted: one whose owner renewed it is alive.
    """

    run_id: str
    gone_owner: str | None = None


@dataclass(frozen=True, kw_only=True)
class LeaseLost(Command):
    """A process found that a run it executes is no longer its own: its writes were refused."""

    run_id: str
    owner: str
    refused: str
    """What the process tried to write: ``report``, ``renewal`` or ``log``."""


@dataclass(frozen=True, kw_only=True)
class GateSampled(Command):
    gate_id: str
    results: dict[str, bool]
