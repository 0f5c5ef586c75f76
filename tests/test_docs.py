"""The documentation site: it builds without a warning, and the API reference is complete.

The pages' own examples are doctests collected from ``docs/*.md`` (``--doctest-glob``); this
file checks the site as a whole:

- the Sphinx build (``-W --keep-going``) succeeds with no warning (slow);
- every public function and class of ``patnet`` and its subpackages is listed in the API
  reference (``docs/api/*.rst``) and has an ``Examples`` section with at least one ``>>>``
  line, except the names in :data:`KNOWN_MISSING_EXAMPLES`;
- every page is reachable from a table of contents, and every built-in measure is defined on the
  definitions page.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
API = DOCS / "api"

#: The modules whose ``__all__`` the API reference must cover.
PUBLIC_MODULES = (
    "patnet", "patnet.io", "patnet.geo", "patnet.classify", "patnet.select", "patnet.stats",
    "patnet.build", "patnet.measures", "patnet.plot", "patnet.report", "patnet.export",
    "patnet.datasets", "patnet.testing", "patnet.outofcore",
)

#: Public functions and classes that do not have an ``Examples`` section yet. Their docstrings
#: live in ``patnet/io`` and ``patnet/build``, which the documentation does not edit; each entry
#: is to be removed when its docstring gains an example (the test fails on a stale entry), and no
#: new name may be added here: a new public function comes with its example.
KNOWN_MISSING_EXAMPLES: frozenset = frozenset()


def _public(module_name):
    """``(qualified name, object)`` of every non-module name in a module's ``__all__``.

    Dunder names (``patnet.__version__``) are documented in the text, not as API pages.
    """
    module = importlib.import_module(module_name)
    for name in module.__all__:
        obj = getattr(module, name)
        if not inspect.ismodule(obj) and not name.startswith("__"):
            yield f"{module_name}.{name}", obj


def _is_documentable(obj) -> bool:
    return inspect.isclass(obj) or callable(obj)


def _api_listing() -> set:
    """Qualified names listed in the autosummary tables of ``docs/api/*.rst``."""
    listed = set()
    for path in sorted(API.glob("*.rst")):
        current = None
        in_table = False
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\.\. currentmodule:: (\S+)", line)
            if m:
                current, in_table = m.group(1), False
                continue
            if line.startswith(".. autosummary::"):
                in_table = True
                continue
            if in_table:
                item = line.strip()
                if not item or item.startswith(":"):
                    continue
                if not line.startswith("   "):
                    in_table = False
                    continue
                listed.add(f"{current}.{item}")
    return listed


def _automodules() -> set:
    found = set()
    for path in API.glob("*.rst"):
        found.update(re.findall(r"^\.\. automodule:: (\S+)", path.read_text(encoding="utf-8"),
                                flags=re.M))
    return found


def _examples(obj) -> str:
    """The ``Examples`` section of an object's docstring ("" when there is none)."""
    from numpydoc.docscrape import NumpyDocString

    doc = inspect.getdoc(obj) or ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            section = NumpyDocString(doc)["Examples"]
        except Exception:  # an unparsable docstring has no usable section
            return ""
    return "\n".join(section)


# ---------------------------------------------------------------------------
# the API reference


def test_api_reference_lists_every_public_name():
    listed = _api_listing()
    missing = [q for m in PUBLIC_MODULES for q, _ in _public(m) if q not in listed]
    assert not missing, (f"not in the API reference (add them to an autosummary table in "
                         f"docs/api/): {missing}")


def test_api_reference_lists_no_stale_name():
    public = {q for m in PUBLIC_MODULES for q, _ in _public(m)}
    extra = {q for q in _api_listing() if q.rsplit(".", 1)[0] in PUBLIC_MODULES} - public
    assert not extra, f"listed in docs/api/ but not public any more: {sorted(extra)}"


def test_api_reference_documents_every_public_module():
    modules = {f"patnet.{name}" for name in importlib.import_module("patnet").__all__
               if inspect.ismodule(getattr(importlib.import_module("patnet"), name))}
    missing = (modules | set(PUBLIC_MODULES)) - _automodules()
    assert not missing, f"no automodule page for {sorted(missing)}"


def test_every_public_function_and_class_has_an_example():
    without = sorted(q for m in PUBLIC_MODULES for q, obj in _public(m)
                     if _is_documentable(obj) and ">>>" not in _examples(obj))
    new = [q for q in without if q not in KNOWN_MISSING_EXAMPLES]
    assert not new, f"public functions/classes without an Examples section with '>>>': {new}"


def test_known_missing_examples_is_not_stale():
    public = {q: obj for m in PUBLIC_MODULES for q, obj in _public(m)}
    gone = sorted(q for q in KNOWN_MISSING_EXAMPLES if q not in public)
    assert not gone, f"no longer public, remove from KNOWN_MISSING_EXAMPLES: {gone}"
    fixed = sorted(q for q in KNOWN_MISSING_EXAMPLES if ">>>" in _examples(public[q]))
    assert not fixed, f"these have examples now, remove them from KNOWN_MISSING_EXAMPLES: {fixed}"
    outside = sorted(q for q in KNOWN_MISSING_EXAMPLES
                     if not q.startswith(("patnet.io.", "patnet.build.")))
    assert not outside, f"only patnet.io and patnet.build names may be listed: {outside}"


# ---------------------------------------------------------------------------
# the pages


def _toctree_entries() -> set:
    entries = set()
    for path in DOCS.rglob("*.md"):
        if "_build" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"```\{toctree\}\n(.*?)```", text, flags=re.S):
            for line in block.splitlines():
                line = line.strip()
                if line and not line.startswith(":"):
                    entries.add((path.parent / line).relative_to(DOCS).with_suffix("").as_posix())
    return entries


def test_every_page_is_in_a_toctree():
    entries = _toctree_entries()
    pages = {p.relative_to(DOCS).with_suffix("").as_posix() for p in DOCS.glob("*.md")}
    orphans = sorted(pages - entries - {"index"})
    assert not orphans, f"pages not reachable from a table of contents: {orphans}"
    assert "scale" in entries and "api/index" in entries


def test_every_builtin_measure_is_defined():
    import patnet.measures as measures

    table = measures.available_measures()
    builtin = table[table["source"].str.startswith("patnet.measures.")]["name"]
    text = (DOCS / "definitions.md").read_text(encoding="utf-8")
    undefined = sorted(n for n in builtin if f"`{n}`" not in text)
    assert not undefined, f"registered measures not on docs/definitions.md: {undefined}"


# ---------------------------------------------------------------------------
# the build


@pytest.mark.slow
def test_site_builds_without_warnings(tmp_path):
    # Build from a copy: autosummary writes its stub pages into the source folder.
    src = tmp_path / "docs"
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build", "generated", "__pycache__"))
    out = tmp_path / "html"
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-j", "1", "-q", "-b", "html",
         "-d", str(tmp_path / "doctrees"), str(src), str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"sphinx failed:\n{log[-5000:]}"
    assert "WARNING" not in log and "ERROR" not in log, log[-5000:]
    for page in ("index.html", "getting_started.html", "definitions.html", "study1.html",
                 "scale.html", "license.html", "data_sources.html", "api/index.html",
                 "api/generated/patnet.stats.count.html",
                 "api/generated/patnet.measures.betweenness.html"):
        assert (out / page).is_file(), f"{page} was not built"
