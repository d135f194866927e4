"""Highlighting (Pygments written as Rouge's HTML) against real Jekyll: fenced blocks with a
language, without one and with an unknown one; `{% highlight %}` with and without linenos."""
from __future__ import annotations

from pathlib import Path

from jekyllpy.highlight import highlight_html, kramdown_block
from tests.jekyll import diff_trees, jekyll_build, jekyllpy_build, requires_jekyll

FIXTURE = Path(__file__).parent / "fixtures" / "highlight_baseline"


@requires_jekyll
def test_code_blocks_match_jekyll(tmp_path: Path):
    ref = jekyll_build(FIXTURE)
    proc = jekyllpy_build(FIXTURE, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert diff_trees(ref, tmp_path / "out") == []


def test_rouge_markup_shape():
    assert highlight_html("x = 1\n", "nosuchlang") is None
    assert highlight_html("# c\nx\n", "python") == '<span class="c1"># c\n</span><span class="n">x</span>\n'
    assert kramdown_block("a < b", "nosuchlang") == '<pre><code class="language-nosuchlang">a &lt; b\n</code></pre>\n'
