#!/usr/bin/env python3
"""Markdown conversion speed: jekyllpy's kramdown converter vs kramdown itself, same inputs.

    python bench/markdown.py            # the Markdown pages of ../shared/sites + a 5,000-word page

A second set is code-heavy: one page per language of the highlighting fixture
(tests/fixtures/highlight/_samples, three ``` fences each), so Rouge vs our Rouge ports weigh.

Both sides convert the same texts (front matter removed, Liquid left as is) with Jekyll's
kramdown defaults (`input: GFM`, Rouge highlighting), several rounds, timing only the
conversions: kramdown in one Ruby process (`Kramdown::Document.new(text, opts).to_html`),
ours in this process with a fresh converter per round (no memo). Prints pages/second and the
ratio, and writes a JSON record to bench/results/markdown-latest.json.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT.parent / "shared" / "sites"
sys.path.insert(0, str(ROOT / "src"))

RUBY = r"""
require "kramdown"; require "kramdown-parser-gfm"; require "json"; require "rouge"
texts = JSON.parse(File.read(ARGV[0])); rounds = ARGV[1].to_i
opts = { input: "GFM", syntax_highlighter: "rouge", auto_ids: true, hard_wrap: false,
         footnote_nr: 1, entity_output: :as_char, toc_levels: (1..6).to_a, smart_quotes: "lsquo,rsquo,ldquo,rdquo",
         syntax_highlighter_opts: { default_lang: "plaintext", guess_lang: true } }
best = nil; big = nil
rounds.times do
  t = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  texts.each { |s| Kramdown::Document.new(s, opts).to_html }
  d = Process.clock_gettime(Process::CLOCK_MONOTONIC) - t
  best = d if best.nil? || d < best
  t = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  Kramdown::Document.new(texts.last, opts).to_html
  d = Process.clock_gettime(Process::CLOCK_MONOTONIC) - t
  big = d if big.nil? || d < big
end
puts JSON.generate({ "all" => best, "big" => big })
"""


def five_thousand_words(seed: int = 1) -> str:
    """A long academic page: paragraphs with emphasis, links, code spans, lists and a table."""
    rnd = random.Random(seed)
    words = ("graph model data network learning bound proof result method analysis kernel sample "
             "theorem estimate latency cache vertex edge weight loss gradient").split()
    parts, count = [], 0
    while count < 5000:
        kind = rnd.random()
        if kind < 0.1:
            parts.append("## " + " ".join(rnd.choice(words).title() for _ in range(4)))
        elif kind < 0.2:
            parts.append("\n".join(f"- {' '.join(rnd.choices(words, k=8))}" for _ in range(4)))
        elif kind < 0.25:
            parts.append("| a | b | c |\n|---|---|---|\n" + "\n".join(
                f"| {rnd.choice(words)} | {rnd.randint(1, 99)} | *{rnd.choice(words)}* |" for _ in range(5)))
        else:
            sentence = []
            for i in range(60):
                w = rnd.choice(words)
                sentence.append(f"*{w}*" if i % 13 == 5 else f"`{w}`" if i % 17 == 3 else
                                f"[{w}](https://example.org/{w})" if i % 19 == 7 else w)
            parts.append(" ".join(sentence) + ". \"Quoted\" -- done...")
        count += sum(len(p.split()) for p in parts[-1:])
    return "\n\n".join(parts) + "\n"


def pages() -> list[str]:
    from jekyllpy import frontmatter

    texts = []
    for path in sorted(SITES.glob("*/**/*.md")):
        if "_site" in path.parts:
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        _, content, _ = frontmatter.split(raw)
        texts.append(content)
    return texts


def code_pages() -> list[str]:
    """One page per fixture language: its samples as ``` fences between short paragraphs."""
    samples = ROOT / "tests" / "fixtures" / "highlight" / "_samples"
    return ["\n".join(f"Sample {p.stem}:\n\n```{lang.name}\n{p.read_text()}```\n" for p in sorted(lang.glob("*.txt")))
            for lang in sorted(samples.iterdir()) if lang.is_dir()]


def measure(texts: list[str], rounds: int) -> dict | None:
    """Best-of-`rounds` seconds for all texts and for the last one, kramdown and ours."""
    from jekyllpy.markdown import MarkdownConverter

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(texts, fh)
    proc = subprocess.run(["ruby", "-e", RUBY, fh.name, str(rounds)], capture_output=True, text=True)
    Path(fh.name).unlink()
    if proc.returncode != 0:
        print(f"bench/markdown.py: kramdown is needed (../shared/tools/install-jekyll)\n{proc.stderr[-500:]}",
              file=sys.stderr)
        return None
    ruby = json.loads(proc.stdout)
    config = {"kramdown": {"input": "GFM"}}
    best = big = float("inf")
    for _ in range(rounds):
        converter = MarkdownConverter(config)
        start = time.perf_counter()
        for text in texts:
            converter.convert(text)
        best = min(best, time.perf_counter() - start)
        converter = MarkdownConverter(config)
        start = time.perf_counter()
        converter.convert(texts[-1])
        big = min(big, time.perf_counter() - start)
    return {"ruby_all": ruby["all"], "ruby_big": ruby["big"], "all": best, "big": big}


def main() -> int:
    texts = pages() + [five_thousand_words()]
    rounds = 5
    m = measure(texts, rounds)
    code = code_pages()
    c = measure(code, rounds) if m else None
    if m is None or c is None:
        return 2
    n = len(texts)
    record = {"pages": n, "kramdown_pages_per_s": n / m["ruby_all"], "jekyllpy_pages_per_s": n / m["all"],
              "ratio": m["ruby_all"] / m["all"], "kramdown_5000_words_ms": 1000 * m["ruby_big"],
              "jekyllpy_5000_words_ms": 1000 * m["big"],
              "code_pages": len(code), "code_kramdown_pages_per_s": len(code) / c["ruby_all"],
              "code_jekyllpy_pages_per_s": len(code) / c["all"], "code_ratio": c["ruby_all"] / c["all"],
              "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    print(f"{n} pages: kramdown {record['kramdown_pages_per_s']:.0f} pages/s, jekyllpy "
          f"{record['jekyllpy_pages_per_s']:.0f} pages/s, ratio {record['ratio']:.2f}x")
    print(f"5,000-word page: kramdown {record['kramdown_5000_words_ms']:.1f} ms, "
          f"jekyllpy {record['jekyllpy_5000_words_ms']:.1f} ms")
    print(f"{len(code)} code-heavy pages (highlighting fixture): kramdown+Rouge "
          f"{record['code_kramdown_pages_per_s']:.0f} pages/s, jekyllpy {record['code_jekyllpy_pages_per_s']:.0f} "
          f"pages/s, ratio {record['code_ratio']:.2f}x")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    for name in ("markdown-latest.json", f"markdown-{record['time'][:10]}.json"):
        (results / name).write_text(json.dumps(record, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
