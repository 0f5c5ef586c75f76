"""A report on disk: tables and figures as Markdown, a self-contained HTML page, CSV, PNG and SVG."""

from __future__ import annotations

import base64
import html
import io as _io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ..export._common import guard

__all__ = ["Report", "ReportTable", "ReportFigure"]


@dataclass
class ReportTable:
    """One table of a report: a tidy DataFrame, a title and a note on how it was counted.

    Attributes
    ----------
    name : str
        File name of the table (``tables/<name>.csv``) and its anchor.
    frame : pandas.DataFrame
        The table.
    title : str
        Heading of the table in the report.
    note : str
        How it was counted, shown under the table.

    Examples
    --------
    >>> import pandas as pd
    >>> from patnet.report import Report
    >>> rep = Report(title="Partners")
    >>> rep.add_table("partners", pd.DataFrame({"partner": ["SG", "IN"], "patents": [3, 1]}),
    ...               "Cooperation patents by partner", "Full counting.")
    >>> t = rep.tables["partners"]
    >>> type(t).__name__, t.title, t.note
    ('ReportTable', 'Cooperation patents by partner', 'Full counting.')
    """

    name: str
    frame: pd.DataFrame
    title: str
    note: str = ""


@dataclass
class ReportFigure:
    """One figure of a report: a matplotlib Figure with a title and a caption.

    Attributes
    ----------
    name : str
        File name of the figure (``figures/<name>.png`` and ``.svg``).
    figure : matplotlib.figure.Figure
        The figure.
    title : str
        Heading of the figure in the report.
    caption : str
        Shown under the figure.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from patnet.report import Report
    >>> fig = Figure()
    >>> _ = fig.subplots().bar(["SG", "IN"], [3, 1])
    >>> rep = Report(title="Partners")
    >>> rep.add_figure("partners", fig, "Partners", "Made-up counts.")
    >>> f = rep.figures["partners"]
    >>> type(f).__name__, f.caption
    ('ReportFigure', 'Made-up counts.')
    """

    name: str
    figure: object
    title: str
    caption: str = ""


def _safe_cell(v) -> str:
    """Text for a CSV cell; text is guarded so spreadsheets never run it as a formula."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, str):
        return guard(v, empty=False)
    return str(v)


def _fmt(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return f"{v:,.4g}" if abs(v) < 1 else f"{v:,.2f}".rstrip("0").rstrip(".")
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _md_table(df: pd.DataFrame) -> str:
    d = df.reset_index() if _named_index(df) else df
    cols = [str(c) for c in d.columns]
    out = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in d.itertuples(index=False):
        out.append("| " + " | ".join(_fmt(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(out)


def _html_table(df: pd.DataFrame) -> str:
    d = df.reset_index() if _named_index(df) else df
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in d.columns)
    rows = []
    for row in d.itertuples(index=False):
        cells = "".join(
            f"<td class='num'>{html.escape(_fmt(v))}</td>" if isinstance(v, (int, float))
            else f"<td>{html.escape(_fmt(v))}</td>" for v in row)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _named_index(df: pd.DataFrame) -> bool:
    return any(n is not None for n in df.index.names)


_CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .6rem;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}figure img{max-width:100%}figcaption,.note{color:#555;font-size:.9rem}
pre{background:#f6f6f6;padding:.6rem;overflow-x:auto;font-size:.8rem}
"""


