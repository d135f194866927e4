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
