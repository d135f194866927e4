"""Configuration loading and checking: defaults, merges, typos, wrong types."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import jekyllpy
from jekyllpy.config_schema import check_config
from jekyllpy.errors import ConfigError
from tests.jekyll import ROOT, SITES, requires_shared_sites


def cli(src: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src), "-d", str(src.parent / "out"), *args],
                          capture_output=True, text=True, env=env)


def test_typo_gets_a_suggestion_with_its_line(tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "_config.yml").write_text("title: x\npermalinks: pretty\nexlude: [a]\n")
    proc = cli(tmp_path / "site", "--verbose")
    assert proc.returncode == 0, proc.stderr
    assert "_config.yml:2: `permalinks:` is not a setting; did you mean `permalink:`?" in proc.stderr
    assert "_config.yml:3: `exlude:` is not a setting; did you mean `exclude:`?" in proc.stderr


def test_every_typo_is_shown_without_verbose(tmp_path: Path):
    """Configuration warnings are not grouped: each is a different line to fix."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "_config.yml").write_text("title: x\nbaseURL: /blog\nplugin: [jekyll-feed]\nsocial: {}\n")
    proc = cli(tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "Configuration:" in line]
    assert warnings == [
        "     Configuration: _config.yml:2: `baseURL:` is not a setting; did you mean `baseurl:`?",
        "     Configuration: _config.yml:3: `plugin:` is not a setting; did you mean `plugins:`?",
    ]


def test_toml_typos_and_wrong_types_have_lines(tmp_path: Path):
    (tmp_path / "site").mkdir()
    config = tmp_path / "site" / "_config.toml"
    config.write_text('title = "x"\npermalinks = "pretty"\n\n[kramdown]\ninput = "GFM"\n')
    proc = cli(tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    assert "_config.toml:2: `permalinks:` is not a setting; did you mean `permalink:`?" in proc.stderr
    config.write_text('title = "x"\nexclude = "vendor"\n')
    proc = cli(tmp_path / "site")
    assert proc.returncode == 1
    assert "_config.toml:2:1: `exclude` should be a list, but is a string `vendor`" in proc.stderr


def test_wrong_type_in_a_second_config_file_names_that_file(tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "_config.yml").write_text("title: x\n")
    (tmp_path / "dev.yml").write_text("# local overrides\nurl: http://localhost\nlimit_posts: many\n")
    proc = cli(tmp_path / "site", "--config", f"{tmp_path / 'site' / '_config.yml'},{tmp_path / 'dev.yml'}")
    assert proc.returncode == 1
    assert f"{tmp_path / 'dev.yml'}:3:1: `limit_posts` should be a whole number, but is a string `many`" in proc.stderr


def test_site_keys_are_not_typos():
    """Keys of a site's own (used as site.KEY in templates) are left alone, near misses aside."""
    assert check_config({"authors": {"a": {}}, "social": {}, "analytics": {}, "repository": "a/b",
                         "footer": [], "locale": "en", "name": "n"}, None) == []


def test_no_suggestion_when_the_real_key_is_there_too():
    assert check_config({"permalink": "pretty", "permalinks": {"category": "/c/"}}, None) == []
    assert check_config({"title": "x", "social": {}, "author": {"name": "n"}}, None) == []


@pytest.mark.parametrize("text,message,line", [
    ("title: x\nexclude: vendor\n", "`exclude` should be a list, but is a string `vendor`", 2),
    ("a: 1\nb: 2\nlimit_posts: true\n", "`limit_posts` should be a whole number, but is `true`", 3),
    ("collections: posts\n", "`collections` should be a mapping or a list, but is a string `posts`", 1),
])
def test_wrong_type_is_a_located_error(tmp_path: Path, text: str, message: str, line: int):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "_config.yml").write_text(text)
    proc = cli(tmp_path / "site")
    assert proc.returncode == 1
    assert f"_config.yml:{line}:1: {message}" in proc.stderr
    assert "Traceback" not in proc.stderr
    with pytest.raises(ConfigError):
        jekyllpy.Site.from_path(tmp_path / "site")


def test_wrong_type_jekyll_builds_with_is_a_located_warning(tmp_path: Path):
    """Jekyll 4.3 builds with `future: 'yes please'` (Ruby truthiness: future posts are
    published), so we build the same and only warn."""
    (tmp_path / "site" / "_posts").mkdir(parents=True)
    (tmp_path / "site" / "_config.yml").write_text("future: 'yes please'\n")
    (tmp_path / "site" / "_posts" / "2999-01-01-later.md").write_text("---\n---\nlater\n")
    proc = cli(tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    assert "_config.yml:1: `future` should be true or false, but is a string `yes please`" in proc.stderr
    assert (tmp_path / "out" / "2999" / "01" / "01" / "later.html").exists()


def test_config_files_merge_in_order_and_overrides_win(tmp_path: Path):
    (tmp_path / "a.yml").write_text("title: A\nkramdown: {input: kramdown, auto_ids: false}\n")
    (tmp_path / "b.yml").write_text("title: B\nkramdown: {auto_ids: true}\n")
    site = jekyllpy.Site.from_path(tmp_path, config_files=[str(tmp_path / "a.yml"), str(tmp_path / "b.yml")],
                                   baseurl="/blog")
    assert site.config["title"] == "B"
    assert site.config["kramdown"]["input"] == "kramdown" and site.config["kramdown"]["auto_ids"] is True
    assert site.config["kramdown"]["entity_output"] == "as_char"  # Jekyll's default survives
    assert site.config["baseurl"] == "/blog"
    assert "node_modules" in site.config["exclude"]
    assert site.config["collections"]["posts"]["permalink"] == "/:categories/:year/:month/:day/:title:output_ext"


def test_missing_config_uses_jekyll_defaults(tmp_path: Path):
    site = jekyllpy.Site.from_path(tmp_path)
    assert site.config["permalink"] == "date" and site.config["markdown"] == "kramdown"


@requires_shared_sites
@pytest.mark.parametrize("name", ["leigao", "wjmoss", "sandeepjoshi1910"])
def test_real_sites_have_no_config_warnings(name: str):
    from jekyllpy.config import read_config_file

    path = SITES / name / "_config.yml"
    assert check_config(read_config_file(path), path) == []
