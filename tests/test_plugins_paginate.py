"""jekyll-paginate v1: 6 visible posts, 2 per page → /blog/, /blog/page2/, /blog/page3/.

Only HTML files, so the whole output trees are compared.
"""
from __future__ import annotations

from tests.jekyll import diff_trees, requires_jekyll
from tests.test_plugins_util import build_pair


@requires_jekyll
def test_paginate_fixture_matches_jekyll(tmp_path):
    ref, out = build_pair("paginate", tmp_path)
    assert diff_trees(ref, out) == []
    page2 = (out / "blog/page2/index.html").read_text()
    assert "page 2 of 3 (6 posts, 2 per page)" in page2
    assert "<li>Post 4 /2021/01/04/post-4.html</li>" in page2  # newest first, hidden skipped
    assert "prev=1 /blog/ next=3 /blog/page3" in page2
    assert not (out / "blog/page4").exists()
    assert (out / "index.html").read_text().strip() == "root index"  # only the deepest index.html
