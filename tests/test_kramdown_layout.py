"""The Markdown baseline writes kramdown's layout: pages built by real Jekyll and by us match.

Covers what every academicpages page uses: headings with GFM ids (and duplicates), paragraphs
with soft breaks, emphasis, inline code, links, typographic symbols and smart quotes, tight
lists (nested), ordered lists, blockquotes, indented code, GFM tables with alignment, inline
HTML void tags, entities, rules and images — and kramdown's blank-line rules between blocks.
"""
from __future__ import annotations

from pathlib import Path

from tests.jekyll import diff_trees, jekyll_build, jekyllpy_build, requires_jekyll

FIXTURE = Path(__file__).parent / "fixtures" / "kramdown_layout"


@requires_jekyll
def test_kramdown_layout_matches_jekyll(tmp_path: Path):
    ref = jekyll_build(FIXTURE)
    proc = jekyllpy_build(FIXTURE, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert diff_trees(ref, tmp_path / "out") == []
    html = (tmp_path / "out" / "basics.html").read_text()
    assert '<h2 id="heading-ones-title-1">' in html  # duplicate ids are numbered


def test_convert_directly():
    from jekyllpy.markdown import MarkdownConverter

    out = MarkdownConverter({}).convert("It's \"x\" -- y\n\n* a\n* b\n")
    assert out == "<p>It’s “x” – y</p>\n\n<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"
