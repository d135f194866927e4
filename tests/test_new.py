"""`jekyllpy new`: the demo homepage or Jekyll's blank site; never clobbers a non-empty folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from jekyllpy.scaffold import BLANK, BLANK_FOLDERS
from tests.jekyll import ROOT, diff_trees, jekyll_build, jekyllpy_build, requires_jekyll, tree_files


def new(path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "jekyllpy", "new", str(path), *args],
                          capture_output=True, text=True, env=env)


def test_new_creates_the_demo_homepage_which_builds(tmp_path: Path):
    target = tmp_path / "mysite"
    proc = new(target)
    assert proc.returncode == 0, proc.stderr
    assert f"New jekyllpy site (academic homepage) installed in {target}." in proc.stdout
    assert (target / "_config.yml").is_file() and (target / "_layouts").is_dir()
    assert (target / "_pages" / "about.md").read_bytes() == (ROOT / "_pages" / "about.md").read_bytes()
    assert "exclude:" not in (target / "_config.yml").read_text()
    assert "_site" in (target / ".gitignore").read_text().splitlines()
    assert not (target / "src").exists() and not (target / "tests").exists()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    build = subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-q", "-s", str(target)],
                           capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stderr
    assert build.stdout == "" and build.stderr == ""
    assert "Mira Okonkwo-Lindqvist" in (target / "_site" / "index.html").read_text()


def test_new_in_an_existing_empty_folder(tmp_path: Path):
    target = tmp_path / "empty"
    target.mkdir()
    proc = new(target, "--blank")
    assert proc.returncode == 0, proc.stderr
    assert (target / "index.md").is_file()


def test_new_blank_is_jekylls_blank_template(tmp_path: Path):
    target = tmp_path / "blank"
    assert new(target, "--blank").returncode == 0
    assert tree_files(target) == {rel: text.encode() for rel, text in BLANK.items()}
    assert all((target / folder).is_dir() for folder in BLANK_FOLDERS)
    jekyll_new = shutil.which("jekyll")
    if jekyll_new:  # the same files, byte for byte, as `jekyll new --blank`
        subprocess.run([jekyll_new, "new", "--blank", str(tmp_path / "theirs")], capture_output=True, check=True)
        assert tree_files(tmp_path / "theirs") == tree_files(target)
        assert sorted(p.name for p in (tmp_path / "theirs").iterdir()) == sorted(p.name for p in target.iterdir())


@requires_jekyll
def test_new_blank_builds_like_jekyll(tmp_path: Path):
    target = tmp_path / "blank"
    assert new(target, "--blank").returncode == 0
    ref = jekyll_build(target)
    proc = jekyllpy_build(target, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert diff_trees(ref, tmp_path / "out") == []


def test_new_refuses_non_empty_folder_without_force(tmp_path: Path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n")
    (target / "index.md").write_text("my own index\n")
    proc = new(target)
    assert proc.returncode == 1
    assert f"{target}: Conflict: the folder exists and is not empty; use --force" in proc.stderr
    assert sorted(p.name for p in target.iterdir()) == ["index.md", "notes.txt"]
    proc = new(target, "--force", "--blank")
    assert proc.returncode == 0, proc.stderr
    # unlike Jekyll's --force, nothing that was there is overwritten
    assert (target / "notes.txt").read_text() == "mine\n"
    assert (target / "index.md").read_text() == "my own index\n"
    assert "Kept: 1 existing file(s) left as they were, e.g. index.md" in proc.stdout
    assert (target / "_config.yml").read_text() == BLANK["_config.yml"]


def test_hidden_entries_do_not_make_a_folder_busy(tmp_path: Path):
    """As Jekyll's `Dir["PATH/**/*"]` check: a fresh `git init` folder takes a new site."""
    target = tmp_path / "repo"
    (target / ".git").mkdir(parents=True)
    (target / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    proc = new(target)
    assert proc.returncode == 0, proc.stderr
    assert (target / "_config.yml").is_file()
    assert (target / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"


def test_new_refuses_a_file(tmp_path: Path):
    target = tmp_path / "file"
    target.write_text("x")
    proc = new(target)
    assert proc.returncode == 1 and "exists and is not a folder" in proc.stderr
    assert target.read_text() == "x"
