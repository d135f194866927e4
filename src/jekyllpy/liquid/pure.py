"""Includes whose effect depends on `site` alone, rendered once per build.

A Minimal Mistakes page makes ~40 includes; some read nothing but site configuration and data:
`base_path` (20 times per page: `{% assign base_path = site.url | append: site.baseurl %}`),
footer, scripts, analytics. Their text and the variables they assign are the same on every
page, so the first render's effect is kept and replayed (~3% of a large site's build).

An include qualifies when, read statically, every node is text, `{{ }}`, `assign`, `capture`,
`if`/`unless`/`elsif`/`else`, `for` (no limit/offset) with `break`/`continue`, a comment, or
a plain `{% include name %}` of a qualifying include; every variable it reads is
`site.<key>` (not one of the lists whose items change while rendering — pages, posts,
documents, collections…), a loop's own variable, or one it assigned itself on every path
before reading it; and every filter is one whose result depends only on its input and the
site. Such an include does the same thing on every page. At run time the memo is used only
if `site` is the site's own drop, only values of plain types are replayed, and a render that
logged anything is not kept. Never used while the incremental builder records dependencies
or the profiler runs.
"""
from __future__ import annotations

from io import StringIO
from typing import Any

from liquid.ast import BlockNode
from liquid.builtin.content import ContentNode
from liquid.builtin.expressions.arguments import KeywordArgument, PositionalArgument
from liquid.builtin.expressions.filtered import FilteredExpression
from liquid.builtin.tags.assign_tag import AssignNode
from liquid.builtin.tags.comment_tag import CommentNode
from liquid.builtin.tags.for_tag import BreakNode, ContinueNode, ForNode
from liquid.builtin.tags.if_tag import IfNode
from liquid.builtin.tags.unless_tag import UnlessNode

from jekyllpy.liquid.quirks import Condition, ConditionExpression, Literal, Lookup, MethodLiteral, _scope_get

PURE_FILTERS = frozenset((
    "append", "prepend", "default", "relative_url", "absolute_url", "downcase", "upcase", "capitalize",
    "strip", "lstrip", "rstrip", "strip_html", "strip_newlines", "newline_to_br", "replace", "replace_first",
    "remove", "remove_first", "escape", "escape_once", "url_encode", "uri_escape", "cgi_escape",
    "xml_escape", "size", "slugify", "markdownify", "jsonify", "plus", "minus", "times", "divided_by",
    "modulo", "truncate", "truncatewords", "number_of_words", "smartify", "date", "date_to_xmlschema",
    "date_to_string", "date_to_long_string", "date_to_rfc822",
))
# site keys whose values change while pages render (their items' content/output), or the clock
# (`site.time` is fixed for a build; reading it marks the build clock-dependent, which the
# first, real render does in each process that uses the memo.)
MOVING_SITE_KEYS = frozenset(("pages", "posts", "documents", "collections", "related_posts", "html_pages",
                              "static_files", "categories", "tags"))
PLAIN_VALUES = (str, int, float, bool, type(None))

_NOT_PURE = object()


class _Impure(Exception):
    pass


def analysis(template, renderer) -> tuple[frozenset, frozenset] | None:
    """(names assigned on every path, names it may assign) when `template` qualifies, else
    None. Cached on the renderer per template."""
    # keyed by id, holding the template so that id is never reused for another one
    cache = renderer.__dict__.setdefault("_pure_analysis", {})
    key = id(template)
    if key in cache:
        return cache[key][1]
    cache[key] = (template, None)  # an include that includes itself is not pure
    try:
        result = _block(template.nodes, frozenset(), renderer)
    except _Impure:
        result = None
    cache[key] = (template, result)
    return result


def _block(nodes, known: frozenset, renderer) -> tuple[frozenset, frozenset]:
    definite, maybe = set(known), set()
    for node in nodes:
        d, m = _node(node, frozenset(definite), renderer)
        definite |= d
        maybe |= m
    return frozenset(definite - known), frozenset(maybe | (definite - known))


def _node(node, known: frozenset, renderer) -> tuple[frozenset, frozenset]:
    from jekyllpy.liquid import RubyOutputNode
    from jekyllpy.liquid.tags import IncludeNode, RubyCaptureNode

    cls = type(node)
    if cls in (ContentNode, CommentNode):
        return frozenset(), frozenset()
    if cls is RubyOutputNode:
        _expression(node.expression, known)
        return frozenset(), frozenset()
    if cls is AssignNode:
        _expression(node.expression, known)
        return frozenset((node.name,)), frozenset((node.name,))
    if cls is RubyCaptureNode:
        _, maybe = _block(node.block.nodes, known, renderer)
        return frozenset((node.name,)), maybe | {node.name}
    if cls is BlockNode:
        return _block(node.nodes, known, renderer)
    if cls in (IfNode, UnlessNode):
        return _branches(node, known, renderer)
    if cls is ForNode:
        return _loop(node, known, renderer)
    if cls in (BreakNode, ContinueNode):
        return frozenset(), frozenset()
    if cls is IncludeNode and not node.params and not node.relative and not node._dynamic:
        try:
            template = renderer.load_include(node.file.strip(), node.token)
        except Exception:  # noqa: BLE001 - a missing include errors when rendered
            raise _Impure from None
        found = analysis(template, renderer)
        if found is None:
            raise _Impure
        return found
    raise _Impure


