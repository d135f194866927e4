"""Small helpers that reproduce Ruby/Jekyll behaviour the rest of the pipeline relies on."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jekyllpy.errors import JekyllpyError

SLUGIFY_MODES = ("raw", "default", "pretty", "ascii", "latin")
# Ruby's \p{M}\p{L}\p{Nd} classes: marks, letters, decimal digits.
_WORDISH = r"[^\w]|_"


def _is_slug_char(ch: str, extra: str) -> bool:
    if ch in extra:
        return True
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "M") or cat == "Nd"


def _replace_runs(text: str, keep) -> str:
    out: list[str] = []
    in_run = False
    for ch in text:
        if keep(ch):
            out.append(ch)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


def slugify(value: Any, mode: str | None = None, cased: bool = False) -> str | None:
    """Jekyll's `Utils.slugify`: same modes, same character classes, same trimming."""
    if value is None:
        return None
    text = str(value)
    mode = mode or "default"
    if mode not in SLUGIFY_MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    if mode == "raw":
        slug = re.sub(r"\s+", "-", text)
    elif mode == "pretty":
        slug = _replace_runs(text, lambda ch: _is_slug_char(ch, "._~!$&'()+,;=@"))
    elif mode == "ascii":
        slug = re.sub(r"[^A-Za-z0-9]+", "-", text)
    else:  # default, latin
        slug = _replace_runs(text, lambda ch: _is_slug_char(ch, ""))
    slug = re.sub(r"^-|-$", "", slug)
    return slug if cased else slug.lower()


def titleize_slug(slug: str) -> str:
    """Ruby: slug.split("-").map(&:capitalize).join(" ")."""
    return " ".join(part[:1].upper() + part[1:].lower() for part in slug.split("-"))


def deep_merge(master: Mapping, other: Mapping) -> dict:
    """Jekyll's `Utils.deep_merge_hashes`: nested hashes merge, nil never overwrites."""
    result = dict(master)
    for key, new in other.items():
        if new is None and key in result:
            continue
        old = result.get(key)
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            result[key] = deep_merge(old, new)
        else:
            result[key] = new
    return result


def has_liquid_construct(content: str | None) -> bool:
    return bool(content) and ("{%" in content or "{{" in content)


def pluralized_array(data: Mapping, singular: str, plural: str) -> list:
    """Jekyll's `Utils.pluralized_array_from_hash`."""
    value = data.get(singular)
    if value is None:
        val = data.get(plural)
        if isinstance(val, str):
            value = val.split()
        elif isinstance(val, list):
            value = [v for v in val if v is not None]
        else:
            value = None
    out: list = []
    _flatten_into(out, [value])
    return [v for v in out if v is not None]


def _flatten_into(out: list, items) -> None:
    for item in items:
        if isinstance(item, list):
            _flatten_into(out, item)
        else:
            out.append(item)


def safe_join(base: Path, *parts: str) -> Path:
    """Join like Jekyll's `sanitized_path`: the result never escapes `base`.

    `..`, absolute paths and `~` are resolved *inside* base, as Jekyll does, so user input
    (permalinks, include names) can never reach outside the source or destination.
    """
    result = base
    for part in parts:
        if part is None:
            continue
        part = str(part).replace("\\", "/")
        if "\x00" in part:
            raise JekyllpyError(f"path contains a NUL byte: {part!r}")
        stack: list[str] = []
        for seg in part.split("/"):
            if seg in ("", "."):
                continue
            if seg == "..":
                if stack:
                    stack.pop()
                continue
            stack.append(seg)
        result = result.joinpath(*stack) if stack else result
    return result


def ruby_fnmatch(pattern: str, path: str) -> bool:
    """Ruby's File.fnmatch? without flags: `*` also matches `/`, `?` one char, `[..]` sets."""
    regex = _fnmatch_cache.get(pattern)
    if regex is None:
        out = []
        i = 0
        while i < len(pattern):
            ch = pattern[i]
            if ch == "*":
                out.append(".*")
            elif ch == "?":
                out.append(".")
            elif ch == "[":
                j = pattern.find("]", i + 1)
                if j == -1:
                    out.append(re.escape(ch))
                else:
                    body = pattern[i + 1 : j]
                    if body.startswith("!"):
                        body = "^" + body[1:]
                    out.append("[" + body + "]")
                    i = j
            elif ch == "\\" and i + 1 < len(pattern):
                i += 1
                out.append(re.escape(pattern[i]))
            else:
                out.append(re.escape(ch))
            i += 1
        regex = re.compile("".join(out) + r"\Z", re.S)
        _fnmatch_cache[pattern] = regex
    return regex.match(path) is not None


_fnmatch_cache: dict[str, re.Pattern] = {}


def call_with_deep_stack(fn, *args: Any) -> Any:
    """`fn(*args)`, run again with room for deep recursion if it overflows the stack.

    Our Markdown and YAML parsers recurse once per nesting level, as kramdown and Psych do;
    Ruby's default stack takes a thousand nested block quotes where Python's recursion limit
    does not. The normal call costs nothing extra. On RecursionError the call is repeated
    (the functions given are pure) in a thread with a 512 MB stack and a recursion limit to
    match; a RecursionError from that attempt is the caller's to report.
    """
    try:
        return fn(*args)
    except RecursionError:
        pass
    return run_with_deep_stack(fn, *args)


def run_with_deep_stack(fn, *args: Any) -> Any:
    """`fn(*args)` in a thread with a 512 MB stack and a recursion limit to match."""
    import sys
    import threading

    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed back to the calling thread
            outcome["error"] = exc

    old_limit = sys.getrecursionlimit()
    old_size = threading.stack_size(512 * 1024 * 1024)
    sys.setrecursionlimit(max(old_limit, 150_000))
    try:
        worker = threading.Thread(target=run, name="jekyllpy-deep-stack")
        worker.start()
        worker.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
