"""A native equivalent of the `compress.html` layout (jch/html-compress v3.0.2).

Minimal Mistakes and academicpages wrap every page in this pure-Liquid layout; it performs
dozens of whole-page `split`/`replace` passes and is the single largest cost of a build
(a quarter of Jekyll's time). When a site's layout is *exactly* that version (compared by
hash of its text) and its settings are of the documented kinds, we compute the same bytes
in Python. Anything else falls back to rendering the Liquid, so output never depends on
this shortcut — tests compare both paths on real pages.
"""
from __future__ import annotations

import functools
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
# Element names for which the one-regex clipping below is exact (see `_clip`)
_PLAIN_NAME = re.compile(r"[^\s<>;]*")


def is_compress_layout(content: str) -> bool:
    return hashlib.sha256(content.encode("utf-8", "surrogateescape")).hexdigest() in KNOWN_SHA256


def ruby_split(text: bytes, sep: bytes) -> list[bytes]:
    """Ruby String#split(sep) on UTF-8 bytes: " " splits on runs of ASCII whitespace ignoring
    leading and trailing ones (bytes.split() does exactly that); any other non-empty separator
    splits exactly, and trailing empty strings are dropped."""
    if sep == b" ":
        return text.split()
    parts = text.split(sep)
    while parts and parts[-1] == b"":
        parts.pop()
    return parts


def _as_list(value: Any) -> list | None:
    """Settings the native path supports: a list of strings, or nothing."""
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _truthy(value: Any) -> bool:
    """Liquid's truthiness: everything but nil and false (0, "" and [] are true)."""
    return value is not None and value is not False


def compress(content: str, settings: Any, environment: str) -> str | None:
    """The layout's output for `content`, or None when the Liquid must run instead.

    The work is done on the page's UTF-8 bytes: every separator the layout uses is ASCII or
    encoded the same way, substring search on UTF-8 is the same as on characters, and Ruby's
    whitespace split is ASCII-only, which `bytes.split()` does at C speed (str.split() would
    also split on no-break spaces)."""
    c = settings if isinstance(settings, Mapping) else {}
    if settings is not None and not isinstance(settings, Mapping):
        return None
    if _truthy(c.get("profile")):
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
    if len(comments) == 2 and "" in comments:
        return None  # Ruby splits on "" into characters: left to the Liquid
    if clippings and _clipping(tuple(clippings)).liquid_only:
        return None  # the layout splits its edges on ";", and gsub reads "\\" in replacements
    out = _encode(content)
    out = _remove_tags(out, tuple(f"</{element}>" for element in endings))
    out = _remove_tags(out, tuple(f"<{element}>" for element in startings))
    if len(comments) == 2:
        out = _strip_comments(out, _encode(comments[0]), _encode(comments[1]))
    blanklines = _truthy(c.get("blanklines"))
    out, pre_runs = _collapse(out, blanklines)
    out = _clip(out, clippings, long_runs=blanklines or pre_runs)
    return out.decode("utf-8", "surrogatepass") + "\n"


def _encode(text: str) -> bytes:
    """UTF-8 that round-trips any str (lone surrogates from undecodable files included)."""
    return text.encode("utf-8", "surrogatepass")


def _remove_tags(content: bytes, tags: tuple[str, ...]) -> bytes:
    """The `endings`/`startings` loops: `remove` each tag in turn — 20 page scans with
    `endings: all` — done as one regex substitution when that is provably the same.

    Tags with `<` only first and `>` only last never overlap, so one scan removes exactly
    the occurrences the passes find in the page. The passes can differ only by removing a
    tag that an earlier removal formed (`</</p>li>`); such a tag is made of kept text around
    a removed stretch, so it is also in the one-scan result: if that has no tag, the passes
    removed nothing more. Otherwise (or for other names) the passes run as written."""
    if not tags:
        return content
    pattern = _tags_pattern(tags)
    if pattern is not None:
        removed = pattern.sub(b"", content)
        if not pattern.search(removed):
            return removed
    for tag in tags:
        content = content.replace(_encode(tag), b"")
    return content


@functools.lru_cache(maxsize=16)
def _tags_pattern(tags: tuple[str, ...]) -> re.Pattern[bytes] | None:
    if any("<" in tag[1:] or ">" in tag[:-1] for tag in tags):
        return None
    return re.compile(b"|".join(re.escape(_encode(tag)) for tag in sorted(set(tags))))


def _clip(content: bytes, clippings: list[str], long_runs: bool = True) -> bytes:
    """The layout's clipping passes: for each element `e` in order, replace `" <e"` by `"<e"`,
    `"</e> "` by `"</e>"` and `" </e>"` by `"</e>"` over the whole page — three passes per
    element, 129 with `clippings: all`. `long_runs=False` says the page has no two spaces in
    a row (true after the collapse outside `<pre>`), which saves a search."""
    return _clipping(tuple(clippings)).apply(content, long_runs) if clippings else content


