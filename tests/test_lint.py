"""Project checks: ruff and mypy pass, the package is typed, and CITATION.cff is valid.

ruff and mypy come with the test extras (``pip install -e ".[test]"``, through the ``lint``
extra); the tests that run them skip, saying so, when they are not installed. Both are configured
in ``pyproject.toml`` (``[tool.ruff]``, ``[tool.mypy]``).
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import patnet

REPO = Path(__file__).resolve().parents[1]


def _run(module: str, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[lint]' or '.[test]')")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=REPO, capture_output=True,
                          text=True, timeout=900, check=False)


# -- ruff and mypy ------------------------------------------------------------------------------


def test_ruff():
    done = _run("ruff", "check", "--no-cache", "--output-format", "concise", ".")
    assert done.returncode == 0, (
        "ruff found problems (run `python -m ruff check .` in the repository root; "
        "`--fix` repairs some):\n" + done.stdout + done.stderr)


@pytest.mark.slow
def test_mypy():
    done = _run("mypy")
    assert done.returncode == 0, (
        "mypy found problems (run `python -m mypy` in the repository root):\n"
        + done.stdout + done.stderr)


# -- typing marker and annotations --------------------------------------------------------------


def test_py_typed_is_shipped():
    assert (REPO / "patnet" / "py.typed").is_file(), "patnet/py.typed is missing"
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]
    assert "py.typed" in data.get("patnet", []), (
        'list it in pyproject.toml: [tool.setuptools.package-data] "patnet" = ["py.typed"]')


#: The modules whose ``__all__`` is checked: patnet itself, every subpackage, and the public
#: top-level modules (``pn.schema``, ``pn.select``, ``pn.testing``; ``pn.exceptions`` holds only
#: classes).
PUBLIC_MODULES = ["patnet", "patnet.schema", "patnet.select", "patnet.testing"] + sorted(
    f"patnet.{m.name}" for m in pkgutil.iter_modules(patnet.__path__)
    if m.ispkg and not m.name.startswith("_"))

#: Public functions not yet annotated (neither a return type nor every parameter). This list
#: only shrinks: annotate a function, then remove it here (a test says when an entry is stale).
#: Every other public function must be annotated.
NOT_YET_ANNOTATED = frozenset({
    "patnet.schema.did_you_mean",
    "patnet.select.cooperation",
    "patnet.testing.check_measure",
    "patnet.build.association_strength",
    "patnet.build.backbone",
    "patnet.build.equivalence",
    "patnet.build.geo_graph",
    "patnet.build.graph",
    "patnet.build.inclusion",
    "patnet.build.inventor_graph",
    "patnet.build.jaccard",
    "patnet.build.normalize",
    "patnet.build.occurrence_association",
    "patnet.build.org_graph",
    "patnet.build.salton",
    "patnet.classify.assign_sectors",
    "patnet.geo.normalize",
    "patnet.geo.resolve_province",
    "patnet.io.from_dataframes",
    "patnet.io.read_corpus",
    "patnet.io.read_patentsview",
    "patnet.io.read_uspto_xml",
    "patnet.measures.contract_graphs",
    "patnet.measures.measure_significance",
    "patnet.measures.metric_significance",
    "patnet.measures.null_model",
    "patnet.measures.register_measure",
    "patnet.plot.grouped_bars",
    "patnet.plot.heatmap",
    "patnet.plot.province_tiles",
    "patnet.plot.ranked_bars",
    "patnet.plot.save",
    "patnet.plot.style",
    "patnet.plot.yearly",
    "patnet.stats.find_stages",
})


def _public_functions():
    """``{"module.name": function}`` for every function named in a public ``__all__``."""
    out = {}
    for modname in PUBLIC_MODULES:
        module = importlib.import_module(modname)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if inspect.isfunction(obj):
                out[f"{modname}.{name}"] = inspect.unwrap(obj)
    return out


def _annotated(func) -> bool:
    """A return annotation, or an annotation on every named parameter."""
    notes = inspect.get_annotations(func)
    if "return" in notes:
        return True
    params = [p.name for p in inspect.signature(func).parameters.values()
              if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    return bool(params) and all(p in notes for p in params)


def test_public_functions_are_annotated():
    functions = _public_functions()
    assert len(functions) > 100  # the check finds the API
    missing = sorted(k for k, f in functions.items()
                     if k not in NOT_YET_ANNOTATED and not _annotated(f))
    assert not missing, (
        "public functions without type annotations (annotate the return type, or every "
        "parameter): " + ", ".join(missing))


def test_not_yet_annotated_list_is_current():
    functions = _public_functions()
    gone = sorted(k for k in NOT_YET_ANNOTATED if k not in functions)
    done = sorted(k for k in NOT_YET_ANNOTATED if k in functions and _annotated(functions[k]))
    assert not gone, f"not public functions any more; remove from NOT_YET_ANNOTATED: {gone}"
    assert not done, f"annotated now; remove from NOT_YET_ANNOTATED in {__file__}: {done}"


# -- CITATION.cff -------------------------------------------------------------------------------

CITATION = REPO / "CITATION.cff"
REQUIRED = ("cff-version", "message", "title", "authors")


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _parse_cff_text(text: str) -> dict:
    """A minimal reader of the top-level keys of a CFF file, for when PyYAML is absent.

    A scalar on the key's line is read with its quotes removed; a folded or literal block
    (``>-``, ``|``) is joined into one string; a key followed by an indented list gets its items
    (``- name: X`` as ``{"name": "X"}``, ``- X`` as ``"X"``).
    """
    out: dict = {}
    key, block = None, False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^([A-Za-z][\w-]*):\s*(.*)$", line)
        if m:
            key, value = m.group(1), m.group(2).strip()
            block = value[:1] in (">", "|")
            out[key] = "" if block else (_unquote(value) if value else [])
        elif key is not None and block:
            out[key] = (out[key] + " " + line.strip()).strip()
        elif key is not None and isinstance(out[key], list):
            item = re.match(r"^\s+-\s+(name:\s*)?(.+)$", line)
            if item:
                value = _unquote(item.group(2))
                out[key].append({"name": value} if item.group(1) else value)
    return out


def _parse_cff_yaml(text: str) -> dict:
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed (the text reader is tested)")
    return yaml.safe_load(text)


@pytest.mark.parametrize("parse", [_parse_cff_yaml, _parse_cff_text], ids=["yaml", "text"])
def test_citation_cff(parse):
    cff = parse(CITATION.read_text(encoding="utf-8"))
    missing = [k for k in REQUIRED if not cff.get(k)]
    assert not missing, f"CITATION.cff lacks the required keys {missing}"
    assert str(cff["cff-version"]) == "1.2.0"
    assert {"name": "The patnet developers"} in cff["authors"]
    assert str(cff["version"]) == patnet.__version__, (
        f"CITATION.cff says version {cff['version']}, patnet is {patnet.__version__}: "
        "update the version (and date-released) in CITATION.cff")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cff["license"] == project["license"]["text"]
    assert cff.get("keywords") and cff.get("abstract")
