"""Containment (issue 10): user input never reads outside the source nor writes outside the
destination.

Every case builds a site that sits next to an `outside/` folder full of secrets (and next to
its own parent folders), through the real CLI, and checks on the file system afterwards:

* no output file contains a secret (nothing was read from outside the source);
* nothing appeared, changed or vanished anywhere under the case's folder except inside the
  destination (nothing was written outside it), and the source is as it was;
* the exit status and, for errors, the located message.

Symlinks pointing outside the source are neither followed nor copied (GitHub Pages' rule;
Jekyll outside safe mode would copy a link to /etc/passwd into `_site/`) unless the site opts
in with `follow_external_symlinks: true`, documented in docs/reliability.md.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.jekyll import ROOT

ENV = {"SOURCE_DATE_EPOCH": "1767225600", "TZ": "UTC", "JEKYLL_ENV": "production"}
SECRET = "SECRET-7f3a"  # in every file outside the source

OUTSIDE = {
    "secret.txt": f"{SECRET} file\n",
    "dir/f.txt": f"{SECRET} dir\n",
    "d.yml": f"a: {SECRET}-data\n",
    "_p.scss": f"/* {SECRET} */\n.x {{ color: red; }}\n",
    "inc.html": f"{SECRET} include\n",
    "lay.html": f"---\n---\n{SECRET} layout {{{{ content }}}}\n",
    "post.md": f"---\ntitle: {SECRET}\n---\n{SECRET} post\n",
}
BASE = {
    "_config.yml": "title: T\n",
    "index.md": "---\n---\nhome\n",
    "_includes/ok.html": "ok\n",
}


@dataclass
class Case:
    id: str
    files: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # link path -> target ({out} = outside folder)
    status: int = 0
    error: str | None = None  # a part of the error line
    expect: dict[str, str | None] = field(default_factory=dict)  # output files; None: absent
    args: tuple[str, ...] = ()


def page(body: str, fm: str = "") -> str:
    return f"---\n{fm}---\n{body}\n"


CASES = [
    # permalinks and redirects ------------------------------------------------------------
    Case("permalink-dotdot", {"p.md": page("x", "permalink: /../../../escape.html\n")},
         expect={"escape.html": "<p>x</p>\n"}),
    Case("permalink-absolute-fs-path", {"p.md": page("x", "permalink: /etc/passwd\n")},
         expect={"etc/passwd.html": "<p>x</p>\n"}),
    Case("permalink-backslashes", {"p.md": page("x", "permalink: '\\..\\..\\escape.html'\n")}),
    Case("permalink-nul", {"p.md": page("x", "permalink: \"/a\\0b.html\"\n")}, status=1,
         error="Error: p.md:2:1: path contains a NUL byte: '/a\\x00b.html'"),
    Case("collection-permalink-nul", {"_config.yml": "collections:\n  t:\n    output: true\n"
                                                     "    permalink: \"/\\0/:name/\"\n", "_t/a.md": page("x")},
         status=1, error="Error: _t/a.md: path contains a NUL byte"),
    Case("redirect-from-nul", {"_config.yml": "plugins: [jekyll-redirect-from]\n",
                               "p.md": page("x", "redirect_from: [\"/a\\0b/\"]\n")}, status=1,
         error="Error: p.md:2:1: redirect_from: a NUL byte in '/a\\x00b/'"),
    Case("data-dir-nul", {"_config.yml": "data_dir: \"_da\\0ta\"\n"}, status=1,
         error="_config.yml:1:1: `data_dir` contains a NUL byte: '_da\\x00ta'"),
    Case("permalink-encoded-dotdot", {"p.md": page("x", "permalink: /%2e%2e/%2e%2e/escape.html\n")}),
    Case("collection-permalink-dotdot", {"_config.yml": "collections:\n  things:\n    output: true\n"
                                                        "    permalink: /../../:name/\n",
                                         "_things/evil.md": page("x")}, expect={"evil/index.html": "<p>x</p>\n"}),
    Case("post-category-dotdot", {"_posts/2020-01-01-a.md": page("x", "categories: ['..', '..', '..']\n")}),
    Case("redirect-from-dotdot", {"_config.yml": "plugins: [jekyll-redirect-from]\n",
                                  "p.md": page("x", "redirect_from: [/../../../escape/, /../../escape.html]\n")}),
    # reading: includes, data, collections ------------------------------------------------
    Case("include-dotdot", {"p.md": page("[{% include ../../outside/inc.html %}]")}, status=1,
         error="contains invalid characters or sequences"),
    Case("include-absolute", {"p.md": page("[{% include /etc/passwd %}]")}, status=1, error="Could not locate"),
    Case("include-relative-dotdot", {"p.md": page("[{% include_relative ../outside/secret.txt %}]")}, status=1,
         error="contains invalid characters or sequences"),
    Case("include-relative-absolute", {"p.md": page("[{% include_relative /etc/passwd %}]")}, status=1,
         error="Could not locate"),
    Case("include-relative-backslash", {"p.md": page("[{% include_relative ..\\outside\\secret.txt %}]")}, status=1),
    Case("include-variable-dotdot", {"p.md": page("{% assign f = '../../outside/inc.html' %}[{% include {{ f }} %}]")},
         status=1, error="contains invalid characters or sequences"),
    Case("includes-dir-outside", {"_config.yml": "includes_dir: ../outside\n", "p.md": page("[{% include inc.html %}]")},
         status=1, error="Could not locate"),
    Case("layouts-dir-outside", {"_config.yml": "layouts_dir: ../outside\n", "p.md": page("x", "layout: lay\n")},
         expect={"p.html": "<p>x</p>\n"}),
    Case("data-dir-outside", {"_config.yml": "data_dir: ../outside\n", "p.json": page("{{ site.data | jsonify }}")},
         expect={"p.json": "{}\n"}),
    Case("sass-dir-outside", {"_config.yml": "sass:\n  sass_dir: ../outside\n",
                              "assets/m.scss": page('@import "p";')}, status=1, error="File to import not found"),
    Case("sass-load-path-outside-safe", {"_config.yml": "sass:\n  load_paths: [/tmp, ../outside]\n",
                                         "assets/m.scss": page('@import "p";')}, status=1,
         error="File to import not found", args=("--safe",)),
    Case("collection-label-dotdot", {"_config.yml": "collections:\n  ../outside:\n    output: true\n",
                                     "p.json": page("{{ site.collections | map: 'label' | jsonify }}")}),
    Case("collections-dir-outside", {"_config.yml": "collections_dir: ../outside\ncollections:\n  x:\n    output: true\n"}),
    Case("data-file-odd-names", {"_data/..yml": "a: 1\n", "_data/...yml": "b: 2\n", "_data/a\\..\\b.yml": "c: 3\n",
                                 "p.json": page("{{ site.data | jsonify }}")}),
    Case("config-source-dotdot", {"_config.yml": "source: ../outside\n"}, expect={"index.html": "<p>home</p>\n"}),
    # symlinks ----------------------------------------------------------------------------
    Case("symlink-file", links={"link.txt": "{out}/secret.txt", "passwd.txt": "/etc/passwd"},
         expect={"link.txt": None, "passwd.txt": None}),
    Case("symlink-dir", links={"linkdir": "{out}/dir"}, expect={"linkdir/f.txt": None}),
    Case("symlink-page", links={"evil.md": "{out}/post.md"}, expect={"evil.html": None}),
    Case("symlink-include", {"p.md": page("[{% include evil.html %}]")}, links={"_includes/evil.html": "{out}/inc.html"},
         status=1, error="does not point outside your site source"),
    Case("symlink-include-relative", {"p.md": page("[{% include_relative link.txt %}]")},
         links={"link.txt": "{out}/secret.txt"}, status=1),
    Case("symlink-layout", {"p.md": page("x", "layout: evil\n")}, links={"_layouts/evil.html": "{out}/lay.html"},
         expect={"p.html": "<p>x</p>\n"}),
    Case("symlink-data", {"p.json": page("{{ site.data | jsonify }}")},
         links={"_data/evil.yml": "{out}/d.yml", "_data/evildir": "{out}/dir"}, expect={"p.json": "{}\n"}),
    Case("symlink-post", links={"_posts/2020-01-01-evil.md": "{out}/post.md"}, expect={"2020/01/01/evil.html": None}),
    Case("symlink-collection-doc", {"_config.yml": "collections:\n  things:\n    output: true\n"},
         links={"_things/evil.md": "{out}/post.md"}, expect={"things/evil.html": None}),
    Case("symlink-collection-dir", {"_config.yml": "collections:\n  things:\n    output: true\n"},
         links={"_things": "{out}"}, expect={"things/post.html": None}),
    Case("symlink-sass-partial", {"assets/m.scss": page('@import "evil";')}, links={"_sass/_evil.scss": "{out}/_p.scss"},
         status=1, error="File to import not found"),
    Case("symlink-inside-source-is-fine", {"real.txt": "inside\n"}, links={"alias.txt": "real.txt"},
         expect={"alias.txt": "inside\n", "real.txt": "inside\n"}),
]


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _snapshot(root: Path, skip: Path) -> dict[str, str]:
    """Every path under root except the destination: content hash, link target or "dir"."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        if Path(dirpath) == skip or skip in Path(dirpath).parents:
            dirs[:] = []
            continue
        for name in dirs + files:
            path = Path(dirpath) / name
            if path == skip:
                continue
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "dir"
    return out


