"""The Schema: root types assembled from the resolvers, with the protective extensions."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from datetime import datetime

import strawberry
from graphql import (
    GraphQLError,
)
from strawberry import relay
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.types import ExecutionContext, StreamExecutionResult

from releasegraph.context import Context
from releasegraph.resolvers.mutations import Mutation
from releasegraph.resolvers.queries import Query
from releasegraph.resolvers.subscriptions import Subscription
from releasegraph.schema.agents import Agent
from releasegraph.schema.decisions import Approval, Gate, ManualIntervention
from releasegraph.schema.execution import DeploymentAttempt, ReleaseDeployPhase, Task, TaskRun
from releasegraph.schema.executor import Executor
from releasegraph.schema.limits import (
    AgentScope,
    DocumentLimiter,
    IntrospectionSwitch,
    NulFreeStringsRule,
    OperationChoice,
)
from releasegraph.schema.releases import Release, ReleaseDefinition, ReleaseEnvironment
from releasegraph.schema.scalars import UTC_DATE_TIME

log = logging.getLogger(__name__)

PARSED_DOCUMENTS = 512
"""Documents kept parsed and validated: dashboards send the same few again and again."""


NODE_TYPES = [
    Release,
    ReleaseEnvironment,
    ReleaseDefinition,
    DeploymentAttempt,
    ReleaseDeployPhase,
    Task,
    TaskRun,
    Approval,
    Gate,
    ManualIntervention,
    Agent,
]


def _unexpected(error: GraphQLError) -> bool:
    """Mask what we did not mean to say: anything raised from inside a resolver.

    graphql-core's own errors (a missing variable, say) and malformed ids are the
    client's mistakes, said as they are.
    """
    return error.original_error is not None and not isinstance(
        error.original_error, GraphQLError | relay.GlobalIDValueError
    )


class CloseSnapshot(SchemaExtension):
    """Ends the request's read snapshot once its operation is done, and a subscription's once
    each result is sent: the next result reads the state as it is then, and a subscription
    waiting for a change holds no connection nor transaction of the database."""

    def on_operation(self) -> Iterator[None]:
        try:
            yield
        finally:
            self._close()

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        try:
            yield
        finally:
            self._close()

    def _close(self) -> None:
        context = self.execution_context.context
        if isinstance(context, Context):
            context.close()


class _Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # The client's mistakes are not the server's: only unexpected errors are logged as such.
        for error in errors:
            if _unexpected(error):
                log.error("unexpected error at %s", error.path, exc_info=error.original_error)
            else:
                log.debug("refused: %s", error.message)


@functools.cache
def build_schema() -> strawberry.Schema:
    """The schema, built once per process (Strawberry's node fields allow only one build)."""
    # Factories: each execution gets extensions of its own.
    extensions: list[Callable[[], SchemaExtension]] = [
        DocumentLimiter,
        OperationChoice,
        functools.partial(AddValidationRules, [NulFreeStringsRule]),
        functools.partial(ParserCache, maxsize=PARSED_DOCUMENTS),
        functools.partial(ValidationCache, maxsize=PARSED_DOCUMENTS),
        functools.partial(MaskErrors, should_mask_error=_unexpected),
        IntrospectionSwitch,
        AgentScope,
        CloseSnapshot,
    ]
    return _Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=NODE_TYPES,
        extensions=extensions,
        execution_context_class=Executor,
        scalar_overrides={datetime: UTC_DATE_TIME},
    )
