"""A native equivalent of the `compress.html` layout (jch/html-compress v3.0.2).

Minimal Mistakes and academicpages wrap every page in this pure-Liquid layout; it performs
dozens of whole-page `split`/`replace` passes and is the single largest cost of a build
(a quarter of Jekyll's time). When a site's layout is *exactly* that version (compared by
hash of its text) and its settings are of the documented kinds, we compute the same bytes
in Python. Anything else falls back to rendering the Liquid, so output never depends on
this shortcut — tests compare both paths on real pages.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

# v3.0.2, as Jekyll reads it (the blank line after the front matter is not content)
KNOWN_SHA256 = {"fa28cb5072347e609bb99ff21555f564d11b8e36aba53b10422e4642cde19414"}

ALL_ENDINGS = "html head body li dt dd p rt rp optgroup option colgroup caption thead tbody tfoot tr td th".split(" ")
ALL_CLIPPINGS = ("html head title base link meta style body article section nav aside h1 h2 h3 h4 h5 h6 "
                 "hgroup header footer address p hr blockquote ol ul li dl dt dd figure figcaption main div "
                 "table caption colgroup col tbody thead tfoot tr td th").split(" ")
_RUBY_SPACE = re.compile(r"[ \t\n\v\f\r]+")
_TAG_NAME = re.compile(r"</?([^\s<>/]+)")


def is_compress_layout(content: str) -> bool:
    return hashlib.sha256(content.encode("utf-8", "surrogateescape")).hexdigest() in KNOWN_SHA256


def ruby_split(text: str, sep: str) -> list[str]:
    """Ruby String#split(sep): " " splits on whitespace runs ignoring leading ones; any
    other separator splits exactly; trailing empty strings are dropped."""
    if sep == " ":
        parts = _RUBY_SPACE.split(text.lstrip(" \t\n\v\f\r"))
    else:
        parts = text.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def _as_list(value: Any) -> list | None:
    """Settings the native path supports: a list of strings, or nothing."""
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def compress(content: str, settings: Any, environment: str) -> str | None:
    """The layout's output for `content`, or None when the Liquid must run instead."""
    c = settings if isinstance(settings, Mapping) else {}
    if settings is not None and not isinstance(settings, Mapping):
        return None
    if c.get("profile"):
        return None
    ignore = c.get("ignore") if isinstance(c.get("ignore"), Mapping) else {}
    envs = ignore.get("envs")
    # Liquid `contains`: membership in a list, substring of a string ("development" is common)
    if isinstance(envs, (list, str)) and environment in envs:
        return content + "\n"
    if envs is not None and not isinstance(envs, (list, str)):
        return None
    endings = ALL_ENDINGS if c.get("endings") == "all" else _as_list(c.get("endings"))
    startings = _as_list(c.get("startings"))
    comments = ["<!--", "-->"] if c.get("comments") == "all" else _as_list(c.get("comments"))
    clippings = ALL_CLIPPINGS if c.get("clippings") == "all" else _as_list(c.get("clippings"))
    if endings is None or startings is None or comments is None or clippings is None:
        return None
    out = content
    for element in endings:
        out = out.replace(f"</{element}>", "")
    for element in startings:
        out = out.replace(f"<{element}>", "")
    if len(comments) == 2:
        out = _strip_comments(out, comments[0], comments[1])
    out = _collapse(out, bool(c.get("blanklines")))
    if clippings:
        out = _clip(out, clippings)
    return out + "\n"


_GAP = re.compile(r" +(?=<)|(?<=>) +")


def _clip(content: str, clippings: list[str]) -> str:
    """The layout's clipping passes in one scan. For each element `e` in order it replaces
    `" <e"` by `"<e"`, `"</e> "` by `"</e>"` and `" </e>"` by `"</e>"` over the whole page —
    three passes per element, a fifth of a Minimal Mistakes build. Each pass removes one
    space from a run of spaces next to a tag and leaves the tags themselves alone, so runs are
    independent and the passes that apply to a run are known from its neighbours: `"</e>"` on
    its left (once per `e` in the list), `"</e>"` on its right, or `"<"` followed by text that
    starts with `e` (`" <col"` also matches `" <colgroup"`). The run loses one space per
    applicable pass while spaces remain — what the passes do one after another."""
    counts: dict[str, int] = {}
    for element in clippings:
        counts[element] = counts.get(element, 0) + 1
    by_first: dict[str, list[tuple[str, int]]] = {}  # candidates for " <e" by the letter after "<"
    for element, n in counts.items():
        if element:
            by_first.setdefault(element[0], []).append((element, n))
    every = counts.get("", 0)  # `" <"` itself: applies before any "<"

    def shorten(m: re.Match) -> str:
        start, end = m.span()
        passes = 0
        if start > 0 and content[start - 1] == ">":  # "</e> " on the left
            opening = content.rfind("</", 0, start)
            if opening != -1:
                passes += counts.get(content[opening + 2:start - 1], 0)
        if content.startswith("<", end):  # " <e" on the right: `e` a prefix of what follows
            passes += every + sum(n for element, n in by_first.get(content[end + 1:end + 2], ())
                                  if content.startswith(element, end + 1))
            if content.startswith("/", end + 1):  # " </e>" on the right
                closing = content.find(">", end + 2)
                if closing != -1:
                    passes += counts.get(content[end + 2:closing], 0)
        return " " * (end - start - passes) if passes < end - start else ""

    return _GAP.sub(shorten, content)


def _strip_comments(content: str, first: str, last: str) -> str:
    befores = ruby_split("." + content, first)
    carry = False
    for before in befores[1:]:
        outside = (first if carry else "") + before
        pieces = ruby_split(outside, last)
        comment = ("" if carry else first) + (pieces[0] if pieces else "")
        if last in outside:
            comment += last
            carry = False
        else:
            carry = True
        content = content.replace(comment, "", 1)
    return content


def _collapse(content: str, blanklines: bool) -> str:
    out: list[str] = []
    for pre_before in ruby_split(content, "<pre"):
        pres = ruby_split(pre_before, "</pre>")
        after = ""
        if pres:
            if blanklines:
                lines = ruby_split(pres[-1], "\n")
                kept = []
                for i, line in enumerate(lines):
                    trimmed = " ".join(ruby_split(line, " "))
                    if trimmed != "" or i == len(lines) - 1:
                        kept.append(("" if i == 0 else "\n") + line)
                after = "".join(kept)
            else:
                after = " ".join(ruby_split(pres[-1], " "))
        has_end = "</pre>" in pre_before
        if has_end:
            out.append("<pre" + (pres[0] if pres else "") + "</pre>")
        if not (has_end and len(pres) == 1):
            out.append(after)
    return "".join(out)
