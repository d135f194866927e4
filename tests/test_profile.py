"""`--profile` prints Jekyll's per-template table: file, count, bytes, time."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.jekyll import ROOT


def test_profile_table_counts_templates(tmp_path: Path):
    src = tmp_path / "site"
    (src / "_layouts").mkdir(parents=True)
    (src / "_includes").mkdir()
    (src / "_layouts" / "default.html").write_text("<html>{% include nav.html %}{{ content }}</html>\n")
    (src / "_includes" / "nav.html").write_text("<nav>" + "x" * 2000 + "</nav>")
    for i in range(3):
        (src / f"p{i}.html").write_text(f"---\nlayout: default\n---\n{{{{ {i} | plus: 1 }}}}\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-m", "jekyllpy", "build", "--profile", "-s", str(src), "-d", str(tmp_path / "o")],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    rows = {m.group(1): (int(m.group(2)), m.group(3)) for m in
            re.finditer(r"^(\S+)\s+\|\s+(\d+) \|\s+(\S+) \|\s+[\d.]+$", proc.stdout, re.M)}
    assert rows["_includes/nav.html"] == (3, "5.89K")  # 3 × 2,011 bytes
    assert rows["_layouts/default.html"][0] == 3
    assert rows["p0.html"] == (1, "2B")
    assert "Filename" in proc.stdout and "Count" in proc.stdout
