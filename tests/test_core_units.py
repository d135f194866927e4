"""Unit tests of the core's Jekyll rules: slugify, permalinks, defaults, entry filter."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from jekyllpy import permalinks
from jekyllpy.dates import parse_date
from jekyllpy.defaults import FrontMatterDefaults
from jekyllpy.errors import JekyllpyError
from jekyllpy.utils import deep_merge, ruby_fnmatch, safe_join, slugify, titleize_slug


@pytest.mark.parametrize(
    "text,mode,cased,expected",
    [
        ("Hello, World!", None, False, "hello-world"),
        ("The _config.yml file", "pretty", False, "the-_config.yml-file"),
        ("The _config.yml file", "ascii", False, "the-config-yml-file"),
        ("Café Crème", None, False, "café-crème"),
        ("Café Crème", "latin", False, "cafe-creme"),
        ("  spaced  out ", "raw", False, "spaced-out"),
        ("Keep Case", None, True, "Keep-Case"),
        ("as is!", "none", False, "as is!"),
        ("--dashes--", None, False, "dashes"),
        ("日本語 テキスト", None, False, "日本語-テキスト"),
    ],
)
def test_slugify_modes(text, mode, cased, expected):
    assert slugify(text, mode=mode, cased=cased) == expected


def test_slugify_none_is_none():
    assert slugify(None) is None


def test_titleize_slug():
    assert titleize_slug("blog-post-one") == "Blog Post One"


def test_deep_merge_keeps_old_value_over_nil_and_merges_nested():
    merged = deep_merge({"a": 1, "n": {"x": 1, "y": 2}}, {"a": None, "n": {"y": 3}, "b": 2})
    assert merged == {"a": 1, "n": {"x": 1, "y": 3}, "b": 2}


@pytest.mark.parametrize(
    "template,values,expected",
    [
        ("/:path/:basename:output_ext", {"path": "", "basename": "cv", "output_ext": ".html"}, "/cv.html"),
        ("/:path/:basename/", {"path": "/_pages", "basename": "about", "output_ext": ".html"}, "/_pages/about/"),
        ("/:path/", {"path": "/blog", "basename": "index", "output_ext": ".html"}, "/blog/"),
    ],
)
def test_page_urls_from_hash(template, values, expected):
    url = permalinks.generate(template, None, lambda t: permalinks.url_from_hash(t, values))
    assert url == expected


def test_permalink_wins_and_is_sanitised():
    url = permalinks.generate("/:path/:basename:output_ext", "/a/../b//c/", lambda t: t)
    assert url == "/a/b/c/"


def test_escape_path_encodes_spaces_and_hash():
    assert permalinks.escape_path("/a b/c#d") == "/a%20b/c%23d"
    assert permalinks.escape_path("/plain/path-1.html") == "/plain/path-1.html"


@pytest.mark.parametrize(
    "style,expected",
    [("pretty", "/:path/:basename/"), ("date", "/:path/:basename:output_ext"),
     ("/:categories/:title/", "/:path/:basename/"), ("/:title:output_ext", "/:path/:basename:output_ext")],
)
def test_add_permalink_suffix(style, expected):
    assert permalinks.add_permalink_suffix("/:path/:basename", style) == expected


def test_url_from_drop_unknown_placeholder_is_located_error():
    with pytest.raises(JekyllpyError) as info:
        permalinks.url_from_drop("/:nope/", lambda k: None, lambda k: False, "_posts/x.md")
    assert "doesn't have nope keys" in str(info.value)
    assert str(info.value).startswith("_posts/x.md")


def test_safe_join_never_escapes(tmp_path: Path):
    assert safe_join(tmp_path, "../../etc/passwd") == tmp_path / "etc" / "passwd"
    assert safe_join(tmp_path, "/abs/file") == tmp_path / "abs" / "file"
    assert safe_join(tmp_path, "a\\..\\..\\b") == tmp_path / "b"
    with pytest.raises(JekyllpyError):
        safe_join(tmp_path, "bad\x00name")


def test_ruby_fnmatch_star_crosses_slashes():
    assert ruby_fnmatch("/src/*.sublime-project", "/src/x.sublime-project")
    assert ruby_fnmatch("/src/vendor*", "/src/vendor/bundle/x")
    assert not ruby_fnmatch("/src/a?c", "/src/abbc")


def test_parse_date_forms():
    zone = timezone(timedelta(hours=-8))
    assert parse_date("2015-08-14 10:30:00 -0700", zone) == datetime(2015, 8, 14, 9, 30, tzinfo=zone)
    assert parse_date("2012-03-01", zone) == datetime(2012, 3, 1, tzinfo=zone)
    with pytest.raises(JekyllpyError):
        parse_date("not a date", zone, path="_posts/x.md")


def test_front_matter_defaults_precedence(tmp_path: Path):
    config = {"defaults": [
        {"scope": {"path": ""}, "values": {"layout": "default", "author": "all"}},
        {"scope": {"path": "", "type": "posts"}, "values": {"layout": "single"}},
        {"scope": {"path": "_posts/special"}, "values": {"layout": "special"}},
    ]}
    fmd = FrontMatterDefaults(config, tmp_path)
    assert fmd.all("about.md", "pages") == {"layout": "default", "author": "all"}
    assert fmd.all("_posts/2020-01-01-x.md", "posts") == {"layout": "single", "author": "all"}
    assert fmd.all("_posts/special/2020-01-01-x.md", "posts")["layout"] == "special"


def test_front_matter_defaults_glob(tmp_path: Path):
    (tmp_path / "docs" / "a").mkdir(parents=True)
    (tmp_path / "docs" / "b").mkdir(parents=True)
    config = {"defaults": [{"scope": {"path": "docs/*"}, "values": {"x": 1}}]}
    fmd = FrontMatterDefaults(config, tmp_path)
    assert fmd.all("docs/a/page.md", "pages") == {"x": 1}
    assert fmd.all("other/page.md", "pages") == {}


def test_empty_front_matter_excerpt_is_kept(tmp_path):
    """Jekyll's `data["excerpt"] ||= Excerpt.new(self)` keeps `excerpt: ''` (only nil/false
    are replaced), and an empty string is truthy in Liquid: archives print an empty excerpt
    (wjmoss's research pages)."""
    import jekyllpy

    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n")
    (src / "_posts" / "2020-01-01-a.md").write_text("---\nexcerpt: ''\n---\nFirst paragraph.\n\nSecond.\n")
    (src / "_posts" / "2020-01-02-b.md").write_text("---\nexcerpt_separator: false\n---\nOnly.\n\nMore.\n")
    (src / "index.html").write_text(
        "---\n---\n{% for p in site.posts %}{% if p.excerpt %}[{{ p.excerpt | strip }}]{% endif %}{% endfor %}\n")
    jekyllpy.build(src, tmp_path / "out", jobs=1)
    assert (tmp_path / "out" / "index.html").read_text() == "[<p>Only.</p>][]\n"


def test_writer_replaces_a_file_where_a_folder_goes_and_the_reverse(tmp_path):
    """The writer remembers the folders it made (no system calls for them); a later output
    still replaces a file standing where its folder must go, and a folder where it goes."""
    from jekyllpy.writer import _write_item

    class Out:
        def __init__(self, rel, text):
            self.rel, self.output = rel, text

        def destination(self, root):
            return root / self.rel

    root = tmp_path / "out"
    root.mkdir()
    made = {str(root)}
    for rel, text in [("a/b/c.html", "1"), ("a/b", "file over folder"), ("a/b/d.html", "folder over file"),
                      ("x", "file"), ("x/y.html", "2"), ("a/e.html", "3")]:
        _write_item(None, Out(rel, text), root, made)
    files = {str(p.relative_to(root)): p.read_text() for p in root.rglob("*") if p.is_file()}
    assert files == {"a/b/d.html": "folder over file", "x/y.html": "2", "a/e.html": "3"}