def run(src: Path, *args: str, command: str = "build") -> subprocess.CompletedProcess:
    env = dict(os.environ, **ENV, PYTHONPATH=str(ROOT / "src"), JEKYLLPY_SYNC_CLEANUP="1")
    return subprocess.run([sys.executable, "-m", "jekyllpy", command, "--disable-disk-cache", "-s", str(src), *args],
                          capture_output=True, text=True, env=env, cwd=src)


def make_site(tmp: Path, case: Case) -> tuple[Path, Path]:
    """tmp/a/b/site (the source, two levels deep so `..` has parents to reach) and
    tmp/a/b/outside (the secrets); the destination is tmp/a/b/site/_site."""
    base = tmp / "a" / "b"
    _write(base / "outside", OUTSIDE)
    src = base / "site"
    _write(src, BASE)
    _write(src, case.files)
    for link, target in case.links.items():
        path = src / link
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target.replace("{out}", str(base / "outside")))
    return src, src / "_site"


def check_no_secret(dest: Path) -> None:
    for path in dest.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            assert SECRET.encode() not in data, f"{path} holds data from outside the source"
            assert b"root:x:0:0" not in data, f"{path} holds /etc/passwd"
        assert not path.is_symlink(), f"{path}: a link was copied into the destination"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_containment(case: Case, tmp_path: Path):
    src, dest = make_site(tmp_path, case)
    before = _snapshot(tmp_path, dest)
    proc = run(src, "-d", str(dest), *case.args)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == case.status, proc.stderr
    if case.error:
        assert case.error in proc.stderr, proc.stderr
    assert _snapshot(tmp_path, dest) == before, "something was written outside the destination"
    if dest.exists():
        check_no_secret(dest)
        for rel, content in case.expect.items():
            if content is None:
                assert not (dest / rel).exists(), rel
            else:
                assert (dest / rel).read_text() == content, rel
    else:
        assert case.status == 1


