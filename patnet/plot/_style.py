"""The patnet figure style, fonts and Chinese (CJK) text support.

Everything here works through :func:`matplotlib.rc_context` or on the
artists themselves, so nothing changes matplotlib's global ``rcParams``
after a call returns.
"""

from __future__ import annotations

import contextlib
import re
import warnings

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib import ticker
from matplotlib.rcsetup import cycler
from matplotlib.text import Text

from ..exceptions import PatnetInputError, PatnetWarning

__all__ = [
    "FIGSIZES",
    "PALETTE",
    "style",
    "find_cjk_font",
    "has_cjk",
    "save",
]

#: Figure sizes in inches for the usual journal layouts (width, height):
#: one column (~89 mm), one and a half columns (~140 mm) and two columns (~183 mm).
FIGSIZES = {
    "single": (3.5, 2.6),
    "onehalf": (5.5, 3.2),
    "double": (7.2, 3.6),
}

#: Colour-blind-safe colours (Okabe & Ito 2008), in the order patnet uses them.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442",
           "#000000")

#: Light greys for shaded spans, zero cells and secondary marks.
GREY_LIGHT = "#EDEDED"
GREY_MID = "#BDBDBD"
GREY_TEXT = "#555555"

# Fonts tried for Latin text, in order; only installed ones are used (matplotlib would
# otherwise log "font family not found" for each missing name).
_SANS = ("Arial", "Helvetica", "Liberation Sans", "Nimbus Sans", "TeX Gyre Heros",
         "DejaVu Sans")

# Fonts with Chinese glyphs, most suitable first (simplified-Chinese faces before the
# Japanese/Korean/traditional faces of the same families, which still cover the Han
# characters). Debian's fonts-noto-cjk registers in matplotlib as "Noto Sans CJK JP".
CJK_FONTS = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR", "Noto Sans CJK HK",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Hiragino Sans GB", "Heiti SC", "STHeiti", "Noto Serif CJK SC", "Source Han Serif SC",
    "Songti SC", "SimSun", "AR PL UMing CN", "AR PL UKai CN", "Droid Sans Fallback",
    "Arial Unicode MS",
)
# Other family names worth a glyph check when none of the above is installed.
_CJK_HINT = re.compile(r"CJK|Han Sans|Han Serif|Hei|WenQuanYi|YaHei|Song|Kai|Fang|Ming|"
                       r"Gothic|Mincho|Unicode|Sarasa|LXGW", re.IGNORECASE)
_PROBE = (0x4E2D, 0x6C5F)  # 中 江

_CJK_RE = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f]"
)

_INSTALL_HINT = (
    "Install a font with Chinese glyphs (Debian/Ubuntu: `apt-get install fonts-noto-cjk`; "
    "Windows and macOS ship Microsoft YaHei / SimHei and PingFang SC), delete matplotlib's "
    "font cache (the folder matplotlib.get_cachedir()) and restart Python; or register a font "
    "file for this session with matplotlib.font_manager.fontManager.addfont(path); or draw "
    "English labels (labels='auto' / 'country' / 'province')"
)

_cjk_cache: dict = {}
_warned = False


def has_cjk(text) -> bool:
    """Whether *text* contains Chinese, Japanese or Korean characters.

    Examples
    --------
    >>> from patnet.plot import has_cjk
    >>> has_cjk("江苏 Jiangsu"), has_cjk("Jiangsu")
    (True, False)
    """
    return bool(text) and _CJK_RE.search(str(text)) is not None


def _font_has_glyphs(path: str) -> bool:
    try:
        charmap = font_manager.get_font(path).get_charmap()
    except Exception:  # unreadable font file: not usable  # pragma: no cover
        return False
    return all(code in charmap for code in _PROBE)


