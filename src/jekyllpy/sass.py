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
_FROM_LINE = re.compile(r"from line (\d+):(\d+) of ([^\n]+)")
_SOURCE_LINE = re.compile(r"^>> ?(.*)$", re.M)


_MAP_MARKER = "/*# sourceMappingURL=data:application/json;base64,"


def _embedded_map(css: str) -> re.Match | None:
    """`_EMBEDDED_MAP.search(css)`, from the last marker: the pattern has no literal prefix,
    so a plain search tried it at each of a theme's ~800,000 characters. Only the last
    marker can reach the end of the text (its base64 run cannot cross another marker)."""
    at = css.rfind(_MAP_MARKER)
    if at < 0:
        return None
    return _EMBEDDED_MAP.match(css, at - 1 if at and css[at - 1] == "\n" else at)


def _has_links(paths: list[str]) -> bool:
    """Whether any file or folder under the Sass load paths is a symbolic link."""
    for root in paths:
        for folder, dirs, files in os.walk(root):
            if any(os.path.islink(os.path.join(folder, name)) for name in dirs + files):
                return True
    return False


def _truthy(value) -> bool:
    """Ruby's `!!value`: only nil and false are false."""
    return value is not None and value is not False


class SassConverter:
    def __init__(self, site_source: Path, config: dict) -> None:
        self.source = Path(site_source)
        self.config = config
        self._last: tuple[tuple, tuple[str, str | None]] | None = None
        self.store = None  # a jekyllpy.cache.DiskCache (set by Converters), see _cache_text
        self.head_start = None  # compiles done before the site was read (prefetch.SassHeadStart)

    # what jekyll-sass-converter reads from `sass:` ----------------------------------------
    def _options(self) -> dict:
        cfg = self.config.get("sass") if isinstance(self.config.get("sass"), dict) else {}
        # The converter's default style is `compact` for sassc, `expanded` for sass-embedded
        # (which we compile with libsass too: see sass_pages.warn_implementation).
        default = "expanded" if cfg.get("implementation") == "sass-embedded" else "compact"
        style = str(cfg.get("style") or default).lstrip(":")
        if style not in ("nested", "expanded", "compact", "compressed"):
            style = default
        # Other `sass:` keys reach SassC::Engine too (deep-merged, except in safe mode):
        # `precision` is the one that changes output; `line_comments` is read explicitly.
        precision = cfg.get("precision")
        if self.config.get("safe") or not isinstance(precision, int) or isinstance(precision, bool):
            precision = 10
        return {"style": style, "paths": self._load_paths(cfg), "precision": precision,
                "line_comments": _truthy(cfg.get("line_comments", False)),
                "add_charset": _truthy(cfg.get("add_charset"))}

    def _load_paths(self, cfg: dict) -> list[str]:
        sass_dir = str(cfg.get("sass_dir") or "") or "_sass"
        user = cfg.get("load_paths") or []
        user = user if isinstance(user, list) else [user]
        paths: list[str] = []
        import glob

        from jekyllpy.utils import safe_join

        safe = bool(self.config.get("safe"))
        for entry in [str(p) for p in user] + [sass_dir]:
            # jekyll-sass-converter: `sass_dir` always stays in the source (sanitized_path),
            # `load_paths` only in safe mode; outside it they are the user's explicit choice.
            if entry is sass_dir or safe:
                pattern = str(safe_join(self.source, entry))
            else:
                pattern = entry if os.path.isabs(entry) else os.path.join(str(self.source), entry)
            for match in sorted(glob.glob(pattern)):
                full = os.path.abspath(match)
                if full not in paths and os.path.isdir(full):
                    paths.append(full)
        return paths

    def matches(self, ext: str) -> bool:
        return ext.lower() in (".scss", ".sass")

    # compiling ------------------------------------------------------------------------------
    def compile_key(self, content: str, path: str | None, name: str | None, opts: dict | None = None) -> tuple:
        """Everything a compile's result depends on besides the files under the load paths:
        equal keys, equal CSS and source map (the line offset only places error messages)."""
        opts = self._options() if opts is None else opts
        return (content, path, name, tuple(sorted((k, str(v)) for k, v in opts.items())))

    def _compile(self, content: str, path: str | None, line_offset: int = 1,
                 name: str | None = None) -> tuple[str, str | None]:
        opts = self._options()
        indented = bool(path) and str(path).lower().endswith(".sass")
        key = self.compile_key(content, path, name, opts)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        cache_text = self._cache_text(key, opts["paths"]) if self.store is not None else None
        if cache_text is not None:
            hit = self.store.get(cache_text)
            if hit is not None:
                css, _, source_map = hit.partition("\0")
                self._last = (key, (css, source_map or None))
                return self._last[1]
        early = self.head_start.lookup(key) if self.head_start is not None else None
        if early is not None:  # compiled by the head start (prefetch.SassHeadStart)
            self._last = (key, early)
            if cache_text is not None:
                self.store.put(cache_text, early[0] + "\0" + (early[1] or ""))
            return early
        if not content:  # libsass refuses an empty string; SassC (Jekyll) compiles it to ""
            return "", None
        bad = next((i for i, ch in enumerate(content) if "\udc80" <= ch <= "\udcff"), None)
        if bad is not None:  # bytes that are not UTF-8, kept by surrogateescape: SassC's error
            start = content.rfind("\n", 0, bad) + 1
            end = content.find("\n", bad)
            where = os.path.relpath(path, self.source) if path else None
            raise JekyllpyError("Sass error: Invalid UTF-8 sequence", where, content.count("\n", 0, bad) + line_offset,
                                bad - start + 1, source_line=content[start:end if end >= 0 else None])
        # The guard only where a link could lead an import out of the source: any custom
        # importer changes libsass's bookkeeping (the source map lists other files), so the
        # common case compiles exactly as jekyll-sass-converter does, without one.
        guard = self._import_guard(opts["paths"], path) if _has_links(opts["paths"]) else None
        try:
            css = libsass.compile(string=content, output_style=opts["style"], include_paths=opts["paths"],
                                  precision=opts["precision"], indented=indented, source_map_embed=True,
                                  source_map_contents=True, source_comments=opts["line_comments"],
                                  **({"importers": [(0, guard)]} if guard is not None else {}))
        except libsass.CompileError as exc:
            text = str(exc)
            m = re.search(r"\s+on line \d+:\d+ of ", text)
            if guard is not None and guard.refused and m:  # libsass wraps the guard's exception
                text = f"Error: {guard.refused[-1]}\n" + text[m.start():]
            raise self._error(text, path, line_offset) from None
        m = _embedded_map(css)
        source_map = base64.b64decode(m.group(1)).decode("utf-8") if m else None
        if m:
            css = css[: m.start()]
        if opts["line_comments"]:
            css = self._fix_line_comments(css, name)
        # libsass starts compressed non-ASCII output with a BOM; jekyll-sass-converter drops
        # it, or puts `@charset "UTF-8";` there with `add_charset: true`
        if css.startswith("\ufeff"):
            css = ('@charset "UTF-8";' if opts["add_charset"] else "") + css[1:]
        result = (css if css.endswith("\n") or not css else css + "\n", source_map)
        self._last = (key, result)
        if cache_text is not None:
            self.store.put(cache_text, result[0] + "\0" + (result[1] or ""))
        return result

    def _import_guard(self, paths: list[str], page: str | None):
        """An importer that lets libsass resolve every `@import` itself, except one whose file
        is a link leading out of the source (and out of the load paths the user named):
        that import fails as a missing file would, so no partial is read from outside."""
        from jekyllpy.reader import escapes_source

        roots = [os.path.realpath(p) for p in paths]
        inside = [r for r in roots if not escapes_source(self, r)]
        allowed = [os.path.realpath(self.source)] + [r for r in roots if r not in inside]

        def guard(name: str, prev: str):
            base = os.path.dirname(prev) if prev and prev != "stdin" else os.path.dirname(page or "")
            head, tail = os.path.split(name)
            names = [f"{p}{tail}{e}" for e in (".scss", ".sass", ".css", "") for p in ("_", "")]
            for folder in ([base] if base else []) + paths:
                for cand in [os.path.join(folder, head, n) for n in names] + \
                        [os.path.join(folder, name, f"{p}index{e}") for p in ("_", "") for e in (".scss", ".sass")]:
                    if os.path.isfile(cand):
                        real = os.path.realpath(cand)
                        if any(real == r or real.startswith(r + os.sep) for r in allowed):
                            return None
                        if not escapes_source(self, cand):
                            return None
                        guard.refused.append(f"File to import not found or unreadable: {name}.")
                        raise OSError(guard.refused[-1])
            return None

        guard.refused = []
        return guard

    @staticmethod
    def _cache_text(key: tuple, paths: list[str]) -> str:
        """What a compile depends on besides the page: every file under the load paths (name,
        size, mtime in ns — an edited partial is a new key), the working directory (line
        comments name files relative to it) and libsass's version."""
        parts = [repr(key), os.getcwd(), getattr(libsass, "__version__", "?")]
        for root in paths:
            for folder, dirs, files in os.walk(root):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    try:
                        st = os.stat(full)
                    except OSError:
                        continue
                    parts.append(f"{full}\0{st.st_size}\0{st.st_mtime_ns}")
        return "\n".join(parts)

    def convert(self, content: str, path: str | None = None, line_offset: int = 1,
                name: str | None = None) -> str:
        """CSS for `content`; `line_offset` is the file line where `content` starts (errors);
        `name` is the page's file name, which the converter gives Sass for a `Page` (line
        comments say `stdin` otherwise, as for collection documents and `scssify`)."""
        return self._compile(content, path, line_offset, name)[0]

    def _fix_line_comments(self, css: str, name: str | None) -> str:
        """`line_comments`: libsass names files relative to the working directory and the
        page itself `stdin`; Jekyll (run from the site source, as the reference is) shows
        the partial relative to the source and the page by its name."""
        cwd = os.path.realpath(os.getcwd())
        root = os.path.realpath(str(self.source))

        def sub(m: re.Match) -> str:
            file = m.group(2)
            if file == "stdin":
                file = name or "stdin"
            else:
                file = os.path.relpath(os.path.realpath(os.path.join(cwd, file)), root)
            return f"{m.group(1)}{file} */"

        return re.sub(r"(/\* line \d+, )([^\n]*?) \*/", sub, css)

    def source_map(self, content: str, path: str | None = None, line_offset: int = 1,
                   name: str | None = None) -> str | None:
        """libsass's map for this compile (sass_pages.py rewrites `file` and `sources`)."""
        return self._compile(content, path, line_offset, name)[1]

    def _error(self, message: str, path: str | None, line_offset: int = 1) -> JekyllpyError:
        """libsass's message as `file:line:col: Sass error: …`, imports as context.

        libsass numbers lines of the page's *content* (front matter already removed, as
        Jekyll's message does: "on line 3:3 of main.scss"); we add the front matter's lines
        (`line_offset` = the file line where the content starts) so the location is the
        real line in the file. Errors inside partials keep the partial's own lines."""
        page = where = os.path.relpath(path, self.source) if path else None

        def locate(line: str, column: str, name: str) -> tuple[str | None, int, int]:
            name = name.strip()
            if name == "stdin":
                return page, int(line) + line_offset - 1, int(column)
            return os.path.relpath(os.path.abspath(name), self.source), int(line), int(column)

        line = column = None
        context: list[str] = []
        m = _ERROR_LINE.search(message)
        if m:
            where, line, column = locate(m.group(1), m.group(2), m.group(3))
            for f in _FROM_LINE.finditer(message):
                f_where, f_line, f_col = locate(f.group(1), f.group(2), f.group(3))
                context.append(f"imported from {f_where}:{f_line}:{f_col}")
        src = _SOURCE_LINE.search(message)
        first = message.strip().splitlines()[0] if message.strip() else "Sass error"
        first = re.sub(r"^Error: ", "", first)
        return JekyllpyError(f"Sass error: {first}", where, line, column,
                             source_line=src.group(1) if src else None, context=context)
