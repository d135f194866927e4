"""jekyll-seo-tag 2.8: `{% seo %}` on pages, posts and paginated pages, compared with Jekyll.

Two fixture sites: `seo` sets every site option the tag reads (title, tagline, description,
url + baseurl, author from `_data/authors.yml`, logo, social, twitter/facebook hashes, all
webmaster verifications) and pages exercise `seo:` overrides, `image` forms, `canonical_url`,
`title=false`, `locale`/`lang`, Organization/Person/invalid author types; `seo_minimal` has
no url, a plain-string `twitter`, `name` instead of `title`, `google_site_verification` and a
custom `seo_paginator_message`.
"""
from __future__ import annotations

import json
import re

from tests.jekyll import diff_trees, requires_jekyll
from tests.test_plugins_util import build_pair


def _json_ld(html: str) -> dict:
    m = re.search(r'<script type="application/ld\+json">\n(.*?)</script>', html, re.S)
    assert m, html
    return json.loads(m.group(1))


@requires_jekyll
def test_seo_fixture_matches_jekyll(tmp_path):
    ref, out = build_pair("seo", tmp_path)
    assert diff_trees(ref, out) == []
    post = (out / "2021/01/01/first-post.html").read_text()
    # titles and descriptions go through markdownify | strip_html | normalize_whitespace | escape_once
    assert "<title>It’s the first – post… | Seo Fixture &amp; Co</title>" in post
    assert ('<meta name="description" content="The excerpt of the first post, with a link &amp; html." />'
            in post)
    assert '<meta property="article:published_time" content="2021-01-01T00:00:00+00:00" />' in post
    assert '<meta name="twitter:creator" content="@ada" />' in post  # site author, from _data/authors
    data = _json_ld(post)
    assert data["@type"] == "BlogPosting"
    assert data["author"] == {"@type": "Person", "name": "Ada Lovelace", "url": "https://ada.example/"}
    assert data["publisher"]["logo"]["url"] == "https://seo.example.com/base/assets/logo%20v2.png"
    assert list(data) == sorted(data)
    home = (out / "index.html").read_text()
    assert "<title>Seo Fixture &amp; Co | A “tagline”</title>" in home
    assert _json_ld(home)["sameAs"] == ["https://twitter.com/seosite", "https://github.com/seosite"]
    assert '<link rel="next" href="https://seo.example.com/base/page2/" />' in home
    page2 = (out / "page2/index.html").read_text()
    assert "<title>Page 2 of 3 for Seo Fixture &amp; Co | A “tagline”</title>" in page2
    assert '<link rel="prev" href="https://seo.example.com/base/" />' in page2
    seo = (out / "seo.html").read_text()
    image = _json_ld(seo)["image"]
    assert list(image) == ["height", "width", "alt", "url", "@type"]
    assert "author" not in _json_ld(seo)  # type: Thing is not a valid author type
    canonical = (out / "canonical.html").read_text()
    assert "<title>own</title><!-- Begin Jekyll SEO tag v2.8.0 -->\n<meta name=\"generator\"" in canonical
    assert '<link rel="canonical" href="https://elsewhere.example/x y" />' in canonical


@requires_jekyll
def test_seo_minimal_site_matches_jekyll(tmp_path):
    ref, out = build_pair("seo_minimal", tmp_path)
    assert diff_trees(ref, out) == []
    post = (out / "2022/03/05/with-twitter.html").read_text()
    assert '<meta name="twitter:site" content="@" />' in post  # `twitter: plainhandle` has no username
    assert '<meta name="google-site-verification" content="gsv-123" />' in post
    assert '<link rel="canonical"' not in post  # no site.url
    assert "<title>[2/3] Minimal Site</title>" in (out / "page2/index.html").read_text()
    nothing = (out / "2022/03/06/nothing.html").read_text()
    assert "<title>Minimal Site</title>" in nothing  # title: "" falls back to the site title
