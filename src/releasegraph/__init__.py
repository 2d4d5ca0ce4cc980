"""releasegraph: release orchestration with a GraphQL API."""

from importlib.metadata import version

__version__ = version("releasegraph")
