"""kramdown's grammar as Python regular expressions (kramdown 2.4 + kramdown-parser-gfm 1.1).

Written from kramdown's documented syntax and its parser's observable behaviour. Translation
rules from Ruby (Onigmo) to Python `re`:
- Ruby's `\\s`, `\\w`, `\\d` are ASCII; spelled out here as explicit classes (`S`, `W`, `[0-9]`),
  while `[[:alpha:]]`/`\\p{Word}` are Unicode (Python's `\\w` without re.ASCII).
- Ruby's `^`/`$` are always line anchors (re.M everywhere); Ruby's `/m` is Python's re.S;
  Ruby's `\\Z` (end, or before a final newline) is `(?=\\n?\\Z)`.
"""
from __future__ import annotations

import re

M = re.M
MS = re.M | re.S

S = r"[ \t\n\r\f\v]"          # Ruby \s
NS = r"[^ \t\n\r\f\v]"        # Ruby \S
W = r"[A-Za-z0-9_]"           # Ruby \w
NW = r"[^A-Za-z0-9_]"
RZ = r"(?=\n?\Z)"             # Ruby \Z

UNAME = r"(?:[^\W\d][\w.\-]*:)?[^\W\d][\w.\-]*"   # REXML's UNAME_STR

HTML_SPAN_ELEMENTS = set("""a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label
    mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var""".split())
HTML_BLOCK_ELEMENTS = set("""address article aside applet body blockquote caption col colgroup dd div dl dt
    fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main
    map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul""".split())
HTML_ELEMENTS_WITHOUT_BODY = set("""area base br col command embed hr img input keygen link meta param
    source track wbr""".split())
_CM_BLOCK = """address applet article aside blockquote body dd details div dl fieldset figure figcaption
    footer form header hgroup iframe li main map menu nav noscript object section summary td""".split()
_CM_SPAN = """a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label
    legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt""".split()
_CM_RAW = "script style math option textarea pre code kbd samp var".split()
HTML_CONTENT_MODEL = {**{n: "block" for n in _CM_BLOCK}, **{n: "span" for n in _CM_SPAN},
                      **{n: "raw" for n in _CM_RAW}}
HTML_ELEMENT = HTML_SPAN_ELEMENTS | HTML_BLOCK_ELEMENTS | HTML_ELEMENTS_WITHOUT_BODY | set(HTML_CONTENT_MODEL)


def content_model(name: str) -> str:
    return HTML_CONTENT_MODEL.get(name, "raw")


_LAZY_SPAN = "|".join(sorted(HTML_SPAN_ELEMENTS | {"script"}, key=len, reverse=True))
LAZY_END_HTML_START = rf"<(?>(?!(?:{_LAZY_SPAN})\b){UNAME})"
LAZY_END_HTML_STOP = rf"</(?!(?:{_LAZY_SPAN})\b){UNAME}{S}*>"

OPT_SPACE = " {0,3}"
INDENT = r"^(?:\t| {4})"
BLANK_LINE = rf"(?>^{S}*\n)+"
EOB_MARKER = rf"^\^{S}*?\n"
ALD_ANY_CHARS = r"(?:\\\}|[^}])"
ALD_ID_NAME = rf"{W}[A-Za-z0-9_-]*"
IAL_BLOCK = rf"\{{:(?!:|/)({ALD_ANY_CHARS}+)\}}{S}*?\n"
IAL_BLOCK_START = rf"^{OPT_SPACE}{IAL_BLOCK}"
LAZY_END = (rf"{BLANK_LINE}|{IAL_BLOCK_START}|{EOB_MARKER}|^{OPT_SPACE}{LAZY_END_HTML_STOP}"
            rf"|^{OPT_SPACE}{LAZY_END_HTML_START}|{RZ}")

PATTERN_TAIL = r"[\t| ].*?\n"
LIST_START_UL = rf"^({OPT_SPACE}[+*-])({PATTERN_TAIL})"
LIST_START_OL = rf"^({OPT_SPACE}[0-9]+\.)({PATTERN_TAIL})"
LIST_START = f"{LIST_START_UL}|{LIST_START_OL}"
DEFINITION_LIST_START = rf"^({OPT_SPACE}:)({PATTERN_TAIL})"
PARAGRAPH_START = rf"^{OPT_SPACE}[^ \t].*?\n"
PARAGRAPH_MATCH = r"^.*?\n"
PARAGRAPH_END = f"{LAZY_END}|{DEFINITION_LIST_START}"
BLOCKQUOTE_START = rf"^{OPT_SPACE}> ?"

