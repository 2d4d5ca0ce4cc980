"""The GraphQL schema: Strawberry types, enums, inputs, errors, and the Schema itself."""

from releasegraph.schema import enums  # noqa: F401  (registers the enums before a type names one)
