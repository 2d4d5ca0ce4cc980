"""The baseline: the schema as it was when migrations began.

A database made before then (tables, no ``alembic_version``) is at this revision and is
stamped so, not created again. The tables are written out rather than taken from the
models: a revision stays what it was when the models move on.

Revision 0001, the first.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

TABLES = (
    "agent",
    "release_definition",
    "release",
    "release_environment",
    "deployment_attempt",
    "deploy_phase",
    "task",
    "task_run",
    "task_log_line",
    "approval",
    "gate",
    "manual_intervention",
    "event",
    "sequence_counter",
)


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(), primary_key=True)


def _text(name: str, *, null: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=null)


def _status(name: str) -> sa.Column[str]:
    """A member of one of the engine's enums, kept as its text."""
    return sa.Column(name, sa.String(length=40), nullable=False)


def _number(name: str, *, null: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=null)


def _flag(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False)


def _time(name: str, *, null: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(), nullable=null)


def _json(name: str) -> sa.Column[Any]:  # SQLAlchemy's JSON holds Any
    return sa.Column(name, sa.JSON(), nullable=False)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    _create_definitions_and_releases()
    _create_attempts_and_phases()
    _create_tasks_and_runs()
    _create_approvals_and_gates()
    _create_interventions_agents_and_events()
    counter = sa.table("sequence_counter", sa.column("name"), sa.column("value"))
    op.bulk_insert(counter, [{"name": "event", "value": 0}])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)


def _create_definitions_and_releases() -> None:
    op.create_table(
        "release_definition",
        *(_id(), _text("name"), _number("revision"), _text("source"), _json("spec")),
        *(_number("release_count"), _text("created_by"), _time("created_on")),
        *(_text("modified_by"), _time("modified_on")),
    )
    op.create_index("ix_release_definition_name", "release_definition", ["name"], unique=True)
    op.create_table(
        "release",
        *(_id(), _text("name"), _number("number"), _text("definition_id")),
        *(_number("definition_revision"), _json("spec"), _status("status")),
        *(_status("execution_status"), _text("description"), _json("artifacts")),
        *(_json("variables"), _text("created_by"), _time("created_on"), _text("modified_by")),
        *(_time("modified_on"), _time("scheduled_start_time", null=True)),
        *(_time("started_on", null=True), _time("completed_on", null=True)),
        *(_number("input_required_count"), _time("next_wakeup_at", null=True)),
        _number("version"),
    )
    _indexes("release", "definition_id", "status", "execution_status", "created_by")
    _indexes("release", "created_on", "next_wakeup_at")
    op.create_table(
        "release_environment",
        *(_id(), _text("release_id"), _text("definition_id"), _text("name")),
        *(_number("rank"), _status("status"), _flag("skipped")),
        *(_time("next_scheduled_time", null=True), _time("modified_on")),
    )
    _indexes("release_environment", "release_id")


def _create_attempts_and_phases() -> None:
    op.create_table(
        "deployment_attempt",
        *(_id(), _text("release_id"), _text("environment_id"), _text("definition_id")),
        *(_text("environment_name"), _number("release_number"), _number("attempt")),
        *(_status("status"), _status("operation_status"), _status("reason")),
        *(_text("requested_by"), _text("last_modified_by"), _time("queued_on")),
        *(_time("scheduled_at", null=True), _time("deferred_until", null=True)),
        *(_time("started_on", null=True), _time("completed_on", null=True)),
        *(_flag("holds_queue_slot"), _flag("skip_pre_deploy")),
    )
    _indexes("deployment_attempt", "release_id", "environment_id", "operation_status")
    op.create_table(
        "deploy_phase",
        *(_id(), _text("release_id"), _text("attempt_id"), _number("rank"), _text("name")),
        *(_text("run_on"), _text("pool"), _status("status"), _text("agent_name", null=True)),
        *(_flag("partial"), _flag("failed"), _time("waiting_since", null=True)),
        *(_time("started_on", null=True), _time("completed_on", null=True)),
    )
    _indexes("deploy_phase", "release_id", "attempt_id")


def _create_tasks_and_runs() -> None:
    op.create_table(
        "task",
        *(_id(), _text("release_id"), _text("attempt_id"), _text("phase_id")),
        *(_number("rank"), _text("name"), _text("kind"), _status("status")),
        *(_flag("carried_over"), _json("inputs"), _number("log_lines")),
        *(_time("started_on", null=True), _time("completed_on", null=True)),
    )
    _indexes("task", "release_id", "attempt_id", "phase_id")
    op.create_table(
        "task_run",
        *(_id(), _text("release_id"), _text("task_id"), _number("number"), _status("status")),
        *(_text("agent_name", null=True), _time("started_on"), _time("completed_on", null=True)),
        *(_time("due_at", null=True), _time("deadline", null=True)),
        *(_number("exit_code", null=True), _text("error", null=True), _number("pid", null=True)),
    )
    _indexes("task_run", "release_id", "task_id", "status")
    op.create_table(
        "task_log_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        *(_text("task_id"), _text("run_id"), _number("line"), _text("stream"), _text("text")),
        _time("at"),
    )
    _indexes("task_log_line", "task_id")


def _create_approvals_and_gates() -> None:
    op.create_table(
        "approval",
        *(_id(), _text("release_id"), _text("attempt_id"), _status("stage"), _number("rank")),
        *(_text("approver"), _status("status"), _flag("gate_override")),
        *(_text("approved_by", null=True), _text("comment"), _time("created_on")),
        *(_time("modified_on"), _time("timeout_at", null=True)),
        *(_time("defer_until", null=True), _text("reassigned_from", null=True)),
    )
    _indexes("approval", "release_id", "attempt_id", "status")
    op.create_table(
        "gate",
        *(_id(), _text("release_id"), _text("attempt_id"), _status("stage"), _status("status")),
        *(_number("samples"), _json("last_results"), _time("started_on", null=True)),
        *(_time("completed_on", null=True), _time("next_sample_at", null=True)),
        *(_time("timeout_at", null=True), _time("succeeding_since", null=True)),
    )
    _indexes("gate", "release_id", "attempt_id")


def _create_interventions_agents_and_events() -> None:
    op.create_table(
        "manual_intervention",
        *(_id(), _text("release_id"), _text("attempt_id"), _text("phase_id"), _text("task_id")),
        *(_status("kind"), _status("status"), _text("instructions"), _json("approvers")),
        *(_text("resolution", null=True), _json("values"), _text("acted_by", null=True)),
        *(_text("comment"), _time("created_on"), _time("modified_on")),
        _time("timeout_at", null=True),
    )
    _indexes("manual_intervention", "release_id", "attempt_id", "task_id", "status")
    op.create_table(
        "agent",
        *(_id(), _text("name"), _text("pool"), _status("status"), _flag("enabled")),
        *(_text("phase_id", null=True), _text("release_id", null=True)),
        _time("last_seen", null=True),
        sa.UniqueConstraint("name"),
    )
    _indexes("agent", "pool", "phase_id")
    op.create_table(
        "event",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        *(_text("release_id"), _text("entity"), _text("entity_id"), _text("kind")),
        *(_text("from_status", null=True), _text("to_status", null=True)),
        *(_text("from_operation_status", null=True), _text("to_operation_status", null=True)),
        *(_text("actor"), _time("at"), _json("data")),
    )
    _indexes("event", "release_id")
    op.create_table(
        "sequence_counter", sa.Column("name", sa.String(), primary_key=True), _number("value")
    )
