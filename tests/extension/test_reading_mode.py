"""Reading mode: on a site in `annotateSites` every Chinese word gets its reading above it
(<ruby>word<rt>reading</rt></ruby>) as the page is scrolled, in few /segment/batch requests;
text fields, code and preformatted text are left alone; words at or below `myLevel` show no
reading; text the page adds later is annotated too; switching it off puts the page's own
nodes back exactly, and meanwhile the page's text (copy, find) is what it was."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import BrowserContext, Page, expect

from tests.extension import expected
from tests.extension.browser import set_settings
from tests.extension.proxy import Recorded
from tests.extension.sample import HOVER_CHINESE, READING_PARAGRAPHS

RUBY = "ruby[data-hanzi-lambda]"

# Keeps every text node of the body, and the body's markup, in the page's own world.
REMEMBER_PAGE = """
() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  window.__before = { html: document.body.innerHTML, text: document.body.textContent, nodes };
}
"""

# True when the body holds exactly the remembered text nodes, in order, and the same markup.
SAME_AS_BEFORE = """
() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  const before = window.__before;
  return {
    html: document.body.innerHTML === before.html,
    nodes: nodes.length === before.nodes.length && nodes.every((n, i) => n === before.nodes[i]),
    sheets: document.adoptedStyleSheets.length,
  };
}
"""

# For each paragraph: whether it holds rubies, and the readings of its words.
READINGS = """
(selector) => [...document.querySelectorAll(selector)].map((p) => ({
  id: p.id,
  words: [...p.querySelectorAll("ruby[data-hanzi-lambda]")].map((r) => ({
    text: r.firstChild.data,
    reading: [...r.querySelectorAll("rt > span")].map((s) => s.dataset.r).join(""),
    tones: [...r.querySelectorAll("rt > span")].map((s) => s.className),
  })),
}))
"""


def reading_page(
    context: BrowserContext, page_url: str, recorded: Recorded, **settings: object
) -> Page:
    set_settings(context, apiBaseUrl=recorded.url, **settings)
    tab = context.new_page()
    tab.goto(page_url.replace("index.html", "reading.html"))
    tab.wait_for_timeout(300)
    return tab


def switch_on(context: BrowserContext) -> None:
    set_settings(context, annotateSites=["127.0.0.1"])


def readings(page: Page, selector: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(READINGS, selector)
    return found


def annotated_ids(page: Page) -> set[str]:
    return {p["id"] for p in readings(page, "p.para") if p["words"]}


def test_scrolling_annotates_forty_paragraphs_in_few_batches_and_restores_exactly(
    context: BrowserContext, page_url: str, recorded: Recorded
) -> None:
    page = reading_page(context, page_url, recorded)
    page.evaluate(REMEMBER_PAGE)
    switch_on(context)
    expect(page.locator(f"#p0 {RUBY}").first).to_be_attached()
    # Only what is near the window is annotated at first.
    assert "p39" not in annotated_ids(page)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    for _ in range(0, height, 500):
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(150)
    page.wait_for_function(
        "() => [...document.querySelectorAll('p.para')].every("
        "(p) => p.querySelector('ruby[data-hanzi-lambda]'))"
    )
    batches = recorded.bodies("/segment/batch")
    assert 1 <= len(batches) <= 12, len(batches)
    assert recorded.bodies("/segment") == []
    sent = [text for body in batches for text in body["texts"]]
    assert all(text in sent for text in READING_PARAGRAPHS)
    assert len(sent) == len(set(sent)), "no paragraph is sent twice"

    # Left alone: the text field, code, preformatted text, contenteditable.
    for selector in ("#code", "#pre", "#editable"):
        assert page.locator(f"{selector} {RUBY}").count() == 0, selector
    assert page.locator("#field").input_value() == HOVER_CHINESE
    expect(page.locator(f"#code-line > {RUBY}").first).to_be_attached()  # 代码 outside code

    # The page's text stays what it was: textContent, a copied selection, find-in-page.
    assert page.evaluate("() => document.body.textContent === window.__before.text")
    copied = page.evaluate(
        "() => { const s = getSelection(); s.selectAllChildren(document.querySelector('#p5'));"
        " const t = s.toString(); s.removeAllRanges(); return t; }"
    )
    assert copied == READING_PARAGRAPHS[5]
    assert page.evaluate("(t) => window.find(t)", READING_PARAGRAPHS[7][:12])

    set_settings(context, annotateSites=[])
    page.wait_for_function("() => !document.querySelector('ruby[data-hanzi-lambda]')")
    assert page.evaluate(SAME_AS_BEFORE) == {"html": True, "nodes": True, "sheets": 0}


def test_readings_are_the_services_words_in_context(
    context: BrowserContext, page_url: str, recorded: Recorded, api_url: str
) -> None:
    page = reading_page(context, page_url, recorded, annotateSites=["127.0.0.1"])
    expect(page.locator(f"#p1 {RUBY}").first).to_be_attached()
    [shown] = readings(page, "#p1")
    tokens = expected.chinese_tokens(expected.segment(api_url, READING_PARAGRAPHS[1]))
    assert [w["text"] for w in shown["words"]] == [t["text"] for t in tokens]
    assert [w["reading"] for w in shown["words"]] == [t["pinyin"].replace(" ", "") for t in tokens]
    for word, token in zip(shown["words"], tokens, strict=True):
        assert word["tones"] == [f"hl-t{expected.tone(s)}" for s in token["pinyin"].split()]
    # A word split by the page's markup keeps a reading over each part; erhua is joined.
    mixed = {w["text"]: w["reading"] for w in readings(page, "#mixed")[0]["words"]}
    assert mixed["一点儿"] == "yīdiǎnr"
    assert mixed["喜"] == "xǐ" and mixed["欢"] == "huan"


def test_words_at_or_below_my_level_show_no_reading(
    context: BrowserContext, page_url: str, recorded: Recorded, api_url: str
) -> None:
    page = reading_page(context, page_url, recorded, annotateSites=["127.0.0.1"], myLevel=2)
    expect(page.locator(f"#p2 {RUBY}").first).to_be_attached()
    tokens = expected.chinese_tokens(expected.segment(api_url, READING_PARAGRAPHS[2]))
    known = {t["text"] for t in tokens if t["hsk_level"] is not None and t["hsk_level"] <= 2}
    new = {t["text"] for t in tokens} - known
    assert known and new, "the paragraph needs words on both sides of level 2"
    for word in readings(page, "#p2")[0]["words"]:
        assert (word["reading"] == "") == (word["text"] in known), word


def test_a_paragraph_added_later_is_annotated_and_its_word_has_a_card(
    context: BrowserContext, page_url: str, recorded: Recorded
) -> None:
    page = reading_page(context, page_url, recorded, annotateSites=["127.0.0.1"])
    expect(page.locator(f"#p0 {RUBY}").first).to_be_attached()
    page.evaluate(
        "() => { const p = document.createElement('p'); p.id = 'later';"
        " p.textContent = '我还没吃饭。'; document.querySelector('#title').after(p); }"
    )
    expect(page.locator(f"#later {RUBY}").first).to_be_attached()
    page.locator(f"#later {RUBY}").nth(1).hover()
    card = page.locator("hanzi-lambda-root .hl-card")
    expect(card.locator(".hl-detail-word")).to_have_text("还")
    expect(card.get_by_role("button", name="Save 还")).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    page.locator(f"#later {RUBY}").nth(2).click()
    expect(card.locator(".hl-detail-word")).to_have_text("没")


def test_lines_grow_and_readings_do_not_overlap(
    context: BrowserContext, page_url: str, recorded: Recorded
) -> None:
    page = reading_page(context, page_url, recorded, annotateSites=["127.0.0.1"])
    expect(page.locator(f"#p3 {RUBY}").first).to_be_attached()
    page.wait_for_timeout(200)
    # Each line's readings sit below the previous line's characters.
    overlaps = page.evaluate(
        """() => {
          const rubies = [...document.querySelectorAll('#p3 ruby[data-hanzi-lambda]')];
          const lines = [];
          for (const r of rubies) {
            const base = document.createRange(); base.selectNodeContents(r.firstChild);
            const b = base.getBoundingClientRect();
            const t = r.querySelector('rt').getBoundingClientRect();
            lines.push({ baseTop: b.top, baseBottom: b.bottom, rtTop: t.top, rtBottom: t.bottom });
          }
          let bad = 0;
          for (const a of lines) for (const b of lines) {
            if (b.baseTop > a.baseBottom - 1 && b.rtTop < a.baseBottom - 1) bad++;
          }
          return { bad, lines: new Set(lines.map((l) => Math.round(l.baseTop))).size };
        }"""
    )
    assert overlaps["lines"] >= 2, "the paragraph should wrap for this check"
    assert overlaps["bad"] == 0


def test_zhuyin_readings_when_asked_for(
    context: BrowserContext, page_url: str, recorded: Recorded, api_url: str
) -> None:
    page = reading_page(context, page_url, recorded, annotateSites=["127.0.0.1"], zhuyin=True)
    expect(page.locator(f"#p4 {RUBY}").first).to_be_attached()
    body = {"text": READING_PARAGRAPHS[4], "hsk": "2025", "zhuyin": True}
    tokens = [
        t
        for t in httpx.post(f"{api_url}/segment", json=body, timeout=60).json()["tokens"]
        if t["is_chinese"]
    ]
    shown = readings(page, "#p4")[0]["words"]
    assert [w["reading"] for w in shown] == [t["zhuyin"].replace(" ", "") for t in tokens]
    assert all(body["zhuyin"] is True for body in recorded.bodies("/segment/batch"))
