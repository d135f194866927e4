"""The README's promises, checked: its commands parse and run as written, its Python runs, its
example output is what jekyllpy prints, and every file it links to exists.

(The whole README is also followed by hand on a fresh clone in a clean virtualenv; this keeps
the parts that can drift — code, flags, links — honest between those checks.)
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jekyllpy.cli import build_parser
from jekyllpy.scaffold import DEMO_ENTRIES
from tests.jekyll import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def tour_commands() -> list[list[str]]:
    """The 30-second tour's shell lines, without their comments."""
    tour = README.split("## A 30-second tour", 1)[1]
    first = re.search(r"```sh\n(.*?)```", tour, flags=re.S).group(1)
    return [shlex.split(line, comments=True) for line in first.splitlines() if line.strip()]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo site (the repository root's site files), copied: commands run in it as in a clone."""
    work = tmp_path / "clone"
    work.mkdir()
    for entry in DEMO_ENTRIES:
        src = ROOT / entry
        if src.is_dir():
            shutil.copytree(src, work / entry, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, work / entry)
    return work


def env() -> dict:
    e = dict(os.environ, PYTHONPATH=str(ROOT / "src"), SOURCE_DATE_EPOCH="1767225600")
    e.pop("CI", None)
    return e


def test_exactly_the_two_set_up_commands():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"```sh\n(.*?)\n```", setup, flags=re.S) == [
        "pip install -e . && jekyllpy build",
        "pip install -e '.[test]' && python -m pytest",
    ]


def test_every_linked_file_exists():
    links = re.findall(r"\]\(([^)#\s]+)\)", README)
    assert any(link.startswith("docs/screenshots/") for link in links)
    local = [link for link in links if "://" not in link]
    assert local and [link for link in local if not (ROOT / link).exists()] == []


def test_tour_and_command_line_flags_parse():
    parser = build_parser()
    commands = tour_commands()
    assert [c[:2] for c in commands] == [["jekyllpy", "build"], ["jekyllpy", "serve"],
                                         ["jekyllpy", "doctor"], ["jekyllpy", "new"]]
    for command in commands:
        parser.parse_args(command[1:])
    usage = README.split("## Command line", 1)[1].split("```", 2)[1].replace("python -m jekyllpy", "")
    flags = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", usage))
    known = {opt for action in _all_actions(parser) for opt in action.option_strings}
    assert flags - known == set()


def _all_actions(parser):
    for action in parser._actions:
        yield action
        for sub in getattr(action, "choices", None) or {}:
            if hasattr(action.choices[sub], "_actions"):
                yield from action.choices[sub]._actions


def test_tour_commands_run_as_written(demo: Path, tmp_path: Path):
    for command in tour_commands():
        if command[1] == "serve":
            continue  # blocks; tests/test_serve.py covers it
        args = [tmp_path / "my-homepage" if a == "/tmp/my-homepage" else a for a in command[1:]]
        proc = subprocess.run([sys.executable, "-m", "jekyllpy", *map(str, args)], cwd=demo,
                              capture_output=True, text=True, env=env(), timeout=600)
        assert proc.returncode == 0, (command, proc.stdout, proc.stderr)
    assert (demo / "_site" / "index.html").is_file()
    assert (tmp_path / "my-homepage" / "_config.yml").is_file()


def test_tour_python_runs(demo: Path, tmp_path: Path):
    code = next(b for b in blocks("python") if "five lines" not in b)
    assert len(code.strip().splitlines()) == 5
    code = code.replace("/tmp/demo-site", str(tmp_path / "demo-site"))
    proc = subprocess.run([sys.executable, "-c", code], cwd=demo, capture_output=True, text=True, env=env())
    assert proc.returncode == 0, proc.stderr
    assert "An open dataset of drift-net seed counts" in proc.stdout
    assert (tmp_path / "demo-site" / "index.html").is_file()


def test_library_section_runs(demo: Path, tmp_path: Path):
    library = README.split("## Library", 1)[1]
    code = re.search(r"```python\n(.*?)```", library, flags=re.S).group(1)
    code = code.replace("path/to/site", str(demo)).replace("/tmp/out", str(tmp_path / "out"))
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env())
    assert proc.returncode == 0, proc.stderr
    assert "Mira" in proc.stdout or "talk" in proc.stdout.lower()
    assert (tmp_path / "out" / "index.html").is_file() and (demo / "_site" / "index.html").is_file()


def test_typo_example_is_what_jekyllpy_prints(tmp_path: Path):
    example = re.search(r"```\n( +Configuration: .*?)\n```", README).group(1)
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "_config.yml").write_text("title: x\nurl: ''\nbaseurl: ''\npermalinks: pretty\n")
    proc = subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(tmp_path / "s")],
                          capture_output=True, text=True, env=env())
    assert proc.returncode == 0, proc.stderr
    assert example in proc.stderr.splitlines()
