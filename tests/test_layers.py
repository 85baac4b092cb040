"""The layers stay apart: the app never reaches into the command line, the service layer
never into either front end, and the scoring core stands alone (no import of `simulator`).

Every import counts, the lazy ones inside functions too, so a front end cannot slip back in
through a function body."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(source: str, package: str) -> set[str]:
    """Every module a file of `package` imports, absolute names (relative imports resolved)."""
    tree = ast.parse(source)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    lines = []
    for path in sorted((ROOT / package).rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        in_package = ".".join(path.relative_to(ROOT).parts[:-1])
        for module in sorted(imported_modules(source, in_package)):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                lines.append(f"{path.relative_to(ROOT)} imports {module}")
    return lines


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("simulator/tui", ("simulator.cli",)),
        ("simulator/services", ("simulator.cli", "simulator.tui")),
        ("scoring", ("simulator",)),
    ],
)
def test_a_layer_imports_nothing_above_it(package: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(package, forbidden) == []


def test_the_check_sees_lazy_and_relative_imports() -> None:
    """The check itself would catch an import hidden in a function or written relatively."""
    source = (
        "def f():\n    from simulator.cli.render import turn_block\n    from ..cli import show\n"
    )
    names = imported_modules(source, "simulator.tui")
    assert "simulator.cli.render" in names
    assert "simulator.cli.show" in names
