"""Watching a site's source for `jekyllpy serve` (and anyone using the library).

Editors do not simply write a file: vim writes a `4913` probe and a `.swp`, emacs makes
`.#name` lock links and `#name#` autosaves, JetBrains IDEs and VS Code save through a temporary
file renamed over the original, many keep `name~` backups. A save is therefore a *burst* of
events; we collect paths until the source has been quiet for `debounce` seconds (bounded by
`max_wait`, so a continuous stream of writes still rebuilds) and hand the batch over once.
Temporary and swap files are dropped, so are the destination, caches, VCS folders and, through
`ignore`, whatever the site excludes. `polling=True` uses watchdog's PollingObserver for file
systems without change notification (network drives, WSL's /mnt, some containers).
"""
from __future__ import annotations

import fnmatch
import os
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

# Editors' temporary, swap, lock and backup files (basename patterns).
TEMP_PATTERNS = (
    "*.swp", "*.swx", "*.swo", "*.swpx", ".*.sw?", "4913", "*~", ".#*", "#*#", "*.tmp", "*.temp",
    "*.bak", "*.orig", ".DS_Store", "Thumbs.db", "*___jb_tmp___", "*___jb_old___",
    ".goutputstream-*", "*.kate-swp", ".~lock.*#", "*.crdownload", "*.part", ".jekyllpy-*",
)
# Folders whose changes never affect a build.
IGNORED_DIRS = {".git", ".hg", ".svn", ".jekyll-cache", ".sass-cache", ".idea", ".vscode",
                "node_modules", "__pycache__", ".pytest_cache"}


def is_temp_file(path: str) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in TEMP_PATTERNS)


class SourceFilter:
    """Which changed paths matter to a build of the site at `source` into `dest`."""

    def __init__(self, source: Path, dest: Path, extra: Callable[[str], bool] | None = None) -> None:
        self.source = os.path.realpath(source)
        self.dest = os.path.realpath(dest)
        self.dest_name = os.path.basename(self.dest)
        self.extra = extra

    def ignored(self, path: str) -> bool:
        path = os.path.abspath(path)
        real = os.path.realpath(path) if os.path.exists(path) else path
        for p in (path, real):
            if p == self.dest or p.startswith(self.dest + os.sep):
                return True
        try:
            rel = os.path.relpath(path, self.source)
        except ValueError:
            return True
        if rel.startswith(".."):
            rel = os.path.relpath(real, self.source)
            if rel.startswith(".."):
                return True
        parts = rel.split(os.sep)
        if any(part in IGNORED_DIRS for part in parts[:-1]) or parts[0] in IGNORED_DIRS:
            return True
        # the writer's temporary and discarded destinations (writer.py)
        if parts[0].startswith(f".{self.dest_name}.jekyllpy-") or parts[0].startswith(f".{self.dest_name}.old-"):
            return True
        if parts[0] == ".jekyll-metadata" or is_temp_file(path):
            return True
        if self.extra is not None:
            try:
                return bool(self.extra(rel.replace(os.sep, "/")))
            except Exception:  # noqa: BLE001 - a filter bug must not stop watching
                return False
        return False


class Debouncer:
    """Collects paths; calls `callback(batch)` once the burst is over."""

    def __init__(self, callback: Callable[[set[str]], None], debounce: float = 0.03,
                 max_wait: float = 0.5) -> None:
        self.callback = callback
        self.debounce = debounce
        self.max_wait = max_wait
        self._paths: set[str] = set()
        self._first = 0.0
        self._last = 0.0
        self._cond = threading.Condition()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="jekyllpy-debounce", daemon=True)
        self._thread.start()

    def add(self, paths: Iterable[str]) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.update(paths)
            self._last = now
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._paths and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
                while True:
                    now = time.monotonic()
                    quiet_at = self._last + self.debounce
                    limit = self._first + self.max_wait
                    due = min(quiet_at, limit)
                    if now >= due or self._stop:
                        break
                    self._cond.wait(due - now)
                batch, self._paths = self._paths, set()
            if batch:
                try:
                    self.callback(batch)
                except Exception:  # noqa: BLE001 - the callback reports its own errors
                    pass

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join(timeout=2)


class Watcher:
    """watchdog observer on the source; batches of relevant paths go to `callback`."""

    def __init__(self, source: Path, dest: Path, callback: Callable[[set[str]], None], *,
                 ignore: Callable[[str], bool] | None = None, polling: bool = False,
                 poll_interval: float = 0.25, debounce: float = 0.03, max_wait: float = 0.5) -> None:
        self.source = Path(source)
        self.filter = SourceFilter(Path(source), Path(dest), ignore)
        self.debouncer = Debouncer(callback, debounce, max_wait)
        self.polling = polling
        self.poll_interval = poll_interval
        self._observer = None

    def start(self) -> "Watcher":
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in ("opened", "closed_no_write"):
                    return
                paths = [os.fsdecode(event.src_path)]
                dest = getattr(event, "dest_path", None)
                if dest:
                    paths.append(os.fsdecode(dest))
                if event.is_directory and event.event_type == "modified":
                    return  # a file inside changed: that file has its own event
                if event.event_type == "closed":
                    pass  # written and closed: the same file as its modified events
                relevant = [p for p in paths if not watcher.filter.ignored(p)]
                if relevant:
                    watcher.debouncer.add(relevant)

        observer = PollingObserver(timeout=self.poll_interval) if self.polling else Observer()
        observer.schedule(Handler(), str(self.source), recursive=True)
        observer.daemon = True
        observer.start()
        self._observer = observer
        return self

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None
        self.debouncer.stop()


def excluded_filter(site) -> Callable[[str], bool]:
    """Paths the site's `exclude:` leaves out (and `include:` does not bring back)."""
    from jekyllpy.reader import EntryFilter

    def ignore(rel: str) -> bool:
        ef = EntryFilter(site)
        return ef.excluded(rel) and not ef.included(rel) and not ef.included(os.path.basename(rel))

    return ignore


def classify(site, rel: str) -> str:
    """What a changed path is to the site (for logs and docs; the incremental builder
    decides what to rebuild): config, plugin, layout, include, data, sass, page, document,
    static or other."""
    cfg = site.config
    base = os.path.basename(rel)
    if base.startswith("_config.") and "/" not in rel:
        return "config"
    for key, default, kind in (("plugins_dir", "_plugins", "plugin"), ("layouts_dir", "_layouts", "layout"),
                               ("includes_dir", "_includes", "include"), ("data_dir", "_data", "data")):
        folder = str(cfg.get(key) or default)
        if rel == folder or rel.startswith(folder + "/"):
            return kind
    if rel.endswith((".scss", ".sass")):
        return "sass"
    source = str(site.source)
    for item in site.pages:
        if getattr(item, "path", None) and os.path.relpath(item.path, source) == rel:
            return "page"
    for doc in site.documents():
        if os.path.relpath(doc.path, source) == rel:
            return "document"
    for f in site.static_files:
        if os.path.relpath(f.path, source) == rel:
            return "static"
    return "other"
