"""The native compress.html (compress_html.py) must give the Liquid layout's exact bytes.

Each case builds a small site whose pages use the real v3.0.2 layout (taken from an
academicpages site in ../shared) with real Jekyll (the oracle) and with jekyllpy's native
path, and compares the trees byte for byte.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import jekyllpy
from jekyllpy.compress_html import ALL_CLIPPINGS, ALL_ENDINGS
from tests.jekyll import SITES, jekyll_build, requires_jekyll, tree_files

LAYOUT = SITES / "leigao" / "_layouts" / "compress.html"

PAGES = {
    "plain.html": "<html>\n  <head>  <title> T </title> </head>\n<body>\n\n  <p>one   two</p>\n\n\n  <li>x</li>\n</body></html>",
    "comments.html": "<div><!-- a --> b <!-- c\n d --> e <!-- unclosed <p>tail</p></div>",
    "nested.html": "<!-- x <!-- y --> z --> <p>after</p><!---->",
    "pre.html": "<div>\n  <pre>  keep\n   this  </pre>\n  <p> a  b </p><pre class='x'>\n\n two </pre> end\n</div>",
    "pre-unclosed.html": "<p> x </p><pre> open\n  only",
    "blank-lines.html": "\n\n<p>a</p>\n   \n\t\n<p>b</p>\n",
    "empty.html": "",
    "tabs.html": "<ul>\t<li>a</li>\t\n<li>b</li> </ul>  <h1> Title </h1>",
    # removals that join new tags and comments; runs of spaces beside tags inside <pre>
    "joins.html": "<p>a</</p>li>b</p> <!<!--a-->-- b -->X<!-- b --> <</p>p> tail",
    "pre-runs.html": "<pre>  <p>  x  </p>   <link>  <colgroup>   </pre>  <thead> a</pre>b</pre>c  </pre> d",
    "unicode.html": "<p>\u00a0caf\u00e9\u00a0 </p>\u2028 <li>\U0001f600</li>",
}

SETTINGS = [
    "compress_html:\n  clippings: all\n  ignore:\n    envs: development\n",
    "compress_html:\n  clippings: all\n  comments: all\n  endings: all\n  startings: [html, head, body]\n  blanklines: false\n",
    "compress_html:\n  clippings: [div, p]\n  comments: [\"<!--\", \"-->\"]\n  blanklines: true\n",
    "compress_html:\n  ignore:\n    envs: [production]\n",
    "",
]


@requires_jekyll
@pytest.mark.skipif(not LAYOUT.exists(), reason="../shared/sites/leigao (source of compress.html) is absent")
@pytest.mark.parametrize("config", SETTINGS, ids=[f"settings{i}" for i in range(len(SETTINGS))])
def test_native_compress_matches_liquid(tmp_path: Path, monkeypatch, config: str):
    monkeypatch.setenv("JEKYLL_ENV", "production")
    src = tmp_path / "src"
    (src / "_layouts").mkdir(parents=True)
    shutil.copy(LAYOUT, src / "_layouts" / "compress.html")
    (src / "_config.yml").write_text(config)
    for name, body in PAGES.items():
        (src / name).write_text("---\nlayout: compress\n---\n" + body)
    native = jekyllpy.build(src, tmp_path / "native")
    assert all(layout.is_compress for layout in native.layouts.values())
    ours, ref = tree_files(tmp_path / "native"), tree_files(jekyll_build(src))
    assert ours == ref
    assert any(b"<p" in body for body in ours.values())


def test_only_the_exact_layout_is_replaced():
    from jekyllpy.compress_html import is_compress_layout

    assert not is_compress_layout("{{ content }}")
    if LAYOUT.exists():
        text = LAYOUT.read_text().split("---\n", 2)[2].lstrip("\n")
        assert is_compress_layout(text)
        assert not is_compress_layout(text + " ")


WHITESPACE = " \t\n\v\f\r"


def _ruby_split(text: str, sep: str) -> list[str]:
    """Ruby String#split with a string pattern, written independently of the module."""
    if sep == " ":  # awk mode: ASCII whitespace runs, no empty fields at all
        return [field for field in re.split(f"[{WHITESPACE}]+", text) if field]
    parts = text.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def _sequential_clippings(content: str, clippings: list[str]) -> str:
    """The layout's clipping passes as written: three whole-page replaces per element, with
    the edges made by `replace: "e", _element | split: ";"`."""
    for element in clippings:
        edges = _ruby_split(" <e;<e; </e>;</e>;</e> ;</e>".replace("e", element), ";")
        edges += [""] * (6 - len(edges))
        content = content.replace(edges[0], edges[1]).replace(edges[2], edges[3]).replace(edges[4], edges[5])
    return content


