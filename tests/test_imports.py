"""The import graph: no cycles anywhere (lazy and TYPE_CHECKING imports included), layers only
import downwards, and every module of api/ imports on its own in a fresh interpreter."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "ingest", "index", "bot", "api", "eval")
# What each layer may import (besides itself): ingest → index → bot → api, eval beside api, core below all.
ALLOWED = {
    "core": set(),
    "ingest": {"core"},
    "index": {"core", "ingest"},
    "bot": {"core", "ingest", "index"},
    "api": {"core", "ingest", "index", "bot"},
    "eval": {"core", "ingest", "index", "bot"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    found = {module_name(p): p for package in PACKAGES for p in (REPO / package).rglob("*.py")}
    found["planqa_cli"] = REPO / "planqa_cli.py"
    return found


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules `name` imports anywhere in its file, with the packages those imports run."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    edges = set()
    for target in targets:
        parts = target.split(".")
        for n in range(1, len(parts) + 1):  # importing a.b.c runs a and a.b first
            prefix = ".".join(parts[:n])
            # A module's own enclosing packages are already being imported when it runs; only importing
            # names from one of them (`from pkg import x` inside pkg.mod) can close a cycle.
            implied_ancestor = name.startswith(prefix + ".") and prefix != target
            if prefix in modules and prefix != name and not implied_ancestor:
                edges.add(prefix)
    return edges


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_lazy_and_type_checking_imports() -> None:
    edges = graph()
    assert "bot.pipeline" in edges["api.app"]  # lazy, inside a function
    assert "api.channels" in edges["api.app"]  # importing api.channels.x runs the package first
    # ... but a module's own enclosing package is already running when the module is imported
    assert "api.channels" not in edges["api.channels.core.engine"]
    assert {"api.cli", "eval.cli", "api.channels.zalo_bot.cli"} <= edges["planqa_cli"]


def test_no_import_cycle_anywhere() -> None:
    assert cycles(graph()) == []


def test_layers_only_import_downwards() -> None:
    wrong = []
    for name, targets in graph().items():
        layer = name.split(".")[0]
        if layer not in ALLOWED:
            continue
        for target in targets:
            other = target.split(".")[0]
            if other != layer and other not in ALLOWED[layer]:
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test_every_api_module_imports_alone_in_a_fresh_interpreter() -> None:
    """Each module is imported first, with no other planqa module loaded: a cycle that only bites in
    some import order fails here."""
    names = sorted(n for n in project_modules() if n == "api" or n.startswith("api."))
    script = f"""
import importlib, sys, traceback
ours = {PACKAGES!r}
failed = []
for name in {names!r}:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ours]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc(limit=3).strip().splitlines()[-1])
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(names) >= 30  # every module of api/, not a handful


def test_readme_layout_matches_the_tree() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("```")[1]
    for package in PACKAGES:
        assert f"\n{package}/" in layout, package
    api_dirs = {p.parent.relative_to(REPO / "api") for p in (REPO / "api").rglob("*.py")} - {Path(".")}
    for folder in api_dirs:
        assert f"{folder.name}/" in layout, folder  # every package under api/ is described
    named_files = set(re.findall(r"\b([a-z_]+\.py)\b", layout))
    package_files = {p.name for package in PACKAGES for p in (REPO / package).rglob("*.py")}
    assert named_files and named_files <= package_files | {p.name for p in REPO.glob("*/*.py")}, \
        named_files - package_files
    top_level_api = {p.name for p in (REPO / "api").glob("*.py")} - {"__init__.py"}
    assert top_level_api <= named_files, top_level_api - named_files  # every module of api/ is named