def find_cjk_font() -> str | None:
    """Name of an installed font that has Chinese glyphs, or ``None``.

    Looks through matplotlib's font list: first for the well-known families
    (Noto Sans CJK, Source Han Sans, WenQuanYi, Microsoft YaHei, SimHei,
    PingFang, ...), then for any other family whose name suggests CJK
    coverage and whose font file really has the glyphs 中 and 江. The answer
    is cached until matplotlib's font list changes (e.g. after
    ``fontManager.addfont``).

    Returns
    -------
    str or None
        A family name usable in ``fontfamily=``.

    Examples
    --------
    >>> from patnet.plot import find_cjk_font
    >>> name = find_cjk_font()
    >>> name is None or isinstance(name, str)
    True
    """
    entries = font_manager.fontManager.ttflist
    key = len(entries)
    if key in _cjk_cache:
        return _cjk_cache[key]
    by_name: dict[str, list[str]] = {}
    for entry in entries:
        by_name.setdefault(entry.name, []).append(entry.fname)
    found = None
    for name in CJK_FONTS:
        if name in by_name:
            found = name
            break
    if found is None:
        for name in sorted(by_name):
            if _CJK_HINT.search(name) and any(_font_has_glyphs(f) for f in by_name[name]):
                found = name
                break
    _cjk_cache.clear()
    _cjk_cache[key] = found
    return found


def _sans_fonts() -> list[str]:
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    names = [name for name in _SANS if name in installed]
    return names or list(mpl.rcParams["font.sans-serif"])


def _rc(cjk: bool = True) -> dict:
    """The rcParams of the patnet style."""
    family = ["sans-serif"]
    cjk_font = find_cjk_font() if cjk else None
    if cjk_font is not None:
        family.append(cjk_font)
    return {
        "figure.figsize": FIGSIZES["single"],
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "figure.constrained_layout.use": False,
        "savefig.dpi": 300,
        "savefig.bbox": "tight",
        "savefig.pad_inches": 0.03,
        "savefig.facecolor": "white",
        "pdf.fonttype": 42,  # embed TrueType: text stays editable in Illustrator/Inkscape
        "ps.fonttype": 42,
        "font.family": family,
        "font.sans-serif": _sans_fonts(),
        "font.size": 8,
        "axes.titlesize": 9,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.titlepad": 6,
        "axes.labelsize": 8,
        "axes.labelcolor": "#222222",
        "axes.linewidth": 0.6,
        "axes.edgecolor": "#333333",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "axes.axisbelow": True,
        "axes.unicode_minus": False,  # some CJK fonts lack U+2212
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "axes.formatter.use_mathtext": False,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.5,
        "xtick.labelsize": 7,
        "ytick.labelsize": 7,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "xtick.minor.width": 0.4,
        "ytick.minor.width": 0.4,
        "xtick.major.size": 3,
        "ytick.major.size": 3,
        "xtick.minor.size": 1.5,
        "ytick.minor.size": 1.5,
        "xtick.color": "#333333",
        "ytick.color": "#333333",
        "legend.fontsize": 7,
        "legend.frameon": False,
        "legend.handlelength": 1.6,
        "legend.borderaxespad": 0.3,
        "lines.linewidth": 1.4,
        "lines.markersize": 3.5,
        "patch.linewidth": 0.0,
        "image.cmap": "Blues",
        "svg.fonttype": "path",
    }


@contextlib.contextmanager
def style(rc=None, *, cjk=True):
    """Context manager: the patnet figure style, undone on exit.

    Sets journal-column figure sizes, 7–9 pt sans-serif text (legible at
    300 dpi), thin axes without top and right spines, a colour-blind-safe
    palette, 300 dpi tight saving with embedded TrueType fonts, and — when a
    font with Chinese glyphs is installed — that font as a fallback so that
    Chinese labels render. All patnet plotting functions draw inside this
    context; use it yourself to style other figures or to save with these
    settings. ``rcParams`` are restored when the block ends.

    Parameters
    ----------
    rc : dict, optional
        Extra rcParams that override the style's, e.g. ``{"font.size": 9}``.
    cjk : bool, default True
        Add the font found by :func:`find_cjk_font` as a fallback family.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import patnet as pn
    >>> before = matplotlib.rcParams["font.size"]
    >>> with pn.plot.style():
    ...     fig, ax = plt.subplots()
    ...     matplotlib.rcParams["font.size"]
    8.0
    >>> matplotlib.rcParams["font.size"] == before
    True
    >>> plt.close(fig)
    """
    params = _rc(cjk=cjk)
    params.update(rc or {})
    with mpl.rc_context(params):
        yield


# ---------------------------------------------------------------------------
# helpers shared by the plotting modules
# ---------------------------------------------------------------------------

def new_axes(ax, figsize):
    """Return ``(ax, created)``: *ax* itself, or a new figure's Axes of *figsize*."""
    if ax is None:
        _fig, ax = plt.subplots(figsize=figsize)
        tidy(ax)
        return ax, True
    if not isinstance(ax, mpl.axes.Axes):
        raise PatnetInputError(f"ax must be a matplotlib Axes or None, not {type(ax).__name__}",
                               hint="Pass ax=None to draw on a new figure")
    tidy(ax)
    return ax, False


