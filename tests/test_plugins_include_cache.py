"""jekyll-include-cache 0.2.1: `{% include_cached %}` renders once per (file, parameter values).

The fixture shows the plugin's sharing rules against real Jekyll: a page-dependent include
keeps the first renderer's text (the post renders before the pages), parameter names are not
part of the key (`a=1` and `b=1` share), `page=page` is keyed by the page itself.
"""
from __future__ import annotations

from tests.jekyll import diff_trees, requires_jekyll
from tests.test_plugins_util import build_pair


@requires_jekyll
def test_include_cached_fixture_matches_jekyll(tmp_path):
    ref, out = build_pair("include_cache", tmp_path)
    assert diff_trees(ref, out) == []
    a = (out / "a.html").read_text()
    b = (out / "b.html").read_text()
    # cached: the post rendered first, so its title sticks; plain include is per page
    assert "<h1>The post</h1>\n vs <h1>Page A</h1>" in a
    assert "<h1>The post</h1>\n vs <h1>Page B</h1>" in b
    # b=1 on page B reuses page A's a=1 text: parameter names are not in the key
    assert b.count("[1||]") == 1 and "[||1]" not in b
    assert "[||Page B]" in b and "[x|Page B|]" in b


def test_include_cached_is_cleared_between_builds(tmp_path):
    from jekyllpy.logger import Logger
    from jekyllpy.site import Site

    src = tmp_path / "src"
    (src / "_includes").mkdir(parents=True)
    (src / "_config.yml").write_text("plugins: [jekyll-include-cache]\n")
    (src / "_includes/x.html").write_text("one")
    (src / "index.html").write_text("---\n---\n{% include_cached x.html %}")
    site = Site.from_path(src, destination=str(tmp_path / "out"), logger=Logger("error"))
    site.process()
    assert (tmp_path / "out/index.html").read_text() == "one"
    (src / "_includes/x.html").write_text("two")
    site.process()
    assert (tmp_path / "out/index.html").read_text() == "two"


def test_parallel_build_keeps_the_serial_first_caller(tmp_path, monkeypatch):
    """Which page calls a page-dependent cached include first decides every later page's
    text; worker processes would each have a first caller, so the site renders serially."""
    import jekyllpy
    from jekyllpy import parallel

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 2)
    src = tmp_path / "src"
    (src / "_includes").mkdir(parents=True)
    (src / "_config.yml").write_text("plugins: [jekyll-include-cache]\n")
    (src / "_includes/t.html").write_text("<b>{{ page.title }}</b>")
    for i in range(12):
        (src / f"p{i:02d}.html").write_text(f"---\ntitle: Page {i}\n---\n{{% include_cached t.html %}}")
    jekyllpy.build(src, tmp_path / "parallel", jobs=2)
    texts = {p.name: p.read_text() for p in (tmp_path / "parallel").glob("p*.html")}
    assert len(texts) == 12 and set(texts.values()) == {"<b>Page 0</b>"}
