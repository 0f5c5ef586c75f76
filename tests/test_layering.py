"""Import layering: computation never imports I/O, plotting or matplotlib (DESIGN.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "patnet"
# module (or package) -> modules it must not import
FORBIDDEN = {
    "corpus.py": ("patnet.io", "patnet.plot", "matplotlib", "patnet.datasets"),
    "schema.py": ("patnet.io", "patnet.plot", "matplotlib", "patnet.corpus"),
    "ids.py": ("patnet.io", "patnet.plot", "matplotlib", "patnet.corpus"),
    "io": ("patnet.plot", "matplotlib", "patnet.datasets", "patnet.cli"),
    "geo": ("patnet.io", "patnet.plot", "matplotlib"),
    "classify": ("patnet.io", "patnet.plot", "matplotlib"),
    "stats": ("patnet.io", "patnet.plot", "matplotlib"),
    "build": ("patnet.io", "patnet.plot", "matplotlib"),
    "measures": ("patnet.io", "patnet.plot", "matplotlib"),
    "select.py": ("patnet.io", "patnet.plot", "matplotlib"),
    "outofcore.py": ("patnet.plot", "matplotlib", "patnet.datasets", "patnet.cli"),
}


def _imports(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    rel = file.relative_to(PKG.parent).with_suffix("")
    package = list(rel.parts[:-1])
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def test_layering():
    bad = []
    for target, forbidden in FORBIDDEN.items():
        path = PKG / target
        files = sorted(path.rglob("*.py")) if path.is_dir() else ([path] if path.exists() else [])
        for f in files:
            for imp in _imports(f):
                if any(imp == x or imp.startswith(x + ".") for x in forbidden):
                    bad.append(f"{f.relative_to(PKG.parent)} imports {imp}")
    assert not bad, "\n".join(bad)
