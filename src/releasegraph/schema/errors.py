"""Expected failures are part of the schema: a mutation returns its payload or one of these
(the ones it declares it can return)."""

from __future__ import annotations

import strawberry

from releasegraph.engine import errors as domain
from releasegraph.engine.errors import ErrorCode


@strawberry.interface
class Error:
    code: ErrorCode
    message: str


@strawberry.type
class NotFoundError(Error):
    entity: str
    entity_id: str


@strawberry.type
class InvalidTransitionError(Error):
    current_status: str


@strawberry.type
class PermissionDeniedError(Error):
    pass


@strawberry.type
class ValidationIssue:
    path: str
    message: str


@strawberry.type
class ValidationError(Error):
    issues: list[ValidationIssue]


@strawberry.type
class ConflictError(Error):
    pass


@strawberry.type
class StaleLeaseError(Error):
    run_id: str = strawberry.field(description="The run the lease was on (a database id).")


def from_domain(error: domain.DomainError) -> Error:
    """The GraphQL error for a domain error; the code and message carry over unchanged."""
    if isinstance(error, domain.NotFoundError):
        return NotFoundError(
            code=error.code, message=error.message, entity=error.entity, entity_id=error.entity_id
        )
    if isinstance(error, domain.InvalidTransitionError):
        return InvalidTransitionError(
            code=error.code, message=error.message, current_status=error.current_status
        )
    if isinstance(error, domain.ValidationError):
        issues = [ValidationIssue(path=i.path, message=i.message) for i in error.issues]
        return ValidationError(code=error.code, message=error.message, issues=issues)
    if isinstance(error, domain.StaleLeaseError):
        return StaleLeaseError(code=error.code, message=error.message, run_id=error.run_id)
    if isinstance(error, domain.PermissionDeniedError):
        return PermissionDeniedError(code=error.code, message=error.message)
    return ConflictError(code=error.code, message=error.message)
