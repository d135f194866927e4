"""What the server knows between rebuilds: which outputs are being rebuilt (requests for
them wait, never get stale bytes), which pages browsers have open (rendered first), and the
last build's errors (shown as an overlay until a build succeeds).

Everything here lives on the event loop's thread; the rebuild thread talks to it through
`loop.call_soon_threadsafe` (see runner.py).
"""
from __future__ import annotations

import asyncio
import posixpath
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)  # identity: kept in a set
class Client:
    """One live-reload WebSocket: the page it shows (as a destination path)."""

    ws: Any
    url_path: str = "/"
    dest: str | None = None


@dataclass
class BuildErrors:
    errors: list = field(default_factory=list)  # dicts: file, line, column, message

    def payload(self) -> dict:
        return {"type": "error", "errors": self.errors}


class ServeState:
    """Gates for requests and the set of open pages."""

    WAIT_LIMIT = 120.0  # seconds a request waits for a rebuild before being served anyway

    def __init__(self) -> None:
        self.building = False             # a rebuild started and its plan is not known yet
        self.full = False                 # a full build: everything is pending
        self.pending: set[str] = set()    # destination paths about to be rewritten or deleted
        self._changed = asyncio.Event()
        self.clients: set[Client] = set()
        self.errors = BuildErrors()
        self.generation = 0
        # read by the rebuild thread: replaced whole (atomic), never mutated
        self.open_snapshot: frozenset[str] = frozenset()

    # requests -----------------------------------------------------------------------
    def is_stale(self, rel: str) -> bool:
        return self.building or self.full or rel in self.pending

    async def wait_fresh(self, candidates: list[str]) -> None:
        """Wait while any candidate file for a URL may still change in this rebuild."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.WAIT_LIMIT
        while any(self.is_stale(c) for c in candidates):
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            event = self._changed
            try:
                await asyncio.wait_for(event.wait(), timeout=min(remaining, 1.0))
            except asyncio.TimeoutError:
                continue

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    # the rebuild thread's reports (on the loop thread) -------------------------------------
    def begin(self, full: bool = False) -> None:
        self.building = True
        self.full = full
        self.generation += 1

    def plan(self, rels: set[str]) -> None:
        self.pending |= set(rels)
        self.building = False
        self._notify()

    def written(self, rel: str) -> None:
        self.pending.discard(rel)
        self._notify()

    def end(self) -> None:
        self.building = False
        self.full = False
        self.pending.clear()
        self._notify()

    # open pages -----------------------------------------------------------------------
    def open_pages(self) -> set[str]:
        return {c.dest for c in self.clients if c.dest}

    def refresh_open(self) -> None:
        self.open_snapshot = frozenset(self.open_pages())


def dest_candidates(url_path: str) -> list[str]:
    """The destination files a URL may be served from (GitHub Pages' rules)."""
    clean = posixpath.normpath("/" + url_path.lstrip("/")).lstrip("/")
    if clean in ("", "."):
        return ["index.html"]
    if url_path.endswith("/"):
        return [f"{clean}/index.html"]
    out = [clean, f"{clean}/index.html"]
    if not posixpath.splitext(clean)[1]:
        out.append(clean + ".html")
    return out  # a miss waits for 404.html separately (http._not_found)
