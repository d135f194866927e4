"""jekyll-sass-converter's source map: `main.css.map` beside `main.css`, and the CSS's
`sourceMappingURL` comment; a `.scss` document in a collection gets no map.

Skipped until the Sass converter (`jekyllpy.sass`) lands; only the Sass outputs are compared.
"""
from __future__ import annotations

import json

import pytest

from tests.jekyll import requires_jekyll
from tests.test_plugins_util import build_pair, module_missing

SASS_MISSING = module_missing("jekyllpy.sass", "SassConverter")


@requires_jekyll
@pytest.mark.skipif(SASS_MISSING is not None, reason=str(SASS_MISSING))
def test_source_map_matches_jekyll(tmp_path):
    ref, out = build_pair("sass_map", tmp_path)
    for name in ("assets/css/main.css", "assets/css/main.css.map", "things/doc.css"):
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
    assert not (out / "things/doc.css.map").exists()
    css = (out / "assets/css/main.css").read_text()
    assert css.endswith("\n\n/*# sourceMappingURL=main.css.map */")
    source_map = json.loads((out / "assets/css/main.css.map").read_text())
    assert source_map["file"] == "main.css"
    assert source_map["sources"] == ["main.scss", "_sass/_base.scss", "_sass/sub/_more.scss"]


def test_real_paths_resolve_as_realpath_does(tmp_path):
    """sass_pages._RealPaths (folders resolved once) gives os.path.realpath's answers, links
    to folders and to files included."""
    import os

    from jekyllpy.sass_pages import _RealPaths

    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "sub" / "_a.scss").write_text("")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "_b.scss").write_text("")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "sub" / "_b.scss").symlink_to(tmp_path / "elsewhere" / "_b.scss")
    real = _RealPaths()
    for rel in ["real/sub/_a.scss", "linked/sub/_a.scss", "linked/sub/_b.scss", "real/sub/../sub/_a.scss",
                "linked/sub/missing.scss", "real/sub/.."]:
        path = os.path.join(str(tmp_path), rel)
        assert real(path) == os.path.realpath(path), rel
