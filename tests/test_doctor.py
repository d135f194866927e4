"""`jekyllpy doctor`: the migration report, checked finding by finding."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.jekyll import ROOT, SITES, requires_shared_sites


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def doctor(src: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "jekyllpy", "doctor", "-s", str(src), *args],
                          capture_output=True, text=True, env=env)


@pytest.fixture()
def migrating_site(tmp_path: Path) -> Path:
    return write(tmp_path / "site", {
        "_config.yml": "title: T\nurl: https://example.org\ntheme: minima\n"
                       "plugins:\n  - jekyll-feed\n  - jekyll-archives\ngems:\n  - jekyll-sitemap\n",
        "Gemfile": "source 'https://rubygems.org'\ngem 'github-pages'\ngem 'jekyll-seo-tag'\n",
        "_plugins/tagger.rb": "module Jekyll; end\n",
        "_layouts/default.html": "<html>{{ content }}</html>\n",
        "_includes/modern.html": "{% liquid\n assign x = 1\n%}{% render 'y' %}\n",
        "index.html": "---\nlayout: default\n---\n<a href=\"/about/\">about</a> <a href=\"/missing/\">x</a>"
                      "<img src=\"/images/none.png\"> <a href=\"https://example.org/about/\">abs</a>"
                      "<a href=\"https://other.org/\">ext</a>\n",
        "about.html": "---\nlayout: default\npermalink: /about/\n---\nabout\n",
        "old.html": "---\nlayout: default\nredirect_from: /about/\n---\nold\n",
        "notes.md": "# no front matter\n",
        "_private.txt": "secret\n",
    })


def test_doctor_report_lists_each_problem(migrating_site: Path):
    proc = doctor(migrating_site, "--links", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["builds"] is True
    messages = {(f["category"], f["severity"], f["path"], f["message"].split(":")[0]) for f in report["findings"]}
    text = "\n".join(f"{f['category']} {f['severity']} {f['path']}:{f['line']} {f['message']}" for f in report["findings"])
    assert "plugins info _config.yml:4 'jekyll-feed' is built into jekyllpy" in text
    assert "plugins warning _config.yml:4 'jekyll-archives' is a Ruby plugin jekyllpy does not run" in text
    assert "plugins warning _config.yml:3 `theme: minima` — gem and remote themes are not fetched" in text
    assert "plugins warning _plugins/tagger.rb:None Ruby plugin: not run by jekyllpy" in text
    assert "plugins info Gemfile:3 'jekyll-seo-tag' is in the Gemfile but not in `plugins:`" in text
    assert "settings warning _config.yml:7 Jekyll 4.3 ignores `gems:`" in text and "not loaded: jekyll-sitemap" in text
    assert "github-pages warning _includes/modern.html:1 `{% liquid %}` is Liquid 5" in text
    assert "github-pages warning _includes/modern.html:3 `{% render %}` is Liquid 5" in text
    assert "files info _private.txt:None file not published: names starting with '_'" in text
    assert "files info notes.md:None Markdown without front matter is copied as is" in text
    assert "urls warning old.html:3 redirect_from '/about/' is the URL of about.html" in text
    assert "links warning index.html:None link to /missing/ leads to no file of the site" in text
    assert "links warning index.html:None image to /images/none.png leads to no file of the site" in text
    assert "/about/ leads" not in text and "other.org" not in text and "example.org/about" not in text
    assert len(messages) == len(report["findings"]), "no finding is reported twice"


def test_doctor_text_report_and_exit_status_for_a_broken_site(tmp_path: Path):
    src = write(tmp_path / "broken", {"_config.yml": "title: x\n", "index.html": "---\n- a list\n---\nhi\n",
                                      "sub/about.html": "---\ntitle: [unclosed\n---\nhi\n"})
    proc = doctor(src)
    assert proc.returncode == 1
    assert "Build:" in proc.stdout and "index.html:2: Invalid YAML front matter" in proc.stdout
    # YAML Psych rejects is not fatal to Jekyll (the page is built without it): a warning
    # (sub/ is read before the top folder's pages, so before the fatal error)
    assert "warning sub/about.html:3: expected" in proc.stdout
    assert proc.stdout.strip().endswith("the site does not build.")
    assert "Traceback" not in proc.stderr


@requires_shared_sites
@pytest.mark.parametrize("name,expected", [
    ("leigao", "'jekyll-redirect-from' is built into jekyllpy"),
    ("wjmoss", "Jekyll 4.3 ignores `gems:`"),
    ("sandeepjoshi1910", "Jekyll 4.3 ignores `gems:`"),
])
def test_doctor_on_real_sites(name: str, expected: str):
    proc = doctor(SITES / name)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert expected in proc.stdout
    assert "the site builds." in proc.stdout
