"""Site-only includes rendered once per build (liquid/pure.py): same output as rendering each.

Each case builds a small site twice in-process — with the memo, and with it switched off —
and compares every output file; then checks which includes the analysis accepted, so a
test fails both when the memo changes output and when it stops applying.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from jekyllpy.site import Site

INCLUDES = {
    # assigns on both paths, from site only: the Minimal Mistakes `base_path`
    "base_path": "{% if site.url %}{% assign base_path = site.url | append: site.baseurl %}"
                 "{% else %}{% assign base_path = site.github.url %}{% endif %}",
    # loops over site data, reads a variable a nested include assigned
    "nav.html": "{% include base_path %}<ul>{% for link in site.data.nav %}{% if link.url contains 'http' %}"
                "{% assign domain = '' %}{% else %}{% assign domain = base_path %}{% endif %}"
                "<li>{{ domain }}{{ link.url }} {{ forloop.index }}</li>{% endfor %}</ul>",
    # assigns only when a site flag is on (off here): must leave the page's own `x` alone
    # (first rendered on a post, which has set `x` itself)
    "maybe.html": "{% if site.flag %}{% assign x = 'from include' %}{% endif %}[maybe]",
    # reads the page: never memoised
    "title.html": "<h1>{{ page.title }}</h1>",
    # reads a variable the caller set: never memoised
    "uses_caller.html": "({{ caller_value }})",
    # reads site.posts (their content changes while rendering): never memoised
    "posts.html": "{% for p in site.posts %}{{ p.title }};{% endfor %}",
}
LAYOUT = ("{% include nav.html %}{% include title.html %}{% assign caller_value = page.title %}"
          "{% include uses_caller.html %}{% if page.setx %}{% assign x = 'page' %}{% endif %}{% include maybe.html %}x={{ x }};{% include posts.html %}"
          "base={{ base_path }}|{{ content }}")


def make(root: Path) -> Path:
    src = root / "src"
    (src / "_includes").mkdir(parents=True)
    (src / "_layouts").mkdir()
    (src / "_data").mkdir()
    (src / "_posts").mkdir()
    (src / "_config.yml").write_text("url: https://example.org\nbaseurl: /b\n")
    (src / "_data" / "nav.yml").write_text("- url: /a/\n- url: https://x.org/\n")
    for name, text in INCLUDES.items():
        (src / "_includes" / name).write_text(text)
    (src / "_layouts" / "default.html").write_text(LAYOUT)
    for i in range(4):
        setx = "setx: true\n" if i % 2 else ""
        (src / f"p{i}.md").write_text(f"---\nlayout: default\ntitle: Page {i}\n{setx}---\nBody {i}\n")
        (src / "_posts" / f"2020-01-0{i + 1}-post{i}.md").write_text(f"---\nlayout: default\ntitle: Post {i}\nsetx: true\n---\nP{i}\n")
    return src


def build(src: Path, dest: Path, memo: bool, monkeypatch) -> dict[str, str]:
    import jekyllpy.liquid.tags as tags

    if not memo:
        monkeypatch.setattr(tags, "render_memoised", lambda *a: False)
    site = Site.from_path(src, destination=str(dest), jobs=1)
    site.process()
    monkeypatch.undo()
    return {str(p.relative_to(dest)): p.read_text() for p in dest.rglob("*.html")}


def test_memoised_includes_give_the_same_site(tmp_path, monkeypatch):
    src = make(tmp_path)
    with_memo = build(src, tmp_path / "a", True, monkeypatch)
    without = build(src, tmp_path / "b", False, monkeypatch)
    assert with_memo == without
    page1, page0 = with_memo["p1.html"], with_memo["p0.html"]
    assert "<li>https://example.org/b/a/ 1</li><li>https://x.org/ 2</li>" in page0
    assert "x=page;" in page1 and "x=;" in page0  # the include never assigned x
    assert "<h1>Page 0</h1>" in page0 and "<h1>Page 1</h1>" in page1 and "(Page 1)" in page1
    assert "base=https://example.org/b|" in page0


def test_which_includes_qualify(tmp_path):
    from jekyllpy.liquid.pure import analysis

    src = make(tmp_path)
    site = Site.from_path(src)
    site.read()
    pure = {name for name in INCLUDES if analysis(site.liquid.load_include(name, None), site.liquid) is not None}
    assert pure == {"base_path", "nav.html", "maybe.html"}


@pytest.mark.parametrize("text", [
    "{{ page.title }}",                         # the page
    "{{ include.x }}",                          # parameters
    "{{ x }}{% assign x = site.title %}",       # read before its own assign
    "{% for p in site.pages %}{% endfor %}",    # items whose content changes while rendering
    "{{ site.title | where: 'a', 'b' }}",       # a filter not known to be pure
    "{% for i in (1..3) limit: 1 %}{% endfor %}",
    "{% increment n %}",                        # counters
    "{% include title.html %}",                 # a nested include that is not pure
])
def test_not_pure(tmp_path, text):
    from jekyllpy.liquid.pure import analysis

    src = make(tmp_path)
    (src / "_includes" / "case.html").write_text(text)
    site = Site.from_path(src)
    site.read()
    assert analysis(site.liquid.load_include("case.html", None), site.liquid) is None
