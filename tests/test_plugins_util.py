"""Shared helpers for the plugin differential tests (and unit tests of the plugin helpers).

Every plugin fixture under tests/fixtures/plugins/<name>/ is built by real Jekyll 4.3
(Debian's packaged plugins, frozen clock) and by jekyllpy; the trees are compared file by file.
jekyllpy builds from a copy whose file mtimes are set to the frozen build time: the reference
runs under faketime, which makes every file's mtime read as that time (static files'
`<lastmod>` in sitemap.xml shows it).
"""
from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest

from jekyllpy.plugins._urls import absolute_url, normalize_url, relative_url, xml_escape
from tests.jekyll import FROZEN_ENV, jekyll_build, jekyllpy_build

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plugins"


def module_missing(name: str, attr: str | None = None) -> str | None:
    """A reason to skip when a core module another engineer is writing has not landed."""
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        return f"{name} not available yet ({exc})"
    if attr is not None and not hasattr(module, attr):
        return f"{name}.{attr} not available yet"
    return None


def build_pair(name: str, tmp_path: Path, *args: str) -> tuple[Path, Path]:
    """Build fixture `name` with Jekyll (always `--quiet`) and jekyllpy (with `args`)."""
    src = FIXTURES / name
    ref = jekyll_build(src)
    work = tmp_path / "src"
    shutil.copytree(src, work)
    stamp = int(FROZEN_ENV["SOURCE_DATE_EPOCH"])
    for path in [work, *work.rglob("*")]:
        os.utime(path, (stamp, stamp))
    out = tmp_path / "_site"
    proc = jekyllpy_build(work, out, *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return ref, out


class _Site:
    def __init__(self, **config):
        self.config = config


def test_absolute_url_keeps_double_slash_like_jekyll_4_3():
    # Jekyll 4.3 does not trim a trailing slash off site.url before appending.
    site = _Site(url="https://Example.com/", baseurl="/blog/")
    assert absolute_url(site, "/about/") == "https://example.com//blog/about/"
    assert relative_url(site, "about") == "/blog/about"


def test_absolute_url_leaves_absolute_urls_and_handles_missing_url():
    site = _Site(url=None, baseurl=None)
    assert absolute_url(site, "mailto:a@b.c") == "mailto:a@b.c"
    assert absolute_url(site, "/x y/") == "/x%20y/"
    assert absolute_url(site, None) is None


def test_normalize_url_as_addressable():
    assert normalize_url("https://x.io") == "https://x.io/"
    assert normalize_url("/a/./b/../c/%7e/é") == "/a/c/~/%C3%A9"
    assert normalize_url("http://x.io:80/p?q=a b#f") == "http://x.io/p?q=a%20b#f"


def test_xml_escape_is_ruby_xml_attr_without_quotes():
    # real Jekyll 4.3.1 prints `'` as &apos; (checked with ../shared/tools/jekyll-build)
    assert xml_escape('a & "b" <c> \'d\'') == "a &amp; &quot;b&quot; &lt;c&gt; &apos;d&apos;"
    assert xml_escape(None) == ""
