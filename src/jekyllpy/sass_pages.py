"""Sass/SCSS pages: convert with the Sass converter, and add the `.css.map` page Jekyll writes.

jekyll-sass-converter 2.2 (sassc/libsass) associates the page being rendered with the
converter (only `Page`s — a `.scss` file in a collection gets no map) and, unless
`sass.sourcemap` is `never` (or `development` outside development), asks libsass for a
source map with `filename = <source>/<page name>`, `output_path = <source>/<basename>.css`,
`source_map_file = <source>/<basename>.css.map` and `source_map_contents: true`. Hence:

- the CSS ends with `\\n/*# sourceMappingURL=<basename>.css.map */` (no trailing newline);
- the map's `file` is `<basename>.css`, `sources[0]` is the page's *name* (not its path),
  the other sources are the imported partials relative to the site source, and
  `sourcesContent[0]` is the page content after front matter;
- a `SourceMapPage` named `<basename>.css.map` in the CSS page's URL directory, sharing the
  CSS page's data, is appended to `site.pages`; it is written verbatim (no Liquid, no layout).

libsass formats the map JSON itself (tabs, one entry per line); we keep its bytes and only
rewrite `file` and `sources`, which differ because we compile from a string, not a file.
"""
from __future__ import annotations

import json
import os
import re

from jekyllpy.documents import PageWithoutAFile



def convert_sass_page(site, content: str, document=None) -> str:
    converter = site.converters.sass
    path = document.path if document is not None else None
    name = document.name if document is not None and getattr(document, "is_page", False) else None
    line = getattr(document, "content_line", 1) or 1
    css = converter.convert(content, path, line, name)
    if document is None or not getattr(document, "is_page", False) or not sourcemap_required(site):
        return css
    source_map = _source_map(site, converter, content, document, line, name)
    if source_map is None:
        site.pages[:] = [p for p in site.pages if not (getattr(p, "stand_in", False) and p.css_page is document)]
        return css
    url_comment = f"/*# sourceMappingURL={document.basename}.css.map */"
    if not css.rstrip().endswith(url_comment):
        css = css + "\n" + url_comment
    _add_map_page(site, document, source_map)
    return css


def sass_config(site) -> dict:
    cfg = site.config.get("sass")
    return cfg if isinstance(cfg, dict) else {}


def sourcemap_required(site) -> bool:
    option = str(sass_config(site).get("sourcemap", "always")).lstrip(":")
    if option == "never":
        return False
    if option == "always":
        return True
    return not (option == "development" and site.environment != "development")


def _source_map(site, converter, content: str, document, line: int = 1, name: str | None = None) -> str | None:
    raw = converter.source_map(content, document.path, line, name)
    if raw is None:
        return None
    return _fix_map(site, raw, document)


def _fix_map(site, raw: str, document) -> str:
    """Rewrite `file` and `sources` as if libsass had compiled `<source>/<name>` to
    `<source>/<basename>.css` (keeping libsass's JSON formatting)."""
    cwd = os.path.realpath(os.getcwd())
    root = os.path.realpath(str(site.source))
    real = _RealPaths()
    sources = []
    for src in _sources(raw):
        if src == "stdin":
            sources.append(document.name)
            continue
        sources.append(os.path.relpath(real(os.path.join(cwd, src)), root))
    out = re.sub(r'("file": )"[^"\n]*"', lambda m: m.group(1) + json.dumps(f"{document.basename}.css"), raw, count=1)
    start = out.find('"sources": [')
    if start >= 0:
        end = out.find("]", start)
        block = out[start:end]
        lines = block.split("\n")
        items = [i for i, line in enumerate(lines) if line.strip().startswith('"') and i > 0]
        for idx, new in zip(items, sources):
            line = lines[idx]
            indent = line[: len(line) - len(line.lstrip())]
            comma = "," if line.rstrip().endswith(",") else ""
            lines[idx] = indent + json.dumps(new, ensure_ascii=False) + comma
        out = out[:start] + "\n".join(lines) + out[end:]
    return out


class _RealPaths:
    """`os.path.realpath` for many files in a few folders: each folder resolved once, then
    only the file itself checked for a link (a theme's map lists ~100 partials; resolving
    each path whole took ~700 lstat calls)."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        head, tail = os.path.split(path)
        if tail in ("", ".", ".."):
            return os.path.realpath(path)
        folder = self.folders.get(head)
        if folder is None:
            folder = self.folders[head] = os.path.realpath(head)
        full = os.path.join(folder, tail)
        return os.path.realpath(full) if os.path.islink(full) else full


def _sources(raw: str) -> list:
    """The map's `sources` — parsed alone when it sits where libsass puts it, before the
    mappings and the sources' contents (a theme's map is ~0.7 MB of JSON)."""
    start = raw.find('"sources": [')
    end = raw.find("]", start)
    if start >= 0 and end >= 0 and raw.find('"sourcesContent"', 0, start) < 0:
        try:
            value = json.loads(raw[start + len('"sources": '):end + 1])
        except ValueError:
            value = None
        if isinstance(value, list):
            return value
    return json.loads(raw).get("sources", [])


class SourceMapPage(PageWithoutAFile):
    """Jekyll's `SourceMapPage`: `<basename>.css.map` beside the CSS page, written verbatim."""

    def render_with_liquid(self) -> bool:
        return False

    def place_in_layout(self) -> bool:
        return False


def _map_page(site, css_page, source_map: str | None) -> SourceMapPage:
    page = SourceMapPage(site, css_page.dir.strip("/"), css_page.basename + ".css.map", source_map or "")
    page.data = css_page.data  # shared, as in Ruby (`@data = css_page.data`)
    page.css_page = css_page
    page.output = source_map
    return page


def _add_map_page(site, css_page, source_map: str) -> None:
    page = _map_page(site, css_page, source_map)
    for i, other in enumerate(site.pages):  # the stand-in announced for it keeps its place
        if isinstance(other, SourceMapPage) and getattr(other, "css_page", None) is css_page \
                and getattr(other, "stand_in", False):
            page.added_by = other.added_by
            site.pages[i] = page
            drop = getattr(site, "site_drop", None)
            if drop is not None:  # its cached page list holds the stand-in
                drop.invalidate()
            return
    site.pages[:] = [p for p in site.pages
                     if not (isinstance(p, SourceMapPage) and getattr(p, "css_page", None) is css_page)]
    site.pages.append(page)


def announce_map_page(site, css_page) -> list:
    """The page rendering `css_page` (a Sass page) will add, added now as a stand-in — its
    place, URL and data are final, its output is not — so that a page rendered before the
    compile is done lists the site's pages as Jekyll's serial render would (parallel.py)."""
    if not getattr(css_page, "is_page", False) or not sourcemap_required(site):
        return []
    page = _map_page(site, css_page, None)
    page.stand_in = True
    site.pages.append(page)
    return [page]
