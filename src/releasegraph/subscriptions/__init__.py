"""Live updates over websockets: the graphql-transport-ws handler and the fan-out."""
