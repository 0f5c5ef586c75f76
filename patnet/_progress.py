"""Progress bars for the steps that take long on large inputs.

Graph builders and community detection take ``progress=``: ``True`` shows a
bar, ``False`` never does, and ``None`` (the default) shows one when the
input is large enough for the step to take several seconds (each caller
names its own measure of size and threshold). Bars are :mod:`tqdm`'s
(``tqdm.auto``: a widget in a notebook, text on standard error elsewhere),
as for the loaders.

Examples
--------
>>> from patnet._progress import Stages, wanted
>>> wanted(None, size=10, threshold=100), wanted(True, size=10, threshold=100)
(False, True)
>>> with Stages("graph", ["units", "projection"], show=False) as bar:
...     bar.stage("units")
...     bar.stage("projection")
>>> bar.done
2
"""

from __future__ import annotations

from .exceptions import PatnetInputError

__all__ = ["wanted", "Stages", "LARGE_ROWS"]

#: Link-table rows from which loading-sized steps (building a graph, a whole study) show a
#: bar by default.
LARGE_ROWS = 1_000_000


def wanted(progress, *, size: int, threshold: int) -> bool:
    """Whether to show a bar: ``progress`` itself, or with None whether ``size >= threshold``.

    Raises
    ------
    PatnetInputError
        ``progress`` is not True, False or None.
    """
    if progress is None:
        return size >= threshold
    if isinstance(progress, bool):
        return progress
    raise PatnetInputError(f"progress must be True, False or None (automatic), got {progress!r}",
                           hint="None shows a bar only when the input is large")


class Stages:
    """A bar over named stages (or ``len(stages)`` numbered ones), advanced by :meth:`stage`.

    ``stage(name)`` marks the stage before it done and shows ``name`` as the
    one running; leaving the ``with`` block without an error marks the last
    one done. ``done`` counts the finished stages whether or not a bar is
    shown.
    """

    def __init__(self, desc: str, stages, *, show: bool):
        self.total = stages if isinstance(stages, int) else len(stages)
        self.done = 0
        self._running = False
        self.bar = None
        if show:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=self.total, desc=desc, unit="step", dynamic_ncols=True)

    def stage(self, name: str) -> None:
        """Start stage ``name`` (the one running before it is done)."""
        if self._running:
            self._advance()
        self._running = True
        if self.bar is not None:
            self.bar.set_postfix_str(name, refresh=True)

    def note(self, text: str) -> None:
        """Show ``text`` as what the running stage is doing."""
        if self.bar is not None:
            self.bar.set_postfix_str(text, refresh=True)

    def _advance(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)

    def close(self, ok: bool = True) -> None:
        if ok and self._running:
            self._advance()
        self._running = False
        if self.bar is not None:
            if ok:
                self.bar.set_postfix_str("", refresh=False)
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Stages:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(ok=exc_type is None)
