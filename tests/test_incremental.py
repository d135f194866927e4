"""Incremental rebuilds end with the same `_site/` as a clean full build.

The property test applies random sequences of edits (page text, layout, include, data file,
front matter, permalink, added and deleted files) to a copy of tests/fixtures/incremental and
after each one compares the incrementally rebuilt destination with a clean build, byte for
byte. The other tests pin down behaviours: nothing changed → nothing rendered, a one-page edit
renders what reads that page, deleted sources lose their outputs (and redirect stubs),
`build --incremental` across processes, the `Site.rebuild` API.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jekyllpy.incremental import IncrementalBuilder
from jekyllpy.logger import Logger
from jekyllpy.site import Site

FIXTURE = Path(__file__).parent / "fixtures" / "incremental"


@pytest.fixture(autouse=True)
def _pinned(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("JEKYLL_ENV", "production")


def tree(root: Path) -> dict[str, bytes]:
    out = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            full = os.path.join(folder, name)
            out[os.path.relpath(full, root)] = Path(full).read_bytes()
    return out


def dirs(root: Path) -> set[str]:
    return {os.path.relpath(folder, root) for folder, _d, _f in os.walk(root)}


def clean_build(src: Path, dest: Path) -> dict[str, bytes]:
    shutil.rmtree(dest, ignore_errors=True)
    site = Site.from_path(src, logger=Logger("error"), destination=str(dest), jobs=1)
    site.process()
    return tree(dest)


def new_builder(src: Path, dest: Path, **kw) -> IncrementalBuilder:
    site = Site.from_path(src, logger=Logger("error"), destination=str(dest), jobs=1)
    builder = IncrementalBuilder(site, **kw)
    builder.build()
    return builder


def copy_fixture(tmp: Path) -> Path:
    src = tmp / "src"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(FIXTURE, src)
    return src


# ---------------------------------------------------------------------------------------
# edits
# ---------------------------------------------------------------------------------------

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    path.write_text(text.replace(old, new, 1) if old in text else text + new)


def _front(path: Path, line: str) -> None:
    text = path.read_text()
    if text.startswith("---\n"):
        path.write_text("---\n" + line + "\n" + text[4:])


def _pages(src: Path) -> list[Path]:
    found = []
    for rel in ("index.md", "about/index.md", "notes.html", "standalone.html", "extra.md"):
        if (src / rel).exists():
            found.append(src / rel)
    found += sorted((src / "_posts").glob("*.md")) + sorted((src / "_notes").glob("*.md"))
    return found


def apply_edit(src: Path, edit: tuple) -> list[Path]:
    """Apply one edit; returns the paths touched (what a watcher would report)."""
    kind, n, word = edit
    pages = _pages(src)
    target = pages[n % len(pages)] if pages else None
    if kind == "text" and target:
        _edit(target, "body", f"body {word}")
        return [target]
    if kind == "title" and target:
        _front(target, f"title: {word.capitalize()} title")
        return [target]
    if kind == "permalink" and target and "_posts" not in str(target):
        _front(target, f"permalink: /p/{word}/")
        return [target]
    if kind == "layout":
        path = src / "_layouts" / ("post.html", "page.html", "default.html")[n % 3]
        _edit(path, "<main>", f"<main data-w='{word}'>")
        _edit(path, "<article>", f"<article class='{word}'>")
        return [path]
    if kind == "layout_fm":
        path = src / "_layouts" / "post.html"
        _edit(path, "kind: post", f"kind: {word}")
        return [path]
    if kind == "include":
        path = src / "_includes" / ("footer.html", "nav.html", "recent.html", "note-list.html")[n % 4]
        _edit(path, "<", f"<!-- {word} --><")
        return [path]
    if kind == "data":
        path = src / "_data" / "settings.yml"
        path.write_text(f'footer: "Footer {word}"\n')
        return [path]
    if kind == "data_new":
        path = src / "_data" / f"extra{n % 2}.yml"
        path.write_text(f"value: {word}\n")
        return [path]
    if kind == "add_post":
        path = src / "_posts" / f"2024-0{1 + n % 9}-1{n % 10}-{word}.md"
        path.write_text(f"---\ntitle: Post {word}\n---\nA new post body {word}.\n\n<!--more-->\n\nTail.\n")
        return [path]
    if kind == "add_note":
        path = src / "_notes" / f"{word}.md"
        path.write_text(f"---\ntitle: Note {word}\n---\nNote body {word}.\n")
        return [path]
    if kind == "add_page":
        path = src / "extra.md"
        path.write_text(f"---\nlayout: page\ntitle: Extra {word}\nredirect_from: /r-{word}/\n---\nExtra body {word}.\n")
        return [path]
    if kind == "delete" and target and len(pages) > 2:
        target.unlink()
        return [target]
    if kind == "static":
        path = src / "images" / f"{word}.txt"
        path.write_text(f"static {word}\n")
        return [path]
    if kind == "sass":
        path = src / "_sass" / "_vars.scss"
        path.write_text(f"$color: #{(n * 1234567) % 0xFFFFFF:06x};\n")
        return [path]
    return []


EDIT_KINDS = ["text", "title", "permalink", "layout", "layout_fm", "include", "data", "data_new",
              "add_post", "add_note", "add_page", "delete", "static", "sass"]
edits = st.tuples(st.sampled_from(EDIT_KINDS), st.integers(0, 20),
                  st.sampled_from(["alpha", "bravo", "charlie", "delta", "echo", "fox", "golf"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(edits, min_size=1, max_size=3), min_size=1, max_size=4))
def test_random_edits_end_like_a_clean_build(tmp_path_factory, batches):
    tmp = tmp_path_factory.mktemp("prop")
    src = copy_fixture(tmp)
    out, ref = tmp / "out", tmp / "ref"
    builder = new_builder(src, out)
    for batch in batches:
        touched: list[Path] = []
        for edit in batch:
            touched += apply_edit(src, edit)
        result = builder.rebuild(touched)
        assert result.error is None, result.error
        expected = clean_build(src, ref)
        got = tree(out)
        differing = sorted(k for k in set(expected) | set(got) if expected.get(k) != got.get(k))
        assert differing == [], f"after {batch}: {differing}"
        assert dirs(out) == dirs(ref)


# ---------------------------------------------------------------------------------------
# behaviours
# ---------------------------------------------------------------------------------------

def test_nothing_changed_renders_nothing(tmp_path):
    src = copy_fixture(tmp_path)
    builder = new_builder(src, tmp_path / "out")
    result = builder.rebuild([])
    assert result.rendered == [] and result.outputs == set() and result.mode == "none"


def test_one_post_edit_renders_its_readers_only(tmp_path):
    src = copy_fixture(tmp_path)
    builder = new_builder(src, tmp_path / "out")
    post = src / "_posts" / "2024-02-01-second.md"
    _edit(post, "second post body", "SECOND body")
    result = builder.rebuild([post])
    rendered = set(result.rendered)
    assert "blog/2024/02/second/index.html" in rendered
    assert "index.html" in rendered                       # lists site.posts
    assert "about/index.html" not in rendered             # reads no post
    assert "notes/alpha/index.html" not in rendered
    assert "SECOND body" in (tmp_path / "out" / "blog/2024/02/second/index.html").read_text()


def test_layout_edit_leaves_pages_of_other_layouts(tmp_path):
    src = copy_fixture(tmp_path)
    builder = new_builder(src, tmp_path / "out")
    layout = src / "_layouts" / "post.html"
    _edit(layout, "<article>", "<article class='new'>")
    result = builder.rebuild([layout])
    rendered = set(result.rendered)
    assert {"blog/2024/01/first/index.html", "blog/2024/03/third/index.html"} <= rendered
    # index.html lists posts, but reads their content, which a layout does not change
    assert "index.html" not in rendered and "about/index.html" not in rendered


def test_deleting_a_page_deletes_its_output_and_redirect_stub(tmp_path):
    src = copy_fixture(tmp_path)
    out = tmp_path / "out"
    builder = new_builder(src, out)
    assert (out / "old-about" / "index.html").exists()
    (src / "about" / "index.md").unlink()
    result = builder.rebuild([src / "about" / "index.md"])
    assert "about/index.html" in result.deleted and "old-about/index.html" in result.deleted
    assert not (out / "about").exists() and not (out / "old-about").exists()


def test_include_change_reaches_excerpts(tmp_path):
    src = copy_fixture(tmp_path)
    out = tmp_path / "out"
    builder = new_builder(src, out)
    footer = src / "_includes" / "footer.html"
    footer.write_text("<footer>NEW FOOTER {{ site.data.settings.footer }}</footer>\n")
    builder.rebuild([footer])
    assert "NEW FOOTER" in (out / "index.html").read_text()  # via the third post's excerpt
    assert tree(out) == clean_build(src, tmp_path / "ref")


def test_open_pages_render_first(tmp_path):
    src = copy_fixture(tmp_path)
    seen: list[str] = []
    builder = new_builder(src, tmp_path / "out", priority=lambda: {"notes/alpha/index.html"},
                          on_output=seen.append)
    layout = src / "_layouts" / "default.html"
    _edit(layout, "<main>", "<main class='m'>")
    result = builder.rebuild([layout])
    assert result.rendered[0] == "notes/alpha/index.html" or "notes/alpha/index.html" not in result.rendered
    assert seen and seen[0] == result.rendered[0]
    assert tree(tmp_path / "out") == clean_build(src, tmp_path / "ref")


def test_failed_rebuild_is_retried_with_the_next_change(tmp_path):
    src = copy_fixture(tmp_path)
    out = tmp_path / "out"
    builder = new_builder(src, out)
    include = src / "_includes" / "footer.html"
    include.write_text("<footer>{% if %}</footer>\n")
    result = builder.rebuild([include])
    assert result.error is not None and "footer.html" in str(result.error)
    include.write_text("<footer>fixed</footer>\n")
    result = builder.rebuild([include])
    assert result.error is None
    assert tree(out) == clean_build(src, tmp_path / "ref")


def test_config_change_is_a_full_build(tmp_path):
    src = copy_fixture(tmp_path)
    out = tmp_path / "out"
    made = []

    def factory():
        site = Site.from_path(src, logger=Logger("error"), destination=str(out), jobs=1)
        made.append(site)
        return site

    builder = new_builder(src, out, factory=factory)
    _edit(src / "_config.yml", "Incremental fixture", "Renamed fixture")
    result = builder.rebuild([src / "_config.yml"])
    assert result.mode == "full" and made
    assert "Renamed fixture" in (out / "index.html").read_text()


def test_build_incremental_across_processes(tmp_path, monkeypatch):
    from jekyllpy import incremental
    from jekyllpy.cache import DiskCache

    monkeypatch.setattr(Site, "disk_cache", lambda self, ns, salt: DiskCache(None, ns, salt))
    src = copy_fixture(tmp_path)
    out = tmp_path / "out"

    def run():
        site = Site.from_path(src, logger=Logger("error"), destination=str(out), jobs=1)
        return incremental.build_incremental(site)

    first = run()
    assert first.mode == "full"
    assert (src / ".jekyll-cache" / "jekyllpy" / "incremental").is_dir()
    second = run()
    assert second.rendered == [] and second.deleted == []
    post = src / "_notes" / "alpha.md"
    _edit(post, "Alpha note", "ALPHA note")
    third = run()
    assert "notes/alpha/index.html" in third.rendered
    assert "blog/2024/01/first/index.html" not in third.rendered
    assert tree(out) == clean_build(src, tmp_path / "ref")


def test_site_rebuild_api(tmp_path):
    src = copy_fixture(tmp_path)
    site = Site.from_path(src, logger=Logger("error"), destination=str(tmp_path / "out"), jobs=1)
    first = site.rebuild()
    assert "index.html" in first
    assert site.rebuild() == set()
    _edit(src / "_notes" / "beta.md", "Beta note", "Beta NOTE")
    outputs = site.rebuild([src / "_notes" / "beta.md"])
    assert "notes/beta/index.html" in outputs


def test_parallel_build_records_every_item(tmp_path):
    """Items rendered by forked workers hand their records back to the parent."""
    src = copy_fixture(tmp_path)
    for i in range(80):
        (src / "_notes" / f"n{i:02d}.md").write_text(f"---\ntitle: N{i}\nlayout: page\n---\nNote {i} body.\n")
    out = tmp_path / "out"
    site = Site.from_path(src, logger=Logger("error"), destination=str(out), jobs=2)
    builder = IncrementalBuilder(site)
    builder.build()
    notes = [r for k, r in builder.graph.records.items() if k.startswith("r:_notes/n")]
    assert len(notes) == 80
    assert all("layout:page" in r.layout_tokens and "include:footer.html" in r.layout_tokens for r in notes)
    footer = src / "_includes" / "nav.html"
    _edit(footer, "<nav>", "<nav class='n'>")
    result = builder.rebuild([footer])
    assert len([r for r in result.rendered if r.startswith("notes/n")]) == 80
    assert tree(out) == clean_build(src, tmp_path / "ref")


def test_include_cached_users_share_what_the_include_read(tmp_path):
    src = copy_fixture(tmp_path)
    (src / "_includes" / "cached.html").write_text("<b>{{ site.data.settings.footer }}</b>\n")
    for name in ("one", "two", "three"):
        (src / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n{name} {{% include_cached cached.html %}}\n")
    cfg = src / "_config.yml"
    cfg.write_text(cfg.read_text().replace("  - jekyll-sitemap", "  - jekyll-sitemap\n  - jekyll-include-cache"))
    out = tmp_path / "out"
    builder = new_builder(src, out)
    data = src / "_data" / "settings.yml"
    data.write_text('footer: "Changed footer"\n')
    builder.rebuild([data])
    for name in ("one", "two", "three"):
        assert "Changed footer" in (out / name / "index.html").read_text()
    assert tree(out) == clean_build(src, tmp_path / "ref")


def _many_posts(src: Path, count: int) -> list[Path]:
    posts = []
    for i in range(count):
        path = src / "_posts" / f"2023-{1 + i // 28:02d}-{1 + i % 28:02d}-p{i:02d}.md"
        path.write_text(f"---\ntitle: P{i}\n---\nPost p{i} body.\n")
        posts.append(path)
    return posts


def test_related_posts_readers_depend_on_the_newest_posts_only(tmp_path):
    """site.related_posts is the ten newest posts: an edit of an older post leaves the
    other posts alone; an edit of a newest one reaches every post showing it."""
    src = copy_fixture(tmp_path)
    posts = _many_posts(src, 14)  # older than the fixture's three 2024 posts
    out = tmp_path / "out"
    builder = new_builder(src, out)
    _edit(posts[0], "Post p0 body.", "Post p0 body, longer now.")
    rendered = set(builder.rebuild([posts[0]]).rendered)
    assert "blog/2023/01/p00/index.html" in rendered
    assert "blog/2023/01/p05/index.html" not in rendered      # p0 is not among its related posts
    assert "blog/2024/01/first/index.html" not in rendered
    assert tree(out) == clean_build(src, tmp_path / "ref")
    third = src / "_posts" / "2024-03-01-third.md"
    _edit(third, "<!--more-->", "Longer third. <!--more-->")
    rendered = set(builder.rebuild([third]).rendered)
    assert {"blog/2023/01/p05/index.html", "blog/2024/01/first/index.html"} <= rendered
    assert tree(out) == clean_build(src, tmp_path / "ref")
    # an old post becomes the newest: it joins everyone's related posts
    moved = src / "_posts" / "2025-01-01-p03.md"
    posts[3].rename(moved)
    builder.rebuild([posts[3], moved])
    assert tree(out) == clean_build(src, tmp_path / "ref")
    assert "P3" in (out / "blog/2023/01/p05/index.html").read_text()


def test_redirect_pages_render_only_when_their_data_changes(tmp_path):
    src = copy_fixture(tmp_path)
    out = tmp_path / "out"
    builder = new_builder(src, out)
    note = src / "_notes" / "alpha.md"
    _edit(note, "Alpha note", "ALPHA note")
    rendered = set(builder.rebuild([note]).rendered)
    assert "old-about/index.html" not in rendered            # a redirect stub: its data is unchanged
    assert "feed.xml" in rendered                             # built in Python: reads unknown
    page = src / "about" / "index.md"
    _front(page, "permalink: /moved/")
    rendered = set(builder.rebuild([page]).rendered)
    assert "old-about/index.html" in rendered                 # now points elsewhere
    assert "/moved/" in (out / "old-about" / "index.html").read_text()
    assert tree(out) == clean_build(src, tmp_path / "ref")


def test_after_a_failed_reread_the_next_rebuild_reads_afresh(tmp_path):
    """A reread that failed while rendering leaves a partial site (the Sass page after the
    failing page never added its source map) and a graph behind the site's objects: the
    next rebuild must neither patch that site nor take the last graph's digests."""
    src = copy_fixture(tmp_path)
    out = tmp_path / "out"
    builder = new_builder(src, out)
    second = src / "_posts" / "2024-02-01-second.md"
    _edit(second, "title: Second post", "title: Renamed second")  # a reread: new objects
    about = src / "about" / "index.md"
    _edit(about, "About text.", "About text. {% if %}")        # which fails to render
    result = builder.rebuild([second, about])
    assert result.error is not None
    _edit(about, "{% if %}", "fixed")
    assert builder.rebuild([about]).error is None
    assert tree(out) == clean_build(src, tmp_path / "ref")
    assert "Renamed second" in (out / "blog/2024/03/third/index.html").read_text()


