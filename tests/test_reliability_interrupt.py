"""Interrupted builds (issue 10): killing a build at any moment never costs the previous site.

The writer builds the new site in a temporary sibling of `_site/` and swaps it in with one
atomic exchange (renameat2 RENAME_EXCHANGE on Linux), so `_site/` is at every instant either
the complete old site or the complete new one. These tests build a medium site (make-site's
academicpages-style site with 200 extra documents), then start builds in a child process and
SIGKILL them — the whole process group, parallel workers included — at seeded random
moments, and after each kill check that `_site/` is the previous site byte for byte. The next
build must succeed (a cache file cut in half by the kill included) and clear the temporary
folders the killed builds left behind.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.jekyll import ROOT, SHARED, tree_files

MAKE_SITE = SHARED / "tools" / "make-site"
ENV = {"SOURCE_DATE_EPOCH": "1767225600", "TZ": "UTC", "JEKYLL_ENV": "production"}


def _generate(src: Path, n: int) -> None:
    """Without ../shared: n posts and pages with layouts, includes and Sass."""
    (src / "_layouts").mkdir(parents=True)
    (src / "_includes").mkdir()
    (src / "_posts").mkdir()
    (src / "assets").mkdir()
    (src / "_config.yml").write_text("title: Medium\n")
    (src / "_layouts/default.html").write_text("<html>{% include nav.html %}{{ content }}</html>\n")
    (src / "_includes/nav.html").write_text("{% for p in site.posts limit: 20 %}<a href='{{ p.url }}'>{{ p.title }}</a>{% endfor %}\n")
    (src / "assets/main.scss").write_text("---\n---\n$c: red;\n.a { color: $c; .b { color: blue; } }\n")
    for i in range(n):
        (src / f"_posts/2020-01-{i % 28 + 1:02d}-post-{i}.md").write_text(
            f"---\nlayout: default\ntitle: Post {i}\n---\n# Post {i}\n\n" + "Some *text* here.\n\n" * 30)
        (src / f"page-{i}.md").write_text(f"---\nlayout: default\n---\n## Page {i}\n\n```ruby\nputs {i}\n```\n")


def run_build(src: Path, dest: Path, **popen) -> subprocess.Popen:
    env = dict(os.environ, **ENV, PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen([sys.executable, "-m", "jekyllpy", "build", "-q", "-s", str(src), "-d", str(dest)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **popen)


def build(src: Path, dest: Path) -> float:
    start = time.monotonic()
    proc = run_build(src, dest)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - start


def kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def leftovers(dest: Path) -> list[str]:
    return sorted(n for n in os.listdir(dest.parent) if n != dest.name and n.startswith(f".{dest.name}."))


@pytest.fixture(scope="module")
def medium_site(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes], float]:
    root = tmp_path_factory.mktemp("interrupt")
    src, dest = root / "src", root / "out" / "_site"
    if MAKE_SITE.exists():
        subprocess.run([str(MAKE_SITE), "200", str(src)], check=True, capture_output=True)
    else:
        _generate(src, 200)
    build(src, dest)  # cold: fills the disk cache
    seconds = build(src, dest)  # warm: what the killed builds would take
    snapshot = tree_files(dest)
    assert len(snapshot) > 250
    return src, dest, snapshot, seconds


def test_killed_at_random_moments(medium_site):
    src, dest, snapshot, seconds = medium_site
    rng = random.Random(10)
    moments = sorted(rng.uniform(0.0, seconds) for _ in range(5))
    for moment in moments:
        # A shared machine runs builds faster or slower than the one measured: a build that
        # finished before its moment is tried again with half the delay, so every kill lands
        # while a build runs (a finished one must leave the same site too).
        for _ in range(6):
            proc = run_build(src, dest)
            time.sleep(moment)
            running = proc.poll() is None
            kill(proc)
            assert tree_files(dest) == snapshot, f"_site/ changed after a kill at {moment:.2f} s"
            if running:
                break
            moment /= 2
        else:
            pytest.fail("no kill landed while the build ran")
    build(src, dest)
    assert tree_files(dest) == snapshot
    assert leftovers(dest) == [], "the next build clears what killed builds left"


def test_killed_while_writing(medium_site):
    """Kills aimed at the write phase: as soon as the temporary site folder appears, then a
    seeded fraction of a second later (files half written, the swap about to happen)."""
    src, dest, snapshot, seconds = medium_site
    rng = random.Random(11)
    for _ in range(3):
        proc = run_build(src, dest)
        deadline = time.monotonic() + seconds * 3 + 10
        while proc.poll() is None and time.monotonic() < deadline:
            if any(n.startswith(f".{dest.name}.jekyllpy-{proc.pid}-") for n in os.listdir(dest.parent)):
                break
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, 0.3))
        kill(proc)
        assert tree_files(dest) == snapshot
        assert dest.is_dir() and not dest.is_symlink()
    build(src, dest)
    assert tree_files(dest) == snapshot
    assert leftovers(dest) == []


def test_swap_never_leaves_a_moment_without_site(tmp_path: Path):
    """The writer's swap is one atomic exchange: a watcher polling `_site/index.html`
    during 300 swaps never finds it missing (two renames would leave a gap each time)."""
    from jekyllpy.writer import _exchange, _swap

    dest = tmp_path / "_site"
    dest.mkdir()
    (dest / "index.html").write_text("0")
    if not _exchange(dest, dest):
        pytest.skip("no atomic exchange on this platform (two renames are used)")
    misses, done = [], threading.Event()

    def watch():
        while not done.is_set():
            if not (dest / "index.html").exists():
                misses.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    os.environ["JEKYLLPY_SYNC_CLEANUP"] = "1"
    try:
        for i in range(300):
            tmp = tmp_path / f".new-{i}"
            tmp.mkdir()
            (tmp / "index.html").write_text(str(i + 1))
            _swap(dest, tmp)
    finally:
        os.environ.pop("JEKYLLPY_SYNC_CLEANUP")
        done.set()
        watcher.join()
    assert misses == []
    assert (dest / "index.html").read_text() == "300"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_stale_folders_of_dead_builds_are_removed_and_live_ones_kept(tmp_path: Path):
    from jekyllpy.writer import _remove_stale

    dest = tmp_path / "_site"
    dest.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    names = [f"._site.jekyllpy-{dead.pid}-x", f"._site.old-{dead.pid}-y",  # a dead builder's
             f"._site.jekyllpy-{os.getppid()}-z",  # a live process's (a concurrent build)
             "._site.jekyllpy-abc", "._other.jekyllpy-1-q", "keep"]  # not ours to judge
    for name in names:
        (tmp_path / name).mkdir()
    _remove_stale(dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["_site", *names[2:]])
