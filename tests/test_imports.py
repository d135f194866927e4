"""A build imports only what it uses: the modules made lazy for start-up time stay unimported
on a small site without code blocks or CJK word counts (docs/performance.md, session 4)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# what a build of such a site must not import, and who made it lazy
LAZY = {
    "asyncio": "deferred.import_liquid (python-liquid's async loaders)",
    "importlib_resources": "deferred.import_liquid (python-liquid's PackageLoader)",
    "yaml": "frontmatter.JekyllYAMLHandler (python-frontmatter imports PyYAML)",
    "frontmatter": "frontmatter.JekyllYAMLHandler",
    "pygments.lexers": "highlight._lexer (plaintext needs no lexer)",
    "regex": "liquid.filters._cjk_patterns",
    "_hashlib": "digests (OpenSSL)",
}

BUILD = """
import json, sys
from jekyllpy.cli import main
code = main(["build", "-q", "-j", "1", "-s", sys.argv[1], "-d", sys.argv[2]])
print(json.dumps([code, sorted(m for m in sys.argv[3:] if m in sys.modules)]))
"""


def _site(root: Path) -> Path:
    site = root / "site"
    (site / "_layouts").mkdir(parents=True)
    (site / "_posts").mkdir()
    (site / "_config.yml").write_text("title: Tiny\nmarkdown: kramdown\n")
    (site / "_layouts" / "default.html").write_text(
        "<html><title>{{ page.title }}</title>{{ content }}"
        "<p>{{ content | number_of_words }} words</p></html>\n")
    (site / "index.md").write_text("---\nlayout: default\ntitle: Home\n---\n# Hello\n\n*World*, plain text.\n")
    (site / "_posts" / "2024-01-02-first.md").write_text("---\nlayout: default\ntitle: First\n---\nA post.\n")
    return site


@pytest.mark.parametrize("cache", [True, False], ids=["cold", "cached"])
def test_build_of_a_small_site_leaves_lazy_modules_unimported(tmp_path: Path, cache: bool):
    site = _site(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(SRC), "JEKYLLPY_UPTODATE": "0", "TZ": "UTC"}
    for _ in range(1 if cache else 2):  # the second build reads the disk cache
        out = subprocess.run([sys.executable, "-c", BUILD, str(site), str(tmp_path / "out"), *LAZY],
                             capture_output=True, text=True, env=env, check=True)
    code, imported = json.loads(out.stdout.strip().splitlines()[-1])
    assert code == 0
    assert (tmp_path / "out" / "index.html").read_text().count("<h1") == 1
    assert imported == [], {name: LAZY[name] for name in imported}
