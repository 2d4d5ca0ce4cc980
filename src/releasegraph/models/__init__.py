"""SQLModel tables: the durable record of definitions, releases and their execution."""

from releasegraph.models.agents import Agent
from releasegraph.models.definitions import ReleaseDefinitionRow
from releasegraph.models.events import Event, SequenceCounter
from releasegraph.models.execution import (
    Approval,
    DeploymentAttempt,
    DeployPhase,
    Gate,
    ManualIntervention,
    Task,
    TaskLogLine,
    TaskRun,
)
from releasegraph.models.releases import Release, ReleaseEnvironment

__all__ = [
    "Agent",
    "Approval",
    "DeployPhase",
    "DeploymentAttempt",
    "Event",
    "Gate",
    "ManualIntervention",
    "Release",
    "ReleaseDefinitionRow",
    "ReleaseEnvironment",
    "SequenceCounter",
    "Task",
    "TaskLogLine",
    "TaskRun",
]
