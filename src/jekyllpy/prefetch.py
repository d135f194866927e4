"""Compile Sass pages on the other core while Liquid renders everything else.

libsass holds the GIL, and compiling a Minimal Mistakes theme takes ~0.2 s — a large share
of a small site's build. A Sass page without Liquid depends only on files, so a forked child
can render it as soon as rendering starts. The parent applies each result at the page's own
place in Jekyll's order — its output, and any pages its render added (the `.css.map` page) —
so the site is exactly as a serial render would leave it.
"""
from __future__ import annotations

import importlib
import os
import pickle
import struct
from typing import TYPE_CHECKING

from jekyllpy.errors import JekyllpyError
from jekyllpy.utils import has_liquid_construct

if TYPE_CHECKING:
    from jekyllpy.site import Site


def _eligible(item) -> bool:
    return bool(getattr(item, "asset_file", False)) and getattr(item, "is_page", False) \
        and not has_liquid_construct(item.content)


class AssetPrefetch:
    def __init__(self, site: Site, items: list) -> None:
        self.site = site
        self.items = {id(item): i for i, item in enumerate(items)}
        self._results: dict | None = None
        read_fd, write_fd = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read_fd)
            try:
                self._child(items, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        self.fd = read_fd

    @classmethod
    def start(cls, site: Site, order: list) -> "AssetPrefetch | None":
        items = [item for item in order if _eligible(item)]
        if not items or not hasattr(os, "fork"):
            return None
        return cls(site, items)

    def covers(self, item) -> bool:
        return id(item) in self.items

    def _child(self, items: list, write_fd: int) -> None:
        from jekyllpy.renderer import Renderer

        results: dict = {}
        for i, item in enumerate(items):
            before = len(self.site.pages)
            try:
                output = Renderer(self.site, item).run()
            except JekyllpyError as exc:
                results[i] = ("error", exc)
                break
            except Exception as exc:  # noqa: BLE001 - the parent re-renders and reports
                results[i] = ("retry", repr(exc))
                break
            added = [(type(p).__module__, type(p).__qualname__, p.dir_, p.name, p.data, p.output)
                     for p in self.site.pages[before:]]
            results[i] = ("ok", (output, item.content, added))
        from jekyllpy.cache import save_all

        save_all()  # compiled CSS for the next build
        data = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as fh:
            fh.write(struct.pack("<Q", len(data)) + data)

    def _collect(self) -> dict:
        if self._results is None:
            with os.fdopen(self.fd, "rb") as fh:
                head = fh.read(8)
                data = fh.read(struct.unpack("<Q", head)[0]) if len(head) == 8 else b""
            os.waitpid(self.pid, 0)
            self._results = pickle.loads(data) if data else {}
        return self._results

    def apply(self, item, render) -> None:
        """Give `item` its prefetched result (or render it here if the child could not)."""
        result = self._collect().get(self.items[id(item)])
        if result is None or result[0] == "retry":
            render(item)
            return
        kind, payload = result
        if kind == "error":
            raise payload
        output, content, added = payload
        item.output, item.content = output, content
        for module, qualname, dir_, name, data, page_output in added:
            cls = getattr(importlib.import_module(module), qualname)
            page = cls(self.site, dir_, name, "", data)
            page.output = page_output
            self.site.pages.append(page)

    def close(self) -> None:
        self._collect()
