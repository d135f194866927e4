"""jekyll-feed: main feed, category, collection and tag feeds, authors, excerpts, feed_meta.

The fixture uses only HTML posts (no Markdown), so the whole output trees are compared.
"""
from __future__ import annotations

import re

from tests.jekyll import diff_trees, requires_jekyll
from tests.test_plugins_util import build_pair


@requires_jekyll
def test_feed_fixture_matches_jekyll(tmp_path):
    ref, out = build_pair("feed", tmp_path)
    assert diff_trees(ref, out) == []
    feed = (out / "feed.xml").read_text()
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">')
    assert "<updated>2025-12-31T19:00:00-05:00</updated>" in feed  # site.time in the site zone
    assert feed.count("<entry") == 4  # posts_limit
    assert "<title type=\"html\">Feed “fixture” &amp;amp; tests</title>" in feed
    for path in ("feed/news.xml", "feed/Misc.xml", "notes/atom.xml", "feed/notes/travel.xml",
                 "feed/by_tag/intro.xml"):
        assert (out / path).exists(), path
    assert not (out / "feed/by_tag/skip.xml").exists()        # tags.except
    assert not (out / "feed/by_tag/with-dash.xml").exists()   # only [A-Za-z0-9_] tags
    news = (out / "feed/news.xml").read_text()
    # authors[0] is looked up in _data/authors, and used as the name when absent there
    assert "<author><name>ghost</name></author>" in news
    by_tag = (out / "feed/by_tag/intro.xml").read_text()
    assert "<name>Ada L.</name><email>ada@example.com</email><uri>https://ada.example.com</uri>" in by_tag
    assert "<content" not in news  # excerpt_only
    home = (out / "index.html").read_text()
    assert re.search(r'<link type="application/atom\+xml" rel="alternate" href="https://feed.example.com/b/feed.xml" title="[^"]+" />', home)
