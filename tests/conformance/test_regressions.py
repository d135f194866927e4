"""Differences found by the conformance sites, each pinned by a minimal reproduction.

Expected values were taken from real Jekyll 4.3.1 (Liquid 5.4, kramdown 2.4) on the same
input; each test names the conformance site where the difference showed.
"""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture()
def site(tmp_path: Path):
    from jekyllpy.site import Site

    src = tmp_path / "src"
    src.mkdir()
    (src / "_config.yml").write_text("title: t\n")
    return Site.from_path(src)


def render(site, source: str, assigns: dict | None = None) -> str:
    return site.liquid.render_source(source, str(site.source / "page.html"), assigns or {}, 1)


@pytest.mark.parametrize("template, expected", [
    # minimal-mistakes' search_form.html ends "{%- endcase -%}\n</div>\n": the last newline stays
    ('x{%- assign a = 1 -%}\n</div>\n', "x</div>\n"),
    ('{%- if true -%}<b></b>{%- endif -%}\n</div>\n', "<b></b></div>\n"),
    ('x{{- 1 -}}\n\n', "x1"),
    ('x{{- 1 -}}\ny\n', "x1y\n"),
    ('x\n', "x\n"),
])
def test_whitespace_control_keeps_the_templates_last_newline(site, template, expected):
    assert render(site, template) == expected
