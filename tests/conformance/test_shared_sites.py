"""Conformance on real academicpages sites (../shared/sites): jekyllpy vs real Jekyll.

For each site: the build succeeds, the output has exactly Jekyll's files (nothing missing,
nothing extra), every static file is byte-identical, and the shares of byte-identical and of
identical-or-equivalent files are at least the floors in floors.json (raised as conformance
improves). The checking itself is in harness.py, shared with test_fixture_sites.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.harness import check
from tests.jekyll import SITES, requires_jekyll, requires_stages

SITE_NAMES = sorted(p.name for p in SITES.iterdir() if p.is_dir()) if SITES.exists() else []


@requires_jekyll
@requires_stages("jekyllpy.markdown", "jekyllpy.sass")
@pytest.mark.parametrize("name", SITE_NAMES)
def test_site_conforms(name: str, tmp_path: Path):
    check(name, SITES / name, tmp_path)
