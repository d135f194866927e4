"""Log output: Jekyll's format and streams, warnings grouped by kind (all of them with
--verbose, none with --quiet), colour only on a terminal."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jekyllpy.logger import Logger, format_line, hold_records, replay_records
from tests.jekyll import ROOT


class Tty(io.StringIO):
    def isatty(self):
        return True


def site_with_repeated_warnings(root: Path) -> Path:
    root.mkdir()
    (root / "_config.yml").write_text("title: x\nplugins: [jekyll-one, jekyll-two, jekyll-three]\n")
    (root / "index.html").write_text("---\n---\nhi\n")
    return root


def build(src: Path, *args: str, dest: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src),
                           "-d", str(dest or src.parent / "o"), *args], capture_output=True, text=True, env=env)


def test_warnings_are_grouped_with_a_count(tmp_path: Path):
    proc = build(site_with_repeated_warnings(tmp_path / "s"))
    assert proc.returncode == 0
    lines = [l for l in proc.stderr.splitlines() if "Plugin:" in l]
    assert len(lines) == 1
    assert lines[0] == format_line("Plugin:", "'jekyll-one' is a Ruby plugin jekyllpy does not run (no installed "
                                   "Python package provides it): whatever it generates will be missing. "
                                   "(and 2 more like it; --verbose shows all)")
    assert "\033[" not in proc.stderr  # no colour when not a terminal


def test_verbose_shows_every_warning_and_quiet_none(tmp_path: Path):
    src = site_with_repeated_warnings(tmp_path / "s")
    verbose = build(src, "--verbose")
    plugin_lines = [l for l in verbose.stderr.splitlines() if "Plugin:" in l]
    assert [l.split("'")[1] for l in plugin_lines] == ["jekyll-one", "jekyll-two", "jekyll-three"]
    assert verbose.stdout.startswith("  Logging at level: debug\n")
    quiet = build(src, "--quiet")
    assert quiet.stderr == "" and quiet.stdout == ""


def test_worker_warnings_reach_the_grouped_log(tmp_path: Path):
    """Warnings raised while forked workers render are sent back with their results: none is
    lost (they used to vanish with the worker) and they group like serial ones."""
    src = tmp_path / "s"
    src.mkdir()
    (src / "_config.yml").write_text("title: x\n")
    for i in range(64):
        (src / f"p{i}.md").write_text(f"---\nlayout: missing{i}\n---\nhi\n")
    serial = build(src, "-j", "1", dest=tmp_path / "a")
    parallel = build(src, "-j", "4", dest=tmp_path / "b")
    for proc in (serial, parallel):
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == format_line("Build Warning:", "Layout 'missing0' requested in p0.md:2 does not "
                                          "exist. (and 63 more like it; --verbose shows all)") + "\n"
    verbose = build(src, "-j", "4", "--verbose", dest=tmp_path / "c")
    shown = sorted(l.split("'")[1] for l in verbose.stderr.splitlines() if "Build Warning:" in l)
    assert shown == sorted(f"missing{i}" for i in range(64))


def test_clean_build_prints_jekylls_lines_on_stdout(tmp_path: Path):
    src = tmp_path / "s"
    src.mkdir()
    (src / "index.html").write_text("---\n---\nhi\n")
    proc = build(src, dest=tmp_path / "out")
    assert proc.returncode == 0 and proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[:5] == ["Configuration file: none", f"            Source: {src}",
                         f"       Destination: {tmp_path / 'out'}",
                         " Incremental build: disabled. Enable with --incremental", "      Generating... "]
    assert lines[5].startswith("                    done in ") and lines[5].endswith(" seconds.")
    assert lines[6:] == [" Auto-regeneration: disabled. Use --watch to enable."]


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="real Jekyll is not installed")
def test_log_lines_match_jekylls(tmp_path: Path):
    """The same site built by Jekyll and jekyllpy prints the same lines (times aside)."""
    src = tmp_path / "s"
    src.mkdir()
    (src / "_config.yml").write_text("title: x\n")
    (src / "index.html").write_text("---\n---\nhi\n")
    ours = build(src, dest=src / "_site")
    theirs = subprocess.run(["jekyll", "build", "--disable-disk-cache", "-s", str(src)],
                            capture_output=True, text=True, cwd=src, env=dict(os.environ, JEKYLL_NO_BUNDLER_REQUIRE="true"))
    assert theirs.returncode == 0, theirs.stderr

    def shape(text: str) -> list[str]:
        return [l.split(" done in ")[0] for l in text.splitlines()]

    assert shape(ours.stdout) == shape(theirs.stdout)


def test_format_is_jekylls():
    assert format_line("Configuration file:", "x") == "Configuration file: x"
    assert format_line("Source:", "x") == "            Source: x"
    assert format_line("", "done in 1 seconds.") == " " * 20 + "done in 1 seconds."
    assert format_line("A topic longer than twenty:", "x") == "A topic longer than twenty: x"


def test_identical_warnings_are_counted_once():
    out = io.StringIO()
    log = Logger("info", out, grouped=True)
    for _ in range(3):
        log.warn("Sass:", "same thing")
    log.warn("Other:", "once")
    log.flush()
    assert out.getvalue() == format_line("Sass:", "same thing (3 times)") + "\n" + format_line("Other:", "once") + "\n"
    verbose = io.StringIO()
    log = Logger("debug", verbose, grouped=True)  # --verbose: every distinct warning, once
    for message in ("a", "b", "a", "a"):
        log.warn("Sass:", message)
    assert verbose.getvalue() == format_line("Sass:", "a") + "\n" + format_line("Sass:", "b") + "\n"


def test_held_warnings_print_before_the_next_info_line():
    """So they stay next to the phase that caused them (and `serve` shows them per rebuild)."""
    out = io.StringIO()
    log = Logger("info", out, grouped=True)
    log.warn("W:", "one")
    log.warn("W:", "two")
    log.info("", "done in 0.1 seconds.")
    assert out.getvalue().splitlines() == [format_line("W:", "one (and 1 more like it; --verbose shows all)"),
                                           format_line("", "done in 0.1 seconds.")]


def test_held_records_replay_in_another_logger():
    worker, parent_out = Logger("info", io.StringIO(), grouped=True), io.StringIO()
    held = hold_records(worker)
    worker.warn("W:", "from a worker")
    worker.debug("D:", "below the level: dropped")
    assert held == [("warn", "W:", "from a worker")] and worker.stream.getvalue() == ""
    parent = Logger("info", parent_out, grouped=True)
    replay_records(parent, held)
    parent.flush()
    assert parent_out.getvalue() == format_line("W:", "from a worker") + "\n"


def test_streams_follow_jekyll(capsys):
    log = Logger("debug")
    log.debug("D:", "d")
    log.info("I:", "i")
    log.warn("W:", "w")
    log.error("E:", "e")
    captured = capsys.readouterr()
    assert captured.out == format_line("D:", "d") + "\n" + format_line("I:", "i") + "\n"
    assert captured.err == format_line("W:", "w") + "\n" + format_line("E:", "e") + "\n"


def test_logger_colours_only_terminals(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = Tty()
    log = Logger("info", tty)
    log.warn("Topic:", "message")
    log.error("Topic:", "bad")
    log.info("Topic:", "plain")
    assert tty.getvalue().splitlines() == ["\033[33m" + format_line("Topic:", "message") + "\033[0m",
                                           "\033[31m" + format_line("Topic:", "bad") + "\033[0m",
                                           format_line("Topic:", "plain")]
    plain = io.StringIO()
    Logger("info", plain).warn("Topic:", "message")
    assert plain.getvalue() == "             Topic: message\n"


def test_no_color_turns_colours_off(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    tty = Tty()
    Logger("info", tty).warn("Topic:", "message")
    assert tty.getvalue() == "             Topic: message\n"
