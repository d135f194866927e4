"""Differential tests for the core: each tiny site under tests/fixtures/sites/ is built with real
Jekyll 4.3 (the oracle) and with jekyllpy, and the two output trees must be byte-identical.

Each fixture exercises one area of the core (posts, permalink styles, collections, defaults,
_data, page permalinks, static files) and prints URLs, dates, categories and excerpts of every
document, so any difference in the core shows up in the output.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.jekyll import (
    FROZEN_ENV,
    JEKYLL_BUILD,
    diff_trees,
    jekyll_build,
    jekyllpy_build,
    requires_stages,
    requires_jekyll,
    tree_files,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sites"

KNOWN_GAPS: dict[str, str] = {}

def _case(name, args=()):
    gap = KNOWN_GAPS.get(name)
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(name, args, marks=marks, id=" ".join((name, *args)))


# (fixture directory, extra build arguments)
CASES = [
    ("posts", ()),
    ("posts", ("--drafts", "--future", "--unpublished")),
    ("posts-pretty", ()),
    ("posts-ordinal", ()),
    ("posts-weekdate", ()),
    ("posts-none", ()),
    ("collections", ()),
    ("defaults", ()),
    ("data", ()),
    ("permalinks", ()),
    ("static", ()),
]


def test_every_fixture_site_has_a_case():
    sites = {p.name for p in FIXTURES.iterdir() if (p / "_config.yml").exists()}
    assert sites == {name for name, _ in CASES}


@requires_jekyll
@requires_stages("jekyllpy.markdown")
@pytest.mark.parametrize("name,args", [_case(n, a) for n, a in CASES])
def test_core_matches_jekyll(name, args, tmp_path):
    src = FIXTURES / name
    ref = jekyll_build(src, *args)
    out = tmp_path / "_site"
    proc = jekyllpy_build(src, out, *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    problems = diff_trees(ref, out)
    assert problems == [], "\n".join(problems[:30])


def _prepopulate(dest: Path) -> None:
    (dest / "kept").mkdir(parents=True)
    (dest / "kept" / "old.txt").write_text("left by an earlier build\n")
    (dest / "stale").mkdir()
    (dest / "stale" / "page.html").write_text("<p>stale</p>\n")
    (dest / "stale.html").write_text("<p>stale</p>\n")


@requires_jekyll
def test_keep_files_and_stale_files_like_jekyll(tmp_path):
    """`keep_files: [kept]` keeps kept/ from an earlier build; everything else stale is removed."""
    src = FIXTURES / "static"
    work = tmp_path / "src"
    shutil.copytree(src, work)
    ref = tmp_path / "ref"
    _prepopulate(ref)
    proc = subprocess.run(
        [str(JEKYLL_BUILD), str(work), str(ref)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    files = tree_files(ref)
    assert files["kept/old.txt"] == b"left by an earlier build\n"
    assert "stale.html" not in files and "stale/page.html" not in files

    out = tmp_path / "out"
    _prepopulate(out)
    proc = jekyllpy_build(src, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert diff_trees(ref, out) == []


def test_fixtures_use_only_their_own_layouts():
    """Every `layout:` named in a fixture exists in that fixture's _layouts/."""
    import re

    for site in FIXTURES.iterdir():
        if not (site / "_config.yml").exists():
            continue
        layouts = {p.stem for p in (site / "_layouts").glob("*")}
        for path in site.rglob("*"):
            if path.is_file() and path.suffix in {".md", ".html", ".markdown", ".yml"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                for m in re.finditer(r"^\s*layout:\s*([\w-]+)\s*$", text, re.M):
                    if m.group(1) != "null":
                        assert m.group(1) in layouts, f"{path}: unknown layout {m.group(1)}"
