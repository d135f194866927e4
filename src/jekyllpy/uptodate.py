"""Skip a plain `jekyllpy build` when nothing it could read has changed since the last one.

Why: rebuilding a site whose sources, configuration, environment and jekyllpy itself are all as
the previous build found them — and whose `_site/` is exactly as that build left it — renders
every page to the bytes already on disk. `make` decides the same way. The check runs before
any heavy import (Liquid, Markdown, YAML), so a no-change rebuild costs a directory walk.

What "nothing changed" means (all of it is compared; any difference means a full build):
- every file under the source (symlinks followed, `.git`, the cache folder and the destination
  left out): path, size and modification time in nanoseconds; a file modified within two
  seconds of the build's start also by content digest (git's "racy" rule: a save in the same
  clock tick as the snapshot would otherwise go unseen);
- every file under the destination: the same, so a deleted, added or edited output (anything
  another tool did to `_site/`) means a rebuild, as Jekyll would clean it up;
- the command line (minus `-q`, `--trace`, `--jobs`), the working folder, the environment
  variables a build reads (JEKYLL_*, PAGES_*, SOURCE_DATE_EPOCH, TZ, LANG, LC_*), the Python
  interpreter, every file of the jekyllpy package, and the folders on `sys.path` (installing
  or upgrading a package changes them);
- the clock: a build that read the time (`site.time`, a `date` filter on text, a post hidden
  as future, a document dated by the build) writes no stamp unless the clock is pinned
  (`SOURCE_DATE_EPOCH` or `time:` in the configuration), since the next build would differ.
Builds with third-party plugins, `--profile`, `--verbose`, `--incremental`, a non-default
`cache_dir` or the disk cache disabled never skip. The skipped build prints what the last one
printed (its warnings included). See docs/decisions.md.
"""
from __future__ import annotations

import marshal
import os
import sys
import time
from typing import Any

from jekyllpy import digests

STAMP_VERSION = 1
RACY_NS = 2_000_000_000
ENV_PREFIXES = ("JEKYLL", "PAGES_", "SOURCE_DATE_EPOCH", "TZ", "LANG", "LC_")
# Flags that change what is printed or how fast, never what is built.
NEUTRAL_FLAGS = {"quiet", "trace", "jobs"}
# Flags under which the build must run for real.
RUN_FLAGS = ("profile", "verbose", "incremental", "disable_disk_cache")

Signature = tuple


# ---------------------------------------------------------------------------------------
# signatures
# ---------------------------------------------------------------------------------------

def _file_digest(path: str) -> str:
    h = digests.blake2b(digest_size=16)
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return "unreadable"
    return h.hexdigest()


def walk(root: str, skip: set[str], skip_names: tuple[str, ...] = (".git",)) -> dict[str, Signature] | None:
    """(size, mtime_ns) of every file under `root` by relative path, following symlinks (a
    linked file's target can change without its link changing). Folders whose real path is
    in `skip` are left out. None when `root` is not a folder."""
    if not os.path.isdir(root):
        return None
    out: dict[str, Signature] = {}
    seen: set[str] = set()

    def visit(folder: str, prefix: str) -> None:
        real = os.path.realpath(folder)
        if real in skip or real in seen:
            return
        seen.add(real)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            out[prefix or "."] = ("unlistable",)
            return
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir():
                    if entry.name not in skip_names:
                        visit(entry.path, rel + "/")
                    continue
                st = entry.stat()
            except OSError:
                out[rel] = ("broken",)
                continue
            out[rel] = (st.st_size, st.st_mtime_ns)

    visit(root, "")
    return out


def add_racy_digests(root: str, sigs: dict[str, Signature], since_ns: int) -> None:
    """Add a content digest to files modified at or after `since_ns - RACY_NS`."""
    for rel, sig in sigs.items():
        if len(sig) == 2 and sig[1] >= since_ns - RACY_NS:
            sigs[rel] = sig + (_file_digest(os.path.join(root, rel)),)


def add_coarse_digests(root: str, sigs: dict[str, Signature]) -> None:
    """Outputs are all written moments before the stamp; on a filesystem with whole-second
    times (FAT, some network mounts) a later rewrite of the same size could keep its time, so
    such files carry a digest too."""
    for rel, sig in sigs.items():
        if len(sig) == 2 and sig[1] % 1_000_000_000 == 0:
            sigs[rel] = sig + (_file_digest(os.path.join(root, rel)),)


def same_files(root: str, recorded: dict[str, Signature], current: dict[str, Signature] | None) -> bool:
    if current is None or current.keys() != recorded.keys():
        return False
    for rel, sig in recorded.items():
        now = current[rel]
        if sig[:2] != now[:2]:
            return False
        if len(sig) > 2 and _file_digest(os.path.join(root, rel)) != sig[2]:
            return False
    return True


