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
from typing import TYPE_CHECKING

from jekyllpy.errors import JekyllpyError
from jekyllpy.logger import hold_records, replay_records
from jekyllpy.parallel import fork_child, receive_result, send_result
from jekyllpy.utils import has_liquid_construct

if TYPE_CHECKING:
    from jekyllpy.site import Site


def _eligible(item) -> bool:
    return bool(getattr(item, "asset_file", False)) and getattr(item, "is_page", False) \
        and not has_liquid_construct(item.content)


class AssetPrefetch:
    def __init__(self, site: Site, items: list, early: "EarlyAssets | None" = None) -> None:
        self.site = site
        self.items = {id(item): i for i, item in enumerate(items)}
        self._results: dict | None = None
        self._early = early
        if early is not None:  # compiling since before the site was read: no second child
            self._wanted = items
            return
        self.pid, self.fd = fork_child(lambda fd: self._child(items, fd))

    @classmethod
    def start(cls, site: Site, order: list) -> "AssetPrefetch | None":
        items = [item for item in order if _eligible(item)]
        early, site.early_assets = getattr(site, "early_assets", None), None
        if not items or not hasattr(os, "fork"):
            if early is not None:
                early.close()
            return None
        return cls(site, items, early)

    def covers(self, item) -> bool:
        return id(item) in self.items

    def _child(self, items: list, write_fd: int) -> None:
        results = {i: result for i, (_item, _fp, result) in enumerate(_render_assets(self.site, items))}
        send_result(write_fd, results)

    def _collect(self) -> dict:
        if self._results is None and self._early is not None:
            self._results = self._early.match(self._wanted)
        if self._results is None:
            self._results = receive_result(self.pid, self.fd, {})
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
        output, content, added = payload[:3]
        if len(payload) > 3:
            replay_records(self.site.logger, payload[3])  # its log lines, at its place
        item.output, item.content = output, content
        for module, qualname, dir_, name, data, page_output in added:
            cls = getattr(importlib.import_module(module), qualname)
            page = cls(self.site, dir_, name, "", data)
            page.output = page_output
            self.site.pages.append(page)

    def close(self) -> None:
        self._collect()


# ---------------------------------------------------------------------------------------
# starting before the site is read
# ---------------------------------------------------------------------------------------

def _fingerprint(item) -> str:
    """What a Sass page's output is made of besides files and configuration."""
    return repr((item.content, item.data))


class EarlyAssets:
    """The same prefetch, forked as the build starts (`Site.process`, before reading), so the
    compile runs while the parent reads the site — when the other core has nothing to do —
    instead of competing with the render workers. The child reads only the pages (no posts
    or collections: a Sass page without Liquid cannot see them) and compiles those without
    Liquid. The parent takes a result only for a page whose relative path, text and front
    matter (after defaults) are what the child saw; anything else it renders itself."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self._by_path: dict | None = None

    @classmethod
    def start(cls, site: Site) -> "EarlyAssets | None":
        if not hasattr(os, "fork"):
            return None
        return cls(*fork_child(lambda fd: _early_child(site, fd)))

    def _read(self) -> dict:
        if self._by_path is None:
            try:
                self._by_path = receive_result(self.pid, self.fd, {})
            except Exception:  # noqa: BLE001 - a result we cannot read is one we do not use
                self._by_path = {}
        return self._by_path

    def match(self, items: list) -> dict:
        """Results by index in `items`, for the items the child rendered exactly as they are."""
        by_path = self._read()
        out: dict = {}
        for i, item in enumerate(items):
            got = by_path.get(item.relative_path)
            if got is not None and got[0] == _fingerprint(item):
                out[i] = ("ok", got[1])
        return out

    def close(self) -> None:
        self._read()


def _early_child(site: Site, write_fd: int) -> None:
    results: dict = {}
    try:
        held = hold_records(site.logger)
        site.reader.retrieve_posts = lambda _dir: None  # pages only (see EarlyAssets)
        site.reader.read_directories("")
        for item, fingerprint, (kind, payload) in _render_assets(site, [p for p in site.pages if _eligible(p)], held):
            if kind == "ok":  # anything else the parent renders (and reports) itself
                results[item.relative_path] = (fingerprint, payload)
    except BaseException:  # noqa: BLE001 - the parent renders whatever is missing itself
        pass
    try:
        send_result(write_fd, results)
    except Exception:  # noqa: BLE001 - a result pickle cannot hold: none, the parent renders
        send_result(write_fd, {})


def _render_assets(site: Site, items: list, held: list | None = None) -> list[tuple]:
    """In a forked child: render the Sass pages `items` in order, stopping at the first that
    fails. [(item, fingerprint before rendering, result)]; a result is ("ok", (output, content,
    pages it added[, its log lines when `held` collects them])), ("error", a JekyllpyError the
    parent raises) or ("retry", another failure: the parent renders the page itself)."""
    from jekyllpy.cache import save_all
    from jekyllpy.renderer import Renderer

    out: list[tuple] = []
    for item in items:
        fingerprint, before, logged = _fingerprint(item), len(site.pages), len(held or ())
        try:
            output = Renderer(site, item).run()
        except JekyllpyError as exc:
            out.append((item, fingerprint, ("error", exc)))
            break
        except Exception as exc:  # noqa: BLE001 - the parent re-renders and reports
            out.append((item, fingerprint, ("retry", repr(exc))))
            break
        added = [(type(p).__module__, type(p).__qualname__, p.dir_, p.name, p.data, p.output)
                 for p in site.pages[before:]]
        payload = (output, item.content, added) + ((held[logged:],) if held is not None else ())
        out.append((item, fingerprint, ("ok", payload)))
    save_all()  # compiled CSS for the next build
    return out
