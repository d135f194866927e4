"""jekyll-redirect-from (0.16): `redirect_from` stubs, `redirect_to` pages, `redirects.json`.

What the Ruby plugin does, and so what we do (its generator runs at normal priority, before
the `:lowest` sitemap/feed generators, so they see the stubs):

- For every page and every written document (collections in order, then pages — the order
  decides the key order of `redirects.json`), each `redirect_from` entry (string or list,
  nils dropped) becomes a page named `redirect.html` with `permalink` = the entry with a
  leading slash. Its URL/destination then follow Jekyll's Page rules: `/about` → `about.html`,
  `/about/` → `about/index.html`, `/x.php` → `x.php`.
- Its data is exactly `{sitemap: false, layout: redirect, permalink, redirect: {from, to}}`
  (front matter defaults are only visible as fallbacks, as with Ruby's `default_proc`).
  `to` is the document's URL made absolute with `site.url` + `baseurl` (Jekyll's
  `absolute_url`), unless it already starts with `http(s)://`.
- A `redirect_to` (string, or the first non-nil list item) turns the document itself into a
  stub: its data gains the same keys and its content becomes empty, so it renders through the
  `redirect` layout.
- The `redirect` layout is the user's `_layouts/redirect.html` when present, else the
  plugin's template (`templates/redirect.html`, same bytes).
- `redirects.json` maps every `from` to its `to` unless the source has one or
  `redirect_from: {json: false}`.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from jekyllpy.documents import Document, Page, PageWithoutAFile
from jekyllpy.errors import JekyllpyError
from jekyllpy.layout import Layout
from jekyllpy.plugins import PRIORITY, Generator
from jekyllpy.plugins._urls import absolute_url

TEMPLATE = Path(__file__).with_name("templates") / "redirect.html"
_HTTP_RE = __import__("re").compile(r"^https?://", __import__("re").M)


def register(site) -> None:
    site.generators.append(RedirectFromGenerator())


def builtin_layout(site) -> Layout:
    """The plugin's own `redirect` layout (no front matter, not under the source)."""
    return Layout.from_text(site, "redirect.html", str(TEMPLATE), "_layouts/redirect.html",
                            TEMPLATE.read_text(encoding="utf-8"))


def _ensure_leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def _to_s(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def redirect_from_list(doc) -> list[str]:
    value = doc.data.get("redirect_from")
    items = value if isinstance(value, list) else [value]
    return [_to_s(v) for v in items if v is not None]


def redirect_to_value(doc) -> str | None:
    value = doc.data.get("redirect_to")
    if isinstance(value, list):
        value = next((v for v in value if v is not None), None)
    return None if value is None else _to_s(value)


def redirect_data(site, source: str, target: str) -> dict:
    """The data of a redirect page: what `RedirectPage#set_paths` merges in."""
    source = _ensure_leading_slash(source)
    target = target if _HTTP_RE.search(target) else absolute_url(site, target)
    return {"sitemap": False, "layout": "redirect", "permalink": source,
            "redirect": {"from": source, "to": target}}


def redirect_page(site, source: str, target: str) -> Page:
    data = redirect_data(site, source, target)
    page = PageWithoutAFile(site, "", "redirect.html", "", dict(data))
    # Front matter defaults may fill in other keys, never these.
    page.data.update(data)
    page.output = ""
    page.content_from_data = True  # incremental rebuilds: its reads are recorded (incremental.py)
    return page


def update_data(doc, data: dict) -> None:
    """`doc.data.merge!(data)`; pages compute their Liquid view on access, so it shows."""
    doc.data.update(data)


class RedirectFromGenerator(Generator):
    name = "jekyll-redirect-from"
    priority = PRIORITY["normal"]

    def generate(self, site) -> None:
        redirects: dict[str, str] = {}
        if "redirect" not in site.layouts:
            site.layouts["redirect"] = builtin_layout(site)
        docs = [d for d in site.documents() if isinstance(d, Document) and d.write_enabled()]
        for doc in docs + list(site.pages):
            if not isinstance(doc, (Document, Page)):
                continue
            for source in redirect_from_list(doc):
                if "\0" in source:  # would be a path with a NUL byte: refused, at the page's key
                    from jekyllpy.renderer import _key_location

                    line = _key_location(doc.path, "redirect_from")[1] if getattr(doc, "path", None) else None
                    raise JekyllpyError(f"redirect_from: a NUL byte in {source!r}", getattr(doc, "relative_path", None),
                                        line, 1 if line else None)
                page = redirect_page(site, source, doc.url)
                site.pages.append(page)
                redirects[page.data["redirect"]["from"]] = page.data["redirect"]["to"]
            target = redirect_to_value(doc)
            if target is not None:
                data = redirect_data(site, doc.url, target)
                update_data(doc, data)
                doc.content = ""
                doc.output = ""
                redirects[data["redirect"]["from"]] = data["redirect"]["to"]
        config = site.config.get("redirect_from")
        if isinstance(config, dict) and config.get("json") is False:
            return
        if os.path.exists(site.in_source_dir("redirects.json")):
            return
        page = PageWithoutAFile(site, "", "redirects.json",
                                json.dumps(redirects, ensure_ascii=False, separators=(",", ":")))
        page.data["layout"] = None
        page.content_from_data = True
        site.pages.append(page)
