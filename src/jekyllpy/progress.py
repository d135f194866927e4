"""Build progress: a live display on a terminal, nothing anywhere else.

`Site.progress` receives `stage(name, total)` and `advance(n)` calls from the build (reading,
rendering N items, writing). The CLI installs `for_terminal(...)`: a rich progress bar when
standard error is a terminal, not `--quiet` and not under CI (`CI` set) — otherwise the null
object, and the log keeps Jekyll's plain "Generating... done in N seconds." lines. Library
users can pass any object with the same methods, or wrap a plain function with `from_callback`.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, Protocol, TextIO


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def close(self) -> None: ...


class NullProgress:
    """Reports nothing (not a terminal, `--quiet`, CI, forked render workers)."""

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


NULL = NullProgress()


class CallbackProgress:
    """Calls `fn(stage, done, total)` at each stage start and each item: the simplest hook
    for a library user's own display (`total` is None for stages without a count)."""

    def __init__(self, fn: Callable[[str, int, "int | None"], None]) -> None:
        self._fn = fn
        self._stage, self._done, self._total = "", 0, None

    def stage(self, name: str, total: int | None = None) -> None:
        self._stage, self._done, self._total = name, 0, total
        self._fn(name, 0, total)

    def advance(self, n: int = 1) -> None:
        self._done += n
        self._fn(self._stage, self._done, self._total)

    def close(self) -> None:
        pass


def from_callback(fn: Callable[[str, int, "int | None"], None]) -> CallbackProgress:
    """`site.progress = from_callback(lambda stage, done, total: ...)`."""
    return CallbackProgress(fn)


class TerminalProgress:
    """One rich progress line showing the current stage; rich is imported only when a terminal shows it."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn

        self._bar = RichProgress(TextColumn("{task.description:>20}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(file=stream), transient=True,
                                 # log lines printed meanwhile go above the bar; standard output
                                 # only when it shares the terminal (`build > log` keeps its log)
                                 redirect_stdout=_is_tty(sys.stdout), redirect_stderr=True)
        self._bar.start()
        self._task = None
        self._total: int | None = None
        self._done = 0

    def stage(self, name: str, total: int | None = None) -> None:
        if self._task is not None:
            # the finished stage is drawn complete once, then gives its line to the next one:
            # a single line that never shows a stage still "running" after it ended
            if self._total is not None:
                self._bar.update(self._task, completed=self._total)
                self._bar.refresh()
            self._bar.update(self._task, visible=False)
        self._task = self._bar.add_task(name, total=total)
        self._total, self._done = total, 0

    def advance(self, n: int = 1) -> None:
        if self._task is None:
            return
        self._done += n
        # re-rendered items (parallel.py's serial fix-ups) must not run past the total
        completed = self._done if self._total is None else min(self._done, self._total)
        self._bar.update(self._task, completed=completed)

    def close(self) -> None:
        self._bar.stop()


def for_terminal(stream: TextIO, quiet: bool) -> Progress:
    """The progress display the CLI should use for `stream` (standard error)."""
    if quiet or os.environ.get("CI") or not _is_tty(stream):
        return NULL
    return TerminalProgress(stream)


def _is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False
