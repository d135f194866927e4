"""The Python plugin API end to end: an example third-party plugin installed through the
`jekyllpy.plugins` entry point, site-local `_plugins/*.py` behind `--unsafe-plugins`, and the
warnings for what cannot run (unknown names, `_plugins/*.rb`, the `gems:` key).

The example package (tests/fixtures/plugins_example/package) is "installed" the way pip
lays it out: the package and a `<name>.dist-info/` with `METADATA` and `entry_points.txt`
in a directory on the import path, which is what `importlib.metadata` reads.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jekyllpy.plugins import Hooks
from tests.jekyll import FROZEN_ENV, ROOT

EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "plugins_example"


def install_example(target: Path) -> Path:
    """Install the example plugin into `target` as pip would (no network, no build step)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(EXAMPLE / "package" / "jekyllpy_word_stats", target / "jekyllpy_word_stats")
    info = target / "jekyllpy_word_stats-1.0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: jekyllpy-word-stats\nVersion: 1.0.0\n")
    (info / "entry_points.txt").write_text("[jekyllpy.plugins]\njekyllpy-word-stats = jekyllpy_word_stats\n")
    return target


def build(src: Path, dest: Path, site_packages: Path | None, *args: str) -> subprocess.CompletedProcess:
    path = [str(ROOT / "src")] + ([str(site_packages)] if site_packages else [])
    env = dict(os.environ, **FROZEN_ENV, PYTHONPATH=os.pathsep.join(path))
    return subprocess.run(["python", "-m", "jekyllpy", "build", "-s", str(src), "-d", str(dest), *args],
                          capture_output=True, text=True, env=env)


@pytest.fixture
def example_site(tmp_path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE / "site", site)
    return site


def test_entry_point_plugin_end_to_end(tmp_path, example_site):
    packages = install_example(tmp_path / "site-packages")
    out = tmp_path / "_site"
    proc = build(example_site, out, packages)
    assert proc.returncode == 0, proc.stderr
    # hook (pre_render) + filter in the layout, hook (post_render) on posts
    hello = (out / "2024/01/01/hello.html").read_text()
    assert hello == ("<h1>HELLO WORLD!</h1>\n<p class=\"count\">4 words</p>\n"
                     "<p>Hello there, <em>plugin</em> world.</p>\n\n<!-- 4 words -->\n")
    # generator: a page with Liquid (the plugin's tag) rendered through the site's layout
    stats = (out / "stats/index.html").read_text()
    assert "<h1>STATS!</h1>" in stats
    assert "<li>Hello world: 4</li>\n<li>Second: 6</li>\n</ul>\nTotal: 10" in stats
    # filter with an argument-free call in a page
    assert (out / "index.html").read_text() == '<h1>HOME!</h1>\n<p class="count">4 words</p>\n3\n\n'
    # converter: .shout → .html
    assert (out / "loud.html").read_text() == (
        "<h1>LOUD!</h1>\n<p class=\"count\">4 words</p>\n<p>QUIET WORDS GET LOUDER</p>\n\n")
    # without --unsafe-plugins the site's _plugins/*.py did not run, and said so
    assert (out / "local.html").read_text() == "abc\n"
    assert "_plugins/site_local.py" in proc.stderr and "--unsafe-plugins" in proc.stderr
    assert "Ruby plugins are not run by jekyllpy: _plugins/legacy.rb" in proc.stderr


def test_unsafe_plugins_runs_site_python_plugins(tmp_path, example_site):
    packages = install_example(tmp_path / "site-packages")
    out = tmp_path / "_site"
    proc = build(example_site, out, packages, "--unsafe-plugins")
    assert proc.returncode == 0, proc.stderr
    assert (out / "local.html").read_text() == "cba\n"
    assert "site_local.py" not in proc.stderr


def test_unsafe_plugins_cannot_be_enabled_from_the_config(tmp_path, example_site):
    with open(example_site / "_config.yml", "a") as fh:
        fh.write("unsafe_plugins: true\n")
    out = tmp_path / "_site"
    proc = build(example_site, out, install_example(tmp_path / "sp"))
    assert proc.returncode == 0, proc.stderr
    assert (out / "local.html").read_text() == "abc\n"


def test_safe_mode_skips_plugins_not_whitelisted_and_site_plugins(tmp_path, example_site):
    out = tmp_path / "_site"
    proc = build(example_site, out, install_example(tmp_path / "sp"), "--safe", "--unsafe-plugins")
    assert proc.returncode == 0, proc.stderr
    assert (out / "local.html").read_text() == "abc\n"
    assert not (out / "stats").exists()
    assert "legacy.rb" not in proc.stderr  # safe mode: Jekyll would not run _plugins either


