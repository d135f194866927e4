"""A typed schema of Jekyll's settings: typo suggestions and type errors with file and line.

Sites carry many keys of their own (title, author, social …), so an unknown key is only
reported when it is a near miss of a known setting that the file does not also set —
`permalinks:` next to no `permalink:` is almost certainly a typo that silently does nothing.
A key that differs from a setting only in case (`baseURL:`, Hugo's spelling) is a near miss
too; `authors:` is not (themes use it for a list of people next to `author:`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jekyllpy.errors import ConfigError

LIST = (list,)
STR = (str,)
BOOL = (bool,)
INT = (int,)
MAP = (dict,)
ANY = (object,)

# Jekyll 4.3's settings and those of the built-in plugins, with the types Jekyll accepts.
SCHEMA: dict[str, tuple] = {
    "source": STR, "destination": STR, "collections_dir": STR, "cache_dir": STR,
    "plugins_dir": STR + LIST, "layouts_dir": STR, "data_dir": STR, "includes_dir": STR,
    "collections": MAP + LIST, "safe": BOOL, "include": LIST, "exclude": LIST, "keep_files": LIST,
    "encoding": STR, "markdown_ext": STR, "strict_front_matter": BOOL, "show_drafts": BOOL + (type(None),),
    "limit_posts": INT, "future": BOOL, "unpublished": BOOL, "whitelist": LIST, "plugins": LIST,
    "markdown": STR, "highlighter": STR + (type(None),), "lsi": BOOL, "excerpt_separator": STR,
    "incremental": BOOL, "detach": BOOL, "port": STR + INT, "host": STR, "baseurl": STR + (type(None),),
    "show_dir_listing": BOOL, "permalink": STR + (type(None),), "paginate_path": STR, "timezone": STR + (type(None),),
    "quiet": BOOL, "verbose": BOOL, "defaults": LIST, "liquid": MAP, "kramdown": MAP, "sass": MAP,
    "url": STR + (type(None),), "title": ANY, "description": ANY, "paginate": INT + (type(None),),
    "feed": MAP, "sitemap": MAP + BOOL, "redirect_from": MAP, "compress_html": MAP, "livereload": BOOL,
    "livereload_port": INT, "open_url": BOOL, "page_excerpts": BOOL, "time": ANY, "theme": STR,
    "remote_theme": STR, "gems": LIST, "jobs": INT, "profile": BOOL, "disable_disk_cache": BOOL,
    "webrick": MAP, "csv_reader": MAP, "tsv_reader": MAP, "gist": MAP, "author": ANY, "lang": STR,
}
# Settings of the wrong type that stop Jekyll 4.3 too (checked one by one against it): these
# are errors. Jekyll builds with any other wrong type (Ruby truthiness, `to_s`, or the plugin
# ignores it), so there a wrong type is only a warning and the value is used as Jekyll uses it.
FATAL = {"source", "destination", "collections", "include", "exclude", "keep_files", "limit_posts", "plugins",
         "markdown_ext", "liquid", "kramdown", "encoding", "timezone", "permalink", "markdown", "collections_dir",
         "layouts_dir", "data_dir", "cache_dir", "plugins_dir"}
TYPE_NAMES = {list: "a list", str: "a string", bool: "true or false", int: "a whole number",
              dict: "a mapping", type(None): "empty"}


def check_config(data: dict, path: Path | None) -> list[str]:
    """Warnings for likely typos; raises ConfigError for a known setting of the wrong type."""
    warnings: list[str] = []
    lines = _key_lines(path)
    for key, value in data.items():
        key = str(key)
        expected = SCHEMA.get(key)
        if expected is None:
            suggestion = _suggest(key, data)
            if suggestion:
                where = _where(path, lines, key)
                warnings.append(f"{where}`{key}:` is not a setting; did you mean `{suggestion}:`?")
            continue
        if _matches(value, expected):
            continue
        wanted = " or ".join(dict.fromkeys(TYPE_NAMES.get(t, t.__name__) for t in expected))
        if key not in FATAL:
            warnings.append(f"{_where(path, lines, key)}`{key}` should be {wanted}, but is {_describe(value)}")
            continue
        raise ConfigError(f"`{key}` should be {wanted}, but is {_describe(value)}",
                          str(path) if path else None, lines.get(key), 1 if lines.get(key) else None)
    return warnings


def _matches(value: Any, expected: tuple) -> bool:
    if object in expected:
        return True
    if isinstance(value, bool):  # a bool is an int in Python, not in YAML
        return bool in expected
    return isinstance(value, expected)


# Keys of sites' own that are near misses of a setting by spelling but not by intent.
NOT_TYPOS = {"authors"}


def _suggest(key: str, data: dict) -> str | None:
    import difflib  # only for keys the schema does not know (~1 ms of every start otherwise)

    if key in NOT_TYPOS:
        return None
    candidates = [k for k in SCHEMA if k.lower() == key.lower()]
    candidates += difflib.get_close_matches(key.lower(), list(SCHEMA), n=3, cutoff=0.8)
    for candidate in candidates:
        if candidate != key and candidate not in data:
            return candidate
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (list, dict)):
        return TYPE_NAMES[type(value)]
    return f"{TYPE_NAMES.get(type(value), type(value).__name__)} `{value}`"


def _key_lines(path: Path | None) -> dict[str, int]:
    """Where each top-level key is set: a line that starts with `key:` (YAML), or for TOML
    `key =` before the first table and `[key]`/`[key.sub]`/`[[key]]` headers."""
    if path is None:
        return {}
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return {}
    lines: dict[str, int] = {}
    if path.suffix.lower() == ".toml":
        in_table = False
        for number, line in enumerate(text.splitlines(), start=1):
            header = re.match(r"""^\s*\[\[?\s*(['"]?)([^\]\s.'"]+)\1""", line)
            if header:
                in_table = True
                lines.setdefault(header.group(2), number)
                continue
            m = None if in_table else re.match(r"""^\s*(['"]?)([^\s='"#.]+)\1\s*=""", line)
            if m:
                lines.setdefault(m.group(2), number)
        return lines
    for number, line in enumerate(text.splitlines(), start=1):
        m = re.match(r"""^(['"]?)([^\s:#'"][^:#]*?)\1\s*:""", line)
        if m:
            lines.setdefault(m.group(2).strip(), number)
    return lines


def _where(path: Path | None, lines: dict[str, int], key: str) -> str:
    if path is None:
        return ""
    line = lines.get(key)
    return f"{path.name}:{line}: " if line else f"{path.name}: "
