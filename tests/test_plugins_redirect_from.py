"""jekyll-redirect-from: stubs, redirect_to, baseurl/url handling, user layout, redirects.json.

The fixtures use only HTML pages (no Markdown), so the whole output trees are compared.
"""
from __future__ import annotations

import json

from tests.jekyll import diff_trees, requires_jekyll
from tests.test_plugins_util import build_pair

STUB_TARGET = "https://example.com//blog/about/"  # site.url "https://Example.com/" + baseurl


@requires_jekyll
def test_redirect_from_fixture_matches_jekyll(tmp_path):
    ref, out = build_pair("redirect_from", tmp_path)
    assert diff_trees(ref, out) == []
    # stub paths follow Page rules: no extension → .html, trailing slash → index.html
    for path in ("about-us.html", "about-me/index.html", "old/about.html", "legacy/about.php",
                 "first.html", "2020/second/index.html", "space in name/index.html",
                 "guide-old/index.html", "docs/guide-v1.html"):
        assert (out / path).exists(), path
    stub = (out / "about-us.html").read_text()
    assert f'<link rel="canonical" href="{STUB_TARGET}">' in stub
    assert f'<meta http-equiv="refresh" content="0; url={STUB_TARGET}">' in stub
    # redirect_to replaces the page itself; a list takes its first non-nil item
    assert "this text is replaced" not in (out / "moved.html").read_text()
    assert 'href="https://other.example.org/a%20b/"' in (out / "external.html").read_text()
    # documents of collections that are not written get no stubs
    assert not (out / "never-written").exists()
    redirects = json.loads((out / "redirects.json").read_text())
    assert list(redirects)[:2] == ["/first.html", "/2020/second/"]  # posts before pages
    assert redirects["/moved.html"] == STUB_TARGET


@requires_jekyll
def test_user_redirect_layout_and_json_disabled(tmp_path):
    ref, out = build_pair("redirect_layout", tmp_path)
    assert diff_trees(ref, out) == []
    assert not (out / "redirects.json").exists()
    text = (out / "p1.html").read_text()
    assert "<p>Moved to <a href=\"/page.html\">/page.html</a> from /p1 (from layout, false)</p>" in text
    assert "/elsewhere/" in (out / "jump.html").read_text()