ATX_HEADER_START = r"^(?P<level>#{1,6})[\t ]*(?P<contents>[^ \t].*)\n"
ATX_HEADER_START_GFM = r"^(?P<level>#{1,6})[\t ]+(?P<contents>.*)\n"
SETEXT_HEADER_START = rf"^{OPT_SPACE}(?P<contents>[^ \t].*)\n(?P<level>[-=])[-=]*[ \t\r\f\v]*\n"
_NAME_START = r":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D" \
              r"\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
HEADER_ID = rf"[\t ]\{{#(?P<id>[{_NAME_START}][{_NAME_START}\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*)\}}\Z"

FENCED_CODEBLOCK_START = r"^~{3,}"
FENCED_CODEBLOCK_MATCH = rf"^((~){{3,}}){S}*?(({NS}+?)(?:\?{NS}*)?)?{S}*?\n(.*?)^\1\2*{S}*?\n"
FENCED_CODEBLOCK_START_GFM = r"^[ ]{0,3}[~`]{3,}"
FENCED_CODEBLOCK_MATCH_GFM = (rf"^[ ]{{0,3}}(([~`]){{3,}}){S}*?(({NS}+?)(?:\?{NS}*)?)?{S}*?\n(.*?)"
                              rf"^[ ]{{0,3}}\1\2*{S}*?\n")

CODEBLOCK_MATCH = (rf"(?:(?:{BLANK_LINE})?(?:{INDENT}[ \t]*{NS}.*\n)+(?:(?!{IAL_BLOCK_START}|{EOB_MARKER}"
                   rf"|^{OPT_SPACE}{LAZY_END_HTML_STOP}|^{OPT_SPACE}{LAZY_END_HTML_START})^[ \t]*{NS}.*\n)*)*")

HR_START = rf"^{OPT_SPACE}(\*|-|_)[ \t]*\1[ \t]*\1(?:\1|[ \t])*\n"

HTML_COMMENT_RE = r"<!--(.*?)-->"
HTML_INSTRUCTION_RE = r"<\?(.*?)\?>"
HTML_TAG_RE = (rf"<((?>{UNAME})){S}*((?>(?:{S}+{UNAME}(?:{S}*={S}*(?:\w+|(\"|').*?\3))?)*)){S}*(/)?>")
HTML_TAG_CLOSE_RE = rf"</({UNAME}){S}*>"
HTML_ATTRIBUTE_RE = rf"{S}*({UNAME})(?:{S}*={S}*(?:(\w+)|(\"|')(.*?)\3))?"
HTML_ENTITY_RE = r"&([A-Za-z0-9_:][\-A-Za-z0-9_.:]*);|&#([0-9]+);|&#x([0-9a-fA-F]+);"
HTML_BLOCK_START = rf"^{OPT_SPACE}<({UNAME}|!--|/)"
HTML_RAW_START = rf"(?=<({UNAME}|/|!--|\?))"
HTML_SPAN_START = rf"<({UNAME}|!--|/)"
HTML_CDATA_RE = r"<!\[CDATA\[(.*?)\]\]>"
TRAILING_WHITESPACE = r"[ \t]*\n"

TABLE_SEP_LINE = r"^([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n"
TABLE_HSEP_ALIGN = r"[ \t]?(:?)-+(:?)[ \t]?"
TABLE_FSEP_LINE = r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*\n"
TABLE_ROW_LINE = r"^(.*?)[ \t]*\n"
TABLE_PIPE_CHECK = r"(?:\||.*?[^\\\n]\|)"
TABLE_LINE = rf"{TABLE_PIPE_CHECK}.*?\n"
TABLE_START = rf"^{OPT_SPACE}(?={NS}){TABLE_LINE}"

BLOCK_MATH_START = rf"^{OPT_SPACE}(\\)?\$\$(.*?)\$\$({S}*?\n)?"
FOOTNOTE_DEFINITION_START = rf"^{OPT_SPACE}\[\^({ALD_ID_NAME})\]:{S}*?(.*?\n{CODEBLOCK_MATCH})"
LINK_DEFINITION_START = (rf"^{OPT_SPACE}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?{NS}[^\n]*?))"
                         rf"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n")
ABBREV_DEFINITION_START = rf"^{OPT_SPACE}\*\[(.+?)\]:(.*?)\n"

