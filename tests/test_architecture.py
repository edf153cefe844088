"""The layering rules of docs/architecture.md, checked by walking every import with ast.

Layers: ``domain`` (pure Python) <- ``store`` (peewee) <- ``ui`` (Qt), and ``charts`` (matplotlib) from plain
domain data. Every import counts: module level, inside functions, and inside ``if TYPE_CHECKING:``
blocks (those are left out of the circle check only, since they never run).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "goaldesk"
GENERATED = {PACKAGE / "ui" / "common" / "resources_rc.py"}
MAX_LINES = 500
MAX_PUBLIC_METHODS = 25


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. "goaldesk.ui.shell.app"
    target: str  # what it imports: a goaldesk module, or any other module name as written
    line: int
    type_checking_only: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p not in GENERATED)


MODULES: dict[str, Path] = {module_name(p): p for p in source_files()}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, type_checking: bool = False) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement under ``node`` (functions and classes included), with its TYPE_CHECKING flag."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, type_checking
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), True)
            for stmt in child.orelse:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), type_checking)
        else:
            yield from _walk(child, type_checking)


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a ``from`` import names (relative imports resolved against ``module``)."""
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str) -> list[Import]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[Import] = []
    for node, type_checking in _walk(tree):
        if isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, node.lineno, type_checking) for alias in node.names)
            continue
        base = _resolve(module, path, node)
        for alias in node.names:
            # `from goaldesk.ui.common import icons` imports the module goaldesk.ui.common.icons; `from x import Name`
            # imports x.
            candidate = f"{base}.{alias.name}"
            target = candidate if candidate in MODULES else base
            found.append(Import(module, target, node.lineno, type_checking))
    return found


ALL_IMPORTS: list[Import] = [imp for module in MODULES for imp in imports_of(module)]


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _where(imp: Import) -> str:
    return f"{MODULES[imp.module].relative_to(ROOT)}:{imp.line} imports {imp.target}"


# ---------------------------------------------------------------------- the walker itself


def test_the_walker_sees_every_kind_of_import(tmp_path: Path) -> None:
    source = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "import os.path\n"
        "from goaldesk.domain import model\n"
        "from goaldesk.domain.enums import Horizon\n"
        "from . import enums\n"
        "if TYPE_CHECKING:\n"
        "    from goaldesk.store.base import Store\n"
        "def f():\n"
        "    from goaldesk.ui.common import icons\n"
        "class C:\n"
        "    def g(self):\n"
        "        import peewee\n"
    )
    path = PACKAGE / "domain" / "_walker_probe.py"
    MODULES["goaldesk.domain._walker_probe"] = path
    try:
        tree = ast.parse(source)
        seen = [(n, tc) for n, tc in _walk(tree)]
        assert len(seen) == 9
        assert [tc for _n, tc in seen] == [False] * 6 + [True, False, False]
        relative = seen[5][0]
        assert isinstance(relative, ast.ImportFrom)
        assert _resolve("goaldesk.domain._walker_probe", path, relative) == "goaldesk.domain"
    finally:
        del MODULES["goaldesk.domain._walker_probe"]
    assert "goaldesk.domain.model" in MODULES
    assert any(i.target == "goaldesk.domain.model" and i.module.startswith("goaldesk.ui.") for i in ALL_IMPORTS)


# ---------------------------------------------------------------------- layers


def test_domain_is_pure_python() -> None:
    """domain imports the standard library and itself: no Qt, no peewee, no matplotlib, no other layer."""
    stdlib = sys.stdlib_module_names
    bad = [
        _where(imp)
        for imp in ALL_IMPORTS
        if _in(imp.module, "goaldesk.domain")
        and not _in(imp.target, "goaldesk.domain")
        and imp.target.split(".")[0] not in stdlib
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("goaldesk.store", ("goaldesk.ui", "goaldesk.charts", "PySide6", "matplotlib")),
        ("goaldesk.charts", ("goaldesk.store", "goaldesk.ui", "PySide6", "peewee")),
        ("goaldesk.clitools", ("goaldesk.ui", "PySide6")),
    ],
)
def test_layer_does_not_reach_up(layer: str, forbidden: tuple[str, ...]) -> None:
    bad = [
        _where(imp)
        for imp in ALL_IMPORTS
        if _in(imp.module, layer) and any(_in(imp.target, f) for f in forbidden)
    ]
    assert not bad, "\n".join(bad)


def test_features_never_import_the_window_or_the_app() -> None:
    """Feature folders get the main window as ``WindowHooks``; only the shell builds windows (docs/architecture.md)."""
    shell_only = ("goaldesk.ui.shell.main_window", "goaldesk.ui.shell.app", "goaldesk.ui.shell.actions")
    bad = [
        _where(imp)
        for imp in ALL_IMPORTS
        if _in(imp.module, "goaldesk.ui") and not _in(imp.module, "goaldesk.ui.shell") and imp.target in shell_only
    ]
    assert not bad, "\n".join(bad)


def test_no_import_circle() -> None:
    """No circle among goaldesk modules, counting function-level imports (TYPE_CHECKING-only ones excepted)."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for imp in ALL_IMPORTS:
        if not imp.type_checking_only and imp.target in MODULES and imp.target != imp.module:
            graph[imp.module].add(imp.target)
    cycles = _strongly_connected(graph)
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(sorted(c)) for c in cycles)


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative; only components of two or more modules are returned."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        result.append(component)
    return result


def test_circle_finder_finds_circles() -> None:
    assert _strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert _strongly_connected({"a": {"b"}, "b": set()}) == []


# ---------------------------------------------------------------------- size


def test_no_long_files() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in source_files()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"files over {MAX_LINES} lines (split them by feature or section): {long}"


def test_no_class_with_too_many_public_methods() -> None:
    big: dict[str, int] = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                public = [
                    f.name
                    for f in node.body
                    if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) and not f.name.startswith("_")
                ]
                if len(public) > MAX_PUBLIC_METHODS:
                    big[f"{module}.{node.name}"] = len(public)
    assert not big, f"classes with more than {MAX_PUBLIC_METHODS} public methods: {big}"
