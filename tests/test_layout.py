"""The layout shows the architecture: which package may import which, and how large code grows."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "releasegraph"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40

FORBIDDEN_IMPORTS = {
    # The engine is pure: no I/O, no GraphQL, no sessions (ARCHITECTURE §7, STYLE habit 1).
    "engine": (
        "releasegraph.runtime",
        "releasegraph.schema",
        "releasegraph.resolvers",
        "releasegraph.graphql_schema",
        "releasegraph.context",
        "releasegraph.loaders",
        "releasegraph.app",
        "releasegraph.cli",
        "sqlalchemy.orm",
        "sqlalchemy.engine",
        "sqlmodel.Session",
        "sqlmodel.select",
        "sqlmodel.orm",
        "strawberry",
    ),
    # Types know the request's context and the engine, never the fields that resolve them.
    "schema": ("releasegraph.runtime", "releasegraph.resolvers", "releasegraph.graphql_schema"),
    # The request's context and its loaders sit below both: imports go resolvers -> schema ->
    # context, never back.
    "context.py": ("releasegraph.schema", "releasegraph.resolvers", "releasegraph.graphql_schema"),
    "loaders.py": ("releasegraph.schema", "releasegraph.resolvers", "releasegraph.graphql_schema"),
}


def modules() -> Iterator[tuple[str, ast.Module, int]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        yield str(path.relative_to(PACKAGE)), ast.parse(text), len(text.splitlines())


def imported(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_package_imports_what_its_layer_may_not() -> None:
    broken = [
        f"{name} imports {module}"
        for name, tree, _ in modules()
        for module in imported(tree)
        for forbidden in FORBIDDEN_IMPORTS.get(name.split("/")[0], ())
        if module == forbidden or module.startswith(f"{forbidden}.")
    ]
    assert broken == []


def test_no_module_is_over_400_lines() -> None:
    long = [f"{name}: {lines}" for name, _, lines in modules() if lines > MAX_MODULE_LINES]
    assert long == []


def test_no_function_is_over_40_lines() -> None:
    long = [
        f"{name}:{node.lineno} {node.name}: {lines}"
        for name, tree, _ in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (lines := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    ]
    assert long == []
