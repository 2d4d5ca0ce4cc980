"""releasegraph: release orchestration with a GraphQL API."""
