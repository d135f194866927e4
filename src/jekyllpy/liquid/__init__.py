"""Jekyll's Liquid on python-liquid 2: one environment per site, parsed templates cached.

`LiquidRenderer.render` takes plain assigns (site, page, layout, content, paginator, jekyll)
and raises `JekyllpyError` naming the file that really has the problem (an include, not the
page that included it), with line and column in that file.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from jekyllpy.deferred import import_liquid

liquid = import_liquid()  # first: liquid without what deferred.py lists

from liquid import Environment, Mode  # noqa: E402
from liquid.builtin.output import Output, OutputNode  # noqa: E402
from liquid.exceptions import LiquidError  # noqa: E402
from liquid.token import TOKEN_EXPRESSION, TOKEN_OUTPUT  # noqa: E402

from jekyllpy import frontmatter  # noqa: E402
from jekyllpy.errors import LiquidError as JekyllLiquidError  # noqa: E402
from jekyllpy.liquid.quirks import RUBY_TAGS, parse_variable  # noqa: E402
from jekyllpy.liquid.tags import JEKYLL_TAGS  # noqa: E402
from jekyllpy.liquid.values import to_liquid_string  # noqa: E402
from jekyllpy.utils import safe_join  # noqa: E402

if TYPE_CHECKING:
    from jekyllpy.site import Site


class RubyOutputNode(OutputNode):
    """`{{ x }}` printed as Ruby Liquid prints it (nil → "", floats, times, hashes)."""

    __slots__ = ()

    def render_to_output(self, context, buffer: TextIO) -> int:
        return buffer.write(to_liquid_string(self.expression.evaluate(context)))


class RubyOutput(Output):
    """`{{ … }}` parsed as Ruby Liquid's warn mode does (strict, else lax with a warning)."""

    node_class = RubyOutputNode

    def parse(self, stream):
        token = stream.eat(TOKEN_OUTPUT)
        expr = stream.expect(TOKEN_EXPRESSION)
        return RubyOutputNode(token, parse_variable(self.env, expr.value, expr))


class JekyllEnvironment(Environment):
    """An environment that knows its site (filters and tags reach it as `env.site`)."""

    # Ruby Liquid accepts only `name: value` keyword arguments (Jekyll's include params are
    # parsed by the include tag itself).
    keyword_assignment = False
    # Ruby Liquid's Block::MAX_DEPTH (100) bounds both ("Nesting too deep"): 100 nested blocks
    # parse, 101 do not; a chain of 99 includes renders, 100 do not (our include pushes two
    # scopes where Jekyll's pushes one, hence 202). python-liquid's 30 and 30 rejected sites
    # Jekyll builds.
    block_nesting_limit = 100
    context_depth_limit = 202

    def __init__(self, site: Site, renderer: "LiquidRenderer", tolerance: Mode = Mode.STRICT) -> None:
        liquid_cfg = site.config.get("liquid") or {}
        super().__init__(
            tolerance=tolerance,
            strict_filters=bool(liquid_cfg.get("strict_filters")),
        )
        self.site = site
        self.renderer = renderer
        # Jekyll's `liquid.strict_variables`: a missing variable or key is an error.
        self.strict_variables = bool(liquid_cfg.get("strict_variables"))
        # Parse warnings (Ruby's lax fallbacks) collected while parsing one template.
        self.parse_warnings: list | None = None
        self.add_tag(RubyOutput)
        for tag in RUBY_TAGS + JEKYLL_TAGS:
            self.add_tag(tag)
        self.tags.pop("doc", None)  # Liquid 5.4 has no `doc` tag
        try:
            from jekyllpy.liquid.filters import register_filters
        except ImportError:  # filters land separately; core still renders without them
            register_filters = None
        if register_filters is not None:
            register_filters(self)


    def tokenizer(self):
        return _ruby_tokenizer()