def tidy(ax) -> None:
    """Give an Axes the patnet look even if it was made outside :func:`style`.

    Hides the top and right spines, thins the others and sets tick and axis
    label sizes (artists that existed before the style context keep the
    settings they were made with, so they are set here explicitly).
    """
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    for spine in ax.spines.values():
        spine.set_linewidth(0.6)
        spine.set_edgecolor("#333333")
    ax.tick_params(which="major", labelsize=7, width=0.6, length=3, color="#333333",
                   labelcolor="#333333")
    ax.tick_params(which="minor", width=0.4, length=1.5)
    for label in (ax.xaxis.label, ax.yaxis.label):
        label.set_fontsize(8)
        label.set_color("#222222")


def grid(ax, axis) -> None:
    """Light reference lines across the plot along *axis* ("x" or "y")."""
    ax.grid(axis=axis, color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)


def no_data(ax, message="No data"):
    """Draw an empty panel that says there is nothing to show."""
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            color=GREY_TEXT, fontsize=mpl.rcParams["font.size"])
    return ax


def value_locator(integer, nbins="auto"):
    """Tick locator for a value axis: round steps (1, 2, 2.5, 5, 10 x 10^k), whole
    numbers only when *integer* (counts)."""
    return ticker.MaxNLocator(nbins=nbins, integer=bool(integer), steps=[1, 2, 2.5, 5, 10],
                              min_n_ticks=3)


def format_number(value, fmt=None) -> str:
    """Counts as integers with thousands separators, other numbers to 3 significant digits."""
    import math

    if fmt is not None:
        return fmt.format(value) if "{" in fmt else format(value, fmt)
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(v):
        return "–"
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.3g}"


def root_figure(obj):
    """The top-level Figure of an Axes, SubFigure or Figure."""
    figure = obj
    while not isinstance(figure, mpl.figure.Figure):
        figure = figure.figure
    return figure


def finish(ax) -> None:
    """Make every text of *ax*'s figure render Chinese characters, or warn once.

    Texts that contain CJK characters get the CJK font as a fallback family
    (so it applies even when the text is drawn after the style context has
    ended). Without such a font, emits one :class:`PatnetWarning` per session.
    """
    figure = root_figure(ax)
    texts = [t for t in figure.findobj(Text) if has_cjk(t.get_text())]
    if not texts:
        return
    font = find_cjk_font()
    if font is None:
        warn_no_cjk_font([t.get_text() for t in texts])
        return
    for t in texts:
        family = list(t.get_fontfamily())
        if font not in family:
            t.set_fontfamily([*family, font])


def warn_no_cjk_font(samples) -> None:
    global _warned
    if _warned:
        return
    _warned = True
    shown = ", ".join(repr(s) for s in list(dict.fromkeys(samples))[:3])
    warnings.warn(
        f"labels contain Chinese characters ({shown}) but matplotlib has no font with "
        f"Chinese glyphs, so they will be drawn as empty boxes. {_INSTALL_HINT}. "
        "(This warning is shown once per session.)",
        PatnetWarning,
        stacklevel=3,
    )


def save(obj, path, *, dpi=300, formats=None, **kwargs):
    """Save a figure (or the figure of an Axes) with the patnet style's settings.

    Tight bounding box, white background, *dpi* for raster formats and
    embedded TrueType fonts in PDF/PS.

    Parameters
    ----------
    obj : matplotlib Figure or Axes
    path : str or path-like
        File name; its suffix chooses the format unless *formats* is given.
    dpi : int, default 300
    formats : sequence of str, optional
        Save one file per format, e.g. ``("png", "svg", "pdf")``, replacing
        the suffix of *path*.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig`.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, tempfile, pathlib
    >>> import patnet as pn
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = pn.plot.save(ax, pathlib.Path(d) / "fig.png", formats=("png", "svg"))
    ...     [p.suffix for p in paths]
    ['.png', '.svg']
    >>> plt.close(fig)
    """
    from pathlib import Path

    figure = root_figure(obj)
    path = Path(path)
    targets = [path] if not formats else [path.with_suffix("." + f.lstrip(".")) for f in formats]
    with style():
        for target in targets:
            figure.savefig(target, dpi=dpi, **kwargs)
    return targets
