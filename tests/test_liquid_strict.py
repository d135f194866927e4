"""`liquid: {strict_variables, strict_filters}` make Jekyll fail on what it otherwise ignores."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.jekyll import ROOT


def build(tmp_path: Path, config: str, page: str) -> subprocess.CompletedProcess:
    src = tmp_path / "s"
    src.mkdir()
    (src / "_config.yml").write_text(config)
    (src / "index.html").write_text(page)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src), "-d", str(tmp_path / "o")],
                          capture_output=True, text=True, env=env)


@pytest.mark.parametrize("page,message", [
    ("---\n---\n{{ nope }}\n", "index.html:3:4: Liquid error: undefined variable nope"),
    ("---\ntitle: T\n---\n{{ page.title }} {{ site.missing }}\n", "index.html:4:21: Liquid error: undefined variable missing"),
])
def test_strict_variables(tmp_path: Path, page: str, message: str):
    proc = build(tmp_path, "title: x\nliquid:\n  strict_variables: true\n", page)
    assert proc.returncode == 1
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_defined_variables_pass_under_strict(tmp_path: Path):
    proc = build(tmp_path, "title: x\nliquid:\n  strict_variables: true\n", "---\ntitle: T\n---\n{{ page.title }}|{{ site.title }}\n")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "index.html").read_text() == "T|x\n"


def test_lenient_by_default(tmp_path: Path):
    proc = build(tmp_path, "title: x\n", "---\n---\n[{{ nope }}][{{ 'a' | nosuchfilter }}]\n")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "index.html").read_text() == "[][a]\n"


def test_strict_filters(tmp_path: Path):
    proc = build(tmp_path, "liquid:\n  strict_filters: true\n", "---\n---\n{{ 'a' | nosuchfilter }}\n")
    assert proc.returncode == 1
    assert "index.html:3:" in proc.stderr and "nosuchfilter" in proc.stderr


@pytest.mark.parametrize("body,message", [
    ("line1\n{{ x | divided_by: 0 }}\n", "_includes/b.html:2:4: Liquid error: divided by 0"),
    ("line1\n{% if %}\n", "_includes/b.html:2:4: Liquid syntax error"),
])
def test_errors_name_the_include_chain(tmp_path: Path, body: str, message: str):
    src = tmp_path / "s"
    (src / "_includes").mkdir(parents=True)
    (src / "_layouts").mkdir()
    (src / "_includes" / "a.html").write_text("a{% include b.html %}")
    (src / "_includes" / "b.html").write_text(body)
    (src / "_layouts" / "default.html").write_text("---\n---\n{% include a.html %}{{ content }}")
    (src / "index.html").write_text("---\nlayout: default\n---\nhi\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src), "-d", str(tmp_path / "o")],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert message in proc.stderr
    assert "included in _includes/a.html, included in _layouts/default.html" in proc.stderr
    assert "Traceback" not in proc.stderr
