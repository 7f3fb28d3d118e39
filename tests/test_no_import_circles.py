"""The package has no import circles (issue: the house clean-up): what two modules share sits
in a module below both. Module-level and function-level imports both count."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _graph() -> dict[str, set[str]]:
    mods = {}
    for f in (SRC / "eventcoder").rglob("*.py"):
        name = ".".join(f.relative_to(SRC).with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = f
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, f in mods.items():
        pkg = m if f.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                subs = [f"{target}.{a.name}" for a in node.names]
                # "from . import queries" loads that module; the package itself only for a name in it
                names = subs + ([target] if any(n not in mods for n in subs) else [])
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            graph[m] |= {n for n in names if n in mods and n != m}
    return graph


def test_no_import_circles():
    graph = _graph()
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(n: str, path: list[str]) -> None:
        state[n] = 1
        for nb in sorted(graph[n]):
            if state.get(nb) == 1:
                found.append(path[path.index(nb):] + [nb])
            elif nb not in state:
                visit(nb, path + [nb])
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])
    assert not found, "import circles: " + "; ".join(" -> ".join(c) for c in found)
