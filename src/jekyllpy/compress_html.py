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
import re
from collections.abc import Mapping
from typing import Any

from jekyllpy import digests

# v3.0.2, as Jekyll reads it (the blank line after the front matter is not content)
KNOWN_SHA256 = {"fa28cb5072347e609bb99ff21555f564d11b8e36aba53b10422e4642cde19414"}

ALL_ENDINGS = "html head body li dt dd p rt rp optgroup option colgroup caption thead tbody tfoot tr td th".split(" ")
ALL_CLIPPINGS = ("html head title base link meta style body article section nav aside h1 h2 h3 h4 h5 h6 "
                 "hgroup header footer address p hr blockquote ol ul li dl dt dd figure figcaption main div "
                 "table caption colgroup col tbody thead tfoot tr td th").split(" ")
# Element names for which the clipping levels are exact (see `_Clipping`)
_PLAIN_NAME = re.compile(r"[^\s<>;]*")


def is_compress_layout(content: str) -> bool:
    return digests.sha256(content.encode("utf-8", "surrogateescape")).hexdigest() in KNOWN_SHA256


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

    Each step is a few C-speed passes (regex substitutions with constant replacements,
    translate, split, join) instead of the layout's dozens of whole-page passes, and works on
    the page's UTF-8 bytes: every separator the layout uses is ASCII or encoded the same way,
    substring search on UTF-8 is the same as on characters, and Ruby's whitespace is ASCII
    only, as in byte methods (str methods would also take no-break spaces for whitespace)."""
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
    return re.compile(_alternation({_encode(tag) for tag in tags}))


def _clip(content: bytes, clippings: list[str], long_runs: bool = True) -> bytes:
    """The layout's clipping passes: for each element `e` in order, replace `" <e"` by `"<e"`,
    `"</e> "` by `"</e>"` and `" </e>"` by `"</e>"` over the whole page — three passes per
    element, 129 with `clippings: all`. `long_runs=False` says the page has no two spaces in
    a row (true after the collapse outside `<pre>`): then only the first level is needed."""
    return _clipping(tuple(clippings)).apply(content, long_runs) if clippings else content


@functools.lru_cache(maxsize=16)
def _clipping(clippings: tuple[str, ...]) -> "_Clipping":
    return _Clipping(clippings)


class _Clipping:
    """The passes of one `clippings` list, prepared once per list.

    Each pass removes one space before or after a tag wherever one is, and leaves the
    tags alone, so the passes that apply to a run of spaces are known from its neighbours:
    `"</e>"` on its left (one pass per time `e` is listed), and on its right `"</e>"` or
    `"<"` followed by text starting with `e` (`" <col"` also matches `" <colgroup"`: two
    passes). A run loses one space per applicable pass while spaces remain, and which of
    its spaces go does not matter. So level k of the right side is one substitution
    removing the space before each tag that at least k passes apply to (when one is still
    there), and likewise on the left: `clippings: all` needs two levels on the right and
    one on the left instead of 129 passes. Each regex starts with two literal bytes
    (`" <"`, `"> "`), which the regex engine finds fast. After the whitespace collapse every
    run outside `<pre>` is one space, which level 1 already removes, so the other levels
    run only when longer runs may exist. Names with whitespace, `<`, `>` or `;` take the
    literal passes."""

    def __init__(self, clippings: tuple[str, ...]):
        self.clippings = clippings
        # what the layout does with these is not the three passes: left to the Liquid
        self.liquid_only = any(";" in element or "\\" in element for element in clippings)
        self.plain = all(_PLAIN_NAME.fullmatch(element) for element in clippings)
        self.level_one: list[tuple[re.Pattern[bytes], bytes]] = []  # (pattern, replacement)
        self.higher: list[tuple[re.Pattern[bytes], bytes]] = []
        if self.plain and clippings:
            counts: dict[bytes, int] = {}
            for element in map(_encode, clippings):
                counts[element] = counts.get(element, 0) + 1
            right, left = _right_levels(counts), _left_levels(counts)
            self.level_one = [(right[0], b"<"), (left[0], b">")]
            self.higher = [(pattern, b"<") for pattern in right[1:]] + [(pattern, b">") for pattern in left[1:]]

    def apply(self, content: bytes, long_runs: bool) -> bytes:
        if not self.plain:
            return _sequential_clip(content, self.clippings)
        for pattern, replacement in self.level_one + self.higher if long_runs else self.level_one:
            content = pattern.sub(replacement, content)
        return content


def _right_levels(counts: dict[bytes, int]) -> list[re.Pattern[bytes]]:
    """Level k: `" <"` where the text after `<` takes at least k passes — `" <e"` for each
    listed `e` it starts with, `" </e>"` for each listed `e` it closes."""
    weights: dict[bytes, int] = {}
    for element, n in counts.items():
        for start in (element, b"/" + element + b">"):
            weights[start] = weights.get(start, 0) + n
    passes = {start: sum(n for other, n in weights.items() if start.startswith(other)) for start in weights}
    levels = []
    for level in range(1, max(passes.values()) + 1):
        starts = {start for start, n in passes.items() if n >= level}
        shortest = {start for start in starts if not any(o != start and start.startswith(o) for o in starts)}
        levels.append(re.compile(b" <(?=" + _alternation(shortest) + b")"))
    return levels


def _left_levels(counts: dict[bytes, int]) -> list[re.Pattern[bytes]]:
    """Level k: `"> "` after `</e>` for an `e` listed at least k times. Look-behinds need a
    fixed width, so the names are grouped by length."""
    levels = []
    for level in range(1, max(counts.values()) + 1):
        by_length: dict[int, set[bytes]] = {}
        for element, n in counts.items():
            if n >= level:
                by_length.setdefault(len(element), set()).add(element)
        closed = b"|".join(b"(?<=</" + _alternation(group) + b"> )" for _, group in sorted(by_length.items()))
        levels.append(re.compile(b"> (?:" + closed + b")"))
    return levels


def _sequential_clip(content: bytes, clippings: tuple[str, ...]) -> bytes:
    """The clipping passes exactly as the layout writes them (for unusual element names)."""
    for element in map(_encode, clippings):
        content = content.replace(b" <" + element, b"<" + element)
        content = content.replace(b"</" + element + b"> ", b"</" + element + b">")
        content = content.replace(b" </" + element + b">", b"</" + element + b">")
    return content


def _alternation(names: set[bytes]) -> bytes:
    """A regex group matching exactly one of `names`, factored by common prefixes
    (`c(?:aption|ol(?:group)?)`): the engine then tries a few letters, not every name."""
    if names == {b""}:
        return b""
    branches: dict[bytes, set[bytes]] = {}
    for name in names:
        if name:
            branches.setdefault(name[:1], set()).add(name[1:])
    body = b"|".join(re.escape(head) + _alternation(tails) for head, tails in sorted(branches.items()))
    if len(branches) == 1 and b"" not in names:
        return body  # one way on: a plain run of letters
    return b"(?:" + body + (b")?" if b"" in names else b")")


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
