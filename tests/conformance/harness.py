"""The conformance check shared by the ../shared sites and the fixture sites in sites/.

One site is built by real Jekyll (cached by content, tests/jekyll.py) and by jekyllpy under
the same frozen clock, then scored file by file the way ../shared/tools/compare-sites does:
identical bytes, or equivalent (equal once whitespace runs are collapsed and whitespace
between tags dropped, text files only). Keeping the scoring here means the test does not
depend on ../shared/tools being present once the reference build is cached.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tests.jekyll import jekyll_build, jekyllpy_build, tree_files

HERE = Path(__file__).parent
FIXTURES = HERE / "sites"
FLOORS = json.loads((HERE / "floors.json").read_text())
# A fixture may carry `_conformance.yml` (see SOURCES): both builds then read it after
# `_config.yml`. Names relative to the source: jekyll-build runs in the source folder.
OVERRIDE = "_conformance.yml"

_TEXT = (".html", ".htm", ".xml", ".json", ".css", ".txt", ".js")
_WS = re.compile(r"\s+")
_BETWEEN_TAGS = re.compile(r">\s+<")


def normalise(data: bytes) -> str | None:
    """compare-sites' normalisation; None when the bytes are not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return _BETWEEN_TAGS.sub("><", _WS.sub(" ", text)).strip()


@dataclass
class Score:
    total: int
    identical: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def identical_share(self) -> float:
        return len(self.identical) / self.total

    @property
    def equivalent_share(self) -> float:
        return (len(self.identical) + len(self.equivalent)) / self.total

    def summary(self, name: str) -> str:
        return (f"{name}: identical {self.identical_share:.1%}, identical-or-equivalent "
                f"{self.equivalent_share:.1%} of {self.total} files; different: {self.different[:20]}")


def score(ref: dict[str, bytes], out: dict[str, bytes]) -> Score:
    result = Score(total=len(ref), missing=sorted(ref.keys() - out.keys()), extra=sorted(out.keys() - ref.keys()))
    for path in sorted(ref.keys() & out.keys()):
        a, b = ref[path], out[path]
        if a == b:
            result.identical.append(path)
        elif path.lower().endswith(_TEXT) and normalise(a) is not None and normalise(a) == normalise(b):
            result.equivalent.append(path)
        else:
            result.different.append(path)
    return result


def build_args(src: Path) -> tuple[str, ...]:
    return ("--config", f"_config.yml,{OVERRIDE}") if (src / OVERRIDE).exists() else ()


def build_both(site: Path, tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes], Path]:
    """Reference and jekyllpy outputs of `site` (built from a copy: nothing is written into it)."""
    src = tmp_path / "src"
    shutil.copytree(site, src)
    args = build_args(site)
    ref = tree_files(jekyll_build(site, *args))
    # our CLI resolves config paths against the working directory, as Jekyll does: give it the copy's
    ours = ("--config", ",".join(str(src / f) for f in args[1].split(","))) if args else ()
    proc = jekyllpy_build(src, tmp_path / "out", *ours)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return ref, tree_files(tmp_path / "out"), src


def rendered_paths(src: Path) -> set[str]:
    """Output paths that come from rendering (not copies): what our build rendered."""
    import jekyllpy

    config_files = [str(src / f) for f in build_args(src)[1].split(",")] if build_args(src) else None
    old = dict(os.environ)
    os.environ.update({"SOURCE_DATE_EPOCH": "1767225600", "JEKYLL_ENV": "production", "TZ": "UTC"})
    try:
        site = jekyllpy.Site.from_path(src, config_files=config_files)
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


def check(name: str, site: Path, tmp_path: Path) -> Score:
    """Build `site` both ways and hold it to its floors (floors.json; ratchet: raise, never lower)."""
    ref, out, src = build_both(site, tmp_path)
    result = score(ref, out)
    assert result.missing == [], f"{name}: missing files {result.missing[:20]}"
    assert result.extra == [], f"{name}: extra files {result.extra[:20]}"
    rendered = rendered_paths(src)
    static_diff = [p for p in result.different + result.equivalent if p not in rendered]
    assert static_diff == [], f"{name}: static files must be copied byte for byte: {static_diff[:20]}"
    floor = FLOORS.get(name, 0.0)
    assert result.identical_share >= floor, f"identical below the floor {floor:.1%}: " + result.summary(name)
    eq_floor = FLOORS.get("_equivalent", {}).get(name, 0.0)
    assert result.equivalent_share >= eq_floor, \
        f"identical-or-equivalent below the floor {eq_floor:.1%}: " + result.summary(name)
    print(result.summary(name))
    return result
