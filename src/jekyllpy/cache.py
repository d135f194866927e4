"""A disk cache for pure conversions, kept in `<source>/.jekyll-cache/jekyllpy/` as Jekyll 4
keeps its own `Jekyll::Cache` there (`cache_dir`; off with `disable_disk_cache` or
`--disable-disk-cache`).

What is cached must be a pure function of its key: converted Markdown keyed by the text and
every option that can change the HTML (converter options, Pygments' version, a digest of
jekyllpy's own code).
A changed input is simply a different key, so nothing needs invalidating; entries the last
build did not use are dropped.

Layout: every process of a build (the parent and forked render workers) writes the entries
it used to its own file `<namespace>/<build>-<pid>.marshal`; the next build reads the files
of the newest build and, after writing its own, deletes older ones. No locking is needed and
a build killed half-way leaves at worst an unreadable file, which is ignored.
"""
from __future__ import annotations

import functools
import marshal
import os
import time
import weakref
from pathlib import Path

from jekyllpy import digests

__all__ = ["DiskCache", "code_identity", "new_build_id", "save_all"]

_LIVE: weakref.WeakSet = weakref.WeakSet()  # caches of live sites, saved by save_all()


class DiskCache:
    """`get(text)`/`put(text, value)` of strings, persisted by `save()`."""

    def __init__(self, directory: Path | None, namespace: str, salt: str, build: str | None = None) -> None:
        """`build`: one id per build, shared by every cache and worker of that build (the
        next build reads exactly the files with the newest id)."""
        self.directory = directory / "jekyllpy" / namespace if directory is not None else None
        salted = f"{code_identity()}\0{salt}".encode("utf-8", "surrogatepass")
        self.salt = digests.blake2b(salted, digest_size=32).digest()
        self.build = build or new_build_id()
        self.loader_pid = os.getpid()
        self.stored: dict[bytes, str] = {}
        self.used: dict[bytes, str] = {}
        self.read_files: list[Path] = []
        if self.directory is not None:
            self._load()
            _LIVE.add(self)

    def key(self, text: str) -> bytes:
        return digests.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20, key=self.salt).digest()

    def get(self, text: str) -> str | None:
        if self.directory is None:
            return None
        k = self.key(text)
        value = self.stored.get(k)
        if value is not None:
            self.used[k] = value
        return value

    def put(self, text: str, value: str) -> None:
        if self.directory is not None:
            self.used[self.key(text)] = value

    def _load(self) -> None:
        """Read the files of the newest earlier build (one per process of that build)."""
        try:
            files = sorted(p for p in self.directory.iterdir() if p.suffix == ".marshal"
                           and not p.name.startswith(self.build + "-"))  # not this build's own
        except OSError:
            return
        self.read_files = files
        newest = files[-1].name.split("-", 1)[0] if files else None
        for path in files:
            if path.name.split("-", 1)[0] != newest:
                continue
            try:
                data = marshal.loads(path.read_bytes())
            except (OSError, EOFError, ValueError, TypeError):
                continue
            if isinstance(data, dict):
                self.stored.update(data)

    def save(self) -> None:
        """Write this process's used entries; the parent (the process that loaded) also
        removes the files it read, which belong to earlier builds."""
        if self.directory is None or not self.used:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            final = self.directory / f"{self.build}-{os.getpid()}.marshal"
            tmp = final.with_suffix(".tmp")
            tmp.write_bytes(marshal.dumps(self.used))
            os.replace(tmp, final)
            if os.getpid() == self.loader_pid:
                for path in self.read_files:
                    path.unlink(missing_ok=True)
                self.read_files = []
        except OSError:
            pass  # a read-only source: the cache is an optimisation only
        self.used = {}


@functools.lru_cache(maxsize=1)
def code_identity() -> str:
    """A digest of jekyllpy's own source files: part of every cache key, so that a changed
    converter (a development checkout, an upgrade without a version bump) never serves HTML
    that an older one produced. ~1 MB of files, hashed once per process."""
    digest = digests.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def new_build_id() -> str:
    """Sortable by time: nanoseconds since the epoch, zero-padded."""
    return f"{time.time_ns():020d}"


def save_all() -> None:
    """Persist every live cache of this process (called at the end of a build and by each
    render worker before it exits); a later build opens new ones."""
    for cache in list(_LIVE):
        cache.save()
    _LIVE.clear()
