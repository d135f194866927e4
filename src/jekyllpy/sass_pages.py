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

import base64
import glob
import json
import os
import re

from jekyllpy.documents import PageWithoutAFile

ALLOWED_STYLES = ("nested", "expanded", "compact", "compressed")
_EMBED_RE = re.compile(r"\n?/\*# sourceMappingURL=data:application/json;base64,([A-Za-z0-9+/=]*) \*/\s*\Z")


def convert_sass_page(site, content: str, document=None) -> str:
    converter = site.converters.sass
    path = document.path if document is not None else None
    css = converter.convert(content, path)
    if document is None or not getattr(document, "is_page", False) or not sourcemap_required(site):
        return css
    source_map = _source_map(site, converter, content, document)
    if source_map is None:
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


def sass_style(site) -> str:
    style = sass_config(site).get("style")
    style = "compact" if style is None else str(style).lstrip(":")
    return style if style in ALLOWED_STYLES else "compact"


def load_paths(site) -> list[str]:
    """jekyll-sass-converter's `sass_load_paths`: user `load_paths` then `sass_dir`, globbed
    relative to the source, absolute, de-duplicated, existing directories only."""
    cfg = sass_config(site)
    sass_dir = str(cfg.get("sass_dir") or "") or "_sass"
    user = cfg.get("load_paths") or []
    user = user if isinstance(user, list) else [user]
    paths: list[str] = []
    for entry in [str(p) for p in user] + [sass_dir]:
        pattern = entry if os.path.isabs(entry) else os.path.join(str(site.source), entry)
        if site.safe:
            pattern = str(site.in_source_dir(entry))
        for match in sorted(glob.glob(pattern)) or []:
            full = os.path.abspath(match)
            if full not in paths:
                paths.append(full)
    return [p for p in paths if os.path.isdir(p)]


def _source_map(site, converter, content: str, document) -> str | None:
    # Preferred: the Sass module hands us libsass's map for this page.
    # TODO(sass): drop the direct libsass call once jekyllpy.sass exposes `source_map`.
    provider = getattr(converter, "source_map", None)
    if callable(provider):
        raw = provider(content, document.path)
    else:
        raw = _libsass_map(site, content, document)
    if raw is None:
        return None
    return _fix_map(site, raw, document)


def _libsass_map(site, content: str, document) -> str | None:
    try:
        import sass
    except ImportError:
        return None
    try:
        css = sass.compile(
            string=content,
            output_style=sass_style(site),
            include_paths=load_paths(site),
            precision=10,  # libsass's own default, which sassc-ruby keeps
            indented=document.extname.lower() == ".sass",
            source_map_embed=True,
            source_map_contents=True,
        )
    except sass.CompileError:
        return None
    m = _EMBED_RE.search(css)
    return base64.b64decode(m.group(1)).decode("utf-8") if m else None


def _fix_map(site, raw: str, document) -> str:
    """Rewrite `file` and `sources` as if libsass had compiled `<source>/<name>` to
    `<source>/<basename>.css` (keeping libsass's JSON formatting)."""
    cwd = os.path.realpath(os.getcwd())
    root = os.path.realpath(str(site.source))
    data = json.loads(raw)
    sources = []
    for src in data.get("sources", []):
        if src == "stdin":
            sources.append(document.name)
            continue
        absolute = os.path.realpath(os.path.join(cwd, src))
        sources.append(os.path.relpath(absolute, root))
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


class SourceMapPage(PageWithoutAFile):
    """Jekyll's `SourceMapPage`: `<basename>.css.map` beside the CSS page, written verbatim."""

    def render_with_liquid(self) -> bool:
        return False

    def place_in_layout(self) -> bool:
        return False


def _add_map_page(site, css_page, source_map: str) -> None:
    name = css_page.basename + ".css.map"
    directory = css_page.dir.strip("/")
    site.pages[:] = [p for p in site.pages
                     if not (isinstance(p, SourceMapPage) and getattr(p, "css_page", None) is css_page)]
    page = SourceMapPage(site, directory, name, source_map)
    page.data = css_page.data  # shared, as in Ruby (`@data = css_page.data`)
    page.css_page = css_page
    page.output = source_map
    site.pages.append(page)