@functools.lru_cache(maxsize=16)
def _clipping(clippings: tuple[str, ...]) -> "_Clipping":
    return _Clipping(clippings)


class _Clipping:
    """The passes of one `clippings` list, prepared once per list.

    Each pass removes one space from a run of spaces next to a tag and leaves the tags alone,
    so runs are independent and the passes that apply to a run are known from its neighbours:
    `"</e>"` on its left, `"</e>"` on its right, or `"<"` followed by text starting with `e`
    (`" <col"` also matches `" <colgroup"`). A run loses one space per applicable pass while
    spaces remain. After the whitespace collapse nearly every run is one space, which goes
    if any pass applies: two regex substitutions with constant replacements do those in C
    (`_lone_space_patterns`). Longer runs (in `<pre>` or with `blanklines`) are counted by
    `_shorten_runs`. No step can create or destroy another's tag windows when names hold no
    whitespace, `<`, `>` or `;`; other names take the literal passes."""

    def __init__(self, clippings: tuple[str, ...]):
        self.clippings = clippings
        # what the layout does with these is not the three passes: left to the Liquid
        self.liquid_only = any(";" in element or "\\" in element for element in clippings)
        self.patterns = _lone_space_patterns(clippings)
        self.counts: dict[bytes, int] = {}
        for element in map(_encode, clippings):
            self.counts[element] = self.counts.get(element, 0) + 1
        self.by_first: dict[bytes, list[tuple[bytes, int]]] = {}  # " <e" candidates by the byte after "<"
        for element, n in self.counts.items():
            if element:
                self.by_first.setdefault(element[:1], []).append((element, n))

    def apply(self, content: bytes, long_runs: bool) -> bytes:
        if self.patterns is None:
            return _sequential_clip(content, self.clippings)
        before_tag, after_tag = self.patterns
        content = after_tag.sub(b">", before_tag.sub(b"<", content))
        if long_runs and b"  " in content:
            content = self._shorten_runs(content)
        return content

    def _shorten_runs(self, content: bytes) -> bytes:
        """Runs of two or more spaces lose one space per applicable pass (counting repeated
        names and prefix matches), at most the whole run."""
        counts, by_first = self.counts, self.by_first
        every = counts.get(b"", 0)  # `" <"` itself: applies before any "<"

        def shorten(m: re.Match) -> bytes:
            start, end = m.span()
            passes = 0
            if start > 0 and content[start - 1] == 0x3E:  # ">": "</e> " on the left
                opening = content.rfind(b"</", 0, start)
                if opening != -1:
                    passes += counts.get(content[opening + 2:start - 1], 0)
            if content.startswith(b"<", end):
                passes += every + sum(n for element, n in by_first.get(content[end + 1:end + 2], ())
                                      if content.startswith(element, end + 1))
                if content.startswith(b"/", end + 1):  # " </e>" on the right
                    closing = content.find(b">", end + 2)
                    if closing != -1:
                        passes += counts.get(content[end + 2:closing], 0)
            return b" " * (end - start - passes) if passes < end - start else b""

        return _LONG_RUN.sub(shorten, content)


def _sequential_clip(content: bytes, clippings: tuple[str, ...]) -> bytes:
    """The clipping passes exactly as the layout writes them (for unusual element names)."""
    for element in map(_encode, clippings):
        content = content.replace(b" <" + element, b"<" + element)
        content = content.replace(b"</" + element + b"> ", b"</" + element + b">")
        content = content.replace(b" </" + element + b">", b"</" + element + b">")
    return content


def _lone_space_patterns(clippings: tuple[str, ...]) -> tuple[re.Pattern[bytes], re.Pattern[bytes]] | None:
    """Two regexes for a lone space (no space on either side) that some pass removes: one
    matches `" <"` before `e…` or `/e>`, the other `"> "` after `</e`. Each starts with two
    literal bytes, which the regex engine finds fast, so only spaces beside a tag are looked
    at. Look-behinds need a fixed width: the closing tags on the left are grouped by length.
    The second runs on the first's output; it sees the same spaces, since the first removes
    only lone spaces before `<` and a space after `>` is never one of them. None when a name
    is not plain (then the passes run literally)."""
    if not all(_PLAIN_NAME.fullmatch(element) for element in clippings):
        return None
    names = sorted({_encode(element) for element in clippings}, key=lambda name: (-len(name), name))
    alternatives = b"|".join(map(re.escape, names))
    by_length: dict[int, list[bytes]] = {}
    for name in names:
        by_length.setdefault(len(name), []).append(re.escape(name))
    closed = b"|".join(b"(?<=</(?:" + b"|".join(group) + b")> )" for group in by_length.values())
    before_tag = re.compile(b" <(?<!  <)(?=(?:" + alternatives + b")|/(?:" + alternatives + b")>)")
    after_tag = re.compile(b"> (?! )(?:" + closed + b")")
    return before_tag, after_tag


