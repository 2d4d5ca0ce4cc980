"""How queries are executed: graphql-core's executor, with two shortcuts for large trees.

A release's whole tree is some 30,000 fields, nine in ten of them plain values read
off an object (a name, a status, a time). graphql-core resolves each through the
same machinery as a field with a resolver: a path, an info object, Strawberry's
resolver wrapper, then completion. ``execute_fields`` here reads such a *plain leaf*
directly and serializes it with its type's own ``serialize``, as completion would;
anything else, and any value that would be an error, takes graphql-core's own road,
so results and errors are the same either way.

The loaders read synchronously, so a whole tree completes in one deep call, and on
CPython before 3.13.13 a call depth that goes back and forth across the end of one
of the interpreter's frame-stack chunks frees and maps that chunk again on every
crossing (https://github.com/python/cpython/issues/142183): a query took 20 to 100%
longer depending on the depth it started at. Each operation therefore runs above one
large reserved frame, whose chunk has room for the whole tree.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, NamedTuple

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLObjectType,
    GraphQLScalarType,
    Undefined,
    is_non_null_type,
    is_specified_scalar_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, gather_with_cancel
from strawberry import relay
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

RESERVED_FRAME_SLOTS = 1 << 15
"""256 KiB of frame stack under each operation: some 800 frames of room above it."""


def _call(function: Callable[[], Any]) -> Any:
    return function()


_call_with_room: Callable[[Callable[[], Any]], Any] = types.FunctionType(
    _call.__code__.replace(co_stacksize=RESERVED_FRAME_SLOTS), globals()
)
"""``_call``, with a frame so large that the interpreter gives it a chunk of its own,
and the frames of the call it makes fit in the rest of that chunk."""


_INT_RANGE = range(-(2**31), 2**31)

_KEPT: dict[str, type] = {"String": str, "ID": str, "Boolean": bool, "Int": int}
"""Built-in scalars whose ``serialize`` gives a value of exactly this type back unchanged
(an Int only within 32 bits)."""


class _Leaf(NamedTuple):
    attribute: str
    serialize: Callable[[Any], Any]
    kept: type | None
    """Values of exactly this type serialize to themselves."""
    nullable: bool
    node_type: type[relay.Node] | None
    """For a node's ``id``: the node class whose global id it is."""


def _leaf(parent_type: GraphQLObjectType, field: GraphQLField | None) -> _Leaf | None:
    """How to read ``field`` directly, when it is a plain leaf."""
    if field is None or field.args:
        return None
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField):
        return None
    nullable = not is_non_null_type(field.type)
    named = field.type if nullable else getattr(field.type, "of_type", None)
    if not isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return None
    kept = _KEPT.get(named.name) if is_specified_scalar_type(named) else None
    if definition.is_basic_field:
        return _Leaf(definition.python_name, named.serialize, kept, nullable, None)
    node_type = _node_type(parent_type)
    if node_type is not None and definition.python_name == "_id":
        return _Leaf(node_type.resolve_id_attr(), named.serialize, None, nullable, node_type)
    return None


def _node_type(parent_type: GraphQLObjectType) -> type[relay.Node] | None:
    """The node class of ``parent_type``, if its ids are Strawberry's defaults."""
    definition = parent_type.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryObjectDefinition):
        return None
    origin = definition.origin
    if not (isinstance(origin, type) and issubclass(origin, relay.Node)):
        return None
    default = (
        origin.resolve_id.__func__ is relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
        and origin.resolve_typename.__func__  # type: ignore[attr-defined]
        is relay.Node.resolve_typename.__func__  # type: ignore[attr-defined]
    )
    return origin if default else None


_Plan = list[tuple[str, FieldDetailsList, _Leaf | None]]
_NOT_PLAIN = object()


class Executor(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor, reading plain leaves directly (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[str, int], tuple[GroupedFieldSet, _Plan]] = {}

    def build_per_event_executor(self, payload: Any) -> Executor:
        # Each event of a subscription collects its fields anew: plans and graphql-core's
        # own memo of them start empty, rather than growing for as long as it lasts.
        executor = super().build_per_event_executor(payload)
        assert isinstance(executor, Executor)
        executor._plans = {}
        executor._relevant_sub_fields = {}
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        return _call_with_room(lambda: super(Executor, self).execute_operation(serially))

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> _Plan:
        """Each field of a selection, with how to read it if it is a plain leaf.

        graphql-core collects a selection once per execution (each subscription event is
        one) and reuses that very field set for every object it completes, so its identity
        is the key (and the plan keeps it alive, so that no other takes its id).
        """
        key = (parent_type.name, id(grouped_field_set))
        known = self._plans.get(key)
        if known is not None and known[0] is grouped_field_set:
            return known[1]
        fields = parent_type.fields
        plan = [
            (name, details, _leaf(parent_type, fields.get(details[0].node.name.value)))
            for name, details in grouped_field_set.items()
        ]
        self._plans[key] = (grouped_field_set, plan)
        return plan

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if self.middleware_manager is not None and self.middleware_manager.middlewares:
            # An extension wraps every resolver: only graphql-core's road goes through it.
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        is_awaitable = self.is_awaitable
        try:
            for response_name, details, leaf in self._plan(parent_type, grouped_field_set):
                value = _NOT_PLAIN if leaf is None else _read(leaf, parent_type, source_value)
                if value is _NOT_PLAIN:
                    value = self.execute_field(
                        parent_type,
                        source_value,
                        details,
                        Path(path, response_name, parent_type.name),
                        position_context,
                    )
                    if value is Undefined:
                        continue
                    if is_awaitable(value):
                        awaitable_fields.append(response_name)
                results[response_name] = value
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[name] for name in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return self._awaited(results, awaitable_fields)

    @staticmethod
    async def _awaited(results: dict[str, Any], names: list[str]) -> dict[str, Any]:
        if len(names) == 1:
            results[names[0]] = await results[names[0]]
        else:
            awaited = await gather_with_cancel(*(results[name] for name in names))
            results.update(zip(names, awaited, strict=True))
        return results


def _read(leaf: _Leaf, parent_type: GraphQLObjectType, source: Any) -> Any:
    """The leaf's serialized value, or ``_NOT_PLAIN`` when graphql-core must say it."""
    try:
        value = getattr(source, leaf.attribute)
        if value is None:
            return None if leaf.nullable else _NOT_PLAIN
        if type(value) is leaf.kept and (leaf.kept is not int or value in _INT_RANGE):
            return value
        if leaf.node_type is not None:
            if type(source) is not leaf.node_type:  # Strawberry asks the object's own class
                return _NOT_PLAIN
            value = relay.GlobalID(parent_type.name, str(value))
        serialized = leaf.serialize(value)
    except Exception:
        return _NOT_PLAIN
    return _NOT_PLAIN if serialized is None or serialized is Undefined else serialized
