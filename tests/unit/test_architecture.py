"""The package layout is the pipeline: a module imports only its own stage or stages to its left.

formats -> inputs -> checks -> engine -> analysis -> results -> renderers -> publish -> commands
-> terminal -> cli -> api; only the CLI knows typer; no import cycle between modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "riskcard"
ORDER = [
    "formats",
    "inputs",
    "checks",
    "engine",
    "analysis",
    "results",
    "renderers",
    "publish",
    "commands",
    "terminal",
    "cli",
    "api",
    "entry",
    "__main__",
    "__init__",
]
MAX_LINES = 400
MAX_CLI_LINES = 250


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> int:
    parts = module.split(".")
    if parts == ["riskcard"]:
        return ORDER.index("__init__")
    return ORDER.index(parts[1])


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every riskcard module `path` imports (at any depth: lazy imports count too)."""
    tree = ast.parse(path.read_text("utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() or (
                    PACKAGE.parent / candidate.replace(".", "/")
                ).is_dir():
                    found.append((node.lineno, candidate))
    return found


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_belongs_to_a_stage() -> None:
    for name in _modules():
        _stage(name)  # raises ValueError for a module outside the pipeline


def test_imports_run_left_to_right_only() -> None:
    wrong = []
    for name, path in _modules().items():
        for line, target in _imports(path):
            if target.split(".")[0] != "riskcard":
                continue
            if _stage(target) > _stage(name):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert wrong == []


def test_only_the_cli_knows_typer() -> None:
    users = [
        name
        for name, path in _modules().items()
        if any(t.split(".")[0] in ("typer", "click") for _, t in _imports(path))
    ]
    assert users == ["riskcard.cli"]


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = {
        name: sorted({t for _, t in _imports(path) if t in modules and t != name})
        for name, path in modules.items()
    }
    # A package's __init__ importing its own members is not a cycle a reader trips on.
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_modules_stay_small() -> None:
    sizes = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text("utf-8").splitlines())
        for path in _modules().values()
    }
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
    assert sizes["riskcard/cli.py"] <= MAX_CLI_LINES
