"""Build progress: a live display on a terminal, nothing anywhere else.

`Site.progress` receives `stage(name, total)` and `advance(n)` calls from the build (reading,
rendering N items, writing). The CLI installs `for_terminal(...)`: a rich progress bar when
standard error is a terminal, not `--quiet` and not under CI (`CI` set) — otherwise the null
object, and the log keeps Jekyll's plain "Generating... done in N seconds." lines. Library
users can pass any object with the same two methods.
"""
from __future__ import annotations

import os
from typing import Protocol, TextIO


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


class TerminalProgress:
    """One rich progress line per stage; rich is imported only when a terminal shows it."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn

        self._bar = RichProgress(TextColumn("{task.description:>20}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(file=stream), transient=True)
        self._bar.start()
        self._task = None
        self._total: int | None = None
        self._done = 0

    def stage(self, name: str, total: int | None = None) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self._total or 0)
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
    if quiet or os.environ.get("CI") or not (hasattr(stream, "isatty") and stream.isatty()):
        return NULL
    return TerminalProgress(stream)