def test_shape_notices_a_replaced_item(tmp_path):
    """The shape a rebuild reuses is the same objects in the same places: a page replaced
    by another object at the same position (a Sass page's new source map) is a new shape."""
    from jekyllpy.incremental import Shape, render_order

    src = copy_fixture(tmp_path)
    builder = new_builder(src, tmp_path / "out")
    site = builder.site
    shape = Shape(site)
    assert shape.matches(site, render_order(site))
    index = next(i for i, p in enumerate(site.pages) if p.name == "about.md" or "about" in str(p.path))
    old = site.pages[index]
    site.pages[index] = type(old).__new__(type(old))
    site.pages[index].__dict__.update(old.__dict__)
    assert not shape.matches(site, render_order(site))


def test_vanished_output_of_a_clean_page_is_written_after_the_open_page(tmp_path):
    src = copy_fixture(tmp_path)
    out = tmp_path / "out"
    seen: list[str] = []
    builder = new_builder(src, out, priority=lambda: {"notes/alpha/index.html"}, on_output=seen.append)
    (out / "about" / "index.html").unlink()
    note = src / "_notes" / "alpha.md"
    _edit(note, "Alpha note", "ALPHA note")
    result = builder.rebuild([note])
    assert seen[0] == "notes/alpha/index.html"
    assert "about/index.html" in result.rendered
    assert tree(out) == clean_build(src, tmp_path / "ref")
    _edit(note, "ALPHA note", "Alpha again")                  # the shape is reused: still right
    builder.rebuild([note])
    assert tree(out) == clean_build(src, tmp_path / "ref")