_LONG_RUN = re.compile(b"  +")


def _strip_comments(content: bytes, first: bytes, last: bytes) -> bytes:
    """The layout's comment removal: split on the opening marker, rebuild each comment up to
    the closing marker (carrying unclosed ones), and `remove_first` each from the page.
    Removing them one by one copies the page per comment (quadratic on big pages), so
    they are cut out in one join when that provably removes the same occurrences."""
    comments = _comments(content, first, last)
    cut = _cut_in_place(content, first, comments)
    if cut is not None:
        return cut
    for _, comment in comments:
        content = content.replace(comment, b"", 1)
    return content


def _comments(content: bytes, first: bytes, last: bytes) -> list[tuple[int, bytes]]:
    """Each comment string the layout builds, with where its text starts in `content`: the
    i-th split point (the opening marker, or with a carry the marker kept in `outside`),
    since every comment is a prefix of the page from its split point on."""
    befores = ruby_split(b"." + content, first)
    comments = []
    position = len(befores[0]) - 1 if befores else 0  # less the "." put in front
    carry = False
    for before in befores[1:]:
        outside = (first if carry else b"") + before
        end = outside.find(last)  # what `split: last | first` keeps (also for "" and only-`last`)
        comment = (b"" if carry else first) + (outside if end == -1 else outside[:end])
        if end != -1:
            comment += last
        carry = end == -1
        comments.append((position, comment))
        position += len(first) + len(before)
    return comments


def _cut_in_place(content: bytes, first: bytes, comments: list[tuple[int, bytes]]) -> bytes | None:
    """`content` without the comments at their split points, or None when `remove_first`
    might find one of them earlier. Removing comments 1..i-1 in place leaves the kept text
    before split point i followed by the untouched rest, which starts with comment i; every
    comment starts with the opening marker (else None), so an earlier occurrence needs that
    marker inside the kept text, or across its end into the marker at the split point."""
    kept: list[bytes] = []
    ends: list[int] = []  # where each comment was, in the result
    done = length = 0
    for position, comment in comments:
        if not comment.startswith(first):
            return None
        kept.append(content[done:position])
        length += position - done
        ends.append(length)
        done = position + len(comment)
    kept.append(content[done:])
    result = b"".join(kept)
    if not ends:
        return result
    found = result.find(first)
    if found != -1 and found + len(first) <= ends[-1]:
        return None
    tail = first[:-1]
    for end in ends:
        if first in result[max(0, end - len(tail)):end] + tail:
            return None
    return result


def _collapse(content: bytes, blanklines: bool) -> tuple[bytes, bool]:
    """The layout's `<pre` loop: text outside `<pre>…</pre>` has its whitespace runs made one
    space (or, with `blanklines`, loses its blank lines only); for a piece with several
    `</pre>`, only the first and the last part survive, as in the Liquid. Also says whether
    a kept `<pre>…</pre>` holds two spaces in a row (outside them, `_squash` leaves none)."""
    out: list[bytes] = []
    pre_runs = False
    squash = _drop_blank_lines if blanklines else _squash
    for pre_before in ruby_split(content, b"<pre"):
        pres = ruby_split(pre_before, b"</pre>")
        has_end = b"</pre>" in pre_before
        if has_end:
            out.append(b"<pre" + (pres[0] if pres else b"") + b"</pre>")
            pre_runs = pre_runs or b"  " in out[-1]
        if pres and not (has_end and len(pres) == 1):
            out.append(squash(pres[-1]))
    return b"".join(out), pre_runs


_TO_SPACE = bytes.maketrans(b"\t\n\v\f\r", b"     ")
_SPACES = re.compile(b"  +")


def _squash(text: bytes) -> bytes:
    """`split: " " | join: " "`: Ruby's whitespace split drops leading and trailing ASCII
    whitespace and splits on runs of it, so the result has every run made one space. Done
    as translate + strip + one substitution (faster than splitting into words and joining)."""
    return _SPACES.sub(b" ", text.translate(_TO_SPACE).strip(b" "))


_BLANK_LINE = re.compile(rb"\n[ \t\v\f\r]*(?=\n)")  # a blank line that is not the last
_BLANK_FIRST_LINE = re.compile(rb"\A[ \t\v\f\r]+(?=\n)")


def _drop_blank_lines(text: bytes) -> bytes:
    """The `blanklines` loop: split on newlines (trailing empty lines dropped), keep the lines
    that are not blank and the last one, each after a newline except the first line. A blank
    first line leaves that newline behind; blank later lines go with their newline."""
    return _BLANK_FIRST_LINE.sub(b"", _BLANK_LINE.sub(b"", text.rstrip(b"\n")))
