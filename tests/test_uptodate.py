"""A plain build with nothing changed is skipped (uptodate.py) — and never when something did.

Each test builds a small site twice with the real command line in a child process (the check
runs before any heavy import, in `python -m jekyllpy build`), and looks at what the second
build did: whether the outputs were rewritten (their inode changes: the writer replaces files)
and whether they hold what a full build gives.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PINNED = {"SOURCE_DATE_EPOCH": "1767225600", "TZ": "UTC"}


def build(src: Path, dest: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "JEKYLLPY_UPTODATE" and not k.startswith("JEKYLL_")}
    environ.update(PYTHONPATH=str(ROOT / "src"), **(env if env is not None else PINNED))
    proc = subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src), "-d", str(dest), *extra],
                          capture_output=True, text=True, env=environ)
    assert proc.returncode == 0, proc.stderr
    return proc


def inodes(dest: Path) -> dict[str, int]:
    return {str(p.relative_to(dest)): p.stat().st_ino for p in dest.rglob("*") if p.is_file()}


def make_site(root: Path, page: str = "Hello {{ site.title }}\n") -> Path:
    src = root / "src"
    (src / "_layouts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: Up to date\n")
    (src / "_layouts" / "default.html").write_text("<main>{{ content }}</main>\n")
    (src / "index.md").write_text("---\nlayout: default\n---\n" + page)
    (src / "style.css").write_text("body { color: red }\n")
    return src


def stamps(src: Path) -> list[Path]:
    return list((src / ".jekyll-cache" / "jekyllpy" / "uptodate").glob("*.marshal"))


def test_second_build_with_nothing_changed_is_skipped_and_prints_the_same(tmp_path):
    src = make_site(tmp_path, 'Hello {{ site.title }}{{ page.x | "oops" }}\n')  # a Liquid warning
    dest = tmp_path / "_site"
    first = build(src, dest)
    before = inodes(dest)
    second = build(src, dest)
    assert inodes(dest) == before  # nothing rewritten
    assert (dest / "index.html").read_text() == "<main><p>Hello Up to date</p>\n</main>\n"
    strip = lambda text: [line for line in text.splitlines() if "done in" not in line]  # noqa: E731
    assert strip(second.stdout) == strip(first.stdout)
    assert "Liquid Warning" in first.stderr and second.stderr == first.stderr


@pytest.mark.parametrize("change", ["edit_same_size_same_mtime", "add_page", "delete_page", "config",
                                    "delete_output", "stray_output", "edit_output", "env", "flag"])
def test_any_change_means_a_full_build(tmp_path, change):
    src = make_site(tmp_path)
    dest = tmp_path / "_site"
    build(src, dest)
    page = src / "index.md"
    env, extra = dict(PINNED), []
    if change == "edit_same_size_same_mtime":
        # a save within the same clock tick: size and time unchanged, text not (racy rule)
        st = page.stat()
        page.write_text(page.read_text().replace("Hello", "Howdy"))
        os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif change == "add_page":
        (src / "two.md").write_text("---\n---\nTwo\n")
    elif change == "delete_page":
        (src / "style.css").unlink()
    elif change == "config":
        (src / "_config.yml").write_text("title: Changed\n")
    elif change == "delete_output":
        (dest / "index.html").unlink()
    elif change == "stray_output":
        (dest / "stray.txt").write_text("left by someone\n")
    elif change == "edit_output":
        (dest / "index.html").write_text("tampered\n")
    elif change == "env":
        env["JEKYLL_ENV"] = "production"
    elif change == "flag":
        extra = ["--baseurl", "/sub"]
    build(src, dest, *extra, env=env)
    fresh = tmp_path / "fresh"
    build(src, fresh, *extra, env=dict(env, JEKYLLPY_UPTODATE="0"))
    got = {p: (dest / p).read_bytes() for p in inodes(dest)}
    want = {p: (fresh / p).read_bytes() for p in inodes(fresh)}
    assert got == want
    if change == "edit_same_size_same_mtime":
        assert "Howdy" in got["index.html"].decode()


def test_a_build_that_read_the_clock_is_not_skipped_unless_the_clock_is_pinned(tmp_path):
    src = make_site(tmp_path, "Built {{ site.time | date: '%s' }}\n")
    dest = tmp_path / "_site"
    build(src, dest, env={"TZ": "UTC"})  # the clock runs: the next build would differ
    assert stamps(src) == []
    build(src, dest)  # pinned
    assert len(stamps(src)) == 1
    before = inodes(dest)
    build(src, dest)
    assert inodes(dest) == before


def test_a_date_filter_on_text_reads_the_clock(tmp_path):
    src = make_site(tmp_path, "{{ 'now' | date: '%Y' }}\n")
    build(src, tmp_path / "_site", env={"TZ": "UTC"})
    assert stamps(src) == []


def test_a_hidden_future_post_reads_the_clock(tmp_path):
    src = make_site(tmp_path)
    (src / "_posts").mkdir()
    (src / "_posts" / "2999-01-01-later.md").write_text("---\n---\nLater\n")
    build(src, tmp_path / "_site", env={"TZ": "UTC"})
    assert stamps(src) == []
    (src / "_posts" / "2999-01-01-later.md").rename(src / "_posts" / "2001-01-01-past.md")
    build(src, tmp_path / "_site", env={"TZ": "UTC"})
    assert len(stamps(src)) == 1


def test_clock_read_in_a_render_worker_reaches_the_parent(tmp_path):
    """With two jobs, pages render in a forked worker: its reading of site.time counts."""
    src = make_site(tmp_path)
    (src / "_config.yml").write_text("title: Many\n")
    for i in range(240):
        text = "{{ site.time }}" if i == 239 else "plain"
        (src / f"p{i:03}.md").write_text(f"---\n---\n{text}\n")
    build(src, tmp_path / "_site", "--jobs", "2", env={"TZ": "UTC"})
    assert stamps(src) == []


@pytest.mark.parametrize("flag", ["--disable-disk-cache", "--incremental", "--profile", "--verbose"])
def test_flags_that_always_build(tmp_path, flag):
    src = make_site(tmp_path)
    dest = tmp_path / "_site"
    build(src, dest)
    before = inodes(dest)
    build(src, dest, flag)
    assert inodes(dest) != before


def test_the_test_suite_switch_turns_it_off(tmp_path):
    src = make_site(tmp_path)
    build(src, tmp_path / "_site", env=dict(PINNED, JEKYLLPY_UPTODATE="0"))
    assert stamps(src) == []


def test_the_stamp_is_written_only_after_a_successful_build(tmp_path):
    src = make_site(tmp_path)
    dest = tmp_path / "_site"
    build(src, dest)
    (src / "index.md").write_text("---\nlayout: default\n---\n{% if %}\n")
    environ = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **PINNED)
    environ.pop("JEKYLLPY_UPTODATE", None)
    for _ in range(2):  # fails every time: never "up to date"
        proc = subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src), "-d", str(dest)],
                              capture_output=True, text=True, env=environ)
        assert proc.returncode == 1 and "index.md" in proc.stderr
    (src / "index.md").write_text(textwrap.dedent("""\
        ---
        layout: default
        ---
        Fixed
        """))
    build(src, dest)
    assert "Fixed" in (dest / "index.html").read_text()


def test_a_config_file_outside_the_source_is_watched_too(tmp_path):
    src = make_site(tmp_path)
    outside = tmp_path / "extra.yml"
    outside.write_text("title: One\n")
    dest = tmp_path / "_site"
    build(src, dest, "--config", f"{src / '_config.yml'},{outside}")
    assert "One" in (dest / "index.html").read_text()
    outside.write_text("title: Two\n")
    build(src, dest, "--config", f"{src / '_config.yml'},{outside}")
    assert "Two" in (dest / "index.html").read_text()
