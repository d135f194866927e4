"""The native compress.html (compress_html.py) must give the Liquid layout's exact bytes.

Each case builds a small site whose pages use the real v3.0.2 layout (taken from an
academicpages site in ../shared) with real Jekyll (the oracle) and with jekyllpy's native
path, and compares the trees byte for byte.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import jekyllpy
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


def _sequential_clippings(content: str, clippings: list[str]) -> str:
    """The layout's clipping passes as written: three whole-page replaces per element."""
    for element in clippings:
        content = content.replace(f" <{element}", f"<{element}")
        content = content.replace(f"</{element}> ", f"</{element}>")
        content = content.replace(f" </{element}>", f"</{element}>")
    return content


def test_one_scan_clipping_equals_the_layouts_passes():
    """`_clip` replaces the passes with one scan; random pages made of the fragments where the
    passes interact (prefix names like col/colgroup, runs of spaces, tags without spaces,
    a list with repeats) must come out the same."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from jekyllpy.compress_html import ALL_CLIPPINGS, _clip

    fragments = ["<p>", "</p>", "<pre>", "</pre>", "<col>", "<colgroup>", "</colgroup>", "</col>",
                 "<header>", "</head>", "<head>", "<li>", "<link>", "</li>", "<thead>", "</th>",
                 "<", ">", "</", " ", "  ", "   ", "x", "\n", "<a>", "</a>", "</ p>", "</p >",
                 "<path>", "<param>", "<table>", "<tbody>", "<th>", "</thead>", "<div>", "</div>"]
    lists = st.sampled_from([ALL_CLIPPINGS, ["div", "p"], ["p", "p", "li"], ["col", "colgroup"], [""], []])

    @settings(max_examples=2000, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(fragments), max_size=40).map("".join), lists)
    def check(page, clippings):
        assert _clip(page, clippings) == _sequential_clippings(page, clippings)

    check()


def test_whitespace_squeeze_equals_liquid_split_and_join():
    """`_squeeze` is `text | split: " " | join: " "` (Ruby's awk-style split) in one regex."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from jekyllpy.compress_html import _squeeze, ruby_split

    @settings(max_examples=2000, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\xa0", "\u2003", "\0", "a", "bc"]),
                    max_size=30).map("".join))
    def check(text):
        assert _squeeze(text) == " ".join(ruby_split(text, " "))

    check()
