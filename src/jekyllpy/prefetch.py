"""Compile Sass pages on the other core while the rest of the build goes on.

libsass holds the GIL, and compiling a Minimal Mistakes theme takes ~0.2 s — a large share
of a small site's build. A Sass page without Liquid depends only on files and configuration,
so a forked child can compile it from the very start of a build (`SassHeadStart`); the
parent's converter takes the child's result for exactly the compile it would make, so the
site is exactly as a serial build would leave it.
"""
from __future__ import annotations

import os
import select
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from jekyllpy.errors import JekyllpyError
from jekyllpy.parallel import fork_child, receive_result, send_result
from jekyllpy.utils import has_liquid_construct

if TYPE_CHECKING:
    from jekyllpy.site import Site


def eligible(item) -> bool:
    """A Sass page without Liquid: its output depends on files and configuration only."""
    return bool(getattr(item, "asset_file", False)) and getattr(item, "is_page", False) \
        and not has_liquid_construct(item.content)


class SassHeadStart:
    """Sass pages compiled on the other core from the moment the build starts.

    On a small site the theme's Sass compile (~0.2 s of libsass, which holds the GIL) is
    the longest single task; started only once the parent has imported Liquid and read the
    site, it ends after everything else. So the CLI forks this child as soon as the
    configuration is loaded, before the heavy imports (`cli.load_site`; `Site.process` or
    `Site.render` fork it for library callers). The child takes the `.scss`/`.sass` files
    that look like pages (front matter, no Liquid) and compiles each with the converter the
    site will use; it sends back results keyed by
    `SassConverter.compile_key`. It is a speculative memo of a pure function: the parent's
    converter takes a result only for exactly the key it would compile (`lookup`), and
    compiles anything else itself — so what the child guessed wrong costs time, not output."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self._results: dict | None = None

    @classmethod
    def start(cls, config: dict) -> "SassHeadStart | None":
        """Fork the child for the site `config` describes — unless the build is serial, there
        is no fork, or nothing looks like a Sass page. libsass is loaded first, here: the
        parent needs it anyway, and the child can start compiling at once."""
        from jekyllpy.config import render_jobs

        if not hasattr(os, "fork") or render_jobs(config) <= 1:
            return None
        source = Path(config["source"]).resolve()
        pages = sass_page_candidates(source, config)
        if not pages:
            return None
        from jekyllpy.sass import SassConverter

        converter = SassConverter(source, config)
        return cls(*fork_child(lambda fd: _head_start_child(converter, pages, fd)))

    def _read(self) -> dict:
        if self._results is None:
            try:
                self._results = receive_result(self.pid, self.fd, {}, reap=False)  # reaped by close()
            except Exception:  # noqa: BLE001 - results we cannot read are results we do not use
                self._results = {}
        return self._results

    def ready(self) -> bool:
        """Whether the child's results are in (or it is gone): reading them will not wait."""
        if self._results is not None:
            return True
        return bool(select.select([self.fd], [], [], 0)[0])

    def lookup(self, key: tuple):
        """(css, source map) for a compile key, waiting for the child the first time."""
        return self._read().get(key)

    def close(self) -> None:
        """Done with it: a child whose results were never asked for (no Sass page among what
        was rendered, or a build that failed first) is stopped, not waited for; either way
        it is reaped here."""
        if self._results is None:
            self._results = {}
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
            os.close(self.fd)
        if self.pid:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0


def sass_page_candidates(source: Path, config: dict) -> list[str]:
    """Files that may be Sass pages: `.scss`/`.sass` outside `_`/`.` folders, the
    destination and `exclude`, starting with a front matter line. A guess (the reader
    decides, reader.EntryFilter), cheap enough to make before anything is imported."""
    from jekyllpy.utils import ruby_fnmatch

    dest = os.path.realpath(str(config.get("destination") or os.path.join(source, "_site")))
    exclude = [str(e) for e in (config.get("exclude") or []) if e is not None]

    def kept(rel: str) -> bool:
        name = os.path.basename(rel)
        if name.startswith(("_", ".", "#", "~")) or name.endswith("~"):
            return False
        return not any(ruby_fnmatch(p, rel) or rel.startswith(p) or p == rel + "/" for p in exclude)

    found: list[str] = []
    for folder, dirs, files in os.walk(source):
        rel_folder = os.path.relpath(folder, source)
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(d for d in dirs if kept(rel_folder + d) and os.path.realpath(os.path.join(folder, d)) != dest)
        for name in sorted(files):
            if not name.lower().endswith((".scss", ".sass")) or not kept(rel_folder + name):
                continue
            path = os.path.join(folder, name)
            try:
                with open(path, "rb") as fh:
                    head = fh.read(3)
            except OSError:
                continue
            if head == b"---":
                found.append(path)
    return found


def _head_start_child(converter, pages: list[str], write_fd: int) -> None:
    results: dict = {}
    try:
        from jekyllpy import frontmatter

        for path in pages:
            with open(path, "rb") as fh:
                raw = fh.read()
            yaml_text, content, line = frontmatter.split(raw.decode("utf-8", "surrogateescape"))
            if yaml_text is None or has_liquid_construct(content):
                continue
            name = os.path.basename(path)
            try:
                results[converter.compile_key(content, path, name)] = converter._compile(content, path, line, name)
            except JekyllpyError:
                continue  # the parent compiles it again, and reports the error in its place
    except BaseException:  # noqa: BLE001 - the parent compiles whatever is missing itself
        pass
    try:
        send_result(write_fd, results, plain=True)
    except Exception:  # noqa: BLE001 - a result marshal cannot hold: none, the parent compiles
        send_result(write_fd, {}, plain=True)
