"""The GraphQL schema: Strawberry types, enums, inputs, errors, and the Schema itself."""
