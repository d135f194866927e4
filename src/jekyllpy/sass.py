"""SCSS/Sass pages as jekyll-sass-converter 2.2 (sassc, i.e. LibSass) compiles them.

libsass (the `sass` package) is the same C library sassc-ruby wraps, so with the converter's
options — style (default `compact`), load paths (user
`load_paths`, then `sass_dir`), precision 10 — the CSS is byte-identical. The source map is
produced by the same compile (embedded, then split off), so a page is compiled once.
"""
from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import sass as libsass

from jekyllpy.errors import JekyllpyError

_EMBEDDED_MAP = re.compile(r"\n?/\*# sourceMappingURL=data:application/json;base64,([A-Za-z0-9+/=]*) \*/\s*\Z")
_ERROR_LINE = re.compile(r"on line (\d+):(\d+) of ([^\n]+)")


class SassConverter:
    def __init__(self, site_source: Path, config: dict) -> None:
        self.source = Path(site_source)
        self.config = config
        self._last: tuple[tuple, tuple[str, str | None]] | None = None

    # what jekyll-sass-converter reads from `sass:` ----------------------------------------
    def _options(self) -> dict:
        cfg = self.config.get("sass") if isinstance(self.config.get("sass"), dict) else {}
        style = str(cfg.get("style") or "compact").lstrip(":")
        if style not in ("nested", "expanded", "compact", "compressed"):
            style = "compact"
        return {"style": style, "paths": self._load_paths(cfg)}

    def _load_paths(self, cfg: dict) -> list[str]:
        sass_dir = str(cfg.get("sass_dir") or "") or "_sass"
        user = cfg.get("load_paths") or []
        user = user if isinstance(user, list) else [user]
        paths: list[str] = []
        import glob

        for entry in [str(p) for p in user] + [sass_dir]:
            pattern = entry if os.path.isabs(entry) else os.path.join(str(self.source), entry)
            for match in sorted(glob.glob(pattern)):
                full = os.path.abspath(match)
                if full not in paths and os.path.isdir(full):
                    paths.append(full)
        return paths

    def matches(self, ext: str) -> bool:
        return ext.lower() in (".scss", ".sass")

    # compiling ------------------------------------------------------------------------------
    def _compile(self, content: str, path: str | None) -> tuple[str, str | None]:
        opts = self._options()
        indented = bool(path) and str(path).lower().endswith(".sass")
        key = (content, path, opts["style"], tuple(opts["paths"]))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        try:
            css = libsass.compile(string=content, output_style=opts["style"], include_paths=opts["paths"],
                                  precision=10, indented=indented, source_map_embed=True,
                                  source_map_contents=True)
        except libsass.CompileError as exc:
            raise self._error(str(exc), path) from None
        m = _EMBEDDED_MAP.search(css)
        source_map = base64.b64decode(m.group(1)).decode("utf-8") if m else None
        if m:
            css = css[: m.start()]
        # libsass starts compressed non-ASCII output with a BOM; jekyll-sass-converter drops it
        css = css.removeprefix("\ufeff")
        result = (css if css.endswith("\n") or not css else css + "\n", source_map)
        self._last = (key, result)
        return result

    def convert(self, content: str, path: str | None = None) -> str:
        return self._compile(content, path)[0]

    def source_map(self, content: str, path: str | None = None) -> str | None:
        """libsass's map for this compile (sass_pages.py rewrites `file` and `sources`)."""
        return self._compile(content, path)[1]

    def _error(self, message: str, path: str | None) -> JekyllpyError:
        line = column = None
        where = os.path.relpath(path, self.source) if path else None
        m = _ERROR_LINE.search(message)
        if m:
            line, column = int(m.group(1)), int(m.group(2))
            if m.group(3).strip() != "stdin":
                where = os.path.relpath(os.path.abspath(m.group(3).strip()), self.source)
        first = message.strip().splitlines()[0] if message.strip() else "Sass error"
        first = re.sub(r"^Error: ", "", first)
        return JekyllpyError(f"Sass error: {first}", where, line, column)
