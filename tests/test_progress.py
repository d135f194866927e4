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


def run_in_terminal(args: list[str], env: dict, stdout=None) -> str:
    """Run the CLI with standard output and error on a pseudo-terminal (or standard output
    into `stdout`, an open file); return what reached the terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "jekyllpy", *args], stdin=subprocess.DEVNULL,
                            stdout=follower if stdout is None else stdout, stderr=follower, env=env)
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
    out = run_in_terminal(["build", "-j", "1", "-s", str(src), "-d", str(tmp_path / "out")], cli_env())
    assert "Reading" in out and "Rendering" in out and "30/30" in out
    # Jekyll's own lines are still there, in Jekyll's format
    assert "      Generating... " in out and "                    done in " in out
    assert (tmp_path / "out" / "p3.html").read_text() == '<html><h1 id="page-3">Page 3</h1>\n</html>\n'


def test_progress_counts_items_rendered_by_workers(tmp_path):
    """With forked render workers the parent counts its own items, then each worker's results."""
    src = small_site(tmp_path / "src", pages=80)
    out = run_in_terminal(["build", "-j", "4", "-s", str(src), "-d", str(tmp_path / "out")], cli_env())
    assert "80/80" in out
    assert len(list((tmp_path / "out").glob("p*.html"))) == 80


def test_no_progress_when_quiet_in_ci_or_piped(tmp_path):
    src = small_site(tmp_path / "src")
    quiet = run_in_terminal(["build", "-q", "-s", str(src), "-d", str(tmp_path / "a")], cli_env())
    assert "Rendering" not in quiet and "done in" not in quiet and "Generating" not in quiet
    assert (tmp_path / "a" / "p1.html").is_file()
    ci = run_in_terminal(["build", "-s", str(src), "-d", str(tmp_path / "b")], dict(cli_env(), CI="true"))
    assert "Rendering" not in ci and "30/30" not in ci and "done in" in ci
    piped = subprocess.run([sys.executable, "-m", "jekyllpy", "build", "-s", str(src), "-d", str(tmp_path / "c")],
                           capture_output=True, text=True, env=cli_env())
    assert piped.returncode == 0
    # as Jekyll: the plain lines on standard output, nothing on standard error for a clean build
    assert piped.stderr == ""
    assert "Rendering" not in piped.stdout and "\x1b" not in piped.stdout
    assert "      Generating... \n                    done in " in piped.stdout


def test_output_redirected_to_a_file_keeps_the_log_plain(tmp_path):
    """`jekyllpy build > log` on a terminal: the bar on the terminal (standard error), the
    Jekyll lines in the file, without escape codes."""
    src = small_site(tmp_path / "src")
    with open(tmp_path / "log", "w") as log:
        screen = run_in_terminal(["build", "-s", str(src), "-d", str(tmp_path / "out")], cli_env(), stdout=log)
    text = (tmp_path / "log").read_text()
    assert "Rendering" in screen and "done in" not in screen
    assert "Generating..." in text and "done in" in text and "\x1b" not in text


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


def test_library_progress_from_a_plain_function(tmp_path):
    from jekyllpy.progress import from_callback

    calls = []
    src = small_site(tmp_path / "src", pages=5)
    site = jekyllpy.Site.from_path(src, destination=str(tmp_path / "out"), jobs=1)
    site.progress = from_callback(lambda stage, done, total: calls.append((stage, done, total)))
    site.process()
    assert calls[0] == ("Reading", 0, None)
    rendering = [c for c in calls if c[0] == "Rendering"]
    assert rendering == [("Rendering", n, 5) for n in range(6)]
    assert calls[-1] == ("Writing", 0, None)


def test_rich_is_not_imported_without_a_terminal(tmp_path):
    """`import jekyllpy` and a library build stay free of rich: it is imported only to draw."""
    src = small_site(tmp_path / "src", pages=3)
    code = ("import sys, jekyllpy; assert 'rich' not in sys.modules; "
            f"jekyllpy.build({str(src)!r}, {str(tmp_path / 'out')!r}, jobs=1); print(sorted(m for m in sys.modules if m.startswith('rich')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
