"""Conformance on the real sites committed under sites/ (origins in SOURCES): the upstream
academicpages template, academicpages forks of 2018, 2021 and 2025, and minimal-mistakes'
own documentation. Same checks as the ../shared sites (harness.py); only real Jekyll is
needed from outside, and its builds are cached by content (tests/jekyll.py).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.harness import FIXTURES, check
from tests.jekyll import requires_jekyll, requires_stages

FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_every_fixture_has_a_source_and_a_licence():
    sources = (FIXTURES.parent / "SOURCES").read_text()
    for name in FIXTURE_NAMES:
        assert f"\n{name}\t" in sources, f"{name} is not described in SOURCES"
        assert any((FIXTURES / name).glob("LICENSE*")), f"{name} has no LICENSE file"


@requires_jekyll
@requires_stages("jekyllpy.markdown", "jekyllpy.sass")
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_site_conforms(name: str, tmp_path: Path):
    check(name, FIXTURES / name, tmp_path)
