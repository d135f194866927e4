"""Log output: warnings grouped by kind, all of them with --verbose, none with --quiet."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from jekyllpy.logger import Logger
from tests.jekyll import ROOT


def site_with_repeated_warnings(root: Path) -> Path:
    root.mkdir()
    (root / "_config.yml").write_text("title: x\nplugins: [jekyll-one, jekyll-two, jekyll-three]\n")
    (root / "index.html").write_text("---\n---\nhi\n")
    return root


def build(src: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src), "-d", str(src.parent / "o"), *args],
                          capture_output=True, text=True, env=env)


def test_warnings_are_grouped_with_a_count(tmp_path: Path):
    proc = build(site_with_repeated_warnings(tmp_path / "s"))
    assert proc.returncode == 0
    lines = [l for l in proc.stderr.splitlines() if "Plugin:" in l]
    assert len(lines) == 1
    assert "'jekyll-one' is a Ruby plugin" in lines[0] and "(and 2 more like it; --verbose shows all)" in lines[0]
    assert "\033[" not in proc.stderr  # no colour when not a terminal


def test_verbose_shows_every_warning_and_quiet_none(tmp_path: Path):
    src = site_with_repeated_warnings(tmp_path / "s")
    verbose = build(src, "--verbose")
    assert sum("Plugin:" in l for l in verbose.stderr.splitlines()) == 3
    quiet = build(src, "--quiet")
    assert quiet.stderr == "" and quiet.stdout == ""


def test_logger_colours_only_terminals():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    Logger("info", tty).warn("Topic:", "message")
    assert tty.getvalue().startswith("\033[33m")
    plain = io.StringIO()
    Logger("info", plain).warn("Topic:", "message")
    assert plain.getvalue() == f"{'Topic:'.rjust(20)} message\n"


def test_no_color_turns_colours_off(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    tty = Tty()
    Logger("info", tty).warn("Topic:", "message")
    assert tty.getvalue() == f"{'Topic:'.rjust(20)} message\n"
