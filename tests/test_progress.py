"""Progress (issue #11): a live display on a terminal only — never in pipes, CI or `--quiet` —
and the same stage/advance calls available to library users."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import jekyllpy

ROOT = Path(__file__).resolve().parent.parent


def small_site(root: Path, pages: int = 30) -> Path:
    (root / "_layouts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: P\n")
    (root / "_layouts" / "default.html").write_text("<html>{{ content }}</html>\n")
    for i in range(pages):
        (root / f"p{i}.md").write_text(f"---\nlayout: default\n---\n# Page {i}\n")
    return root


def run_in_terminal(args: list[str], env: dict) -> str:
    """Run the CLI with its standard error on a pseudo-terminal; return what it wrote."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "jekyllpy", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    assert proc.returncode == 0
    return b"".join(chunks).decode(errors="replace")


def cli_env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), SOURCE_DATE_EPOCH="1767225600", TERM="xterm")
    env.pop("CI", None)
    return env


def test_progress_shows_on_a_terminal(tmp_path):
    src = small_site(tmp_path / "src")
    out = run_in_terminal(["build", "-s", str(src), "-d", str(tmp_path / "out")], cli_env())
    assert "Rendering" in out and "30/30" in out
    assert "done in" in out  # Jekyll's own lines are still there
    assert (tmp_path / "out" / "p3.html").read_text() == '<html><h1 id="page-3">Page 3</h1>\n</html>\n'


def test_no_progress_when_quiet_in_ci_or_piped(tmp_path):
    src = small_site(tmp_path / "src")
    quiet = run_in_terminal(["build", "-q", "-s", str(src), "-d", str(tmp_path / "a")], cli_env())
    assert "Rendering" not in quiet and "done in" not in quiet
    ci = run_in_terminal(["build", "-s", str(src), "-d", str(tmp_path / "b")], dict(cli_env(), CI="true"))
    assert "Rendering" not in ci and "done in" in ci
    piped = subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src), "-d", str(tmp_path / "c")],
                           capture_output=True, text=True, env=cli_env())
    assert piped.returncode == 0
    assert "Rendering" not in piped.stderr and "\x1b" not in piped.stderr
    assert "Generating..." in piped.stderr and "done in" in piped.stderr


def test_library_progress_receives_stages_and_every_item(tmp_path):
    class Recorder:
        def __init__(self):
            self.events = []

        def stage(self, name, total=None):
            self.events.append((name, total))

        def advance(self, n=1):
            self.events.append(("+", n))

        def close(self):
            pass

    src = small_site(tmp_path / "src", pages=12)
    site = jekyllpy.Site.from_path(src, destination=str(tmp_path / "out"), jobs=1)
    site.progress = recorder = Recorder()
    site.process()
    stages = [e for e in recorder.events if e[0] != "+"]
    assert stages == [("Reading", None), ("Rendering", 12), ("Writing", None)]
    assert sum(n for name, n in recorder.events if name == "+") == 12
