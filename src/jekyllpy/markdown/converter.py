"""kramdown's HTML converter: the Element tree written as kramdown 2.4 writes it in Jekyll.

Layout rules that matter for byte identity: block elements are indented two spaces per level
inside lists, quotes and tables; a run of blank source lines becomes one newline; a
transparent list-item paragraph prints without `<p>`; entities print as characters except
`<`, `>`, `&` (kept as written); raw HTML is re-emitted from the parsed tag (attributes
double-quoted, `&`/`<`/`"` escaped, void elements closed with ` />`); code goes through
Rouge's wrapper (jekyllpy.highlight when present).
"""
from __future__ import annotations

import random
import re

from mistune.core import BaseRenderer

from jekyllpy.markdown import patterns as P
from jekyllpy.markdown.elements import Element
from jekyllpy.markdown.entities import NAMES
from jekyllpy.markdown.parser import RUBY_WS, RUBY_WS0

_REFERENCE = r"&(?:[A-Za-z0-9_:][\-A-Za-z0-9_.:]*;|#[0-9]+;|#x[0-9a-fA-F]+;)"  # REXML's REFERENCE_RE
_ESC_TEXT = re.compile(f"{_REFERENCE}|[<>&]")
_ESC_ATTR = re.compile(f'{_REFERENCE}|[<>&"]')
_ESC_MAP = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
_CJK = ("\u2E80-\u2E99\u2E9B-\u2EF3\u2F00-\u2FD5\u3005\u3007\u3021-\u3029\u3038-\u303B\u3400-\u4DBF"
        "\u4E00-\u9FFF\uF900-\uFA6D\uFA70-\uFAD9\U00020000-\U0003134F"   # Han
        "\u3041-\u3096\u309D-\u309F\U0001B001-\U0001B11F"                # Hiragana
        "\u30A1-\u30FA\u30FD-\u30FF\u31F0-\u31FF\u32D0-\u32FE\u3300-\u3357\uFF66-\uFF6F\uFF71-\uFF9D")
_CJK_BREAK = re.compile(f"([{_CJK}]+)\n([{_CJK}]+)")
_CODE_NAMES = {cp: name for name, cp in NAMES.items()}


def escape_html(text: str, kind: str = "all") -> str:
    """kramdown's escape_html: `all` escapes every `&<>`; `text` and `attribute` keep entity
    references as written (and `attribute` also escapes `"`). Without an `&` there is no
    reference to keep, so plain replaces do (the common case; the regex is the slow path)."""
    if kind == "all":
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "&" not in text:
        if "<" in text or ">" in text:
            text = text.replace("<", "&lt;").replace(">", "&gt;")
        return text.replace('"', "&quot;") if kind != "text" and '"' in text else text
    regex = _ESC_TEXT if kind == "text" else _ESC_ATTR
    return regex.sub(_escape_match, text)


def _escape_text(text: str) -> str:
    """escape_html(text, "text") for the converter's hottest caller (every text element)."""
    if "&" in text:
        return _ESC_TEXT.sub(_escape_match, text)
    if "<" in text or ">" in text:
        return text.replace("<", "&lt;").replace(">", "&gt;")
    return text


def _escape_match(m: re.Match) -> str:
    return _ESC_MAP.get(m.group(0), m.group(0))


def html_attributes(attr: dict) -> str:
    if not attr:
        return ""
    out = []
    for k, v in attr.items():
        if v is None or (k == "id" and not str(v).strip(RUBY_WS0)):
            continue
        out.append(f' {k}="{escape_html(_to_s(v), "attribute")}"')
    return "".join(out)


def _to_s(v) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    return str(v)


def entity_to_str(cp: int, original: str | None, entity_output: str) -> str:
    ch = chr(cp) if 0 <= cp <= 0x10FFFF and not (0xD800 <= cp <= 0xDFFF) else None
    if entity_output == "as_char" and ch is not None and (ch == '"' or ch not in _ESC_MAP):
        return ch
    if entity_output in ("as_input", "as_char") and original:
        return original
    name = _CODE_NAMES.get(cp)
    if (entity_output == "symbolic" or (ch in _ESC_MAP)) and name:
        return f"&{name};"
    return f"&#{cp};"


TYPO_SYMS = {"mdash": [8212], "ndash": [8211], "hellip": [8230], "laquo_space": [171, 160],
             "raquo_space": [160, 187], "laquo": [171], "raquo": [187]}
