"""Leases on runs: the process that executes a run owns it until its lease expires.

``lease_owner`` names the process (``host:pid:token``); ``lease_expires_at`` is renewed
while it runs. A run made before this revision has neither: its lease counts as expired.

Revision 0002, after 0001.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("task_run") as table:
        table.add_column(sa.Column("lease_owner", sa.String(), nullable=True))
        table.add_column(sa.Column("lease_expires_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("task_run") as table:
        table.drop_column("lease_expires_at")
        table.drop_column("lease_owner")