def _reference_compress(content: str, c: dict, environment: str) -> str:
    """The layout's Liquid transcribed step by step (slow, obviously the same), the oracle
    for the native path on random pages and settings."""
    envs = (c.get("ignore") or {}).get("envs")
    if envs is not None and environment in envs:
        return content + "\n"
    endings = ALL_ENDINGS if c.get("endings") == "all" else c.get("endings") or []
    for element in endings:
        content = content.replace(f"</{element}>", "")
    for element in c.get("startings") or []:
        content = content.replace(f"<{element}>", "")
    comments = ["<!--", "-->"] if c.get("comments") == "all" else c.get("comments") or []
    if len(comments) == 2:
        first, last = comments
        carry = False
        for before in _ruby_split("." + content, first)[1:]:
            outside = (first if carry else "") + before
            comment = ("" if carry else first) + (_ruby_split(outside, last) or [""])[0]
            if last in outside:
                comment, carry = comment + last, False
            else:
                carry = True
            content = content.replace(comment, "", 1)
    blanklines = c.get("blanklines") is not None and c.get("blanklines") is not False  # 0 is true
    collapsed = ""
    for pre_before in _ruby_split(content, "<pre"):
        pres = _ruby_split(pre_before, "</pre>")
        after = ""
        if pres and blanklines:
            lines = _ruby_split(pres[-1], "\n")
            for i, line in enumerate(lines):
                if " ".join(_ruby_split(line, " ")) != "" or i == len(lines) - 1:
                    after += ("" if i == 0 else "\n") + line
        elif pres:
            after = " ".join(_ruby_split(pres[-1], " "))
        if "</pre>" in pre_before:
            collapsed += "<pre" + (pres[0] if pres else "") + "</pre>"
        if not ("</pre>" in pre_before and len(pres) == 1):
            collapsed += after
    clippings = ALL_CLIPPINGS if c.get("clippings") == "all" else c.get("clippings") or []
    return _sequential_clippings(collapsed, clippings) + "\n"


# Fragments where the steps interact: prefix names (col/colgroup, li/link, th/thead,
# head/header), runs of every ASCII whitespace, `<pre` pieces with several or no `</pre>`,
# comments nested, unclosed or formed by a removal, non-ASCII text and no-break spaces.
FRAGMENTS = ["<p>", "</p>", "<pre>", "</pre>", "<pre", "<col>", "<colgroup>", "</colgroup>", "</col>",
             "<header>", "</head>", "<head>", "<li>", "<link>", "</li>", "<thead>", "</th>", "<html>",
             "</html>", "<body>", "</td>", "<", ">", "</", "<!--", "-->", "<!", "--", "{#", "#}",
             " ", "  ", "   ", "\t", "\n", "\n\n", " \n ", "\r\n", "\v", "\f", "x", "é", "\u00a0",
             "\U0001f600", "<a>", "</a>", "</ p>", "</p >", "<div class='c'>", "</div>", "/", "p>", "li>"]
CLIPPING_LISTS = ["all", None, ["div", "p"], ["p", "p", "li"], ["col", "colgroup"], [""], [], ["th", "head"]]


def _settings_strategy():
    from hypothesis import strategies as st

    return st.fixed_dictionaries({}, optional={
        "endings": st.sampled_from(["all", None, ["p", "li"], ["p", "p"], []]),
        "startings": st.sampled_from([None, ["html", "head", "body"], ["p"], []]),
        "comments": st.sampled_from(["all", None, ["<!--", "-->"], ["{#", "#}"], ["--", "--"], ["<!--"],
                                     ["<!--", "-->", "x"]]),
        "clippings": st.sampled_from(CLIPPING_LISTS),
        "blanklines": st.sampled_from([True, False, None, 0]),
        "ignore": st.sampled_from([{}, {"envs": "development"}, {"envs": ["production"]}, {"envs": "prod"}]),
    })


def test_native_compress_equals_the_liquid_steps():
    """Random pages and every kind of setting: the native path (bytes, one regex for the
    clippings, C-speed whitespace collapse) must equal the plain transcription of the Liquid."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from jekyllpy.compress_html import compress

    @settings(max_examples=3000, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join), _settings_strategy())
    def check(page, config):
        assert compress(page, config, "production") == _reference_compress(page, config, "production")

    check()


def test_one_scan_clipping_equals_the_layouts_passes():
    """`_clip` does the passes with one regex for lone spaces and a count for longer runs;
    random pages made of the fragments where the passes interact (prefix names like
    col/colgroup, runs of spaces, tags without spaces, a list with repeats, names the regex
    does not take) must come out the same."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from jekyllpy.compress_html import ALL_CLIPPINGS, _clip

    fragments = ["<p>", "</p>", "<pre>", "</pre>", "<col>", "<colgroup>", "</colgroup>", "</col>",
                 "<header>", "</head>", "<head>", "<li>", "<link>", "</li>", "<thead>", "</th>",
                 "<", ">", "</", " ", "  ", "   ", "x", "\n", "<a>", "</a>", "</ p>", "</p >", "<a b>", "</a b>"]
    lists = st.sampled_from([ALL_CLIPPINGS, ["div", "p"], ["p", "p", "li"], ["col", "colgroup"], [""], [],
                             ["", "p", ""], ["a b", "p"], ["a>", "<p"], ["/p", "p"]])

    @settings(max_examples=3000, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(fragments), max_size=40).map("".join), lists)
    def check(page, clippings):
        assert _clip(page.encode(), clippings).decode() == _sequential_clippings(page, clippings)

    check()