def test_sass_load_paths_outside_are_the_users_explicit_choice(tmp_path: Path):
    """Outside safe mode, jekyll-sass-converter honours `load_paths` as given (node_modules
    next to the site, say): an explicit setting, not input smuggled in by a file."""
    case = Case("x", {"_config.yml": "sass:\n  load_paths: [../outside]\n", "assets/m.scss": page('@import "p";')})
    src, dest = make_site(tmp_path, case)
    proc = run(src, "-d", str(dest))
    assert proc.returncode == 0, proc.stderr
    assert f"/* {SECRET} */" in (dest / "assets/m.css").read_text()


@pytest.mark.parametrize("config, args, copied", [
    ("follow_external_symlinks: true\n", (), True),
    ("follow_external_symlinks: true\n", ("--safe",), False),  # safe mode wins, as on GitHub Pages
    ("follow_external_symlinks: yes please\n", (), False),  # only `true` opts in
])
def test_follow_external_symlinks_opt_in(tmp_path: Path, config: str, args: tuple, copied: bool):
    """The documented opt-in: Jekyll's non-safe behaviour (links followed, their targets copied)."""
    case = Case("x", {"_config.yml": config, "p.md": page("x", "layout: evil\n")},
                links={"link.txt": "{out}/secret.txt", "linkdir": "{out}/dir", "_layouts/evil.html": "{out}/lay.html"})
    src, dest = make_site(tmp_path, case)
    proc = run(src, "-d", str(dest), *args)
    assert proc.returncode == 0, proc.stderr
    assert (dest / "link.txt").exists() is copied
    assert (dest / "linkdir/f.txt").exists() is copied
    assert (SECRET in (dest / "p.html").read_text()) is copied
    if copied:
        assert (dest / "link.txt").read_text() == f"{SECRET} file\n" and not (dest / "link.txt").is_symlink()


