"""Typed release definitions (ARCHITECTURE.md §4).

A definition is parsed and validated once (``engine.definition``); the engine
only ever sees these frozen objects, and a release keeps its own snapshot.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Trigger(enum.StrEnum):
    AFTER_RELEASE = "AFTER_RELEASE"
    AFTER_DEPENDENCIES = "AFTER_DEPENDENCIES"
    MANUAL = "MANUAL"


class OnTaskFailure(enum.StrEnum):
    FAIL = "FAIL"
    PROMPT = "PROMPT"


class QueuePolicy(enum.StrEnum):
    SEQUENTIAL = "SEQUENTIAL"
    LATEST_ONLY = "LATEST_ONLY"


class ApprovalOrder(enum.StrEnum):
    ANY = "ANY"
    SEQUENTIAL = "SEQUENTIAL"


class GateStage(enum.StrEnum):
    PRE_DEPLOY = "PRE_DEPLOY"
    POST_DEPLOY = "POST_DEPLOY"


class GateFailure(enum.StrEnum):
    REJECT = "REJECT"
    ASK_APPROVAL = "ASK_APPROVAL"


class RunOn(enum.StrEnum):
    AGENT = "AGENT"
    SERVER = "SERVER"


class TaskKind(enum.StrEnum):
    SCRIPT = "script"
    HTTP = "http"
    WAIT = "wait"
    MANUAL_INTERVENTION = "manualIntervention"
    SIMULATE = "simulate"


class InterventionTimeout(enum.StrEnum):
    RESUME = "RESUME"
    REJECT = "REJECT"


class SimulatedOutcome(enum.StrEnum):
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


@dataclass(frozen=True, kw_only=True)
class QueueSpec:
    """Queueing policy across the releases of one definition."""

    max_parallel: int = 0
    """Deployments of this environment that may run at once; 0 = unlimited."""
    policy: QueuePolicy = QueuePolicy.SEQUENTIAL


@dataclass(frozen=True, kw_only=True)
class ApprovalSpec:
    approvers: tuple[str, ...]
    """User names, or ``group:NAME`` for any member of a group."""
    required_count: int = 0
    """How many approvers must approve; 0 = all of them."""
    order: ApprovalOrder = ApprovalOrder.ANY
    timeout_minutes: float | None = None
    creator_can_approve: bool = True


@dataclass(frozen=True, kw_only=True)
class GateCheckSpec:
    name: str
    kind: str
    """``http`` (2xx passes) or ``simulate`` (fails the first ``fail_times`` samples)."""
    url: str | None = None
    fail_times: int = 0


@dataclass(frozen=True, kw_only=True)
class GatesSpec:
    stage: GateStage = GateStage.PRE_DEPLOY
    sampling_interval_seconds: float = 60
    minimum_success_seconds: float = 0
    timeout_minutes: float = 15
    on_failure: GateFailure = GateFailure.REJECT
    checks: tuple[GateCheckSpec, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TaskSpec:
    name: str
    kind: TaskKind
    continue_on_error: bool = False
    always_run: bool = False
    timeout_seconds: float | None = None
    retries: int = 0
    run: str | None = None
    """script: the shell command."""
    url: str | None = None
    """http: the URL requested."""
    method: str = "GET"
    seconds: float = 0
    """wait: how long."""
    duration_seconds: float = 0
    """simulate: how long a run takes."""
    outcome: SimulatedOutcome = SimulatedOutcome.SUCCEEDED
    fail_times: int = 0
    """simulate: the first N runs fail whatever ``outcome`` says."""
    instructions: str = ""
    approvers: tuple[str, ...] = ()
    """manualIntervention: who may resume or reject; empty = any operator."""
    timeout_minutes: float | None = None
    on_timeout: InterventionTimeout = InterventionTimeout.REJECT
    inputs: dict[str, str] = field(default_factory=dict)
    """Values a fix-and-continue may change; scripts see them as INPUT_<NAME>."""


@dataclass(frozen=True, kw_only=True)
class PhaseSpec:
    name: str
    run_on: RunOn = RunOn.AGENT
    pool: str = "default"
    demands: dict[str, str] = field(default_factory=dict)
    """Capabilities an agent must have to take the phase (``os: linux``)."""
    tasks: tuple[TaskSpec, ...] = ()


@dataclass(frozen=True, kw_only=True)
class EnvironmentSpec:
    name: str
    trigger: Trigger = Trigger.AFTER_RELEASE
    depends_on: tuple[str, ...] = ()
    critical: bool = True
    on_task_failure: OnTaskFailure = OnTaskFailure.FAIL
    queue: QueueSpec = field(default_factory=QueueSpec)
    pre_deploy_approvals: ApprovalSpec | None = None
    post_deploy_approvals: ApprovalSpec | None = None
    gates: GatesSpec | None = None
    phases: tuple[PhaseSpec, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DefinitionSpec:
    name: str
    allow_partial_success: bool = False
    variables: dict[str, str] = field(default_factory=dict)
    environments: tuple[EnvironmentSpec, ...] = ()

    def environment(self, name: str) -> EnvironmentSpec:
        return next(env for env in self.environments if env.name == name)