def test_plugin_not_installed_warns_and_builds(tmp_path, example_site):
    (example_site / "_config.yml").write_text(
        "plugins: [jekyllpy-word-stats, jekyll-archives, jekyll-made-up]\ngems: [jekyll-feed]\n")
    out = tmp_path / "_site"
    proc = build(example_site, out, None, "--verbose")
    assert proc.returncode == 0, proc.stderr
    err = " ".join(proc.stderr.split())
    for name, what in (("jekyllpy-word-stats", "whatever it generates"),
                       ("jekyll-archives", "the tag/category/date archive pages"),
                       ("jekyll-made-up", "whatever it generates")):
        assert (f"Plugin: '{name}' is a Ruby plugin jekyllpy does not run (no installed Python package "
                f"provides it): {what} will be missing.") in err
    assert "`gems:` is not read by Jekyll 4" in err and "jekyll-feed" in err
    assert not (out / "feed.xml").exists()
    assert (out / "index.html").exists()


def test_broken_site_plugin_is_a_located_error(tmp_path, example_site):
    (example_site / "_plugins" / "broken.py").write_text("def register(site):\n    return (\n")
    proc = build(example_site, tmp_path / "_site", None, "--unsafe-plugins")
    assert proc.returncode == 1
    assert re.search(r"_plugins/broken\.py:\d+(:\d+)?: plugin has a syntax error", proc.stderr), proc.stderr


def test_hooks_run_by_priority_and_reject_unknown_names():
    hooks = Hooks()
    calls = []
    hooks.register("site", "post_read", lambda s: calls.append("normal"))
    hooks.register("site", "post_read", lambda s: calls.append("high"), priority="high")
    hooks.register("site", "post_read", lambda s: calls.append("low"), priority=-10)
    hooks.register(["pages", "documents"], "after_init", lambda d: calls.append("init"))
    hooks.trigger("site", "post_read", None)
    hooks.trigger("posts", "post_init", None)  # posts are documents
    assert calls == ["high", "normal", "low", "init"]
    with pytest.raises(ValueError):
        hooks.register("site", "post_frobnicate", print)
    with pytest.raises(ValueError):
        hooks.register("widgets", "post_read", print)


def test_every_hook_fires_in_jekylls_order(tmp_path):
    from jekyllpy.logger import Logger
    from jekyllpy.site import Site

    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n")
    (src / "_posts/2020-01-01-a.md").write_text("---\n---\n*a*\n")
    (src / "p.html").write_text("---\n---\np\n")
    site = Site.from_path(src, destination=str(tmp_path / "out"), logger=Logger("error"))
    seen = []
    for owner in ("site", "pages", "posts"):
        events = ("after_init", "after_reset", "post_read", "pre_render", "post_render", "post_write") \
            if owner == "site" else ("post_init", "pre_render", "post_convert", "post_render", "post_write")
        for event in events:
            site.hooks.register(owner, event, lambda obj, *a, o=owner, e=event: seen.append(f"{o}:{e}"))
    site.process()
    assert seen == [
        "site:after_reset", "pages:post_init", "posts:post_init", "site:post_read", "site:pre_render",
        "posts:pre_render", "posts:post_convert", "pages:pre_render", "pages:post_convert",
        "posts:post_render", "pages:post_render", "site:post_render",
        "pages:post_write", "posts:post_write", "site:post_write",
    ]
    assert (tmp_path / "out/2020/01/01/a.html").read_text() == "<p><em>a</em></p>\n"


def test_render_time_hooks_of_a_plugin_make_parallel_builds_serial(tmp_path, example_site):
    """The example's pre_render hook sets `word_count` that its post_render hook reads: in a
    parallel build the first would run in a worker and the second in the parent, so a
    plugin with render-time hooks (and no PARALLEL_SAFE) gets a serial build."""
    for i in range(40):
        (example_site / "_posts" / f"2023-01-{i % 28 + 1:02d}-p{i}.md").write_text(
            f"---\nlayout: default\ntitle: P{i}\n---\nword {i} here\n")
    packages = install_example(tmp_path / "sp")
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert build(example_site, serial, packages, "-j", "1").returncode == 0
    proc = build(example_site, parallel, packages, "-j", "4")
    assert proc.returncode == 0, proc.stderr
    from tests.jekyll import tree_files

    assert tree_files(serial) == tree_files(parallel)
    assert (parallel / "2023/01/05/p4.html").read_text().endswith("<!-- 3 words -->\n")
