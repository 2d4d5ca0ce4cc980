"""The enums of ARCHITECTURE.md §2, exposed under exactly those names.

The engine's own enum classes are registered with Strawberry, so the schema and
the engine share one definition of every state: every enum of
`engine.states`, plus the error codes, the roles and the triggers.
"""

from __future__ import annotations

import enum

import strawberry

from releasegraph.auth import Role
from releasegraph.engine import states
from releasegraph.engine.errors import ErrorCode
from releasegraph.engine.spec import Trigger

RENAMED: dict[type[enum.Enum], str] = {
    states.RunStatus: "TaskRunStatus",
    Trigger: "EnvironmentTrigger",
}
STATE_ENUMS: list[type[enum.Enum]] = [
    value
    for value in vars(states).values()
    if isinstance(value, type)
    and issubclass(value, enum.Enum)
    and value.__module__ == states.__name__
]

ENUMS: list[type[enum.Enum]] = [*STATE_ENUMS, ErrorCode, Role, Trigger]

for _enum in ENUMS:
    strawberry.enum(_enum, name=RENAMED.get(_enum))
