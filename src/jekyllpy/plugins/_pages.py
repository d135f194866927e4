"""Pages whose content the plugin computes at render time, written without Liquid.

Why: the Ruby plugins (jekyll-sitemap, jekyll-feed) add a page whose content is a Liquid
template that reads `site.pages`, `site.posts` … when the page is rendered, i.e. after every
generator ran and (for the feed) after the posts were rendered. We build the same bytes in
Python at that same moment: a `pages/pre_render` hook asks the page's `build` callable for
its content just before the core renders it, and the page opts out of Liquid so nothing in
the generated text (a `{{` in a URL) is interpreted again.
"""
from __future__ import annotations

from typing import Any, Callable

from jekyllpy.documents import PageWithoutAFile


class GeneratedPage(PageWithoutAFile):
    """A `PageWithoutAFile` whose content comes from `build(site, page)` at pre-render time."""

    def __init__(self, site, dir: str, name: str, build: Callable[[Any, "GeneratedPage"], str],
                 data: dict | None = None) -> None:
        super().__init__(site, dir, name, "", data)
        self.build = build
        _ensure_hook(site)

    def render_with_liquid(self) -> bool:
        return False


def _build_generated(page, *_args) -> None:
    if isinstance(page, GeneratedPage):
        view = page.site.render_view
        if view is not None:  # the builders list the site's pages (parallel.RenderView)
            view.current_lists_pages()
        page.content = page.build(page.site, page)


_build_generated.records_reads = True  # type: ignore[attr-defined]


def _ensure_hook(site) -> None:
    if not getattr(site, "_jekyllpy_generated_pages_hook", False):
        site.hooks.register("pages", "pre_render", _build_generated)
        site._jekyllpy_generated_pages_hook = True
