"""Markdown as Jekyll 4.3's kramdown converter writes it (kramdown 2.4, kramdown-parser-gfm 1.1).

`MarkdownConverter(site_config).convert(text) -> html` — built once per site, reused for every
document. The site's `kramdown:` settings are merged over Jekyll's defaults (GFM input,
auto ids, smart quotes, `as_char` entities, Rouge). Parsing is kramdown's dispatch (parser.py,
on mistune's rule registries, see rules.py), the HTML writer is kramdown's layout
(converter.py). docs/decisions.md says why this is not mistune's CommonMark grammar;
docs/markdown-differences.md lists what is still known to differ.
"""
from __future__ import annotations

from jekyllpy.markdown.converter import HtmlConverter
from jekyllpy.markdown.parser import KramdownParser, str_to_sym
from jekyllpy.markdown.rules import block_rules, span_rules

__all__ = ["MarkdownConverter"]

# Jekyll 4.3's `kramdown` defaults (lib/jekyll/configuration.rb), plus the kramdown and
# kramdown-parser-gfm option defaults that Jekyll leaves alone.
JEKYLL_KRAMDOWN_DEFAULTS = {
    "auto_ids": True, "toc_levels": [1, 2, 3, 4, 5, 6], "entity_output": "as_char",
    "smart_quotes": "lsquo,rsquo,ldquo,rdquo", "input": "GFM", "hard_wrap": False, "guess_lang": True,
    "footnote_nr": 1, "show_warnings": False,
}
KRAMDOWN_OPTION_DEFAULTS = {
    "auto_id_prefix": "", "auto_id_stripping": False, "transliterated_header_ids": False,
    "parse_block_html": False, "parse_span_html": True, "html_to_native": False, "header_offset": 0,
    "footnote_prefix": "", "footnote_backlink": "&#8617;", "footnote_backlink_inline": False,
    "syntax_highlighter": "rouge", "math_engine": "mathjax", "typographic_symbols": {},
    "gfm_quirks": ["paragraph_end"],
}


def _toc_levels(value) -> list[int]:
    if isinstance(value, (list, tuple)):
        return [int(v) for v in value]
    text = str(value)
    if ".." in text:
        lo, hi = text.split("..", 1)
        return list(range(int(lo), int(hi) + 1))
    return [int(v) for v in text.replace(",", " ").split()]


def _quirks(value) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in (value or [])]


class MarkdownConverter:
    """Jekyll's `markdownify`: `convert(text)` returns kramdown's HTML body for `text`."""

    def __init__(self, config: dict, store=None) -> None:
        """`store`: an optional persistent cache (jekyllpy.cache.DiskCache, salted with
        `cache_salt()`); conversions are looked up there before parsing."""
        options = dict(KRAMDOWN_OPTION_DEFAULTS)
        options.update(JEKYLL_KRAMDOWN_DEFAULTS)
        site_kramdown = (config or {}).get("kramdown") or {}
        options.update(site_kramdown)
        # Jekyll's KramdownParser#setup: `syntax_highlighter ||= highlighter` (coderay if
        # enable_coderay, else the site's `highlighter`, else rouge), default_lang plaintext.
        if not site_kramdown.get("syntax_highlighter"):
            options["syntax_highlighter"] = "coderay" if site_kramdown.get("enable_coderay") else \
                ((config or {}).get("highlighter") or "rouge")
        hl_opts = dict(site_kramdown.get("syntax_highlighter_opts") or {})
        hl_opts.setdefault("default_lang", "plaintext")
        hl_opts["guess_lang"] = options.get("guess_lang")
        options["syntax_highlighter_opts"] = hl_opts
        for key in ("entity_output", "syntax_highlighter", "math_engine"):
            options[key] = str_to_sym(options.get(key))
        options["toc_levels_list"] = _toc_levels(options.get("toc_levels", "1..6"))
        options["gfm_quirks"] = _quirks(options.get("gfm_quirks"))
        quotes = [q.strip() for q in str(options.get("smart_quotes") or "lsquo,rsquo,ldquo,rdquo").split(",")]
        options["smart_quotes_list"] = [int(q) if q.isdigit() else q for q in quotes]
        self.options = options
        self.gfm = str(options.get("input") or "kramdown").lower() == "gfm"
        if self.gfm:
            options["auto_id_stripping"] = True
        quirks = options["gfm_quirks"]
        self.block_rules = block_rules(self.gfm, "paragraph_end" in quirks)
        self.span_rules = span_rules(self.gfm, bool(options.get("hard_wrap")), "no_auto_typographic" not in quirks)
        # Output depends only on (text, options), and Minimal Mistakes layouts `markdownify` the
        # same excerpts and titles on every archive page (20,694 calls for 4,402 distinct texts
        # on a 1,000-document site), so conversions are memoised per converter, as Jekyll 4
        # does with its `Jekyll::Converters::Markdown` cache.
        self._converted: dict[str, str] = {}
        self.store = store

    def parse(self, text: str):
        """The kramdown element tree for `text` (a fresh options copy: `{::options}` is per document)."""
        parser = KramdownParser(dict(self.options), self.gfm, self.block_rules, self.span_rules)
        return parser.parse(text), parser.options

    def convert(self, text: str) -> str:
        html = self._converted.get(text)
        if html is None:
            store = self.store
            html = store.get(text) if store is not None else None
            if html is None:
                root, options = self.parse(text)
                html = HtmlConverter(root, options, _highlight_html).convert(root)
                if store is not None:
                    store.put(text, html)
            self._converted[text] = html
        return html

    def cache_salt(self) -> str:
        """Everything besides the text that can change the HTML: our options and the versions
        of jekyllpy and Pygments (highlighted code)."""
        import json

        try:
            import pygments as _pygments  # its __version__; importlib.metadata costs ~5 ms

            pygments = _pygments.__version__
        except Exception:  # noqa: BLE001
            pygments = "?"
        from jekyllpy import __version__

        return json.dumps([__version__, pygments, self.options], sort_keys=True, default=repr)


def _highlight_html(code: str, lang: str):
    """Rouge's token HTML for `code` (no wrapper), or None when Rouge has no such lexer."""
    try:
        from jekyllpy.highlight import highlight_html
    except ImportError:  # highlighting not available: Rouge's plaintext lexer is escaping
        if lang.lower() in ("plaintext", "text", "plain"):
            return code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return None
    return highlight_html(code, lang)
