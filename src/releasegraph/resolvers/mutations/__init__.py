"""Root mutation fields: one module per mutation, each thin (check, one command, payload)."""

from __future__ import annotations

from strawberry.tools import create_type

from releasegraph.resolvers.mutations.abandon_release import abandon_release
from releasegraph.resolvers.mutations.agent_work import (
    append_job_log,
    claim_job,
    register_agent,
    renew_job_lease,
    report_job,
)
from releasegraph.resolvers.mutations.approve import approve
from releasegraph.resolvers.mutations.cancel_deployment import cancel_deployment
from releasegraph.resolvers.mutations.create_release import create_release
from releasegraph.resolvers.mutations.create_release_definition import create_release_definition
from releasegraph.resolvers.mutations.deploy_environment import deploy_environment
from releasegraph.resolvers.mutations.fix_and_continue import fix_and_continue
from releasegraph.resolvers.mutations.ignore_task_failure import ignore_task_failure
from releasegraph.resolvers.mutations.reassign_approval import reassign_approval
from releasegraph.resolvers.mutations.reject import reject
from releasegraph.resolvers.mutations.reject_manual_intervention import (
    reject_manual_intervention,
)
from releasegraph.resolvers.mutations.resume_manual_intervention import (
    resume_manual_intervention,
)
from releasegraph.resolvers.mutations.retry_task import retry_task
from releasegraph.resolvers.mutations.schedule_release import schedule_release
from releasegraph.resolvers.mutations.start_release import start_release
from releasegraph.resolvers.mutations.update_agent import update_agent
from releasegraph.resolvers.mutations.update_draft_release import update_draft_release
from releasegraph.resolvers.mutations.update_release_definition import (
    update_release_definition,
)

Mutation = create_type(
    "Mutation",
    [
        create_release_definition,
        update_release_definition,
        create_release,
        update_draft_release,
        start_release,
        schedule_release,
        deploy_environment,
        cancel_deployment,
        abandon_release,
        approve,
        reject,
        reassign_approval,
        resume_manual_intervention,
        reject_manual_intervention,
        retry_task,
        ignore_task_failure,
        fix_and_continue,
        update_agent,
        register_agent,
        claim_job,
        renew_job_lease,
        append_job_log,
        report_job,
    ],
)
