"""Sass/SCSS like jekyll-sass-converter 2.2 (LibSass): CSS and source map, errors located."""
from __future__ import annotations

from pathlib import Path

import pytest

import jekyllpy
from tests.jekyll import SITES, jekyll_build, requires_jekyll, tree_files


@requires_jekyll
@pytest.mark.parametrize("name", ["leigao", "wjmoss", "sandeepjoshi1910"])
def test_theme_css_and_map_identical_to_jekyll(name: str, tmp_path: Path, monkeypatch):
    if not (SITES / name).exists():
        pytest.skip("../shared/sites is absent")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("JEKYLL_ENV", "production")
    ref = tree_files(jekyll_build(SITES / name))
    site = jekyllpy.Site.from_path(SITES / name, destination=str(tmp_path / "out"))
    site.read()
    site.generate()
    sass_pages = [p for p in site.pages if p.extname in (".scss", ".sass")]
    assert sass_pages
    site.render()
    site.write()
    out = tree_files(tmp_path / "out")
    for rel in ("assets/css/main.css", "assets/css/main.css.map"):
        if rel in ref:
            assert out[rel] == ref[rel], rel


def test_sass_error_names_file_and_line(tmp_path: Path):
    (tmp_path / "_sass").mkdir()
    (tmp_path / "_sass" / "_bad.scss").write_text("a {\n  color: $missing;\n}\n")
    (tmp_path / "main.scss").write_text("---\n---\n@import 'bad';\n")
    with pytest.raises(jekyllpy.JekyllpyError) as info:
        jekyllpy.build(tmp_path, tmp_path.parent / "out-sass-err")
    err = info.value
    assert err.path == "_sass/_bad.scss" and err.line == 2
    assert "Undefined variable" in err.message


# -- the converter's options, compared file by file with Jekyll ------------------------------
from tests.jekyll import diff_trees  # noqa: E402
from tests.test_plugins_util import build_pair  # noqa: E402


@requires_jekyll
@pytest.mark.parametrize("name", ["sass_options", "sass_nested", "sass_charset", "sass_map"])
def test_sass_option_fixtures_match_jekyll(name: str, tmp_path: Path):
    """sass_options: `sass_dir`, `load_paths` with a glob, `style: expanded`, Liquid in SCSS,
    partial imports, `.sass` indented syntax, a front-matter-less .scss copied as is;
    sass_nested: `style: ":nested"`, `line_comments`, `precision`, `sourcemap: development`
    in production (no maps); sass_charset: compressed + `add_charset`, `sourcemap: never`."""
    ref, out = build_pair(name, tmp_path)
    assert diff_trees(ref, out) == []


@requires_jekyll
def test_sass_options_output_content(tmp_path: Path):
    _ref, out = build_pair("sass_options", tmp_path)
    css = (out / "assets/css/style.css").read_text()
    assert css.startswith('@charset "UTF-8";\n.btn, .btn--big {\n  padding: 20px;\n}')
    assert ".dark {" in css and ".vendor {\n  width: 33.3333333333%;\n}" in css  # load_paths glob
    assert "color: #123456;" in css and 'content: "→ #123456";' in css  # Liquid ran first
    assert ".m-3 {\n  margin: 3px;\n}" in css
    assert css.endswith("\n\n/*# sourceMappingURL=style.css.map */")
    assert (out / "assets/css/raw.scss").read_text().startswith("/* no front matter")
    _ref, nested = build_pair("sass_nested", tmp_path / "n")
    site_css = (nested / "css/site.css").read_text()
    assert "/* line 1, _sass/_part.scss */\n.part {\n  width: 66.667%; }" in site_css
    assert "/* line 2, site.scss */" in site_css
    assert not list(nested.rglob("*.map"))


@requires_jekyll
@pytest.mark.parametrize("scss, jekyll_line, file_line, path", [
    ("body {\n  color: red\n  margin: 0;\n}\n", "line 3:3 of main.scss", 6, "css/main.scss"),
    ('@import "bad";\n', "line 2:10 of _sass/_bad.scss", 2, "_sass/_bad.scss"),
])
def test_sass_errors_locate_the_same_place_as_jekyll(scss, jekyll_line, file_line, path, tmp_path: Path):
    """Jekyll says where libsass failed in the page's *content* (front matter removed);
    we give the same message at the real line of the file (front matter counted)."""
    import subprocess

    from tests.jekyll import JEKYLL_BUILD

    src = tmp_path / "src"
    (src / "_sass").mkdir(parents=True)
    (src / "css").mkdir()
    (src / "_sass" / "_bad.scss").write_text("a {\n  color: $missing;\n}\n")
    (src / "css" / "main.scss").write_text("---\n---\n\n" + scss)
    proc = subprocess.run([str(JEKYLL_BUILD), str(src), str(tmp_path / "ref")], capture_output=True, text=True)
    jekyll_text = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode != 0 and jekyll_line in jekyll_text
    with pytest.raises(jekyllpy.JekyllpyError) as info:
        jekyllpy.build(src, tmp_path / "out")
    err = info.value
    assert (err.path, err.line) == (path, file_line)
    assert " ".join(err.message.removeprefix("Sass error: ").split()) in jekyll_text
    if path.startswith("_sass"):
        assert err.context == ["imported from css/main.scss:4:9"]


def test_sass_embedded_implementation_warns_and_defaults_to_expanded(tmp_path: Path):
    from jekyllpy.logger import Logger

    (tmp_path / "_config.yml").write_text("sass:\n  implementation: sass-embedded\n")
    (tmp_path / "a.scss").write_text("---\n---\n.a { .b { color: red; } }\n")
    logger = Logger("error")
    site = jekyllpy.Site.from_path(tmp_path, destination=str(tmp_path.parent / "out-embedded"), logger=logger)
    site.process()
    css = (tmp_path.parent / "out-embedded" / "a.css").read_text()
    assert css.startswith(".a .b {\n  color: red;\n}\n")
    assert [t for t, m in logger.warnings if "sass-embedded" in m] == ["Sass:"]
