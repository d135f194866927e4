"""The embedded demo site at the repository root (the default input of `jekyllpy build`).

It must build with real Jekyll 4.3 without warnings, produce only site files (the project's
src/, tests/, docs/ ... are excluded in _config.yml), and jekyllpy must reproduce Jekyll's output.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.jekyll import ROOT, diff_trees, jekyll_build, jekyllpy_build, requires_jekyll, tree_files

IGNORE = shutil.ignore_patterns(
    ".git", "_site", ".jekyll-cache", "__pycache__", ".pytest_cache", "*.egg-info", ".venv"
)

EXPECTED = {
    "index.html",
    "404.html",
    "cv/index.html",
    "notes/index.html",
    "blog/index.html",  # redirect_from stub
    "presentations/index.html",  # redirect_from stub
    "publications/index.html",
    "publications/2019-seed-drift/index.html",
    "publications/2022-flood-pulse/index.html",
    "publications/2025-open-drift-data/index.html",
    "talks/index.html",
    "talks/2021-riverine-symposium/index.html",
    "talks/2023-ecology-seminar/index.html",
    "talks/2025-open-science-day/index.html",
    "fieldwork/rivers/2024/03/14/field-season-notes/index.html",
    "2024/11/02/a-tiny-dispersal-model/index.html",
    "data/2025/06/20/open-data-release/index.html",
    "assets/css/main.css",
    "assets/css/main.css.map",
    "images/avatar.svg",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "redirects.json",
}

# Lines real Jekyll prints on a clean build; anything else (warnings, deprecations) fails.
INFO_LINE = re.compile(
    r"^\s*(Configuration file:|Source:|Destination:|Incremental build:|Generating\.\.\.|"
    r"Jekyll Feed:|done in|Auto-regeneration:)"
)


@pytest.fixture(scope="module")
def site_copy(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("demo") / "src"
    shutil.copytree(ROOT, work, ignore=IGNORE)
    return work


def test_demo_site_files_are_present():
    for rel in ["_config.yml", "_pages/about.md", "_data/navigation.yml", "_layouts/default.html",
                "_includes/masthead.html", "assets/css/main.scss", "images/avatar.svg", "404.md"]:
        assert (ROOT / rel).is_file(), rel
    assert len(list((ROOT / "_posts").glob("*.md"))) >= 2
    assert len(list((ROOT / "_publications").glob("*.md"))) == 3
    assert len(list((ROOT / "_talks").glob("*.md"))) == 3


@requires_jekyll
def test_demo_builds_cleanly_with_real_jekyll(site_copy, tmp_path):
    dest = tmp_path / "_site"
    env = dict(os.environ, JEKYLL_ENV="production", JEKYLL_NO_BUNDLER_REQUIRE="true", TZ="UTC")
    proc = subprocess.run(
        ["jekyll", "build", "--disable-disk-cache", "-s", str(site_copy), "-d", str(dest)],
        capture_output=True, text=True, cwd=site_copy, env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    noise = [l for l in (proc.stdout + proc.stderr).splitlines() if l.strip() and not INFO_LINE.match(l)]
    assert noise == []
    files = set(tree_files(dest))
    assert files == EXPECTED
    home = (dest / "index.html").read_text()
    assert "<title>About | Mira Okonkwo-Lindqvist</title>" in home
    assert '<li class="current"><a href="/">About</a></li>' in home
    assert 'href="/publications/2025-open-drift-data/"' in home
    talks = (dest / "talks" / "index.html").read_text()
    assert talks.index("2025-open-science-day") < talks.index("2021-riverine-symposium")
    css = (dest / "assets" / "css" / "main.css").read_text()
    assert ".masthead" in css and "$accent-color" not in css
    assert 'url=https://example.org/talks/' in (dest / "presentations" / "index.html").read_text()


@requires_jekyll
def test_jekyllpy_builds_the_demo_like_jekyll(site_copy, tmp_path):
    ref = jekyll_build(site_copy)
    out = tmp_path / "_site"
    proc = jekyllpy_build(site_copy, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    problems = diff_trees(ref, out)
    assert problems == [], "\n".join(problems[:30])