@functools.lru_cache(maxsize=1)
def _ruby_tokenizer():
    """python-liquid's lexer with Liquid 5.4's `raw` (`{%- endraw` does not close it) and
    with a template's last text kept whole.

    Liquid 5.4 finds the end of a raw block with a pattern that has no whitespace-control
    dash before `endraw`, so `{%- endraw %}` leaves the block unclosed (an error in Jekyll).
    There is also no `{% doc %}` block in 5.4.
    """
    from liquid.lex import _tokenize_template, compile_liquid_rules

    pattern = compile_liquid_rules().pattern
    pattern = pattern.replace(r"\{%-?\s*endraw", r"\{%\s*endraw", 1)
    pattern = pattern.replace(r"\{%-?\s*doc\s*", r"\{%-?\s*(?!)doc\s*", 1)
    # Text runs to the next tag or the end of the template. python-liquid writes the end as
    # `$`, which also matches before a final newline: that newline became a text token of its
    # own and, after a `-%}`, was stripped too ("…-%}\n</div>\n" lost its last "\n").
    pattern = pattern.replace(r"|$))", r"|\Z))", 1)
    return functools.partial(_tokenize_template, rules=re.compile(pattern, re.DOTALL))


class LiquidRenderer:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.env = JekyllEnvironment(site, self)
        # Ruby Liquid's default "warn" mode parses malformed expressions leniently (a bad
        # filter is skipped) but still rejects broken block structure; we mirror that by
        # re-parsing in lax mode only for expression-level errors, with a warning.
        self.error_mode = str((site.config.get("liquid") or {}).get("error_mode") or "warn")
        # Kept for callers that want python-liquid's own lenient parser; `parse` does not use
        # it (python-liquid's LAX mode drops whole nodes, Ruby's lax parser does not).
        self.lax_env = JekyllEnvironment(site, self, Mode.LAX) if self.error_mode != "strict" else None
        self.env.liquid_error_mode = self.error_mode
        self._cache: dict[tuple[str, str], Any] = {}
        self._line_offsets: dict[str, int] = {}
        self._include_cache: dict[str, Any] = {}
        self._include_by_name: dict[str, Any] = {}
        # `--profile`: Jekyll's per-template table (see profiler.py); None costs nothing.
        self.profiler = None
        # site-only includes' effects while the site renders (liquid/pure.py); None: off
        self.include_memo: dict | None = None
        if site.config.get("profile"):
            from jekyllpy.profiler import LiquidProfiler

            self.profiler = LiquidProfiler()
        self.stats: dict[str, list] = {}

    def reset(self) -> None:
        self._cache.clear()
        self._include_cache.clear()
        self._include_by_name.clear()

    def display_name(self, path: str) -> str:
        try:
            rel = os.path.relpath(path, self.site.source)
        except ValueError:
            return path
        return path if rel.startswith("..") else rel

    def parse(self, source: str, path: str, line_offset: int = 1):
        """Parse (cached) as Jekyll does with Liquid's `error_mode` (default "warn").

        Expression-level problems never fail here: the tags in `quirks.py` fall back to
        Ruby's lax parser and record a warning, which we log with file, line and column.
        What still raises is what Ruby Liquid rejects in every mode (bad block structure,
        unknown tags, markup that even the lax regexes do not match).
        """
        name = self.display_name(path)
        key = (name, source)
        template = self._cache.get(key)
        if template is None:
            self._line_offsets[name] = line_offset
            bad = frontmatter.invalid_utf8(source, name)
            if bad is not None:  # Ruby Liquid's tokenizer raises on such a string
                raise JekyllLiquidError(f"Liquid error: {bad.message}", name, bad.line + line_offset - 1,
                                        bad.column, source_line=bad.source_line)
            env = self.env
            outer_warnings = env.parse_warnings
            env.parse_warnings = warnings = []
            try:
                template = env.from_string(source, name=name, path=name)
            except LiquidError as err:
                raise self.convert_error(err, name, source) from None
            finally:
                env.parse_warnings = outer_warnings
            for message, token in warnings:
                self.site.logger.warn("Liquid Warning:", str(self.located_error(
                    f"Liquid syntax error: {message}", token, name)).replace("\n", " "))
            self._cache[key] = template
        return template

    def located_error(self, message: str, token, name: str, cls=JekyllLiquidError):
        """An error at `token` in template `name`: line (offset by front matter) and column."""
        line = column = source_line = None
        if token is not None and getattr(token, "source", None) is not None:
            src, index = token.source, token.start_index
            line = src.count("\n", 0, index) + 1
            start = src.rfind("\n", 0, index) + 1
            end = src.find("\n", index)
            source_line = src[start:] if end < 0 else src[start:end]
            column = index - start + 1
            line += self._line_offsets.get(name, 1) - 1
        return cls(message, name or None, line, column, source_line=source_line)

    def render(self, template, assigns: dict) -> str:
        try:
            if self.profiler is None:
                return template.render(assigns)
            with self.profiler.measure(template.name) as result:
                result.output = template.render(assigns)
            return result.output
        except LiquidError as err:
            raise self.convert_error(err, template.name) from None
        except JekyllLiquidError:
            raise
        except RecursionError:  # Ruby: SystemStackError; data nested beyond Python's stack
            raise JekyllLiquidError("Liquid error: stack level too deep (values or templates nested too "
                                    "deeply)", template.name or None) from None

    def render_source(self, source: str, path: str, assigns: dict, line_offset: int = 1) -> str:
        return self.render(self.parse(source, path, line_offset), assigns)

    # includes ---------------------------------------------------------------------------
    def include_dirs(self) -> list[Path]:
        return [self.site.in_source_dir(str(self.site.config.get("includes_dir") or "_includes"))]

    def load_include(self, name: str, token) -> Any:
        # Resolved once per name and build: a page renders dozens of includes, and the
        # lookup (realpath containment check) costs more than rendering small ones.
        template = self._include_by_name.get(name)
        if template is not None:
            return template
        template = self._find_include(name, token)
        self._include_by_name[name] = template
        return template

    def _find_include(self, name: str, token) -> Any:
        for base in self.include_dirs():
            path = safe_join(base, name)
            if path.is_file() and self._inside(path, base):
                return self._load_file(path)
        dirs = ", ".join(self.display_name(str(d)) for d in self.include_dirs())
        raise liquid.exceptions.TemplateNotFoundError(
            f"Could not locate the included file '{name}' in any of [{dirs}]. "
            "Ensure it exists in one of those directories and, if it is a symlink, "
            "does not point outside your site source.",
            token=token,
        )

    def load_relative_include(self, current_dir: str, name: str, token) -> Any:
        base = safe_join(self.site.source, current_dir)
        path = safe_join(base, name)
        if path.is_file() and self._inside(path, self.site.source):
            return self._load_file(path)
        raise liquid.exceptions.TemplateNotFoundError(
            f"Could not locate the included file '{name}' in '{current_dir or '.'}'.", token=token
        )

    def _inside(self, path: Path, base: Path) -> bool:
        real = os.path.realpath(path)
        root = os.path.realpath(self.site.source)
        return real == root or real.startswith(root + os.sep)

    def _load_file(self, path: Path):
        key = str(path)
        template = self._include_cache.get(key)
        if template is None:
            source = self.site.read_text(key)
            template = self.parse(source, key)
            self._include_cache[key] = template
        return template

    # errors -----------------------------------------------------------------------------
    def convert_error(self, err: LiquidError, fallback_name: str | None,
                      fallback_source: str | None = None) -> JekyllLiquidError:
        name = str(err.template_name or fallback_name or "")
        line = column = None
        source_line = None
        ctx = err.context() if err.token is not None else None
        if ctx:
            line, column, _prev, source_line, _next = ctx
            # The token's source may be the template it belongs to: an include or layout.
            token_source = err.token.source
            owner = self._owner_of(token_source)
            if owner:
                name = owner
            column += 1
            line += self._line_offsets.get(name, 1) - 1
        message = str(err.message) if err.message else err.__class__.__name__
        source = (getattr(err.token, "source", None) if err.token is not None else None) or fallback_source
        if source:
            start_index = err.token.start_index if err.token is not None else -1
            message, index = _structural_message(message, source, start_index)
            if index is not None and line is None:
                line = source.count("\n", 0, index) + 1
                start = source.rfind("\n", 0, index) + 1
                end = source.find("\n", index)
                source_line = source[start:] if end < 0 else source[start:end]
                column = index - start + 1
                owner = self._owner_of(source)
                if owner:
                    name = owner
                line += self._line_offsets.get(name, 1) - 1
        message = ruby_message(message, self.env)
        kind = "Liquid syntax error" if "Syntax" in type(err).__name__ else "Liquid error"
        chain = _compact_chain([f"included in {parent}" for parent in getattr(err, "include_chain", [])])
        return JekyllLiquidError(f"{kind}: {message}", name or None, line, column, source_line=source_line,
                                 context=chain)

    def _owner_of(self, source: str) -> str | None:
        for (name, src) in self._cache:
            if src is source or src == source:
                return name
        return None


