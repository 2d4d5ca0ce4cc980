"""Root mutation fields: one module per mutation, each thin (check, one domain action, payload)."""

from __future__ import annotations

import strawberry

from releasegraph.resolvers.mutations.approve import approve
from releasegraph.resolvers.mutations.create_release import create_release
from releasegraph.resolvers.mutations.create_release_definition import create_release_definition


@strawberry.type
class Mutation:
    create_release_definition = strawberry.mutation(resolver=create_release_definition)
    create_release = strawberry.mutation(resolver=create_release)
    approve = strawberry.mutation(resolver=approve)
