"""Remote agents: slots of ``releasegraph agent`` processes, their capabilities and runs.

An agent row gains what a remote agent registers (``remote``, ``process``, ``capacity``,
``capabilities``, ``version``) and counts its refused late writes (``stale_refusals``); a
run counts the log lines its agent sent (``log_received``); an attempt says in words why
it waits (``status_reason``).

Revision 0003, after 0002.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("agent") as table:
        table.add_column(sa.Column("remote", sa.Boolean(), nullable=False, server_default="0"))
        table.add_column(sa.Column("process", sa.String(), nullable=True))
        table.add_column(sa.Column("capacity", sa.Integer(), nullable=False, server_default="1"))
        table.add_column(sa.Column("capabilities", sa.JSON(), nullable=False, server_default="{}"))
        table.add_column(sa.Column("version", sa.String(), nullable=True))
        table.add_column(
            sa.Column("stale_refusals", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("task_run") as table:
        table.add_column(
            sa.Column("log_received", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("deployment_attempt") as table:
        table.add_column(sa.Column("status_reason", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deployment_attempt") as table:
        table.drop_column("status_reason")
    with op.batch_alter_table("task_run") as table:
        table.drop_column("log_received")
    with op.batch_alter_table("agent") as table:
        for column in (
            "stale_refusals",
            "version",
            "capabilities",
            "capacity",
            "process",
            "remote",
        ):
            table.drop_column(column)