SMART_QUOTE_INDEX = {"lsquo": 0, "rsquo": 1, "ldquo": 2, "rdquo": 3}


class HtmlConverter(BaseRenderer):
    """kramdown's `Converter::Html` on mistune's renderer API: one `convert_<type>(el, indent)`
    method per element type, looked up with mistune's `_get_method`, so a renderer plugin can
    `register("convert_<type>", fn)` for element types we don't write (fn(self, el, indent))."""

    NAME = "kramdown-html"

    def __init__(self, root: Element, options: dict, highlighter) -> None:
        super().__init__()
        self._dispatch: dict = {}
        self.root = root
        self.options = options
        self.highlighter = highlighter
        self.footnote_counter = self.footnote_start = int(options.get("footnote_nr", 1) or 1)
        self.footnotes: list = []
        self.footnotes_by_name: dict = {}
        self.footnote_location = None
        self.toc: list = []
        self.toc_code = None
        self.indent = 2
        self.stack: list[Element] = []
        self.used_ids: dict[str, int] = {}
        self.entity_output = str(options.get("entity_output", "as_char"))
        self.smart_quotes = options["smart_quotes_list"]
        self.cjk_breaks = options.get("remove_line_breaks_for_cjk")
        self._highlighter_options: dict[str, dict] = {}
        self.plain_text = not self.cjk_breaks and type(self).convert_text is HtmlConverter.convert_text

    def method(self, kind: str):
        """`convert_<kind>` as a function of (converter, el, indent). Our own methods are taken
        from the class, unbound: a dict of bound methods on the instance was a reference cycle
        that kept every converted tree alive until the cyclic collector found it."""
        fn = self._dispatch.get(kind)
        if fn is None:
            fn = getattr(type(self), "convert_" + kind, None)
            if fn is None:  # a renderer plugin registered the mistune way (bound by mistune)
                bound = self._get_method("convert_" + kind)

                def fn(_converter, el, indent, _bound=bound):
                    return _bound(el, indent)
            self._dispatch[kind] = fn
        return fn

    def convert(self, el: Element, indent: int = -2) -> str:
        return self.method(el.type)(self, el, indent)

    def inner(self, el: Element, indent: int) -> str:
        indent += self.indent
        self.stack.append(el)
        functions, method = self._dispatch, self.method
        if self.plain_text:  # text elements escaped here: two calls less for most elements
            out = [_escape_text(c.value) if c.type == "text" else
                   (functions.get(c.type) or method(c.type))(self, c, indent) for c in el.children]
        else:
            out = [(functions.get(c.type) or method(c.type))(self, c, indent) for c in el.children]
        self.stack.pop()
        return "".join(out)

    def ent(self, cp: int, original=None) -> str:
        return entity_to_str(cp, original, self.entity_output)

    # blocks
    def convert_blank(self, el, indent):
        return "\n"

    def convert_text(self, el, indent):
        escaped = escape_html(el.value, "text")
        if self.cjk_breaks:
            while True:
                escaped, n = _CJK_BREAK.subn(r"\1\2", escaped)
                if not n:
                    break
        return escaped

    def convert_p(self, el, indent):
        if el.options.get("transparent"):
            return self.inner(el, indent)
        ch = el.children
        if len(ch) == 1 and ch[0].type == "img" and "standalone" in (ch[0].options.get("ial") or {}).get(":refs", []):
            return self.convert_standalone_image(el, indent)
        return self.block_html("p", el.attr, self.inner(el, indent), indent)

    def convert_standalone_image(self, el, indent):
        figure_attr = dict(el.attr)
        image_attr = dict(el.children[0].attr)
        if "class" in image_attr and "class" not in figure_attr:
            figure_attr["class"] = image_attr.pop("class")
        if "id" in image_attr and "id" not in figure_attr:
            figure_attr["id"] = image_attr.pop("id")
        pad = " " * (indent + self.indent)
        body = f"{pad}<img{html_attributes(image_attr)} />\n{pad}<figcaption>{image_attr.get('alt')}</figcaption>\n"
        return self.indented_block_html("figure", figure_attr, body, indent)

    def convert_codeblock(self, el, indent):
        attr = dict(el.attr)
        lang = extract_code_language(attr, remove=True)
        hl_lang = el.options.get("lang") or lang
        highlighted, default = self.highlight(el.value, hl_lang, "block")
        if highlighted is not None:
            add_highlighter_class(attr, lang or default, self.options.get("syntax_highlighter"))
            return f"{' ' * indent}<div{html_attributes(attr)}>{highlighted}{' ' * indent}</div>\n"
        result = escape_html(el.value)
        if result.endswith("\n"):
            result = result[:-1]
        code_attr = {"class": f"language-{lang}"} if lang else {}
        return f"{' ' * indent}<pre{html_attributes(attr)}><code{html_attributes(code_attr)}>{result}\n</code></pre>\n"

    def highlighter_options(self, kind: str) -> dict:
        """syntax_highlighter_opts with the `block`/`span` sub-hash merged in (kramdown's Rouge
        `prepare_options`); keys may be written `:key` or `key`. Computed once per kind (the
        options are final once the parse is done); callers only read it."""
        found = self._highlighter_options.get(kind)
        if found is None:
            found = self._highlighter_options[kind] = self._merge_highlighter_options(kind)
        return found

    def _merge_highlighter_options(self, kind: str) -> dict:
        raw = self.options.get("syntax_highlighter_opts")
        raw = raw if isinstance(raw, dict) else {}
        opts = {str(k).lstrip(":"): v for k, v in raw.items() if str(k).lstrip(":") not in ("block", "span")}
        sub = raw.get(kind, raw.get(":" + kind))
        if isinstance(sub, dict):
            opts.update({str(k).lstrip(":"): v for k, v in sub.items()})
        return opts

    def highlight(self, text: str, lang, kind: str):
        """kramdown's syntax highlighter call → (html or None, default language for the class).
        None means "not highlighted" (plain `<pre><code>`)."""
        name = self.options.get("syntax_highlighter")
        opts = self.highlighter_options(kind)
        if name == "minted":  # kramdown's LaTeX-minted wrapper, written into the HTML as is
            raw = self.options.get("syntax_highlighter_opts") or {}
            raw = {str(k).lstrip(":"): v for k, v in raw.items()} if isinstance(raw, dict) else {}
            mlang = lang or raw.get("default_lang")
            flags = [f for f, on in (("breaklines", raw.get("wrap")), ("linenos", raw.get("line_numbers"))) if on]
            if raw.get("frame"):
                flags.append(f"frame={raw['frame']}")
            if mlang and kind == "block":
                return f"\\begin{{minted}}[{','.join(flags)}]{{{mlang}}}\n{text}\n\\end{{minted}}", None
            if mlang:
                return f"\\mintinline{{{mlang}}}{{{text}}}", None
            return None, None
        if self.highlighter is None or name != "rouge":
            return None, None
        default = opts.get("default_lang")
        hl_name = lang or default
        if not hl_name or opts.get("disable"):
            return None, default  # (no language and only guess_lang: Rouge would guess; not supported)
        hl_name = str(hl_name).split("?", 1)[0]
        if hl_name.lower() in ("plaintext", "text", "plain") and not opts.get("guess_lang"):
            return None, default
        inner = self.highlighter(text, hl_name)
        if inner is None:
            return None, default
        if kind == "span":
            return inner, default
        return f'<div class="highlight"><pre class="highlight"><code>{inner}</code></pre></div>', default

    def convert_blockquote(self, el, indent):
        return self.indented_block_html("blockquote", el.attr, self.inner(el, indent), indent)

    def convert_header(self, el, indent):
        attr = dict(el.attr)
        if self.options.get("auto_ids") and attr.get("id") is None:  # Ruby: an empty id is set
            attr["id"] = self.generate_id(el.options.get("raw_text", ""))
        if attr.get("id") and self.in_toc(el):
            self.toc.append((el.options["level"], attr["id"], el.children))
        level = max(min(el.options["level"] + int(self.options.get("header_offset", 0) or 0), 6), 1)
        return self.block_html(f"h{level}", attr, self.inner(el, indent), indent)

    def in_toc(self, el) -> bool:
        return el.options["level"] in self.options["toc_levels_list"] and \
            not re.search(r"\bno_toc\b", el.attr.get("class", "") or "")

    def generate_id(self, text: str) -> str:
        if self.options.get("transliterated_header_ids"):
            import unicodedata
            text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        gen = basic_generate_id(text) or "section"
        if gen in self.used_ids:
            self.used_ids[gen] += 1
            gen += f"-{self.used_ids[gen]}"
        else:
            self.used_ids[gen] = 0
        return str(self.options.get("auto_id_prefix") or "") + gen

    def convert_hr(self, el, indent):
        return f"{' ' * indent}<hr{html_attributes(el.attr)} />\n"

    def convert_ul(self, el, indent):
        refs = (el.options.get("ial") or {}).get(":refs") or []
        if self.toc_code is None and "toc" in refs:
            self.toc_code = (el.type, el.attr, _placeholder())
            return self.toc_code[2]
        if self.footnote_location is None and "footnotes" in refs:
            self.footnote_location = _placeholder()
            return self.footnote_location
        return self.indented_block_html(el.type, el.attr, self.inner(el, indent), indent)

    convert_ol = convert_ul

    def convert_dl(self, el, indent):
        return self.indented_block_html("dl", el.attr, self.inner(el, indent), indent)

    def convert_li(self, el, indent):
        out = f"{' ' * indent}<{el.type}{html_attributes(el.attr)}>"
        res = self.inner(el, indent)
        ch = el.children
        if not ch or (ch[0].type == "p" and ch[0].options.get("transparent")):
            out += res + (" " * indent if res.endswith("\n") else "")
        else:
            out += "\n" + res + " " * indent
        return out + f"</{el.type}>\n"

    convert_dd = convert_li

    def convert_dt(self, el, indent):
        attr = dict(el.attr)
        parent = self.stack[-1] if self.stack else None
        if not attr.get("id") and parent is not None and (parent.options.get("ial") or {}).get(":refs"):
            for ref in parent.options["ial"][":refs"]:
                m = re.match(r"\Aauto_ids(?:-([\w-]+))?", ref)
                if m:
                    attr["id"] = f"{m.group(1) or ''}{basic_generate_id(el.options.get('raw_text', ''))}".lstrip(RUBY_WS)
                    break
        return self.block_html("dt", attr, self.inner(el, indent), indent)

    def convert_html_element(self, el, indent):
        res = self.inner(el, indent)
        if el.options.get("category") == "span":
            if not res and el.value in P.HTML_ELEMENTS_WITHOUT_BODY:
                return f"<{el.value}{html_attributes(el.attr)} />"
            return f"<{el.value}{html_attributes(el.attr)}>{res}</{el.value}>"
        parent = self.stack[-1] if self.stack else None
        in_raw = parent is not None and parent.type == "html_element" and parent.options.get("content_model") == "raw"
        out = "" if in_raw else " " * indent
        out += f"<{el.value}{html_attributes(el.attr)}"
        model = el.options.get("content_model")
        if el.options.get("is_closed") and model == "raw":
            out += " />"
        elif res and model != "block":
            out += f">{res}</{el.value}>"
        elif res:
            out += f">\n{_chomp(res)}\n{' ' * indent}</{el.value}>"
        elif el.value in P.HTML_ELEMENTS_WITHOUT_BODY:
            out += " />"
        else:
            out += f"></{el.value}>"
        if not in_raw:
            out += "\n"
        return out

    def convert_xml_comment(self, el, indent):
        parent = self.stack[-1] if self.stack else None
        in_raw = parent is not None and parent.type == "html_element" and parent.options.get("content_model") == "raw"
        if el.options.get("category") == "block" and not in_raw:
            return " " * indent + el.value + "\n"
        return el.value

    convert_xml_pi = convert_xml_comment

    def convert_table(self, el, indent):
        return self.indented_block_html(el.type, el.attr, self.inner(el, indent), indent)

    convert_thead = convert_tbody = convert_tfoot = convert_tr = convert_table

    def convert_td(self, el, indent):
        res = self.inner(el, indent)
        kind = "th" if self.stack[-2].type == "thead" else "td"
        attr = el.attr
        alignment = self.stack[-3].options["alignment"][self.stack[-1].children.index(el)]
        if alignment != "default":
            attr = dict(el.attr)
            attr["style"] = (f"{attr['style']}; " if "style" in attr else "") + f"text-align: {alignment}"
        return self.block_html(kind, attr, res if res else self.ent(160), indent)

    def convert_comment(self, el, indent):
        if el.options.get("category") == "block":
            return f"{' ' * indent}<!-- {el.value} -->\n"
        return f"<!-- {el.value} -->"

    def convert_br(self, el, indent):
        return "<br />"

    def convert_a(self, el, indent):
        return f"<a{html_attributes(el.attr)}>{self.inner(el, indent)}</a>"

    def convert_img(self, el, indent):
        return f"<img{html_attributes(el.attr)} />"

    def convert_codespan(self, el, indent):
        attr = dict(el.attr)
        lang = extract_code_language(attr)
        result, default = self.highlight(el.value, lang, "span")
        if result is not None:
            add_highlighter_class(attr, lang or default, self.options.get("syntax_highlighter"))
        else:
            result = escape_html(el.value)
        return f"<code{html_attributes(attr)}>{result}</code>"

    def convert_footnote(self, el, indent):
        repeat = ""
        name = str(self.options.get("footnote_prefix") or "") + el.options["name"]
        fn = self.footnotes_by_name.get(name)
        if fn is not None:
            number = fn[2]
            fn[3] += 1
            repeat = f":{fn[3]}"
        else:
            number = self.footnote_counter
            self.footnote_counter += 1
            fn = [name, el.value, number, 0]
            self.footnotes.append(fn)
            self.footnotes_by_name[name] = fn
        return (f'<sup id="fnref:{name}{repeat}" role="doc-noteref">'
                f'<a href="#fn:{name}" class="footnote" rel="footnote">{number}</a></sup>')

    def convert_raw(self, el, indent):
        types = el.options.get("type")
        if not types or "html" in types:
            return el.value + ("\n" if el.options.get("category") == "block" else "")
        return ""

    def convert_em(self, el, indent):
        return f"<{el.type}{html_attributes(el.attr)}>{self.inner(el, indent)}</{el.type}>"

    convert_strong = convert_em

    def convert_entity(self, el, indent):
        return self.ent(el.value, el.options.get("original"))

    def convert_typographic_sym(self, el, indent):
        custom = (self.options.get("typographic_symbols") or {})
        if isinstance(custom, dict) and el.value in custom:
            return escape_html(str(custom[el.value]), "text")
        return "".join(self.ent(cp) for cp in TYPO_SYMS[el.value])

    def convert_smart_quote(self, el, indent):
        name = self.smart_quotes[SMART_QUOTE_INDEX[el.value]]
        if isinstance(name, int):
            return self.ent(name)
        cp = NAMES.get(name)
        return self.ent(cp) if cp is not None else ""

    def convert_math(self, el, indent):
        engine = self.options.get("math_engine", "mathjax")
        if engine in (None, "", "null", False):
            attr = dict(el.attr)
            attr["class"] = f"{attr.get('class', '')} kdmath".lstrip(RUBY_WS)
            if el.options.get("category") == "block":
                return self.block_html("div", attr, f"$$\n{el.value}\n$$", indent)
            return f"<span{html_attributes(attr)}>${el.value}$</span>"
        value = escape_html(el.value)
        block = el.options.get("category") == "block"
        result = f"\\[{value}\\]\n" if block else f"\\({value}\\)"
        if not el.attr:
            return result
        if block:
            return self.block_html("div", el.attr, result, indent)
        return f"<span{html_attributes(el.attr)}>${el.value}$</span>"

    def convert_abbreviation(self, el, indent):
        title = self.root.options["abbrev_defs"][el.value]
        attr = dict(self.root.options["abbrev_attr"][el.value])
        if title:
            attr["title"] = title
        return f"<abbr{html_attributes(attr)}>{el.value}</abbr>"

    def convert_root(self, el, indent):
        result = self.inner(el, indent)
        if self.footnote_location is not None:
            result = result.replace(self.footnote_location, self.footnote_content(), 1)
        else:
            result += self.footnote_content()
        if self.toc_code is not None:
            tree = self.generate_toc_tree(self.toc, self.toc_code[0], self.toc_code[1] or {})
            text = self.convert(tree, 0) if tree.children else ""
            result = result.replace(self.toc_code[2], text, 1)
        return result

    # helpers
    def block_html(self, name, attr, body, indent):
        return f"{' ' * indent}<{name}{html_attributes(attr)}>{body}</{name}>\n"

    def indented_block_html(self, name, attr, body, indent):
        return f"{' ' * indent}<{name}{html_attributes(attr)}>\n{body}{' ' * indent}</{name}>\n"

    def generate_toc_tree(self, toc, kind, attr):
        sections = Element(kind, None, dict(attr))
        sections.attr.setdefault("id", "markdown-toc")
        stack: list[Element] = []
        for level, ident, children in toc:
            li = Element("li", None, None, {"level": level})
            li.children.append(Element("p", None, None, {"transparent": True}))
            a = Element("a", None, {"href": f"#{ident}", "id": f"{sections.attr['id']}-{ident}"})
            a.children.extend(_fix_toc_entry([c.deep_copy() for c in children]))
            li.children[-1].children.append(a)
            li.children.append(Element(kind))
            while True:
                if not stack:
                    sections.children.append(li)
                    stack.append(li)
                    break
                if stack[-1].options["level"] < li.options["level"]:
                    stack[-1].children[-1].children.append(li)
                    stack.append(li)
                    break
                item = stack.pop()
                if not item.children[-1].children:
                    item.children.pop()
        while stack:
            item = stack.pop()
            if not item.children[-1].children:
                item.children.pop()
        return sections

    def footnote_content(self) -> str:
        ol = Element("ol")
        if self.footnote_start != 1:
            ol.attr["start"] = self.footnote_start
        backlink = str(self.options.get("footnote_backlink", "&#8617;"))
        backlink_text = escape_html(backlink, "text")
        i = 0
        while i < len(self.footnotes):
            name, data, _, repeat = self.footnotes[i]
            li = Element("li", None, {"id": f"fn:{name}", "role": "doc-endnote"})
            li.children = [c.deep_copy() for c in data.children]
            para = None
            insert_space = False
            if (li.children and li.children[-1].type == "p") or self.options.get("footnote_backlink_inline"):
                parent = li
                while parent.children and parent.children[-1].type not in ("p", "header"):
                    parent = parent.children[-1]
                para = parent.children[-1] if parent.children else None
                insert_space = True
            if para is None:
                para = Element("p")
                li.children.append(para)
                insert_space = False
            if backlink:
                nbsp = self.ent(160)
                fmt = '%s<a href="#fnref:%s" class="reversefootnote" role="doc-backlink">%s</a>'
                para.children.append(Element("raw", fmt % (nbsp if insert_space else "", name, backlink_text)))
                for index in range(1, repeat + 1):
                    para.children.append(Element("raw", fmt % (nbsp, f"{name}:{index}",
                                                               f"{backlink_text}<sup>{index + 1}</sup>")))
            ol.children.append(Element("raw", self.convert(li, 4)))
            i += 1
        if not ol.children:
            return ""
        return self.indented_block_html("div", {"class": "footnotes", "role": "doc-endnotes"},
                                        self.convert(ol, 2), 0)