def _branches(node, known: frozenset, renderer) -> tuple[frozenset, frozenset]:
    _expression(node.condition, known)
    results = [_block(node.consequence.nodes, known, renderer)]
    for alternative in node.alternatives:
        _expression(alternative.expression, known)
        results.append(_block(alternative.block.nodes, known, renderer))
    maybe = frozenset().union(*(m for _d, m in results))
    if node.default is None:
        return frozenset(), maybe
    results.append(_block(node.default.nodes, known, renderer))
    definite = frozenset.intersection(*(d for d, _m in results))
    return definite, maybe | results[-1][1]


def _loop(node, known: frozenset, renderer) -> tuple[frozenset, frozenset]:
    """A `for` over site data: the body may read the loop variable and `forloop`; what it
    assigns is assigned only if the loop runs (possibly, never definitely)."""
    loop = node.expression
    if loop.limit is not None or loop.offset is not None or loop.cols is not None:
        raise _Impure  # `offset: continue` keeps state between loops; keep it simple
    _expression(loop.iterable, known)
    _, maybe = _block(node.block.nodes, known | {loop.identifier, "forloop"}, renderer)
    if node.default is not None:
        _, more = _block(node.default.nodes, known, renderer)
        maybe |= more
    return frozenset(), maybe


def _expression(expr, known: frozenset) -> None:
    cls = type(expr)
    if cls is Lookup:
        name = expr.name
        if not isinstance(name, str):
            raise _Impure
        if name == "site":
            first = expr.lookups[0] if expr.lookups else None
            if not isinstance(first, str) or first in MOVING_SITE_KEYS:
                raise _Impure
        elif name not in known:
            raise _Impure
        for key in expr.lookups:
            if not isinstance(key, str):
                _expression(key, known)
        return
    if cls is FilteredExpression:
        _expression(expr.left, known)
        for f in expr.filters or ():
            if f.name not in PURE_FILTERS:
                raise _Impure
            for arg in f.args:
                if type(arg) not in (PositionalArgument, KeywordArgument):
                    raise _Impure
                _expression(arg.value, known)
        return
    if cls in (Condition, ConditionExpression) or type(expr).__name__ == "_NotCondition":
        for child in expr.children():
            _expression(child, known)
        return
    if cls in (Literal, MethodLiteral):
        return
    raise _Impure


# ---------------------------------------------------------------------------------------
# the memo
# ---------------------------------------------------------------------------------------

def render_memoised(template, context, buffer, render) -> bool:
    """Write `template`'s memoised effect (text, assigned variables) if it qualifies; on the
    first call render it with `render(buffer)`, keeping its effect. False when not used."""
    renderer = context.env.renderer  # type: ignore[attr-defined]
    memo = renderer.include_memo
    if memo is None or renderer.profiler is not None or getattr(renderer, "_jekyllpy_recording", None):
        return False
    site = renderer.site
    if _scope_get(context.scope._maps, "site") is not site.site_drop:
        return False
    entry = memo.get(id(template))  # the memo lives for one render: templates stay cached
    if entry is _NOT_PURE:
        return False
    if entry is None:
        found = analysis(template, renderer)
        if found is None:
            memo[id(template)] = _NOT_PURE
            return False
        entry = _record(template, context, buffer, render, site, found[1])
        memo[id(template)] = entry if entry is not None else _NOT_PURE
        return True
    text, assigned = entry
    buffer.write(text)
    for name, value in assigned:
        context.assign(name, value)
    return True


def _record(template, context, buffer, render, site, names: frozenset) -> tuple[str, tuple] | None:
    """Render once, keeping the text and the values of the variables it assigned. The
    include is deterministic, so it assigns the same ones every time; to see which, the
    names it might assign are taken out of the page's variables for this render (it never
    reads one before assigning it) and put back if it did not assign them."""
    local = context.locals
    saved = {name: local.pop(name) for name in names if name in local}
    warnings = len(site.logger.warnings)
    out = StringIO()
    try:
        render(out)
    finally:
        assigned = tuple((name, local[name]) for name in sorted(names) if name in local)
        for name, value in saved.items():
            local.setdefault(name, value)
    text = out.getvalue()
    buffer.write(text)
    if len(site.logger.warnings) != warnings or not all(isinstance(v, PLAIN_VALUES) for _n, v in assigned):
        return None
    return text, assigned
