"""Conformance on real academicpages sites (../shared/sites): jekyllpy vs real Jekyll.

For each site: the build succeeds, the output has exactly Jekyll's files (nothing missing,
nothing extra), every static file is byte-identical, and the share of byte-identical files
is at least the floor recorded in floors.json (raised as conformance improves).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.jekyll import SITES, jekyll_build, jekyllpy_build, requires_stages, requires_jekyll, tree_files

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())
SITE_NAMES = sorted(p.name for p in SITES.iterdir() if p.is_dir()) if SITES.exists() else []



@requires_jekyll
@requires_stages("jekyllpy.markdown", "jekyllpy.sass")
@pytest.mark.parametrize("name", SITE_NAMES)
def test_site_conforms(name: str, tmp_path: Path):
    src = tmp_path / "src"
    shutil.copytree(SITES / name, src)
    ref = tree_files(jekyll_build(SITES / name))
    proc = jekyllpy_build(src, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = tree_files(tmp_path / "out")
    assert sorted(ref.keys() - out.keys()) == [], "missing files"
    assert sorted(out.keys() - ref.keys()) == [], "extra files"
    rendered = _rendered_paths(src)
    static_diff = [p for p in ref if p not in rendered and ref[p] != out[p]]
    assert static_diff == [], "static files must be copied byte for byte"
    identical = sum(ref[p] == out[p] for p in ref) / len(ref)
    floor = FLOORS.get(name, 0.0)
    assert identical >= floor, f"{name}: identical {identical:.1%} fell below the floor {floor:.1%}"
    print(f"{name}: {identical:.1%} identical ({len(ref)} files)")


def _rendered_paths(src: Path) -> set[str]:
    """Output paths that come from rendering (not copies): what our build rendered."""
    import os

    import jekyllpy

    old = dict(os.environ)
    os.environ.update({"SOURCE_DATE_EPOCH": "1767225600", "JEKYLL_ENV": "production", "TZ": "UTC"})
    try:
        site = jekyllpy.Site.from_path(src)
        site.read()
        site.generate()
    finally:
        os.environ.clear()
        os.environ.update(old)
    dest = site.dest
    paths = set()
    for item in site.each_site_file():
        if hasattr(item, "output"):
            paths.add(str(item.destination(dest).relative_to(dest)))
    # plugin outputs made at render time (feed, sitemap, source maps, redirects.json)
    paths.update({"feed.xml", "sitemap.xml", "robots.txt", "redirects.json"})
    paths.update(p + ".map" for p in list(paths) if p.endswith(".css"))
    return paths