@pytest.mark.parametrize("dest_rel", [".", "..", "../..", "/"])
def test_destination_that_is_or_contains_the_source_is_refused(tmp_path: Path, dest_rel: str):
    src, _ = make_site(tmp_path, Case("x"))
    before = _snapshot(tmp_path, tmp_path / "none")
    dest = dest_rel if dest_rel == "/" else str((src / dest_rel).resolve())
    proc = run(src, "-d", dest)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{dest}: Destination directory cannot be or contain the Source directory." in proc.stderr
    assert _snapshot(tmp_path, tmp_path / "none") == before
    proc = run(src, "-d", dest, command="clean")
    assert proc.returncode == 1 and "Destination directory cannot be or contain the Source" in proc.stderr
    assert _snapshot(tmp_path, tmp_path / "none") == before


def test_clean_removes_only_the_destination_and_caches(tmp_path: Path):
    src, dest = make_site(tmp_path, Case("x", {"_site/old.html": "old\n", ".jekyll-cache/c": "cache\n",
                                               ".jekyll-metadata": "m\n", "_keep/x": "x\n"}))
    proc = run(src, command="clean")
    assert proc.returncode == 0, proc.stderr
    assert not dest.exists() and not (src / ".jekyll-cache").exists() and not (src / ".jekyll-metadata").exists()
    assert sorted(str(p.relative_to(src)) for p in src.rglob("*")) == \
        ["_config.yml", "_includes", "_includes/ok.html", "_keep", "_keep/x", "index.md"]
    assert (tmp_path / "a/b/outside/secret.txt").exists()


@pytest.mark.parametrize("cache_dir", [".", "''", "..", "../..", "/", "./x/.."])
def test_clean_never_removes_the_source_through_cache_dir(tmp_path: Path, cache_dir: str):
    """`cache_dir: .` makes Jekyll's `clean` delete the whole site source; ours refuses with a
    warning (`..` and `/` are resolved inside the source, as Jekyll's in_source_dir does)."""
    src, _ = make_site(tmp_path, Case("x", {"_config.yml": f"cache_dir: {cache_dir}\n"}))
    before = _snapshot(tmp_path, tmp_path / "none")
    proc = run(src, command="clean")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert f"Not removing {src}: it is or contains the source." in proc.stderr
    assert _snapshot(tmp_path, tmp_path / "none") == before


def test_clean_removes_a_linked_cache_dir_link_not_its_target(tmp_path: Path):
    src, _ = make_site(tmp_path, Case("x", links={".jekyll-cache": "{out}/dir"}))
    proc = run(src, command="clean")
    assert proc.returncode == 0, proc.stderr
    assert not (src / ".jekyll-cache").is_symlink()
    assert (tmp_path / "a/b/outside/dir/f.txt").read_text() == f"{SECRET} dir\n"


@pytest.mark.parametrize("link, target, message", [
    ("assets/dangling.txt", "nowhere.txt",
     "Error: assets/dangling.txt: could not copy the file: No such file or directory (a link to nowhere.txt)"),
    ("selfref.txt", "selfref.txt",
     "Error: selfref.txt: could not copy the file: Too many levels of symbolic links (a link to selfref.txt)"),
])
def test_broken_links_inside_the_source_are_located_errors(tmp_path: Path, link: str, target: str, message: str):
    """Jekyll stops on these with an Errno backtrace; we stop too, naming the link, and the
    previous `_site/` stays as it was."""
    src, dest = make_site(tmp_path, Case("x"))
    assert run(src, "-d", str(dest)).returncode == 0
    before = _snapshot(tmp_path, tmp_path / "none")
    (src / link).parent.mkdir(parents=True, exist_ok=True)
    (src / link).symlink_to(target)
    proc = run(src, "-d", str(dest))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert message in proc.stderr, proc.stderr
    after = _snapshot(tmp_path, tmp_path / "none")
    made = {f"a/b/site/{link}", f"a/b/site/{Path(link).parent}"}
    assert {k: v for k, v in after.items() if k not in made} == before
