"""jekyll-sitemap: sitemap.xml (documents, html pages, static files, exclusions) and robots.txt.

Only the plugin's outputs are compared: the fixture's pages are Markdown, whose converter is
still being written (the other files may differ until it lands).
"""
from __future__ import annotations

from tests.jekyll import requires_jekyll
from tests.test_plugins_util import build_pair, module_missing

import pytest


@requires_jekyll
@pytest.mark.skipif(module_missing("jekyllpy.markdown", "MarkdownConverter") is not None,
                    reason=str(module_missing("jekyllpy.markdown", "MarkdownConverter")))
def test_sitemap_fixture_matches_jekyll(tmp_path):
    ref, out = build_pair("sitemap", tmp_path)
    for name in ("sitemap.xml", "robots.txt"):
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://example.org/site/about%20me/</loc>\n<lastmod>2021-05-06T07:08:09+02:00</lastmod>" in sitemap
    assert "secret" not in sitemap and "404" not in sitemap and "nositemap" not in sitemap
    assert "/hidden/" not in sitemap and "private" not in sitemap and "style.css" not in sitemap
    assert "<loc>https://example.org/site/sub/</loc>\n</url>" in sitemap  # /index.html → /
    assert (out / "robots.txt").read_text() == "Sitemap: https://example.org/site/sitemap.xml\n"
