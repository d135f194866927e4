"""The disk cache (.jekyll-cache/jekyllpy, issue #9): a cached rebuild gives the same bytes as
cold serial and parallel builds, really skips conversions, and `disable_disk_cache` writes
nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

import jekyllpy
from jekyllpy import parallel
from jekyllpy.markdown import MarkdownConverter
from tests.jekyll import tree_files


def make_site(root: Path, posts: int = 30) -> Path:
    (root / "_layouts").mkdir(parents=True)
    (root / "_posts").mkdir()
    (root / "_config.yml").write_text("title: C\nkramdown:\n  input: GFM\n")
    (root / "_layouts" / "default.html").write_text(
        "<html>{{ page.title }}|{{ content }}|{{ page.excerpt | strip_html | number_of_words }}</html>\n")
    for i in range(posts):
        (root / "_posts" / f"2020-02-{i % 28 + 1:02d}-post-{i}.md").write_text(
            f"---\nlayout: default\ntitle: Post {i}\n---\nIntro *{i}* -- \"quoted\"\n\n"
            f"## Part {i}\n\n```python\nx = {i}\n```\n\n| a | b |\n|---|---|\n| {i} | y |\n")
    (root / "index.md").write_text(
        "---\nlayout: default\n---\n{% for p in site.posts %}* [{{ p.title }}]({{ p.url }})\n{% endfor %}\n")
    return root


def count_parses(monkeypatch) -> list:
    calls: list = []
    real = MarkdownConverter.parse

    def spy(self, text):
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(MarkdownConverter, "parse", spy)
    return calls


def test_cached_rebuild_identical_to_serial_and_parallel(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 5)
    src = make_site(tmp_path / "src")
    jekyllpy.build(src, tmp_path / "serial", jobs=1, disable_disk_cache=True)
    assert not (src / ".jekyll-cache").exists()
    jekyllpy.build(src, tmp_path / "parallel", jobs=2)
    cache_files = list((src / ".jekyll-cache" / "jekyllpy" / "markdown").glob("*.marshal"))
    assert len(cache_files) >= 2, "the parent and the worker each keep what they converted"
    calls = count_parses(monkeypatch)
    jekyllpy.build(src, tmp_path / "cached", jobs=1)
    assert calls == [], "every conversion came from the cache"
    serial = tree_files(tmp_path / "serial")
    assert "Part 3" in serial["2020/02/04/post-3.html"].decode()
    for other in ("parallel", "cached"):
        assert tree_files(tmp_path / other) == serial, other


def test_changed_text_or_options_miss_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = make_site(tmp_path / "src", posts=3)
    jekyllpy.build(src, tmp_path / "a", jobs=1)
    post = src / "_posts" / "2020-02-01-post-0.md"
    post.write_text(post.read_text().replace("Intro", "Changed"))
    calls = count_parses(monkeypatch)
    jekyllpy.build(src, tmp_path / "b", jobs=1)
    assert len(calls) == 2 and all("Changed" in c for c in calls)  # the body and its excerpt
    assert "Changed <em>0</em> – “quoted”" in (tmp_path / "b" / "2020/02/01/post-0.html").read_text()
    # other kramdown options: a different cache key, so everything converts again
    (src / "_config.yml").write_text("title: C\nkramdown:\n  input: GFM\n  smart_quotes: apos,apos,quot,quot\n")
    calls.clear()
    jekyllpy.build(src, tmp_path / "c", jobs=1)
    assert len(calls) >= 7
    assert "Changed <em>0</em> – \"quoted\"" in (tmp_path / "c" / "2020/02/01/post-0.html").read_text()


@pytest.mark.parametrize("garbage", [b"", b"not marshal", b"\x00" * 10])
def test_unreadable_cache_files_are_ignored(tmp_path, monkeypatch, garbage):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = make_site(tmp_path / "src", posts=2)
    folder = src / ".jekyll-cache" / "jekyllpy" / "markdown"
    folder.mkdir(parents=True)
    (folder / "99999999999999999999-1.marshal").write_bytes(garbage)
    jekyllpy.build(src, tmp_path / "out", jobs=1)
    assert "<h2 id=\"part-1\">Part 1</h2>" in (tmp_path / "out" / "2020/02/02/post-1.html").read_text()


def test_sass_is_compiled_once_and_again_after_a_partial_changes(tmp_path, monkeypatch):
    import os

    from jekyllpy import sass as sass_module

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = tmp_path / "src"
    (src / "_sass").mkdir(parents=True)
    (src / "css").mkdir()
    (src / "_config.yml").write_text("title: S\n")
    (src / "_sass" / "_colors.scss").write_text("$fg: #123456;\n")
    (src / "css" / "main.scss").write_text("---\n---\n@import \"colors\";\nbody { color: $fg; }\n")
    compiles: list = []
    real = sass_module.libsass.compile

    def spy(**kwargs):
        compiles.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(sass_module.libsass, "compile", spy)
    jekyllpy.build(src, tmp_path / "a", jobs=1)
    jekyllpy.build(src, tmp_path / "b", jobs=1)
    assert len(compiles) == 1
    assert (tmp_path / "b" / "css" / "main.css").read_text() == (tmp_path / "a" / "css" / "main.css").read_text()
    partial = src / "_sass" / "_colors.scss"
    partial.write_text("$fg: #abcdef;\n")
    os.utime(partial, ns=(1, 1))  # a different mtime even on coarse clocks
    jekyllpy.build(src, tmp_path / "c", jobs=1)
    assert len(compiles) == 2
    assert "#abcdef" in (tmp_path / "c" / "css" / "main.css").read_text()