def code_signature() -> Any:
    """The interpreter, jekyllpy's own files, and the folders packages are installed in."""
    package = os.path.dirname(os.path.abspath(__file__))
    files = walk(package, set(), skip_names=(".git", "__pycache__"))
    folders = []
    for entry in sys.path:
        # where packages are installed (an upgrade of python-liquid or mistune changes the
        # folder); not the working folder or a script's, which change with any file
        if os.path.basename(entry.rstrip(os.sep)) not in ("site-packages", "dist-packages"):
            continue
        try:
            st = os.stat(entry or ".")
        except OSError:
            continue
        folders.append((entry, st.st_mtime_ns))
    return (sys.executable, sys.version, sorted((files or {}).items()), folders)


# ---------------------------------------------------------------------------------------
# the stamp
# ---------------------------------------------------------------------------------------

def invocation(args) -> str:
    """What, besides files, decides the output: flags, working folder, environment."""
    flags = sorted((k, repr(v)) for k, v in vars(args).items() if k not in NEUTRAL_FLAGS and k != "func")
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIXES))
    return repr((flags, os.getcwd(), env))


def stamp_path(source: str, key: str) -> str:
    name = digests.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return os.path.join(source, ".jekyll-cache", "jekyllpy", "uptodate", name + ".marshal")


def eligible(args) -> bool:
    if os.environ.get("JEKYLLPY_UPTODATE", "1") == "0":  # the test suite's switch (tests/conftest.py)
        return False
    return getattr(args, "command", None) in ("build", "b") and not any(getattr(args, f, False) for f in RUN_FLAGS)


def load_stamp(path: str) -> dict | None:
    try:
        with open(path, "rb") as fh:
            stamp = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return stamp if isinstance(stamp, dict) and stamp.get("version") == STAMP_VERSION else None


def check(args) -> dict | None:
    """The last build's stamp when this build would produce exactly what is on disk."""
    if not eligible(args):
        return None
    source = os.path.abspath(getattr(args, "source", None) or ".")
    key = invocation(args)
    stamp = load_stamp(stamp_path(source, key))
    if stamp is None or stamp["key"] != key or stamp["source"] != source:
        return None
    for path, sig in stamp["extra"].items():
        try:
            st = os.stat(path)
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns) != sig[:2]:
            return None
    skip = set(stamp["skip"])
    if not same_files(source, stamp["sources"], walk(source, skip)):
        return None
    if not same_files(stamp["dest"], stamp["outputs"], walk(stamp["dest"], set())):
        return None
    if stamp["code"] != code_signature():
        return None
    return stamp


class Snapshot:
    """Taken as a build starts (before the configuration is read), written as a stamp only
    when the build succeeds and nothing made it unrepeatable."""

    def __init__(self, args) -> None:
        self.key = invocation(args)
        self.source = os.path.abspath(getattr(args, "source", None) or ".")
        self.started_ns = time.time_ns()
        cache = os.path.realpath(os.path.join(self.source, ".jekyll-cache"))
        # the destination is only known once the configuration is read; the usual one is
        # left out now (walking it would be wasted), any other is filtered out in `write`
        guess = os.path.realpath(getattr(args, "destination", None) or os.path.join(self.source, "_site"))
        self.sources = walk(self.source, {cache, guess}) or {}
        self.extra = _config_files_outside(args, self.source)
        self.log: list[tuple[str, str, str]] = []

    def write(self, site) -> None:
        """Record the finished build (`site` built into its destination) for the next check."""
        path = stamp_path(self.source, self.key)
        if not self._repeatable(site):
            _remove(path)
            return
        dest = os.path.realpath(site.dest)
        cache = os.path.realpath(os.path.join(self.source, ".jekyll-cache"))
        prefix = os.path.relpath(dest, os.path.realpath(self.source))
        sources = {rel: sig for rel, sig in self.sources.items()
                   if not (prefix == "." or rel == prefix or rel.startswith(prefix + "/"))}
        add_racy_digests(self.source, sources, self.started_ns)
        outputs = walk(dest, set()) or {}
        add_coarse_digests(dest, outputs)
        extra = self.extra
        if extra is None:
            _remove(path)
            return
        stamp = {"version": STAMP_VERSION, "key": self.key, "source": self.source,
                 "skip": sorted({dest, cache}), "sources": sources, "dest": dest, "outputs": outputs,
                 "extra": extra, "code": code_signature(), "log": self.log}
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                marshal.dump(stamp, fh)
            os.replace(tmp, path)
        except (OSError, ValueError):
            _remove(path)  # a read-only source, or something marshal cannot hold: no skipping

    def _repeatable(self, site) -> bool:
        config = site.config
        if config.get("disable_disk_cache") or str(config.get("cache_dir")) != ".jekyll-cache":
            return False
        if getattr(site, "third_party_plugins", False):
            return False
        pinned = bool(config.get("time")) or os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()
        return pinned or not getattr(site, "clock_read", False)


def _config_files_outside(args, source: str) -> dict[str, Signature] | None:
    """`--config` files outside the source (those inside are in the walk), as the build
    starts; None when one cannot be read (the build will fail and write no stamp)."""
    out: dict[str, Signature] = {}
    for name in (getattr(args, "config", None) or "").split(","):
        name = name.strip()
        if not name:
            continue
        real = os.path.abspath(name)
        if real.startswith(source + os.sep):
            continue
        try:
            st = os.stat(real)
        except OSError:
            return None
        out[real] = (st.st_size, st.st_mtime_ns)
    return out


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