def _chomp(text: str) -> str:
    """Ruby's String#chomp: one trailing line break."""
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith(("\n", "\r")):
        return text[:-1]
    return text


def _placeholder() -> str:
    return "".join(random.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(129))


def _fix_toc_entry(elements: list[Element]) -> list[Element]:
    return _unwrap_links(_remove_footnotes(elements))


def _remove_footnotes(elements: list[Element]) -> list[Element]:
    kept = []
    for c in elements:
        c.children = _remove_footnotes(c.children)
        if c.type != "footnote":
            kept.append(c)
    return kept


def _unwrap_links(elements: list[Element]) -> list[Element]:
    out = []
    for c in elements:
        c.children = _unwrap_links(c.children)
        if c.type == "a":
            out.extend(c.children)
        else:
            out.append(c)
    return out


def basic_generate_id(text: str) -> str:
    gen = re.sub(r"^[^a-zA-Z]+", "", text, flags=re.M)
    gen = re.sub(r"[^a-zA-Z0-9 -]", "", gen)
    return gen.replace(" ", "-").lower()


def extract_code_language(attr: dict, remove: bool = False):
    cls = attr.get("class")
    if not cls:
        return None
    m = re.search(r"\blanguage-([^ \t\n\r\f\v]+)", cls)
    if not m:
        return None
    if remove:
        new = re.sub(r"\blanguage-[^ \t\n\r\f\v]+", "", cls, count=1).strip(RUBY_WS0)
        if new:
            attr["class"] = new
        else:
            del attr["class"]
    return m.group(1)


def add_highlighter_class(attr: dict, lang, highlighter: str = "rouge") -> None:
    cls = (attr.get("class") or "") + f" highlighter-{highlighter}"
    cls = cls.lstrip(RUBY_WS)
    if lang:
        m = re.match(r"language-[^ \t\n\r\f\v]+", cls)
        if m:
            cls = cls[: m.start()] + f"language-{lang}" + cls[m.end():]
        else:
            cls = f"language-{lang} " + cls
    attr["class"] = cls
