"""Writing `_site/` atomically: build into a temporary sibling folder, then swap it in.

A build that fails half-way leaves the previous `_site/` untouched; `keep_files` entries
(`.git`, `.svn` by default) are carried over from the old destination, as Jekyll's cleaner
would have left them. Nothing is ever written outside the destination.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from jekyllpy.errors import JekyllpyError

if TYPE_CHECKING:
    from jekyllpy.site import Site


def write_site(site: Site) -> None:
    dest = site.dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(dest)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.jekyllpy-{os.getpid()}-", dir=dest.parent))
    try:
        _report_conflicts(site)
        made: set[str] = {str(tmp)}
        late = _late_items(site, tmp)
        for item in site.each_site_file():
            if id(item) not in late:
                _write_item(site, item, tmp, made)
        if late:  # what waits for the Sass child: rendered now, written last
            pending = {id(item) for item in site.pending}
            site.finish_render()
            for item in site.each_site_file():
                if id(item) in pending or id(getattr(item, "css_page", None)) in pending:
                    _write_item(site, item, tmp, made)
        if dest.exists():
            _carry_keep_files(site, dest, tmp)
        _swap(dest, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _late_items(site: Site, root: Path) -> set[int]:
    """The items `Site.render` left pending (Sass pages whose compile is not in yet) and the
    map pages standing in for theirs: written after everything else, so that writing
    overlaps the wait. If a destination of theirs is shared with another item (same file,
    or a folder of it) the order of writes matters: they are finished first instead."""
    pending = {id(item) for item in getattr(site, "pending", ())}
    if not pending:
        return set()
    late = {id(p): str(p.destination(root)) for p in site.pages
            if id(p) in pending or (getattr(p, "stand_in", False) and id(p.css_page) in pending)}
    taken = set(late.values())
    for item in site.each_site_file():
        if id(item) in late:
            continue
        other = str(item.destination(root))
        if other in taken or any(other.startswith(t + os.sep) or t.startswith(other + os.sep) for t in taken):
            site.finish_render()
            return set()
    return set(late)


def _inside(path: Path, root: Path) -> bool:
    path_s, root_s = os.path.abspath(path), os.path.abspath(root)
    return path_s == root_s or path_s.startswith(root_s + os.sep)


def _write_item(site: Site, item, root: Path, made: set[str] | None = None) -> None:
    """Write one output into the fresh folder `root`. `made`: folders this build created
    there, so the checks below cost no system call for a folder already made (the folder
    starts empty; a thousand pages share a few dozen folders)."""
    target = item.destination(root)
    if not _inside(target, root):
        raise JekyllpyError("refusing to write outside the destination", target)
    made = {str(root)} if made is None else made
    key = str(target)
    if os.path.dirname(key) not in made:
        _make_folders(Path(root), target, made)
    if key in made:  # a folder where this file goes: replaced, as Jekyll's cleaner does
        shutil.rmtree(target)
        made.difference_update({d for d in made if d == key or d.startswith(key + os.sep)})
    if hasattr(item, "output"):
        data = (item.output or "").encode("utf-8", "surrogateescape")
        try:
            fh = open(target, "wb")
        except IsADirectoryError:  # a folder of another spelling (case-insensitive disks)
            shutil.rmtree(target)
            fh = open(target, "wb")
        with fh:
            fh.write(data)
    else:
        try:
            shutil.copy2(item.path, target)
        except OSError as exc:  # a dangling or looping link, a file that vanished: name it
            rel = os.path.relpath(item.path, site.source)
            hint = f" (a link to {os.readlink(item.path)})" if os.path.islink(item.path) else ""
            raise JekyllpyError(f"could not copy the file: {exc.strerror}{hint}", rel) from exc


def _make_folders(root: Path, target, made: set[str]) -> None:
    """The folders above `target`, top down; a file where a folder must go is replaced."""
    for parent in reversed(Path(target).relative_to(root).parents[:-1]):
        p = root / parent
        key = str(p)
        if key in made:
            continue
        if p.is_file():
            p.unlink()
        p.mkdir(exist_ok=True)
        made.add(key)


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


def _remove_stale(dest: Path) -> None:
    """Temporary folders left next to the destination by a build that was killed (SIGKILL,
    power loss) before it could clean up: their names carry the builder's process id, so a
    folder whose builder is gone is garbage; one whose builder runs is left alone."""
    prefixes = (f".{dest.name}.jekyllpy-", f".{dest.name}.old-")
    try:
        names = os.listdir(dest.parent)
    except OSError:
        return
    for name in names:
        prefix = next((p for p in prefixes if name.startswith(p)), None)
        pid = name[len(prefix):].split("-", 1)[0] if prefix else ""
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # its build is still running
        except ProcessLookupError:
            pass
        except OSError:
            continue  # someone else's process: not ours to judge
        shutil.rmtree(dest.parent / name, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE): at no moment is
    there no `_site/`, even if the build is killed right then. False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    return False  # e.g. a file system without RENAME_EXCHANGE: the two-rename fallback


def _swap(dest: Path, tmp: Path) -> None:
    os.chmod(tmp, 0o755)
    if not dest.exists():
        os.rename(tmp, dest)
        return
    if dest.is_dir() and not dest.is_symlink() and _exchange(tmp, dest):
        _discard(tmp)  # now the previous site
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-{os.getpid()}-", dir=dest.parent))
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
