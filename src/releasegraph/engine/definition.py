"""Release definitions: YAML or JSON text in, a validated ``DefinitionSpec`` out.

The format is ARCHITECTURE.md §4. A bad definition is refused as a whole: the
document is read to the end and every problem is reported with its path.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar
from urllib.parse import urlsplit

from releasegraph.engine.definition_fields import (
    Fields,
    Issues,
    as_mapping,
    camel_case,
    describe,
    document_keys,
    join,
)
from releasegraph.engine.definition_text import read_document
from releasegraph.engine.errors import ValidationError, ValidationIssue
from releasegraph.engine.spec import (
    ApprovalOrder,
    ApprovalSpec,
    DefinitionSpec,
    EnvironmentSpec,
    GateCheckSpec,
    GateFailure,
    GatesSpec,
    GateStage,
    InterventionTimeout,
    OnTaskFailure,
    PhaseSpec,
    QueuePolicy,
    QueueSpec,
    RunOn,
    SimulatedOutcome,
    TaskKind,
    TaskSpec,
    Trigger,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T")
N = TypeVar("N", bound=_Named)

_DEFINITION_FIELDS = document_keys(DefinitionSpec)
_ENVIRONMENT_FIELDS = document_keys(EnvironmentSpec)
_QUEUE_FIELDS = document_keys(QueueSpec)
_APPROVAL_FIELDS = document_keys(ApprovalSpec)
_GATES_FIELDS = document_keys(GatesSpec)
_CHECK_FIELDS = document_keys(GateCheckSpec)
_PHASE_FIELDS = document_keys(PhaseSpec)
_TASK_FIELDS = document_keys(TaskSpec)
_TASK_KINDS = tuple(kind.value for kind in TaskKind)
_CHECK_KINDS = ("http", "simulate")
_HTTP_METHODS = ("GET", "POST", "PUT", "DELETE", "HEAD")

# The spec's own defaults, so that they are written down only once.
_DEFINITION = DefinitionSpec(name="")
_ENVIRONMENT = EnvironmentSpec(name="")
_QUEUE = QueueSpec()
_APPROVALS = ApprovalSpec(approvers=())
_GATES = GatesSpec()
_CHECK = GateCheckSpec(name="", kind="")
_PHASE = PhaseSpec(name="")
_TASK = TaskSpec(name="", kind=TaskKind.SIMULATE)


def parse_definition(text: str) -> DefinitionSpec:
    """Parse YAML or JSON text; raise one ``ValidationError`` listing every problem."""
    document = read_document(text)
    raw = as_mapping(document)
    if raw is None:
        message = f"expected a mapping at the top level, got {describe(document)}"
        raise ValidationError([ValidationIssue("", message)])
    issues = Issues()
    spec = _read_definition(Fields(raw, "", issues, known=_DEFINITION_FIELDS))
    if issues:
        raise ValidationError(issues.items)
    return spec


def load_definition(path: Path) -> DefinitionSpec:
    """Read a definition file (YAML or JSON) and parse it."""
    return parse_definition(path.read_text(encoding="utf-8"))


def _read_definition(fields: Fields) -> DefinitionSpec:
    return DefinitionSpec(
        name=fields.name(),
        allow_partial_success=fields.boolean(
            "allowPartialSuccess", _DEFINITION.allow_partial_success
        ),
        variables=fields.string_map("variables"),
        environments=_read_environments(fields),
    )


def _read_environments(fields: Fields) -> tuple[EnvironmentSpec, ...]:
    children = fields.children("environments", known=_ENVIRONMENT_FIELDS, noun="environment")
    located = [(child.path, _read_environment(child)) for child in children]
    _check_unique(located, noun="environment", issues=fields.issues)
    _check_dependencies(located, issues=fields.issues)
    return tuple(environment for _, environment in located)


def _read_environment(fields: Fields) -> EnvironmentSpec:
    name = fields.name()
    trigger = fields.enum("trigger", Trigger, _ENVIRONMENT.trigger)
    depends_on = fields.strings("dependsOn")
    _check_trigger(fields, trigger=trigger, depends_on=depends_on)
    return EnvironmentSpec(
        name=name,
        trigger=trigger,
        depends_on=depends_on,
        critical=fields.boolean("critical", _ENVIRONMENT.critical),
        on_task_failure=fields.enum("onTaskFailure", OnTaskFailure, _ENVIRONMENT.on_task_failure),
        queue=_read_queue(fields.child("queue", known=_QUEUE_FIELDS)),
        pre_deploy_approvals=_optional(
            fields.child("preDeployApprovals", known=_APPROVAL_FIELDS), _read_approvals
        ),
        post_deploy_approvals=_optional(
            fields.child("postDeployApprovals", known=_APPROVAL_FIELDS), _read_approvals
        ),
        gates=_optional(fields.child("gates", known=_GATES_FIELDS), _read_gates),
        phases=_read_list(fields, "phases", known=_PHASE_FIELDS, noun="phase", read=_read_phase),
    )


def _check_trigger(fields: Fields, *, trigger: Trigger, depends_on: tuple[str, ...]) -> None:
    if fields.issues.reported(fields.at("trigger")):
        return  # the trigger is a stand-in; its rules would only add noise
    if trigger is Trigger.AFTER_DEPENDENCIES and not depends_on:
        fields.report("dependsOn", "required when trigger is AFTER_DEPENDENCIES")
    if trigger is Trigger.AFTER_RELEASE and depends_on:
        fields.report("dependsOn", "must be empty when trigger is AFTER_RELEASE")


def _read_queue(fields: Fields | None) -> QueueSpec:
    if fields is None:
        return _QUEUE
    return QueueSpec(
        max_parallel=fields.count("maxParallel", _QUEUE.max_parallel),
        policy=fields.enum("policy", QueuePolicy, _QUEUE.policy),
    )


def _read_approvals(fields: Fields) -> ApprovalSpec:
    approvers = fields.strings("approvers", noun="approver")
    required_count = fields.count("requiredCount", _APPROVALS.required_count)
    if approvers and required_count > len(approvers):
        message = f"{required_count} exceeds the number of approvers ({len(approvers)})"
        fields.report("requiredCount", message)
    return ApprovalSpec(
        approvers=approvers,
        required_count=required_count,
        order=fields.enum("order", ApprovalOrder, _APPROVALS.order),
        timeout_minutes=fields.optional_number("timeoutMinutes"),
        creator_can_approve=fields.boolean("creatorCanApprove", _APPROVALS.creator_can_approve),
    )


def _read_gates(fields: Fields) -> GatesSpec:
    return GatesSpec(
        stage=fields.enum("stage", GateStage, _GATES.stage),
        sampling_interval_seconds=fields.number(
            "samplingIntervalSeconds", _GATES.sampling_interval_seconds, positive=True
        ),
        minimum_success_seconds=fields.number(
            "minimumSuccessSeconds", _GATES.minimum_success_seconds
        ),
        timeout_minutes=fields.number("timeoutMinutes", _GATES.timeout_minutes),
        on_failure=fields.enum("onFailure", GateFailure, _GATES.on_failure),
        checks=_read_list(
            fields, "checks", known=_CHECK_FIELDS, noun="check", read=_read_check, required=False
        ),
    )


def _read_check(fields: Fields) -> GateCheckSpec:
    name = fields.name()
    kind = fields.required_choice("kind", _CHECK_KINDS)
    return GateCheckSpec(
        name=name,
        kind=kind or "",
        url=_read_url(fields, required_for="an http check" if kind == "http" else None),
        fail_times=fields.count("failTimes", _CHECK.fail_times),
    )


def _read_phase(fields: Fields) -> PhaseSpec:
    return PhaseSpec(
        name=fields.name(),
        run_on=fields.enum("runOn", RunOn, _PHASE.run_on),
        pool=fields.string("pool", _PHASE.pool),
        demands=fields.string_map("demands"),
        tasks=_read_list(fields, "tasks", known=_TASK_FIELDS, noun="task", read=_read_task),
    )


def _read_task(fields: Fields) -> TaskSpec:
    name = fields.name()
    kind_name = fields.required_choice("kind", _TASK_KINDS)
    # A missing or unknown kind is reported already; the stand-in lets the rest be checked.
    kind = TaskKind(kind_name) if kind_name else _TASK.kind
    return TaskSpec(
        name=name,
        kind=kind,
        continue_on_error=fields.boolean("continueOnError", _TASK.continue_on_error),
        always_run=fields.boolean("alwaysRun", _TASK.always_run),
        timeout_seconds=fields.optional_number("timeoutSeconds"),
        retries=fields.count("retries", _TASK.retries),
        run=_read_run(fields, required=kind_name == TaskKind.SCRIPT),
        url=_read_url(fields, required_for="an http task" if kind_name == TaskKind.HTTP else None),
        method=fields.choice("method", _HTTP_METHODS) or _TASK.method,
        seconds=fields.number("seconds", _TASK.seconds),
        duration_seconds=fields.number("durationSeconds", _TASK.duration_seconds),
        outcome=fields.enum("outcome", SimulatedOutcome, _TASK.outcome),
        fail_times=fields.count("failTimes", _TASK.fail_times),
        instructions=fields.string("instructions", _TASK.instructions),
        approvers=fields.strings("approvers"),
        timeout_minutes=fields.optional_number("timeoutMinutes"),
        on_timeout=fields.enum("onTimeout", InterventionTimeout, _TASK.on_timeout),
        inputs=fields.string_map("inputs"),
    )


def _read_run(fields: Fields, *, required: bool) -> str | None:
    run = fields.optional_string("run")
    if required and not (run and run.strip()):
        fields.report("run", "required for a script task")
    return run


def _read_url(fields: Fields, *, required_for: str | None) -> str | None:
    """The ``url`` field; ``required_for`` names what needs it to be an http(s) URL."""
    url = fields.optional_string("url")
    if required_for is None or fields.issues.reported(fields.at("url")):
        return url
    if not url:
        fields.report("url", f"required for {required_for}")
    elif urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        fields.report("url", f"expected an http or https URL, got {url!r}")
    return url


def _optional(fields: Fields | None, read: Callable[[Fields], T]) -> T | None:
    return None if fields is None else read(fields)


def _read_list(
    fields: Fields,
    key: str,
    *,
    known: frozenset[str],
    noun: str,
    read: Callable[[Fields], N],
    required: bool = True,
) -> tuple[N, ...]:
    children = fields.children(key, known=known, noun=noun, required=required)
    located = [(child.path, read(child)) for child in children]
    _check_unique(located, noun=noun, issues=fields.issues)
    return tuple(item for _, item in located)


def _check_unique(located: list[tuple[str, N]], *, noun: str, issues: Issues) -> None:
    seen: set[str] = set()
    for path, item in located:
        if item.name in seen:
            issues.add(join(path, "name"), f"duplicate {noun} name {item.name!r}")
        elif item.name:
            seen.add(item.name)


def _check_dependencies(located: list[tuple[str, EnvironmentSpec]], *, issues: Issues) -> None:
    names = {environment.name for _, environment in located}
    graph: dict[str, list[str]] = {}
    for path, environment in located:
        edges = graph.setdefault(environment.name, [])
        for dependency in environment.depends_on:
            message = _dependency_problem(environment, dependency, known=names, seen=edges)
            if message:
                issues.add(join(path, "dependsOn"), message)
            else:
                edges.append(dependency)
    for cycle in _find_cycles(graph):
        issues.add("environments", f"dependency cycle {' -> '.join(cycle)}")


def _dependency_problem(
    environment: EnvironmentSpec, dependency: str, *, known: set[str], seen: list[str]
) -> str | None:
    if dependency == environment.name:
        return f"environment {dependency!r} cannot depend on itself"
    if dependency not in known:
        return f"unknown environment {dependency!r}"
    if dependency in seen:
        return f"duplicate dependency {dependency!r}"
    return None


def _find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One cycle per back edge of a depth-first walk, each written from where the walk met it."""
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycle = trail[trail.index(name) :]
            if all(set(cycle) != set(found[:-1]) for found in cycles):
                cycles.append([*cycle, name])
            return
        if name in done:
            return
        trail.append(name)
        for dependency in graph.get(name, []):
            visit(dependency, trail)
        trail.pop()
        done.add(name)

    for name in graph:
        visit(name, [])
    return cycles


def definition_to_dict(spec: DefinitionSpec) -> dict[str, object]:
    """The canonical camelCase, JSON-ready form; ``parse_definition`` reads it back equal."""
    return _block_to_dict(spec)


def _block_to_dict(block: DataclassInstance) -> dict[str, object]:
    # Every field is written, defaults and nulls included, so a stored snapshot
    # does not change meaning when a default changes.
    return {
        camel_case(field.name): _to_document(getattr(block, field.name))
        for field in dataclasses.fields(block)
    }


def _to_document(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _block_to_dict(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_to_document(item) for item in value]
    if isinstance(value, dict):
        return {key: _to_document(item) for key, item in value.items()}
    return value
