"""`jekyllpy doctor` on every conformance site and on a synthetic site with what migrators
trip over (a Ruby-only plugin, a gem theme, a remote theme, Jekyll 4-only Liquid, renamed
settings, posts Jekyll skips, a URL conflict, a redirect onto a real page, broken links):
each report is checked for its content, in the human and in the JSON format, and the exit
status says whether the site builds.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conformance.harness import FIXTURES
from tests.jekyll import ROOT, SITES


def doctor(src: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "jekyllpy", "doctor", "-s", str(src), *args],
                          capture_output=True, text=True, env=env)


def findings(src: Path, *args: str) -> tuple[dict, set[str]]:
    proc = doctor(src, "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    assert report["builds"] is (proc.returncode == 0)
    lines = {f"{f['severity']} {f['category']} {f['path']}:{f['line']} {f['message']}" for f in report["findings"]}
    return report, lines


def has(lines: set[str], start: str, *parts: str) -> bool:
    return any(line.startswith(start) and all(p in line for p in parts) for line in lines)


# what each conformance site's report must say (start of a finding, then words in it)
EXPECTED = {
    "academicpages": [
        ("info plugins _config.yml:309 'jekyll-redirect-from' is built into jekyllpy",),
        ("warning plugins _config.yml:309 'jemoji' is a Ruby plugin", "will be missing"),
        ("info files Dockerfile:None file not published: listed in `exclude:`",),
        ("info files _config_docker.yml:None file not published: names starting with '_'",),
        ("info files CONTRIBUTING.md:None Markdown without front matter is copied as is",),
        # the template really has these: `future: true` publishes its 2199 post over post 4,
        # and two publications share one permalink
        ("warning urls _posts/2015-08-14-blog-post-4.md:None posts/2012/08/blog-post-4/index.html is written by",
         "_posts/2199-01-01-future-post.md", "the last one wins"),
        ("warning urls _publications/2024-02-17-paper-title-number-4.md:None", "2025-06-08-paper-title-number-5.md"),
    ],
    "antonior92": [
        ("warning settings _config.yml:258 Jekyll 4.3 ignores `gems:`", "not loaded: jekyll-paginate, jekyll-sitemap"),
        ("info plugins Gemfile:24 'jekyll-feed' is in the Gemfile but not in `plugins:`",),
        ("info files markdown_generator/readme.md:None Markdown without front matter",),
    ],
    "pinshuai": [
        ("info plugins _config.yml:259 'jekyll-feed' is built into jekyllpy",),
        ("info plugins Gemfile:26 'hawkins' is in the Gemfile but not in `plugins:`",),
        ("info files cv/README.md:None Markdown without front matter",),
    ],
    "ethereal-tide": [
        ("warning plugins _config.yml:306 'jemoji' is a Ruby plugin",),
        ("info files .devcontainer:None folder not published: names starting with '.'",),
    ],
    "minimal-mistakes-docs": [
        ("warning plugins _config.yml:8 `remote_theme: mmistakes/minimal-mistakes@master`", "not fetched"),
        ("info plugins _config.yml:281 'jekyll-include-cache' is built into jekyllpy",),
        ("info plugins Gemfile:18 'jekyll-algolia' is in the Gemfile but not in `plugins:`",),
        ("info files Rakefile:None file not published: listed in `exclude:`",),
        ("info files _posts/2010-10-25-post-future-date.md:None post not published: dated in the future",),
    ],
    "leigao": [("info plugins _config.yml", "'jekyll-redirect-from' is built into jekyllpy")],
    "wjmoss": [("warning settings _config.yml", "Jekyll 4.3 ignores `gems:`")],
    "sandeepjoshi1910": [("warning settings _config.yml", "Jekyll 4.3 ignores `gems:`")],
}


def _site_path(name: str) -> Path:
    return FIXTURES / name if (FIXTURES / name).is_dir() else SITES / name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_doctor_on_each_conformance_site(name: str):
    src = _site_path(name)
    if not src.is_dir():
        pytest.skip(f"{src} is absent (../shared not present)")
    report, lines = findings(src)
    assert report["builds"] is True, lines
    for start, *parts in EXPECTED[name]:
        assert has(lines, start, *parts), f"{name}: no finding {start!r} {parts}\n" + "\n".join(sorted(lines))
    assert not any(line.startswith("error") for line in lines)
    text = doctor(src)
    assert text.returncode == 0
    assert text.stdout.strip().endswith("the site builds.")
    for title in ("Plugins:", "Files that will not be published:"):
        assert title in text.stdout


@pytest.fixture()
def migrating_site(tmp_path: Path) -> Path:
    files = {
        "_config.yml": "title: T\nurl: https://example.org\ntheme: minima\nremote_theme: owner/theme\n"
                       "plugins:\n  - jekyll-feed\n  - jekyll-scholar\nserver_port: 4001\nlayouts: _l\n",
        "Gemfile": "source 'https://rubygems.org'\ngem 'github-pages'\n",
        "_plugins/cite.rb": "module Jekyll; end\n",
        "_layouts/default.html": "<html>{{ content }}</html>\n",
        "_includes/list.html": "{% assign a = site.posts | find: 'title', 'x' %}\n"
                               "{% assign b = site.posts | where_exp: 'p', 'p.draft and p.x' %}\n"
                               "{{ page.content | number_of_words: 'cjk' }}{% echo 'x' %}\n",
        "_notes/one.md": "---\n---\nnot a declared collection\n",
        "_posts/2020-01-01-real.md": "---\nlayout: default\n---\npost\n",
        "_posts/no-date.md": "---\n---\nnot a post\n",
        "_posts/2020-02-02-hidden.md": "---\npublished: false\n---\nhidden\n",
        "_posts/2999-01-01-later.md": "---\n---\nlater\n",
        "index.html": "---\nlayout: default\n---\n<a href=\"/about/\">about</a> <a href=\"/missing/\">x</a>"
                      "<img src=\"/images/none.png\"> <a href=\"https://other.org/\">ext</a>\n",
        "about.html": "---\nlayout: default\npermalink: /about/\n---\nabout\n",
        "about-too.md": "---\npermalink: /about/\n---\nsame URL\n",
        "old.html": "---\nlayout: default\nredirect_from: /about/\n---\nold\n",
    }
    for name, text in files.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path / "site"


def test_doctor_report_for_a_site_that_needs_migrating(migrating_site: Path):
    report, lines = findings(migrating_site, "--links")
    assert report["builds"] is True
    expected = [
        ("warning plugins _config.yml:5 'jekyll-scholar' is a Ruby plugin jekyllpy does not run",),
        ("warning plugins _config.yml:3 `theme: minima` — gem and remote themes are not fetched",),
        ("warning plugins _config.yml:4 `remote_theme: owner/theme`",),
        ("warning plugins _plugins/cite.rb:None Ruby plugin: not run by jekyllpy",),
        ("warning settings _config.yml:8 Jekyll 4.3 ignores `server_port:`",),
        ("warning settings _config.yml:9 Jekyll 4.3 ignores `layouts:`",),
        ("warning github-pages _includes/list.html:1 the `find` filter is Jekyll 4.1+",),
        ("warning github-pages _includes/list.html:2 `where_exp` with `and` is Jekyll 4.0+",),
        ("warning github-pages _includes/list.html:3 `number_of_words` with a mode",),
        ("warning github-pages _includes/list.html:3 `{% echo %}` is Liquid 5",),
        ("warning files _notes:None folder not published: `notes` is not in `collections:`",),
        ("warning files _posts/no-date.md:None not a post",),
        ("info files _posts/2020-02-02-hidden.md:None post not published: `published: false`",),
        ("info files _posts/2999-01-01-later.md:None post not published: dated in the future",),
        ("warning urls about-too.md:None about/index.html is written by about-too.md and about.html",),
        ("warning urls old.html:3 redirect_from '/about/' is the URL of about",),
        ("warning links index.html:None link to /missing/ leads to no file of the site",),
        ("warning links index.html:None image to /images/none.png leads to no file of the site",),
    ]
    for start, *parts in expected:
        assert has(lines, start, *parts), f"no finding {start!r}\n" + "\n".join(sorted(lines))
    assert not any("other.org" in line or "link to /about/" in line for line in lines)

    text = doctor(migrating_site, "--links")
    assert text.returncode == 0
    out = text.stdout
    for title in ("Plugins:", "Settings:", "GitHub Pages vs Jekyll 4.3:", "Files that will not be published:",
                  "URLs:", "Links:"):
        assert f"\n{title}\n" in "\n" + out
    assert "  warning _plugins/cite.rb: Ruby plugin: not run by jekyllpy" in out
    assert "  warning index.html: link to /missing/ leads to no file of the site" in out
    assert "\033[" not in out, "no colours when the output is not a terminal"
    assert out.strip().endswith("notes: the site builds.") and out.strip().splitlines()[-1].startswith("0 errors")


def test_doctor_exit_status_when_the_site_does_not_build(migrating_site: Path):
    (migrating_site / "_layouts/default.html").write_text("<html>{% if %}{{ content }}</html>\n")
    proc = doctor(migrating_site, "--links")
    assert proc.returncode == 1
    assert "Build:" in proc.stdout and "error" in proc.stdout
    assert proc.stdout.strip().endswith("the site does not build.")
    report, lines = findings(migrating_site, "--links")
    assert report["builds"] is False
    assert any(line.startswith("error build _layouts/default.html") for line in lines), lines