def _compact_chain(chain: list[str], keep: int = 4) -> list[str]:
    """A recursive include makes a chain as long as the depth limit: keep its first and
    last steps (where the loop is and who started it) and count the rest."""
    if len(chain) <= 2 * keep:
        return chain
    return chain[:keep] + [f"... {len(chain) - keep - 1} more"] + chain[-1:]


_UNEXPECTED_TAG = re.compile(r"unexpected tag '(\w+)'")
_NEVER_CLOSED = re.compile(r"expected tag end(\w+), found (?:end of expression|eof|end of file)")


_BLOCK_TAGS = frozenset(("if", "unless", "for", "case", "capture", "comment", "tablerow", "highlight", "ifchanged"))
_TAG_RE = re.compile(r"\{%-?\s*(\w+)")


def _open_blocks(source: str, upto: int) -> list[tuple[str, int]]:
    """Block tags still open at `upto` (name, index of the tag), by a plain scan."""
    stack: list[tuple[str, int]] = []
    for m in _TAG_RE.finditer(source, 0, upto):
        name = m.group(1)
        if name in _BLOCK_TAGS:
            stack.append((name, m.start()))
        elif name.startswith("end") and stack and stack[-1][0] == name[3:]:
            stack.pop()
    return stack


def _structural_message(message: str, source: str, index: int) -> tuple[str, int | None]:
    """Ruby's wording for a misplaced end tag, and where an unclosed block starts."""
    m = _UNEXPECTED_TAG.fullmatch(message)
    if m and m.group(1).startswith("end"):
        stack = _open_blocks(source, index)
        if stack:
            block = stack[-1][0]
            return f"'{m.group(1)}' is not a valid delimiter for {block} tags. use end{block}", None
    m = _NEVER_CLOSED.match(message)
    if m:
        for name, start in reversed(_open_blocks(source, len(source))):
            if name == m.group(1):
                return message, start
    return message, None


def ruby_message(message: str, env=None) -> str:
    """python-liquid's wording of structural errors → the Liquid 5.4 text Jekyll users know."""
    m = _UNEXPECTED_TAG.fullmatch(message)
    if m:
        tag = m.group(1)
        if tag in ("else", "elsif", "when"):
            return f"Unexpected outer '{tag}' tag"
        return f"Unknown tag '{tag}'"
    m = _NEVER_CLOSED.match(message)
    if m:
        return f"'{m.group(1)}' tag was never closed"
    if message == "expected '}}', found end of file":
        return "Variable '{{' was not properly terminated with regexp: /\\}\\}/"
    if message == "missing tag name or closing delimiter":
        return "Tag '{%' was not properly terminated with regexp: /\\%\\}/"
    return message