def test_build_incremental_renders_a_costly_tail_of_pages_on_workers(tmp_path, monkeypatch):
    """`build --incremental` forks for the pages at the end of the order; a page that read
    a page another process rendered is rendered again here, so the result is a serial one's."""
    from jekyllpy import incremental
    from jekyllpy.cache import DiskCache

    monkeypatch.setattr(Site, "disk_cache", lambda self, ns, salt: DiskCache(None, ns, salt))
    monkeypatch.setattr(incremental, "FORK_MIN_SECONDS", 0.0)
    monkeypatch.setattr(incremental, "_spare_core", lambda: True)
    forked = []
    original = incremental.IncrementalBuilder._render_forked

    def spy(self, pages, *args):
        forked.append(len(pages))
        return original(self, pages, *args)

    monkeypatch.setattr(incremental.IncrementalBuilder, "_render_forked", spy)
    src = copy_fixture(tmp_path)
    for name in ("list-a", "list-b", "list-c", "list-d"):
        (src / f"{name}.md").write_text(
            f"---\ntitle: {name}\n---\n{name}: {{% for p in site.posts %}}{{{{ p.content | size }}}} {{% endfor %}}\n")
    (src / "zz-pages.md").write_text(
        "---\ntitle: pages\n---\n{% for pg in site.pages %}{{ pg.title }}={{ pg.content | size }} {% endfor %}\n")
    out = tmp_path / "out"

    def run():
        site = Site.from_path(src, logger=Logger("error"), destination=str(out), jobs=2)
        return incremental.build_incremental(site)

    run()
    post = src / "_posts" / "2024-01-01-first.md"
    for word in ("one", "two"):
        _edit(post, "More of the first.", f"More of the first, {word} sentence longer.")
        result = run()
        assert "list-c/index.html" in result.rendered and "zz-pages/index.html" in result.rendered
        assert tree(out) == clean_build(src, tmp_path / "ref")
    assert forked and all(n >= 2 for n in forked)
