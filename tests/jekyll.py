"""Helpers for differential tests: build a site with real Jekyll (the oracle) and compare.

Real Jekyll comes from `../shared/tools/jekyll-build` (Debian's Jekyll 4.3, frozen clock at
2026-01-01 00:00:00 UTC). Tests that need it skip with a reason when it is missing, so the
suite still runs on a machine without Ruby.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
JEKYLL_BUILD = SHARED / "tools" / "jekyll-build"
SITES = SHARED / "sites"
CACHE = Path(os.environ.get("JEKYLLPY_TEST_CACHE", "/tmp/jekyllpy-test-cache"))

# The environment under which our output is comparable with jekyll-build's output.
FROZEN_ENV = {"SOURCE_DATE_EPOCH": "1767225600", "JEKYLL_ENV": "production", "TZ": "UTC"}


def jekyll_missing_reason() -> str | None:
    if not JEKYLL_BUILD.exists():
        return f"{JEKYLL_BUILD} not found (../shared is absent)"
    if shutil.which("jekyll") is None:
        return "real Jekyll is not installed (run ../shared/tools/install-jekyll)"
    return None


requires_jekyll = pytest.mark.skipif(
    jekyll_missing_reason() is not None, reason=str(jekyll_missing_reason())
)
requires_shared_sites = pytest.mark.skipif(
    not SITES.exists(), reason="../shared/sites is absent"
)


def _tree_key(src: Path, extra: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(src)).encode())
        digest.update(path.read_bytes())
    digest.update(repr(extra).encode())
    return digest.hexdigest()[:20]


def jekyll_build(src: Path, *args: str) -> Path:
    """Build `src` with real Jekyll; cached by content so repeated runs are cheap."""
    src = Path(src)
    out = CACHE / f"ref-{_tree_key(src, args)}"
    if not out.exists():
        tmp = out.with_name(out.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        # Build from a copy: Jekyll may write caches (.jekyll-cache) into the source.
        work = tmp.with_name(tmp.name + "-src")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(src, work)
        proc = subprocess.run(
            [str(JEKYLL_BUILD), str(work), str(tmp), *args],
            capture_output=True, text=True,
        )
        shutil.rmtree(work, ignore_errors=True)
        if proc.returncode != 0:
            raise AssertionError(f"real Jekyll failed on {src}:\n{proc.stdout}\n{proc.stderr}")
        tmp.rename(out)
    return out


def jekyllpy_build(src: Path, dest: Path, *args: str) -> subprocess.CompletedProcess:
    """Build with our CLI in a subprocess, under the same frozen clock. Without the disk
    cache: fixtures and ../shared sites are built in place and must stay as they are."""
    env = dict(os.environ, **FROZEN_ENV, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        ["python", "-m", "jekyllpy", "build", "--disable-disk-cache", "-s", str(src), "-d", str(dest), *args],
        capture_output=True, text=True, env=env,
    )


def tree_files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def diff_trees(ref: Path, out: Path) -> list[str]:
    """Human-readable list of differences between two built sites (empty when identical)."""
    a, b = tree_files(ref), tree_files(out)
    problems = [f"missing: {k}" for k in sorted(a.keys() - b.keys())]
    problems += [f"extra: {k}" for k in sorted(b.keys() - a.keys())]
    for key in sorted(a.keys() & b.keys()):
        if a[key] != b[key]:
            problems.append(f"different: {key}\n" + _short_diff(a[key], b[key]))
    return problems


def _short_diff(x: bytes, y: bytes) -> str:
    import difflib

    lines = difflib.unified_diff(
        x.decode("utf-8", "replace").splitlines(),
        y.decode("utf-8", "replace").splitlines(),
        "jekyll", "jekyllpy", lineterm="", n=1,
    )
    return "\n".join(list(lines)[:40])


def missing_stages() -> list[str]:
    """Pipeline stage modules that have not landed yet (built in parallel by other work)."""
    import importlib.util

    return [name for name in ("jekyllpy.markdown", "jekyllpy.sass", "jekyllpy.highlight")
            if importlib.util.find_spec(name) is None]


requires_full_pipeline = pytest.mark.skipif(
    bool(missing_stages()), reason=f"stage modules not landed yet: {', '.join(missing_stages())}"
)


def requires_stages(*names: str):
    """Skip unless the named stage modules (e.g. "jekyllpy.markdown") are present."""
    missing = [n for n in missing_stages() if n in names]
    return pytest.mark.skipif(bool(missing), reason=f"stage modules not landed yet: {', '.join(missing)}")
