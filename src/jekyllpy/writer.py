"""Writing `_site/` atomically: build into a temporary sibling folder, then swap it in.

A build that fails half-way leaves the previous `_site/` untouched; `keep_files` entries
(`.git`, `.svn` by default) are carried over from the old destination, as Jekyll's cleaner
would have left them. Nothing is ever written outside the destination.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from jekyllpy.errors import JekyllpyError

if TYPE_CHECKING:
    from jekyllpy.site import Site


def write_site(site: Site) -> None:
    dest = site.dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.jekyllpy-", dir=dest.parent))
    try:
        _report_conflicts(site)
        for item in site.each_site_file():
            _write_item(site, item, tmp)
        if dest.exists():
            _carry_keep_files(site, dest, tmp)
        _swap(dest, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _inside(path: Path, root: Path) -> bool:
    path_s, root_s = os.path.abspath(path), os.path.abspath(root)
    return path_s == root_s or path_s.startswith(root_s + os.sep)


def _write_item(site: Site, item, root: Path) -> None:
    target = item.destination(root)
    if not _inside(target, root):
        raise JekyllpyError("refusing to write outside the destination", target)
    # A file where a folder must go (or the reverse) is replaced, as Jekyll's cleaner does.
    for parent in reversed(target.relative_to(root).parents[:-1] if target != root else []):
        p = root / parent
        if p.is_file():
            p.unlink()
    if target.is_dir():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(item, "output"):
        data = (item.output or "").encode("utf-8", "surrogateescape")
        with open(target, "wb") as fh:
            fh.write(data)
    else:
        shutil.copy2(item.path, target)


def _carry_keep_files(site: Site, old: Path, new: Path) -> None:
    keep = [str(k).strip("/") for k in site.config.get("keep_files") or [] if str(k).strip("/")]
    if not keep:
        return
    for root, dirs, files in os.walk(old):
        rel_root = os.path.relpath(root, old)
        for name in dirs + files:
            rel = name if rel_root == "." else f"{rel_root}/{name}"
            if any(rel.startswith(k) for k in keep):
                src, dst = old / rel, new / rel
                if dst.exists():
                    continue
                dst.parent.mkdir(parents=True, exist_ok=True)
                if os.path.isdir(src) and not os.path.islink(src):
                    shutil.copytree(src, dst, symlinks=True)
                else:
                    shutil.copy2(src, dst, follow_symlinks=False)
                if name in dirs:
                    dirs.remove(name)


def _swap(dest: Path, tmp: Path) -> None:
    os.chmod(tmp, 0o755)
    if not dest.exists():
        os.rename(tmp, dest)
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
    os.rmdir(backup)
    os.rename(dest, backup)
    try:
        os.rename(tmp, dest)
    except OSError:
        os.rename(backup, dest)
        raise
    _discard(backup)


def _discard(path: Path) -> None:
    """Delete the previous tree without making the build wait for it.

    The swap already made the new site live; removing thousands of old files is pure
    overhead, so a detached grandchild does it (double fork: nobody has to reap it)."""
    if not hasattr(os, "fork") or os.environ.get("JEKYLLPY_SYNC_CLEANUP"):
        shutil.rmtree(path, ignore_errors=True)
        return
    try:
        pid = os.fork()
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    if pid == 0:
        try:
            if os.fork() == 0:
                os.setsid()
                shutil.rmtree(path, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def _report_conflicts(site: Site) -> None:
    """Jekyll's conflict warning when two files claim one destination."""
    seen: dict[str, list[str]] = {}
    for item in site.each_site_file():
        dest = str(item.destination(site.dest))
        path = getattr(item, "path", "")
        seen.setdefault(dest, []).append(os.path.relpath(path, site.source) if path else "(generated)")
    for dest, sources in seen.items():
        if len(sources) > 1:
            site.logger.warn(
                "Conflict:",
                f"The following destination is shared by multiple files.\n"
                f"{'':20}The written file may end up with unexpected contents.\n"
                f"{'':20}  {dest}\n" + "".join(f"{'':20}   - {s}\n" for s in sources).rstrip("\n"),
            )
