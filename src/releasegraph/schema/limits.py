"""What a request may ask: documents within limits, introspection only where allowed, one
operation unless the request names one, no NUL in its strings.

Limits and introspection are the request's policy, carried by its ``Context``; the
extensions apply them before anything runs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationContext,
    ValidationRule,
    ValuesOfCorrectTypeRule,
)
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

from releasegraph.auth import AGENT_FIELDS, Role
from releasegraph.context import Context, DocumentLimits


def _context(extension: SchemaExtension) -> Context:
    context = extension.execution_context.context
    assert isinstance(context, Context)
    return context


@dataclass(frozen=True)
class _Size:
    depth: int
    aliases: int


_NOTHING = _Size(depth=0, aliases=0)


class _Measure:
    """Depth and aliases of a document's operations, each fragment measured once.

    Walking a fragment again at every spread (as Strawberry's limiters do) takes time
    exponential in a short document of fragments that each spread the next one twice.
    """

    def __init__(self, document: DocumentNode) -> None:
        self._fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._sizes: dict[str, _Size] = {}
        self._entered: set[str] = set()

    def selections(self, selection_set: SelectionSetNode | None) -> _Size:
        sizes = [self._selection(s) for s in selection_set.selections] if selection_set else []
        return _Size(
            depth=max((s.depth for s in sizes), default=0),
            aliases=sum(s.aliases for s in sizes),
        )

    def _selection(self, selection: SelectionNode) -> _Size:
        if isinstance(selection, FieldNode):
            inner = self.selections(selection.selection_set)
            introspection = selection.name.value.startswith("__")  # GraphiQL's query is deep
            nested = selection.selection_set is not None and not introspection
            return _Size(
                depth=1 + inner.depth if nested else 0,
                aliases=inner.aliases + (selection.alias is not None),
            )
        if isinstance(selection, InlineFragmentNode):
            return self.selections(selection.selection_set)
        assert isinstance(selection, FragmentSpreadNode)
        return self._fragment(selection.name.value)

    def _fragment(self, name: str) -> _Size:
        # Unknown and cyclic spreads are the specification's rules to report.
        fragment = self._fragments.get(name)
        if fragment is None or name in self._entered:
            return _NOTHING
        if name not in self._sizes:
            self._entered.add(name)
            self._sizes[name] = self.selections(fragment.selection_set)
            self._entered.discard(name)
        return self._sizes[name]


@functools.cache
def _limits_rule(limits: DocumentLimits) -> type[ValidationRule]:
    """One rule class per set of limits, so that validation results can be cached."""

    class DocumentLimitsRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            measure = _Measure(context.document)
            aliases = 0
            for operation in context.document.definitions:
                if not isinstance(operation, OperationDefinitionNode):
                    continue
                size = measure.selections(operation.selection_set)
                aliases += size.aliases
                if size.depth > limits.max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    context.report_error(
                        GraphQLError(
                            f"operation '{name}' is {size.depth} deep;"
                            f" the maximum depth is {limits.max_depth}",
                            operation,
                        )
                    )
            if aliases > limits.max_aliases:
                context.report_error(
                    GraphQLError(f"{aliases} aliases; the maximum is {limits.max_aliases}")
                )

    return DocumentLimitsRule


class _ValuesOfCorrectType(ValuesOfCorrectTypeRule):
    """graphql-core's rule, its refusals without the exception a scalar raised on a literal.

    graphql-core refuses a literal that its scalar cannot read at all (an Int of more digits
    than Python converts raises ValueError) and keeps the exception: the client's mistake
    would then look like an unexpected error, masked and logged with a traceback.
    """

    def report_error(self, error: GraphQLError) -> None:
        super().report_error(GraphQLError(error.message, error.nodes))


class DocumentLimiter(SchemaExtension):
    """Holds each document to the limits of the request's context."""

    def on_operation(self) -> Iterator[None]:
        limits = _context(self).limits
        self.execution_context.parse_options["max_tokens"] = limits.max_tokens
        rules = tuple(
            _ValuesOfCorrectType if rule is ValuesOfCorrectTypeRule else rule
            for rule in self.execution_context.validation_rules
        )
        self.execution_context.validation_rules = (*rules, _limits_rule(limits))
        yield


class _OperationNameRequired(ValidationRule):
    """The request error of a document of several operations whose request names none."""

    def enter_document(self, *_args: object) -> None:
        self.report_error(
            GraphQLError("Must provide operation name if query contains multiple operations.")
        )


class OperationChoice(SchemaExtension):
    """Asks for an operation name where a document has several operations and the request
    names none, as GraphQL's GetOperation does: Strawberry would run the first one."""

    _unnamed = False

    def on_operation(self) -> Iterator[None]:
        # Nothing is parsed yet, so this is the request's own name: once the document is,
        # Strawberry answers with the first operation's name where the request gave none.
        self._unnamed = self.execution_context.operation_name is None
        yield

    def on_parse(self) -> Iterator[None]:
        yield
        document = self.execution_context.graphql_document
        if not self._unnamed or document is None or _operation_count(document) < 2:
            return
        context = self.execution_context
        context.validation_rules = (*context.validation_rules, _OperationNameRequired)
        # No operation is chosen, so there is none whose type the request's method must allow:
        # Strawberry holds the first one to it before validating (a GET of `mutation A {...}
        # query B {...}` got 405), where the missing name is the request's error.
        context.allowed_operations = frozenset(OperationType)


def _operation_count(document: DocumentNode) -> int:
    return sum(isinstance(d, OperationDefinitionNode) for d in document.definitions)


class NulFreeStringsRule(ValidationRule):
    """Refuses a string in the document that holds NUL (U+0000), escaped or not: PostgreSQL's
    text cannot hold one. (The request's JSON is refused for one by ``http.read_json``.)"""

    def enter_string_value(self, node: StringValueNode, *_args: object) -> None:
        if "\x00" in node.value:
            self.report_error(GraphQLError("a string with a NUL character (U+0000)", node))


class AgentScope(SchemaExtension):
    """An agent token may use the agent protocol's mutations (``auth.AGENT_FIELDS``) and
    nothing else: any other operation of one is refused whole, before it runs."""

    def on_execute(self) -> Iterator[None]:
        context = _context(self)
        if context.user.role == Role.AGENT:
            refused = _outside_agent_scope(self.execution_context)
            if refused:
                message = (
                    f"an agent token may use only {', '.join(sorted(AGENT_FIELDS))};"
                    f" refused: {', '.join(refused)}"
                )
                error = GraphQLError(message, extensions={"code": "PERMISSION_DENIED"})
                if self.execution_context.operation_type == OperationType.SUBSCRIPTION:
                    # Strawberry subscribes whatever result is set; an error raised here
                    # it sends as the operation's only result.
                    raise error
                self.execution_context.result = ExecutionResult(data=None, errors=[error])
        yield


def _outside_agent_scope(execution: ExecutionContext) -> list[str]:
    """The root selections of the operation an agent may not make."""
    operation = execution.operation_type
    document = execution.graphql_document
    if document is None:
        return []
    refused = []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if execution.operation_name not in (None, definition.name and definition.name.value):
            continue
        for selection in definition.selection_set.selections:
            name = selection.name.value if isinstance(selection, FieldNode) else "a fragment"
            allowed = operation == OperationType.MUTATION and name in AGENT_FIELDS
            if not allowed and name != "__typename":
                refused.append(name)
    return refused


class IntrospectionSwitch(SchemaExtension):
    """Refuses introspection where the request's context says it is off."""

    def on_operation(self) -> Iterator[None]:
        if not _context(self).introspection:
            rules = self.execution_context.validation_rules
            self.execution_context.validation_rules = (*rules, NoSchemaIntrospectionCustomRule)
        yield
