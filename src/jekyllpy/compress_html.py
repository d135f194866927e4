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
_WIDE_GAP = re.compile(r" {2,}(?=<)|(?<=>) {2,}")
_SINGLE_GAP_CACHE: dict[tuple[str, ...], tuple[re.Pattern, re.Pattern]] = {}


def _single_gaps(clippings: list[str]) -> tuple[re.Pattern, re.Pattern]:
    """Two regexes for the one-space runs the clipping passes remove: a lone space after
    `</e>`, and a lone space before `<e…` (any tag whose name starts with `e`, as the Liquid's
    `" <e"` replace does) or before `</e>`. Both start with a literal (`</`, ` <`), which lets
    the regex engine skip ahead, and run with a template: no Python per match."""
    key = tuple(clippings)
    patterns = _SINGLE_GAP_CACHE.get(key)
    if patterns is None:
        names = "|".join(re.escape(e) for e in sorted(set(clippings), key=len, reverse=True))
        after_close = re.compile(rf"(</(?:{names})>) (?! )")
        before_tag = re.compile(rf" <(?<!  <)(?=(?:{names})|/(?:{names})>)")
        patterns = _SINGLE_GAP_CACHE[key] = (after_close, before_tag)
    return patterns


def _clip(content: str, clippings: list[str]) -> str:
    """`_clip_runs`, faster: with no element listed twice and no empty one, each pass that
    applies to a one-space run removes it whole, so such runs (all of them outside `<pre>`
    after whitespace collapsing) go in two C-level substitutions; longer runs keep the
    counting in `_clip_runs`. (Removing a lone space never changes another run.)"""
    if not clippings or len(set(clippings)) != len(clippings) or "" in clippings:
        return _clip_runs(content, clippings, _GAP)
    after_close, before_tag = _single_gaps(clippings)
    content = before_tag.sub("<", after_close.sub(r"\1", content))
    return _clip_runs(content, clippings, _WIDE_GAP) if "  " in content else content


def _clip_runs(content: str, clippings: list[str], gaps: re.Pattern) -> str:
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

    return gaps.sub(shorten, content)


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


_PYTHON_ONLY_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_WIDE_SPACE = re.compile(r"[\t\n\v\f\r][ \t\n\v\f\r]*| [ \t\n\v\f\r]+")


def _squeeze(text: str) -> str:
    """`text.split(" ").join(" ")` in Liquid (Ruby's awk-style split): leading whitespace
    dropped, every run of ASCII whitespace one space, trailing whitespace dropped. Python's
    `str.split()` does exactly that when the text has none of the characters only Python
    counts as whitespace (U+00A0 & co.); otherwise a regex rewrites the runs that are not
    already one space."""
    if _PYTHON_ONLY_SPACE.search(text) is None:
        return " ".join(text.split())
    out = _WIDE_SPACE.sub(" ", text.lstrip(" \t\n\v\f\r"))
    return out[:-1] if out.endswith(" ") else out


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
                after = _squeeze(pres[-1])
        has_end = "</pre>" in pre_before
        if has_end:
            out.append("<pre" + (pres[0] if pres else "") + "</pre>")
        if not (has_end and len(pres) == 1):
            out.append(after)
    return "".join(out)
