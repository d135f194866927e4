"""The library as a library user meets it: load a real site, inspect it, render, build."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

import jekyllpy
from tests.jekyll import FROZEN_ENV, SITES, requires_stages, requires_shared_sites

LEIGAO = SITES / "leigao"




@pytest.fixture()
def frozen_env(monkeypatch):
    for key, value in FROZEN_ENV.items():
        monkeypatch.setenv(key, value)


@requires_shared_sites
def test_list_collection_documents_with_titles_dates_urls(frozen_env):
    site = jekyllpy.Site.from_path(LEIGAO)
    site.read()
    # leigao configures a publications collection but has no _publications folder yet
    assert site.collections["publications"].docs == []
    talks = site.collections["talks"].docs
    listing = [(doc.data["title"], doc.date.strftime("%Y-%m-%d"), doc.url) for doc in talks]
    assert ("Talk 1 on Relevant Topic in Your Field", "2012-03-01", "/talks/2012-03-01-talk-1") in listing
    assert len(listing) == 4
    # documents are sorted by date, as Jekyll sorts them
    assert [d for _, d, _ in listing] == sorted(d for _, d, _ in listing)
    # dates are in the site's time zone (America/Los_Angeles)
    assert talks[0].date.utcoffset().total_seconds() == -8 * 3600


@requires_shared_sites
@requires_stages("jekyllpy.markdown", "jekyllpy.sass")
def test_render_about_in_memory_matches_built_file(frozen_env, tmp_path: Path):
    built = jekyllpy.build(LEIGAO, tmp_path / "out")
    assert built.dest == (tmp_path / "out").resolve() or built.dest == tmp_path / "out"
    on_disk = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    site = jekyllpy.Site.from_path(LEIGAO)
    html = site.render_document("_pages/about.md")
    assert html == on_disk
    assert "<html" in html and "Lei Gao" in html


@requires_shared_sites
@requires_stages("jekyllpy.markdown", "jekyllpy.sass")
def test_build_into_temporary_folder_writes_expected_paths(frozen_env, tmp_path: Path):
    dest = tmp_path / "site"
    site = jekyllpy.build(LEIGAO, dest)
    assert (dest / "index.html").is_file()
    assert (dest / "cv" / "index.html").is_file()
    assert (dest / "images").is_dir()
    urls = {page.url for page in site.pages}
    assert "/" in urls and "/cv/" in urls
    assert site.data["navigation"]["main"], "data files are readable from Python"
    # nothing written into the source
    assert not (LEIGAO / "_site").exists()


def test_build_refuses_destination_containing_source(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.html").write_text("---\n---\nhi\n")
    with pytest.raises(jekyllpy.JekyllpyError):
        jekyllpy.build(src, tmp_path)
