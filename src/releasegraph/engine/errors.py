"""Expected failures of the domain, each with a stable code.

An engine command that raises one of these has changed nothing: the engine
checks everything before it mutates.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ErrorCode(enum.StrEnum):
    NOT_FOUND = "NOT_FOUND"
    VALIDATION_FAILED = "VALIDATION_FAILED"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    CONFLICT = "CONFLICT"
    STALE_LEASE = "STALE_LEASE"


class DomainError(Exception):
    code: ErrorCode = ErrorCode.VALIDATION_FAILED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(DomainError):
    code = ErrorCode.NOT_FOUND

    def __init__(self, entity: str, entity_id: str) -> None:
        super().__init__(f"{entity} {entity_id!r} does not exist")
        self.entity = entity
        self.entity_id = entity_id


class InvalidTransitionError(DomainError):
    """The command is not allowed in the entity's current state."""

    code = ErrorCode.INVALID_TRANSITION

    def __init__(self, message: str, *, current_status: str) -> None:
        super().__init__(f"{message} (current status: {current_status})")
        self.current_status = current_status


class PermissionDeniedError(DomainError):
    code = ErrorCode.PERMISSION_DENIED


class ConflictError(DomainError):
    code = ErrorCode.CONFLICT


class StaleLeaseError(DomainError):
    """A report on a run from a process that no longer holds its lease: it lost the run."""

    code = ErrorCode.STALE_LEASE

    def __init__(self, run_id: str, owner: str) -> None:
        super().__init__(f"run {run_id!r} is no longer leased to {owner!r}: its report is refused")
        self.run_id = run_id
        self.owner = owner


@dataclass(frozen=True)
class ValidationIssue:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(DomainError):
    code = ErrorCode.VALIDATION_FAILED

    def __init__(self, issues: list[ValidationIssue]) -> None:
        super().__init__("; ".join(str(issue) for issue in issues))
        self.issues = tuple(issues)
