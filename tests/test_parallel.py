"""Parallel rendering must give exactly the serial build's bytes (issue #9).

The synthetic site is made to stress what parallel rendering gets wrong if done naively:
documents and pages that print other items' `content` (converted when earlier in Jekyll's
order, raw when later), a page that lists every post's content, and excerpts.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import jekyllpy
from jekyllpy import parallel
from tests.jekyll import tree_files


def make_site(root: Path, posts: int = 40) -> Path:
    (root / "_layouts").mkdir(parents=True)
    (root / "_posts").mkdir()
    (root / "_config.yml").write_text("title: P\nexcerpt_separator: <!--more-->\n")
    (root / "_layouts" / "default.html").write_text(
        "<html>{{ page.title }}|{{ content }}|prev={{ page.previous.content | size }}"
        "|next={{ page.next.content | size }}|{{ site.posts.first.output | size }}</html>\n")
    for i in range(posts):
        (root / "_posts" / f"2020-01-{i % 28 + 1:02d}-post-{i}.html").write_text(
            f"---\nlayout: default\ntitle: Post {i}\n---\n<p>intro {i}</p><!--more--><p>{{{{ page.title }}}} body</p>\n")
    for i in range(posts):
        (root / f"page-{i}.html").write_text(
            "---\nlayout: default\n---\n"
            "{% for p in site.pages %}{{ p.content | size }},{% endfor %}"
            "{% for p in site.posts %}{{ p.excerpt | strip }};{% endfor %}\n")
    return root


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_output_identical_to_serial(tmp_path, monkeypatch, jobs):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 5)
    src = make_site(tmp_path / "src")
    jekyllpy.build(src, tmp_path / "serial", jobs=1)
    used = {}
    real = parallel._render_phase

    def spy(site, order, view, render_one, n, start, stop):
        used[start] = min(n, max(1, (stop - start) // parallel.MIN_ITEMS_PER_WORKER))
        return real(site, order, view, render_one, n, start, stop)

    monkeypatch.setattr(parallel, "_render_phase", spy)
    jekyllpy.build(src, tmp_path / "parallel", jobs=jobs)
    assert max(used.values()) == jobs, "the build really forked workers"
    serial, par = tree_files(tmp_path / "serial"), tree_files(tmp_path / "parallel")
    assert serial.keys() == par.keys()
    different = [name for name in serial if serial[name] != par[name]]
    assert different == []
    # the stress is real: pages see earlier pages converted and later ones raw
    page = (tmp_path / "serial" / "page-5.html").read_text()
    assert "intro 0" in page


def test_worker_error_is_reported_like_serial(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 5)
    src = make_site(tmp_path / "src", posts=20)
    (src / "page-17.html").write_text("---\n---\n{% if %}\n")
    with pytest.raises(jekyllpy.JekyllpyError) as info:
        jekyllpy.build(src, tmp_path / "out", jobs=2)
    assert "page-17.html" in str(info.value)
    assert not (tmp_path / "out").exists()
