"""jekyll-gist 1.5: `{% gist %}` script tags; the noscript part as the plugin writes it offline.

The Ruby plugin's failed fetch leaves the logger's return value where the noscript would be:
`false` under `--quiet` (how the reference is built), `true` when warnings are shown.
"""
from __future__ import annotations

from tests.jekyll import diff_trees, requires_jekyll
from tests.test_plugins_util import build_pair


@requires_jekyll
def test_gist_fixture_matches_quiet_jekyll(tmp_path):
    ref, out = build_pair("gist", tmp_path, "-q")
    assert diff_trees(ref, out) == []
    html = (out / "index.html").read_text()
    assert '<p>false<script src="https://gist.github.com/parkr/c08ee0f2726fd0e3909d.js?file=test.md"> </script></p>' in html
    # arguments that name a Liquid value take it (page.gist_var, an assigned variable)
    assert '<script src="https://gist.github.com/octo/aa11.js?file=from-var.rb"> </script>' in html
    assert '<script src="https://gist.github.com/1234567.js"> </script>' in html


@requires_jekyll
def test_gist_noscript_false_matches_jekyll(tmp_path):
    ref, out = build_pair("gist_noscript", tmp_path)
    assert diff_trees(ref, out) == []
    assert (out / "index.html").read_text() == (
        '<script src="https://gist.github.com/user/abc.js?file=file.txt"> </script>\n'
        '<script src="https://gist.github.com/42.js"> </script>\n')


def test_gist_warns_and_prints_true_when_warnings_show(tmp_path):
    from jekyllpy.logger import Logger
    from jekyllpy.site import Site

    src = tmp_path / "src"
    src.mkdir()
    (src / "_config.yml").write_text("plugins: [jekyll-gist]\n")
    (src / "index.html").write_text("---\n---\n{% gist u/1 a.rb %}\n")
    logger = Logger("info", stream=open(tmp_path / "log", "w"))
    site = Site.from_path(src, destination=str(tmp_path / "out"), logger=logger)
    site.process()
    assert (tmp_path / "out/index.html").read_text() == \
        'true<script src="https://gist.github.com/u/1.js?file=a.rb"> </script>\n'
    assert any("<noscript> tag for your gist u/1" in m for _t, m in logger.warnings)


def test_gist_without_arguments_is_a_located_error(tmp_path):
    import pytest

    from jekyllpy.errors import JekyllpyError
    from jekyllpy.logger import Logger
    from jekyllpy.site import Site

    src = tmp_path / "src"
    src.mkdir()
    (src / "_config.yml").write_text("plugins: [jekyll-gist]\n")
    (src / "index.html").write_text("---\n---\nx\n{% gist   %}\n")
    site = Site.from_path(src, destination=str(tmp_path / "out"), logger=Logger("error"))
    with pytest.raises(JekyllpyError) as info:
        site.process()
    text = str(info.value)
    assert text.startswith("index.html:4:")
    assert "Syntax error in tag 'gist' while parsing the following markup: Valid syntax:" in text