def test_unusual_settings_are_left_to_the_liquid():
    """Settings whose Liquid meaning the native path does not reproduce return None, so the
    layout itself runs: a name with `;` (the layout splits its edges on it) or a backslash
    (Ruby's gsub reads it in the replacement), an empty comment marker (Ruby splits into
    characters), a profile (Liquid-true includes 0), values of other types."""
    from jekyllpy.compress_html import compress

    for config in ({"clippings": ["p;x"]}, {"clippings": ["a\\0"]}, {"comments": ["", "-->"]},
                   {"profile": 0}, {"profile": True}, {"clippings": "p"}, {"ignore": {"envs": {"a": 1}}}, []):
        assert compress("<p> x </p>", config, "production") is None, config
    assert compress("a  b", {"blanklines": 0}, "production") == "a  b\n"


def test_comments_cut_in_one_join_equal_the_remove_first_loop():
    """`_strip_comments` cuts all comments out at once when no `remove_first` could find one
    earlier; on pages dense in marker pieces (with self-overlapping markers such as `--`,
    and removals that join `<!` and `--` into a new marker) it must equal the plain loop,
    and both its paths must be taken."""
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    from jekyllpy.compress_html import _comments, _cut_in_place, _strip_comments

    markers = [(b"<!--", b"-->"), (b"--", b"--"), (b"aa", b"a"), (b"a", b"aa"), (b"ab", b"ba"), (b"<", b">")]
    fragments = ["<!--", "-->", "<!", "--", "-", "<", ">", "!", "a", "b", "<!-", " "]
    paths = {"cut": 0, "loop": 0}

    @settings(max_examples=3000, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(fragments), max_size=30).map("".join), st.sampled_from(markers))
    # removing "<!--a-->" joins "<!" and "-- b -->" into the second comment, found first
    @example("<!<!--a-->-- b -->X<!-- b -->", (b"<!--", b"-->"))
    def check(page, pair):
        first, last = pair
        content = page.encode()
        expected = content
        for _, comment in _comments(content, first, last):
            expected = expected.replace(comment, b"", 1)
        paths["cut" if _cut_in_place(content, first, _comments(content, first, last)) else "loop"] += 1
        assert _strip_comments(content, first, last) == expected
        # the reference for the comment strings themselves: the Liquid's split-based loop
        comments, carry = [], False
        for before in _ruby_split("." + page, first.decode())[1:]:
            outside = (first.decode() if carry else "") + before
            comment = ("" if carry else first.decode()) + (_ruby_split(outside, last.decode()) or [""])[0]
            comment, carry = (comment + last.decode(), False) if last.decode() in outside else (comment, True)
            comments.append(comment.encode())
        assert [c for _, c in _comments(content, first, last)] == comments

    check()
    assert paths["cut"] > 100 and paths["loop"] > 100, paths


def test_tags_removed_in_one_scan_equal_the_remove_passes():
    """`_remove_tags` removes all `endings`/`startings` tags in one scan unless the result
    still holds one (a removal may join `</` and `li>`); it must equal the passes in order,
    and both its paths must be taken."""
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    from jekyllpy.compress_html import _remove_tags, _tags_pattern

    fragments = ["<", "/", ">", "p", "li", "</p>", "</li>", "<p>", "<li>", "</", "x", "</>", "<>", " "]
    lists = [tuple(f"</{e}>" for e in ALL_ENDINGS), ("</li>", "</p>"), ("</p>", "</li>"), ("</>", "</p>"),
             ("<p>", "<li>", "<p>"), ("<>",), ("</a>b>", "</p>"), ("<//p>", "</p>")]
    paths = {"scan": 0, "passes": 0}

    @settings(max_examples=3000, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(fragments), max_size=30).map("".join), st.sampled_from(lists))
    @example("</</p>li>", ("</p>", "</li>"))  # the joined "</li>" goes in a later pass
    @example("</</li>p>", ("</p>", "</li>"))  # ... but not in an earlier one
    @example("<<p>p>", ("<p>",))  # nor in the same one
    def check(page, tags):
        expected = page
        for tag in tags:
            expected = expected.replace(tag, "")
        pattern = _tags_pattern(tags)
        one_scan = pattern is not None and not pattern.search(pattern.sub(b"", page.encode()))
        paths["scan" if one_scan else "passes"] += 1
        assert _remove_tags(page.encode(), tags).decode() == expected

    check()
    assert paths["scan"] > 100 and paths["passes"] > 100, paths