@dataclass
class Report:
    """Tables, figures and notes that save as a folder a reader can open anywhere.

    ``save(folder)`` writes ``report.md``, ``index.html`` (self-contained:
    the figures are embedded), ``tables/<name>.csv`` for every table and
    ``figures/<name>.png`` and ``.svg`` for every figure, plus
    ``report.json`` (inputs and definitions).

    Attributes
    ----------
    title : str
    sections : list
        :class:`ReportTable` and :class:`ReportFigure` objects, in order.
    inputs : dict
        What the report was computed from (shown first).
    definitions : dict
        Term -> definition (shown after the inputs).
    notes : list of str
        Shown last.
    created : str
        Creation time (UTC).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> from patnet.report import Report
    >>> rep = Report(title="Partners of Jiangsu")
    >>> rep.add_table("partners", pd.DataFrame({"partner": ["SG", "IN"], "patents": [3, 1]}),
    ...               "Cooperation patents by partner", "Full counting.")
    >>> fig = Figure()
    >>> _ = fig.subplots().bar(["SG", "IN"], [3, 1])
    >>> rep.add_figure("partners", fig, "Partners", "Made-up counts.")
    >>> print("\\n".join(rep.to_markdown().splitlines()[4:12]))
    ## Cooperation patents by partner
    <BLANKLINE>
    | partner | patents |
    |---|---|
    | SG | 3 |
    | IN | 1 |
    <BLANKLINE>
    *Full counting.* ([CSV](tables/partners.csv))
    >>> out = rep.save(Path(tempfile.mkdtemp()) / "report")
    >>> sorted(p.name for p in out.iterdir())
    ['figures', 'index.html', 'report.json', 'report.md', 'tables']
    >>> sorted(p.name for p in (out / "figures").iterdir())
    ['partners.png', 'partners.svg']
    >>> (out / "tables" / "partners.csv").read_text()
    'partner,patents\\nSG,3\\nIN,1\\n'
    """

    title: str
    sections: list = field(default_factory=list)
    inputs: dict = field(default_factory=dict)
    definitions: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    created: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    @property
    def tables(self) -> dict:
        """Every table by name."""
        return {s.name: s for s in self.sections if isinstance(s, ReportTable)}

    @property
    def figures(self) -> dict:
        """Every figure by name."""
        return {s.name: s for s in self.sections if isinstance(s, ReportFigure)}

    def add_table(self, name, frame, title, note=""):
        """Append a :class:`ReportTable` (see the class example)."""
        self.sections.append(ReportTable(name, frame, title, note))

    def add_figure(self, name, figure, title, caption=""):
        """Append a :class:`ReportFigure` (see the class example)."""
        self.sections.append(ReportFigure(name, figure, title, caption))

    # -- rendering ------------------------------------------------------
    def to_markdown(self) -> str:
        """The report as Markdown: inputs, definitions, each section in order, notes."""
        lines = [f"# {self.title}", "", f"Created {self.created}.", ""]
        if self.inputs:
            lines += ["## Inputs", ""] + [f"- **{k}**: {v}" for k, v in self.inputs.items()] + [""]
        if self.definitions:
            lines += ["## Definitions", ""] + [f"- **{k}**: {v}" for k, v in self.definitions.items()] + [""]
        for s in self.sections:
            lines += [f"## {s.title}", ""]
            if isinstance(s, ReportTable):
                lines += [_md_table(s.frame), ""]
                if s.note:
                    lines += [f"*{s.note}* ([CSV](tables/{s.name}.csv))", ""]
                else:
                    lines += [f"([CSV](tables/{s.name}.csv))", ""]
            else:
                lines += [f"![{s.title}](figures/{s.name}.png)", ""]
                if s.caption:
                    lines += [f"*{s.caption}*", ""]
        if self.notes:
            lines += ["## Notes", ""] + [f"- {n}" for n in self.notes] + [""]
        return "\n".join(lines)

    def to_html(self, images: dict | None = None) -> str:
        """The report as one self-contained HTML page (figures embedded as PNG data)."""
        images = images or {}
        parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                 f"<title>{html.escape(self.title)}</title><style>{_CSS}</style></head><body>",
                 f"<h1>{html.escape(self.title)}</h1><p class='note'>Created {html.escape(self.created)}.</p>"]
        for head, items in (("Inputs", self.inputs), ("Definitions", self.definitions)):
            if items:
                parts.append(f"<h2>{head}</h2><ul>")
                parts += [f"<li><b>{html.escape(str(k))}</b>: {html.escape(str(v))}</li>" for k, v in items.items()]
                parts.append("</ul>")
        for s in self.sections:
            parts.append(f"<h2 id='{html.escape(s.name)}'>{html.escape(s.title)}</h2>")
            if isinstance(s, ReportTable):
                parts.append(_html_table(s.frame))
                if s.note:
                    parts.append(f"<p class='note'>{html.escape(s.note)}</p>")
            else:
                src = images.get(s.name) or _png_data_uri(s.figure)
                parts.append(f"<figure><img alt='{html.escape(s.title)}' src='{src}'>"
                             f"<figcaption>{html.escape(s.caption)}</figcaption></figure>")
        if self.notes:
            parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in self.notes) + "</ul>")
        parts.append("</body></html>")
        return "\n".join(parts)

    def save(self, folder, *, overwrite: bool = True) -> Path:
        """Write the report into ``folder`` (created; replaced when it is a report folder)."""
        folder = Path(folder)
        if folder.exists() and not overwrite:
            raise FileExistsError(folder)
        if folder.exists() and any(folder.iterdir()) and not (folder / "report.json").exists():
            from ..exceptions import PatnetInputError

            raise PatnetInputError(f"{folder} exists and is not a patnet report folder", file=folder,
                                   hint="Choose a new folder")
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".patnet-report-", dir=folder.parent))
        try:
            (tmp / "tables").mkdir()
            (tmp / "figures").mkdir()
            for t in self.tables.values():
                _write_csv(t.frame, tmp / "tables" / f"{t.name}.csv")
            images = {}
            for f in self.figures.values():
                f.figure.savefig(tmp / "figures" / f"{f.name}.png", dpi=200, bbox_inches="tight")
                f.figure.savefig(tmp / "figures" / f"{f.name}.svg", bbox_inches="tight")
                data = (tmp / "figures" / f"{f.name}.png").read_bytes()
                images[f.name] = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
            (tmp / "report.md").write_text(self.to_markdown(), encoding="utf-8")
            (tmp / "index.html").write_text(self.to_html(images), encoding="utf-8")
            meta = {"title": self.title, "created": self.created, "inputs": self.inputs,
                    "definitions": self.definitions, "notes": self.notes,
                    "tables": list(self.tables), "figures": list(self.figures)}
            (tmp / "report.json").write_text(json.dumps(meta, indent=2, default=str), encoding="utf-8")
            if folder.exists():
                shutil.rmtree(folder)
            os.replace(tmp, folder)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return folder


def _png_data_uri(fig) -> str:
    buf = _io.BytesIO()
    fig.savefig(buf, format="png", dpi=120, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    import csv

    d = df.reset_index() if _named_index(df) else df
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([_safe_cell(c) for c in d.columns])
        for row in d.itertuples(index=False):
            w.writerow([_safe_cell(v) for v in row])
