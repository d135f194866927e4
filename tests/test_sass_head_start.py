"""The Sass head start (prefetch.SassHeadStart): the site's Sass pages compile in a child
forked before the heavy imports, and the parent takes a result only for exactly the compile
it would make — so output never depends on it (issue #9)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

pytest.importorskip("sass", reason="libsass is not installed")

import jekyllpy  # noqa: E402
from jekyllpy import cli, prefetch, sass  # noqa: E402
from tests.jekyll import tree_files  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the head start forks")


@pytest.fixture
def compiled(monkeypatch):
    """Sources this process hands to libsass (a forked child's calls are not seen here)."""
    seen: list[str] = []
    real = sass.libsass.compile

    def spy(**kwargs):
        seen.append(kwargs.get("string"))
        return real(**kwargs)

    monkeypatch.setattr(sass.libsass, "compile", spy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return seen


def make_site(root: Path, config: str = "") -> Path:
    (root / "assets" / "css").mkdir(parents=True)
    (root / "_sass").mkdir()
    (root / "_config.yml").write_text("title: S\nsass:\n  style: compressed\n" + config)
    (root / "_sass" / "_base.scss").write_text("$c: #123;\nbody { color: $c; }\n")
    (root / "assets" / "css" / "main.scss").write_text("---\n---\n@import 'base';\na { b: 1px + 2px; }\n")
    (root / "index.html").write_text("---\n---\n{% for p in site.pages %}{{ p.url }} {% endfor %}\n")
    return root


def test_cli_build_takes_the_childs_compile(tmp_path, compiled):
    src = make_site(tmp_path / "src")
    assert cli.main(["build", "-q", "-j", "2", "-s", str(src), "-d", str(tmp_path / "two")]) == 0
    assert compiled == []
    assert cli.main(["build", "-q", "-j", "1", "-s", str(src), "-d", str(tmp_path / "one")]) == 0
    assert len(compiled) == 1  # serial: no child, the parent compiles
    assert tree_files(tmp_path / "one") == tree_files(tmp_path / "two")
    css = (tmp_path / "two" / "assets" / "css" / "main.css").read_text()
    assert css.startswith("body{color:#123}a{b:3px}")
    assert (tmp_path / "two" / "assets" / "css" / "main.css.map").read_text().startswith("{")


def test_a_page_the_child_cannot_know_is_compiled_by_the_parent(tmp_path, compiled):
    """Liquid in the page (its text is known only after rendering) and a page whose
    front matter defaults come from the site: the child skips the first; the parent's key
    decides, and output matches the serial build."""
    src = make_site(tmp_path / "src", "accent: '#abc'\n")
    (src / "assets" / "css" / "liquid.scss").write_text("---\n---\nem { color: {{ site.accent }}; }\n")
    jekyllpy.build(src, tmp_path / "two", jobs=2)
    assert compiled == ["em { color: #abc; }\n"]
    jekyllpy.build(src, tmp_path / "one", jobs=1)
    assert tree_files(tmp_path / "one") == tree_files(tmp_path / "two")
    assert (tmp_path / "two" / "assets" / "css" / "liquid.css").read_text().startswith("em{color:#abc}")


def test_render_without_process_starts_one(tmp_path, compiled):
    src = make_site(tmp_path / "src")
    site = jekyllpy.Site.from_path(src, destination=str(tmp_path / "out"), jobs=2)
    site.reset()
    site.read()
    site.generate()
    site.render()
    assert compiled == [] and site.sass_head_start is None  # used, then closed
    site.write()
    assert (tmp_path / "out" / "assets" / "css" / "main.css").read_text().startswith("body{color:#123}")


def test_errors_are_reported_by_the_parent_in_place(tmp_path, compiled):
    src = make_site(tmp_path / "src")
    (src / "assets" / "css" / "main.scss").write_text("---\n---\n\na { b: ; }\n")
    with pytest.raises(jekyllpy.JekyllpyError) as info:
        jekyllpy.build(src, tmp_path / "out", jobs=2)
    message = str(info.value)
    assert "main.scss" in message and ":4:" in message.replace(" line ", ":")
    assert len(compiled) == 1  # the child's failure is not used: the parent compiles and reports
    assert not (tmp_path / "out").exists()


def test_candidates_are_pages_outside_private_and_excluded_folders(tmp_path):
    src = tmp_path / "src"
    for rel, text in {"assets/css/main.scss": "---\n---\n", "assets/css/plain.scss": "a{b:c}\n",
                      "_sass/_x.scss": "---\n---\n", "css/_partial.scss": "---\n---\n",
                      "node_modules/pkg/y.scss": "---\n---\n", "vendor/z.sass": "---\n---\n",
                      "_site/old.scss": "---\n---\n", ".hidden/h.scss": "---\n---\n",
                      "style.SASS": "---\n---\n", "notes.md": "---\n---\n"}.items():
        (src / Path(rel).parent).mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    found = prefetch.sass_page_candidates(src, {"exclude": ["node_modules", "vendor/"]})
    assert [os.path.relpath(p, src) for p in found] == ["style.SASS", os.path.join("assets", "css", "main.scss")]


def test_close_stops_a_child_nobody_asked(tmp_path, monkeypatch):
    src = make_site(tmp_path / "src")
    monkeypatch.setattr(prefetch, "_head_start_child", lambda *args: time.sleep(30))
    head = prefetch.SassHeadStart.start({"source": str(src), "jobs": 2})
    pid = head.pid
    began = time.monotonic()
    head.close()
    assert time.monotonic() - began < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped
    assert head.lookup(("anything",)) is None


def test_no_child_for_a_serial_build_or_a_site_without_sass(tmp_path):
    src = make_site(tmp_path / "src")
    assert prefetch.SassHeadStart.start({"source": str(src), "jobs": 1}) is None
    assert prefetch.SassHeadStart.start({"source": str(src), "jobs": 2, "profile": True}) is None
    (src / "assets" / "css" / "main.scss").unlink()
    assert prefetch.SassHeadStart.start({"source": str(src), "jobs": 2}) is None


# -- a compile not finished when its phase starts: the phase renders first (parallel.py) --

@pytest.fixture
def late(monkeypatch):
    """The head start never ready at a phase's start: its Sass pages always wait to the end."""
    asked: list[bool] = []
    monkeypatch.setattr(prefetch.SassHeadStart, "ready", lambda self: asked.append(False) or False)
    monkeypatch.setattr("jekyllpy.parallel.MIN_ITEMS_PER_WORKER", 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return asked


@pytest.mark.parametrize("pages", [3, 12])  # one process in the phase, and workers
def test_deferred_sass_page_leaves_the_serial_output(tmp_path, late, pages):
    src = make_site(tmp_path / "src")
    listing = "---\n---\n{% for p in site.pages %}{{ p.url }} {% endfor %}\n"
    reader = ("---\n---\n{% for p in site.pages %}{% if p.name == 'main.scss' %}{{ p.content | size }}|"
              "{{ p.output | size }}{% endif %}{% endfor %}\n")
    plain = "---\n---\nplain {{ page.url }}\n"
    for i in range(pages):  # after assets/css/main.scss in Jekyll's order
        (src / "assets" / f"p{i:02d}.html").write_text([listing, reader, plain][i % 3])
    (src / "assets" / "a-first.html").write_text(listing)  # before it: no map page listed
    jekyllpy.build(src, tmp_path / "two", jobs=2)
    assert late, "the Sass page was deferred"
    jekyllpy.build(src, tmp_path / "one", jobs=1)
    assert tree_files(tmp_path / "one") == tree_files(tmp_path / "two")
    out = tmp_path / "two" / "assets"
    assert "/assets/css/main.css.map" in (out / "p00.html").read_text()
    assert "/assets/css/main.css.map" not in (out / "a-first.html").read_text()
    css = (out / "css" / "main.css").read_text()
    assert (out / "p01.html").read_text().startswith(f"{len(css)}|")  # converted, as serially


def test_deferred_sass_error_comes_before_later_errors(tmp_path, late):
    """A serial build stops at the Sass page: its error, not a later page's, is reported."""
    src = make_site(tmp_path / "src")
    (src / "assets" / "css" / "main.scss").write_text("---\n---\na { b: ; }\n")
    for i in range(6):
        (src / "assets" / f"p{i}.html").write_text("---\n---\n{% if %}\n" if i == 4 else "---\n---\nok\n")
    with pytest.raises(jekyllpy.JekyllpyError) as info:
        jekyllpy.build(src, tmp_path / "out", jobs=2)
    assert late, "the Sass page was deferred"
    assert "main.scss" in str(info.value) and "p4.html" not in str(info.value)


def test_workers_join_a_phase_once_the_head_start_is_done(tmp_path, monkeypatch):
    """Not ready at the phase's start, ready after the parent's first item: the Sass page is
    deferred, the parent starts alone, and the worker forked then takes a share."""
    from jekyllpy import parallel

    answers = iter([False, False])
    monkeypatch.setattr(prefetch.SassHeadStart, "ready", lambda self: next(answers, True))
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    forks = []
    real_fork = parallel.fork_child
    monkeypatch.setattr(parallel, "fork_child", lambda work: forks.append(1) or real_fork(work))
    src = make_site(tmp_path / "src")
    listing = "---\n---\n{% for p in site.pages %}{{ p.url }} {% endfor %}\n"
    for i in range(12):
        (src / "assets" / f"p{i:02d}.html").write_text(listing if i % 2 else f"---\n---\n{i}\n")
    jekyllpy.build(src, tmp_path / "two", jobs=2)
    assert next(answers, "used") == "used" and forks, "deferred, then a worker forked"
    jekyllpy.build(src, tmp_path / "one", jobs=1)
    assert tree_files(tmp_path / "one") == tree_files(tmp_path / "two")
    assert "/assets/css/main.css.map" in (tmp_path / "two" / "assets" / "p01.html").read_text()


# -- left pending: nothing read the late Sass page, so the writer finishes it last --

def test_pending_sass_page_is_written_last(tmp_path, late, monkeypatch):
    src = make_site(tmp_path / "src")
    listing = "---\n---\n{% for p in site.pages %}{{ p.url }} {% endfor %}\n"
    for i in range(6):
        (src / "assets" / f"p{i}.html").write_text(listing if i % 2 else f"---\n---\n{i}\n")
    finished = []
    real = jekyllpy.Site.finish_render

    def spy(self):
        finished.append([item.name for item in self.pending])
        return real(self)

    monkeypatch.setattr(jekyllpy.Site, "finish_render", spy)
    jekyllpy.build(src, tmp_path / "two", jobs=2)
    assert finished == [["main.scss"]], "the writer rendered the pending page"
    jekyllpy.build(src, tmp_path / "one", jobs=1)
    assert tree_files(tmp_path / "one") == tree_files(tmp_path / "two")
    assert "/assets/css/main.css.map" in (tmp_path / "two" / "assets" / "p1.html").read_text()


def test_pending_sass_page_sharing_a_destination_is_finished_first(tmp_path, late):
    src = make_site(tmp_path / "src")
    (src / "assets" / "css" / "main.css").write_text("a static file at the same place\n")
    jekyllpy.build(src, tmp_path / "two", jobs=2)
    jekyllpy.build(src, tmp_path / "one", jobs=1)
    assert tree_files(tmp_path / "one") == tree_files(tmp_path / "two")


def test_pending_sass_error_keeps_the_old_site(tmp_path, late):
    src = make_site(tmp_path / "src")
    out = tmp_path / "out"
    jekyllpy.build(src, out, jobs=2)
    before = tree_files(out)
    (src / "assets" / "css" / "main.scss").write_text("---\n---\n\na { b: ; }\n")
    with pytest.raises(jekyllpy.JekyllpyError) as info:
        jekyllpy.build(src, out, jobs=2)
    assert "main.scss" in str(info.value)
    assert tree_files(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".out.")] == []
