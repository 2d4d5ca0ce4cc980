"""The Schema: root types assembled from the resolvers, with the protective extensions."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import strawberry
from graphql import GraphQLError, NoSchemaIntrospectionCustomRule
from strawberry import relay
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from releasegraph.resolvers.context import Context
from releasegraph.resolvers.mutations import Mutation
from releasegraph.resolvers.queries import Query
from releasegraph.schema import enums  # noqa: F401  (registers the enums)
from releasegraph.schema.decisions import Approval, Gate, ManualIntervention
from releasegraph.schema.execution import DeploymentAttempt, ReleaseDeployPhase, Task, TaskRun
from releasegraph.schema.releases import Release, ReleaseDefinition, ReleaseEnvironment

MAX_DEPTH = 15
MAX_ALIASES = 30
MAX_TOKENS = 5_000


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
]


def _unexpected(error: GraphQLError) -> bool:
    """Mask what we did not mean to say: anything raised from inside a resolver."""
    return error.original_error is not None and not isinstance(
        error.original_error, relay.GlobalIDValueError
    )


class IntrospectionSwitch(SchemaExtension):
    """Refuses introspection where the request's context says it is off."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context) and not context.introspection:
            rules = self.execution_context.validation_rules
            self.execution_context.validation_rules = (*rules, NoSchemaIntrospectionCustomRule)
        yield


@functools.cache
def build_schema() -> strawberry.Schema:
    """The schema, built once per process (Strawberry's node fields allow only one build)."""
    # Factories: each execution gets extensions of its own.
    extensions: list[Callable[[], SchemaExtension]] = [
        functools.partial(QueryDepthLimiter, max_depth=MAX_DEPTH),
        functools.partial(MaxAliasesLimiter, max_alias_count=MAX_ALIASES),
        functools.partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        functools.partial(MaskErrors, should_mask_error=_unexpected),
        IntrospectionSwitch,
    ]
    return strawberry.Schema(
        query=Query, mutation=Mutation, types=NODE_TYPES, extensions=extensions
    )
