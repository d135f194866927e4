"""GitHub Pages mode: the configuration the github-pages gem (v232) would build with."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.jekyll import ROOT


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def build(src: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = dict(os.environ, PYTHONPATH=str(ROOT / "src"), SOURCE_DATE_EPOCH="1767225600", TZ="UTC",
                   JEKYLL_ENV="development", **(env or {}))
    return subprocess.run([sys.executable, "-m", "jekyllpy", "build", "--disable-disk-cache", "-s", str(src),
                           "-d", str(src.parent / "out"), *args], capture_output=True, text=True, env=environ)


SITE = {
    "_config.yml": "title: T\nrepository: octo/project\ngems:\n  - jekyll-feed\n"
                   "markdown: redcarpet\nhighlighter: none\nkramdown:\n  math_engine: katex\n",
    "CNAME": "",
    "index.html": "---\n---\nenv={{ jekyll.environment }} safe={{ site.safe }} future={{ site.future }}\n"
                  "url={{ site.url }} baseurl={{ site.baseurl }} title={{ site.title }}\n"
                  "repo={{ site.github.repository_url }} user={{ site.github.is_user_page }} "
                  "pages={{ site.github.url }} owner={{ site.github.owner_name }}\n"
                  "md={{ site.markdown }} hl={{ site.highlighter }} math={{ site.kramdown.math_engine }} "
                  "input={{ site.kramdown.input }} quirks={{ site.kramdown.gfm_quirks }} "
                  "plugins={{ site.plugins | join: ',' }}\n",
    "_posts/2030-01-01-later.md": "---\ntitle: Later\n---\nA future post\n",
    "_plugins/local.py": "raise SystemExit('site plugins must not run in GitHub Pages mode')\n",
    "assets/main.scss": "---\n---\na {\n  color: red;\n}\n",
}


def test_github_pages_mode_applies_the_gems_configuration(tmp_path: Path):
    src = write(tmp_path / "src", SITE)
    proc = build(src, "--github-pages", "--unsafe-plugins")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = tmp_path / "out"
    index = (out / "index.html").read_text()
    # production whatever JEKYLL_ENV says; safe mode; GitHub Pages publishes future posts
    assert "env=production safe=true future=true" in index
    # site.github from `repository:`, and the url/baseurl fallbacks of a project page
    assert "url=https://octo.github.io baseurl=/project title=T" in index
    assert "repo=https://github.com/octo/project user=false pages=https://octo.github.io/project owner=octo" in index
    # kramdown forced, Rouge forced, GitHub's math engine, GFM defaults
    assert "md=kramdown hl=rouge math=mathjax input=GFM quirks=paragraph_end" in index
    # `gems:` still read (Jekyll 3.10), plus the plugins GitHub Pages always loads
    assert "plugins=jekyll-feed,jekyll-gist,jekyll-paginate,jekyll-relative-links," in index
    assert (out / "feed.xml").exists()
    assert (out / "2030/01/01/later.html").exists()
    assert not (out / "CNAME").exists(), "GitHub Pages excludes CNAME when `exclude:` is not set"
    assert (out / "assets/main.css").read_text() == "a{color:red}\n", "sass style: compressed in production"
    # the default plugins jekyllpy does not implement are named once, as missing
    assert "jekyll-relative-links" in proc.stderr and "will be missing" in proc.stderr


def test_github_pages_mode_from_the_config_file_and_user_page(tmp_path: Path):
    files = dict(SITE)
    files["_config.yml"] = "github_pages: true\nrepository: octo/octo.github.io\nexclude: [notes.txt]\n"
    files["CNAME"] = ""
    src = write(tmp_path / "src", files)
    proc = build(src)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (tmp_path / "out/index.html").read_text()
    assert "env=production" in index
    assert "url=https://octo.github.io baseurl= title=octo.github.io" in index
    assert "user=true pages=https://octo.github.io owner=octo" in index
    assert (tmp_path / "out/CNAME").exists(), "a site that sets `exclude:` keeps its CNAME"


def test_github_pages_mode_with_a_custom_domain_and_a_site_url(tmp_path: Path):
    files = dict(SITE)
    files["_config.yml"] = "github_pages: true\nrepository: octo/project\nurl: https://mine.example\n"
    files["CNAME"] = "www.example.org\n"
    src = write(tmp_path / "src", files)
    proc = build(src)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (tmp_path / "out/index.html").read_text()
    assert "url=https://mine.example baseurl= " in index  # the site's own url wins
    assert "pages=https://www.example.org" in index


def test_without_the_mode_nothing_changes(tmp_path: Path):
    src = write(tmp_path / "src", {k: v for k, v in SITE.items() if not k.startswith("_plugins")})
    proc = build(src)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (tmp_path / "out/index.html").read_text()
    assert "env=development safe=false future=false" in index
    assert "repo= " in index and "md=redcarpet" in index
    assert not (tmp_path / "out/feed.xml").exists(), "Jekyll 4.3 ignores `gems:`"


@pytest.mark.parametrize("key, value", [("gems", "[jekyll-feed]"), ("server_port", "5000"), ("layouts", "_l")])
def test_jekyll_3_renamed_keys(tmp_path: Path, key: str, value: str):
    from jekyllpy import github_pages

    renamed = github_pages._backwards_compatibilize({key: value})
    assert key not in renamed and github_pages.RENAMED_KEYS[key] in renamed