ALD_START = rf"^{OPT_SPACE}\{{:({ALD_ID_NAME}):({ALD_ANY_CHARS}+)\}}{S}*?\n"
EXT_STOP_STR = r"\{:/(%s)?\}"
EXT_START_STR = rf"\{{::({W}+)(?:{S}({ALD_ANY_CHARS}*?)|)(/)?\}}"
EXT_BLOCK_START = rf"^{OPT_SPACE}(?:{EXT_START_STR}|{EXT_STOP_STR % ALD_ID_NAME}){S}*?\n"
# Ruby's "\s" in a double-quoted string is a plain space, hence " *?" here.
EXT_BLOCK_STOP_STR = "^" + OPT_SPACE + EXT_STOP_STR + " *?\n"
BLOCK_EXTENSIONS_START = rf"^{OPT_SPACE}\{{:"
EXT_SPAN_START = f"{EXT_START_STR}|{EXT_STOP_STR % ALD_ID_NAME}"
IAL_SPAN_START = rf"\{{:({ALD_ANY_CHARS}+)\}}"
SPAN_EXTENSIONS_START = r"\{:"
LIST_ITEM_IAL = rf"^{S}*(?:\{{:(?!(?:{ALD_ID_NAME})?:|/)({ALD_ANY_CHARS}+)\}}){S}*"
LIST_ITEM_IAL_CHECK = rf"^(?:{LIST_ITEM_IAL})?{S}*\n"

ALD_TYPE_ANY = (rf"(?:\A|{S})(?:({ALD_ID_NAME})=(\"|')((?:\\\}}|\\\2|[^}}\x02])*?)\2|({ALD_ID_NAME})"
                rf"|((?:#[A-Za-z][A-Za-z0-9_:-]*|\.[^ \t\n\r\f\v.#]+)+))(?={S}|\Z)")
ALD_TYPE_ID_OR_CLASS = r"#([A-Za-z][A-Za-z0-9_:-]*)|\.([^ \t\n\r\f\v.#]+)"

# span level
EMPHASIS_START = r"(?:\*\*?|__?)"
CODESPAN_DELIMITER = r"`+"
AUTOLINK_START = r"<((mailto|https?|ftps?):.+?|[\w\-.]+?@[\w\-.]+?)>"
FOOTNOTE_MARKER_START = rf"\[\^({ALD_ID_NAME})\]"
LINK_START = r"!?\[(?=[^^])"
SMART_QUOTES_RE = r"[^\\]?[\"']"
INLINE_MATH_START = r"\$\$(.*?)\$\$"
TYPOGRAPHIC_SYMS_RE = r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>"
LINE_BREAK = r"(  |\\\\)(?=\n)"
ESCAPED_CHARS = r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=-])"
ESCAPED_CHARS_GFM = r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-~])"
STRIKETHROUGH_MATCH = rf"~~(?!{S}|~).*?[^ \t\n\r\f\v~]~~"

LINK_BRACKET_STOP_RE = r"(\])|!?\["
LINK_PAREN_STOP_RE = rf"(\()|(\))|{S}(?=['\"])"
LINK_INLINE_ID_RE = rf"{S}*?\[([^\]]+)?\]"
LINK_INLINE_TITLE_RE = rf"{S}*?([\"'])(.+?)\1{S}*?\)"

SQ_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
WB = r"\b"      # Ruby's \b is Unicode-aware even though its \w is ASCII
NWB = r"\B"
SQ_RULES = [
    (rf"(\"|')(?=[_*]{{1,2}}{NS})", ["lquote1"]),
    (rf"(\"|')(?={SQ_PUNCT}(?!\.\.){NWB})", ["rquote1"]),
    (rf"({S}?)\"'(?={W})", [1, "ldquo", "lsquo"]),
    (rf"({S}?)'\"(?={W})", [1, "lsquo", "ldquo"]),
    (rf"({S}?)'(?=[0-9][0-9]s)", [1, "rsquo"]),
    (rf"({S})('|\")(?={W})", [1, "lquote2"]),
    (rf"({SQ_CLOSE})('|\")", [1, "rquote2"]),
    (rf"(\"|')(?={S}|s{WB}|$)", ["rquote1"]),
    (r"(.?)'", [1, "lsquo"]),
    (r'(.?)"', [1, "ldquo"]),
]


def union(*patterns: str) -> str:
    """Regexp.union: alternatives, with named groups made plain (names may repeat)."""
    return "|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(', p)})" for p in patterns)

