"""The tree shows the architecture: two domains apart, neither knowing the web layer."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "service"
WEB = (
    "fastapi", "starlette", "mangum", "service.routes", "service.main", "service.dependencies",
    "service.middleware", "service.errors", "service.request_context", "service.schemas",
    "service.lambda_handler", "service.docs_pages",
)  # fmt: skip
DOMAINS = ("service.translation", "service.annotation")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_domains_import_neither_the_web_layer_nor_each_other() -> None:
    offences = []
    for domain in (*DOMAINS, "service.common"):
        others = tuple(d for d in DOMAINS if d != domain)
        for path in (ROOT / domain.replace(".", "/")).rglob("*.py"):
            for name in _imports(path):
                if _within(name, WEB) or _within(name, others):
                    offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


def test_no_import_cycles_inside_the_service() -> None:
    modules = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in SERVICE.rglob("*.py")
    }
    graph = {
        module: {name for name in _imports(path) if name in modules and name != module}
        for module, path in modules.items()
    }
    done: set[str] = set()

    def visit(module: str, stack: list[str]) -> None:
        assert module not in stack, f"import cycle: {' -> '.join([*stack, module])}"
        if module in done:
            return
        for imported in graph[module]:
            visit(imported, [*stack, module])
        done.add(module)

    for module in graph:
        visit(module, [])


def test_no_long_functions_or_modules() -> None:
    too_long = []
    for folder in (SERVICE, ROOT / "infra"):
        for path in folder.rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            if source.count("\n") > 350:
                too_long.append(f"{path.relative_to(ROOT)}: {source.count(chr(10))} lines")
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > 60:
                        too_long.append(f"{path.relative_to(ROOT)}:{node.name}: {length} lines")
    assert too_long == []
