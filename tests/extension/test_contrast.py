"""Dark scheme and contrast: the tooltip, popup, options and word list follow
prefers-color-scheme, and every visible text in them meets WCAG AA (4.5:1; 3:1 for large
text) against the background it is drawn on, computed from the rendered colours."""

from __future__ import annotations

from typing import Any, Literal

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.extension.browser import (
    TOOLTIP,
    extension_page,
    open_tooltip,
    pin_word,
    rest_on,
    set_settings,
)

Scheme = Literal["light", "dark"]

# For every visible element with its own text: its colour, the first opaque background
# behind it (walking up through shadow hosts), its size and weight. Returns the texts
# below AA and how many texts were measured.
MEASURE = """
(root) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const parentOf = (el) =>
    el.parentElement || (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
  const background = (el) => {
    for (let node = el; node; node = parentOf(node)) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
      if (c.length === 4 && c[3] > 0) throw new Error("translucent background: " + node.className);
    }
    return [255, 255, 255];
  };
  const failures = [];
  let measured = 0;
  const all = [root.host ?? root.documentElement, ...root.querySelectorAll("*")].filter(Boolean);
  for (const el of all) {
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!ownText || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || Number(style.opacity) === 0) continue;
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const value = ratio(parse(style.color).slice(0, 3), background(el));
    measured += 1;
    if (value < (large ? 3 : 4.5)) {
      const text = el.textContent.trim().slice(0, 30);
      failures.push({ text, cls: el.className, color: style.color, ratio: value.toFixed(2) });
    }
  }
  return { failures, measured };
}
"""


def measure(page: Page, root_js: str) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(f"() => ({MEASURE})({root_js})")
    return result


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tooltip_contrast_in_both_schemes(page: Page, scheme: Scheme) -> None:
    page.emulate_media(color_scheme=scheme)
    open_tooltip(page, "#zh")
    pin_word(page, "喜欢")  # the hovered/active background and the word panel's buttons
    tooltip = page.locator(TOOLTIP)
    background = tooltip.evaluate("(t) => getComputedStyle(t).backgroundColor")
    assert background == ("rgb(27, 31, 39)" if scheme == "dark" else "rgb(255, 255, 255)")
    result = measure(page, 'document.querySelector("hanzi-lambda-root").shadowRoot')
    assert result["measured"] > 20
    assert result["failures"] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_contrast_in_both_schemes(
    context: BrowserContext, api_url: str, scheme: Scheme
) -> None:
    set_settings(context, apiBaseUrl=api_url, wordList=[SAVED])
    for path, ready in [
        ("popup.html", 'body[data-ready="true"]'),
        ("options.html", 'form[data-ready="true"]'),
        ("wordlist.html", 'body[data-ready="true"]'),
        ("welcome.html", 'body[data-ready="true"]'),
    ]:
        tab = extension_page(context, path)
        tab.emulate_media(color_scheme=scheme)
        expect(tab.locator(ready)).to_be_attached()
        if path == "popup.html":
            tab.locator("#text").fill("我喜欢学习中文。")
            tab.locator("#lookup").click()
            expect(tab.locator(".hl-word").first).to_be_visible()
            tab.locator(".hl-word").first.focus()
        body = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
        dark = body in ("rgb(27, 31, 39)", "rgb(18, 21, 27)")
        assert dark == (scheme == "dark"), f"{path} in {scheme}: body {body}"
        result = measure(tab, "document")
        assert result["measured"] > 3, path
        assert result["failures"] == [], path
        tab.close()


# Reading mode's readings are generated content (::before of the rt's spans): each one's
# colour against the first opaque background behind its word, on the page itself.
MEASURE_READINGS = """
() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const spans = [...document.querySelectorAll("ruby[data-hanzi-lambda] rt > span")];
  const failures = [];
  const tones = new Set();
  for (const span of spans) {
    const style = getComputedStyle(span, "::before");
    if (!style.content || style.content === "none") continue;
    tones.add(span.className);
    const value = ratio(parse(style.color).slice(0, 3), background(span));
    if (value < 4.5) {
      failures.push({ text: span.dataset.r, color: style.color, ratio: value.toFixed(2) });
    }
  }
  return { failures, measured: spans.length, tones: tones.size };
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reading_mode_readings_contrast_on_light_and_dark_pages(
    context: BrowserContext, api_url: str, page_url: str, scheme: Scheme
) -> None:
    """The page's own background decides the palette: a dark page under a light system
    scheme still gets the light-on-dark readings, and the reverse."""
    set_settings(context, apiBaseUrl=api_url, annotateSites=["127.0.0.1"])
    for name in ("reading.html", "reading-dark.html"):
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(page_url.replace("index.html", name))
        page.locator("#p0 ruby[data-hanzi-lambda]").first.wait_for(state="attached")
        result: dict[str, Any] = page.evaluate(MEASURE_READINGS)
        assert result["measured"] > 40 and result["tones"] >= 4, name
        assert result["failures"] == [], name
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_hover_card_contrast_in_both_schemes(
    context: BrowserContext, api_url: str, page_url: str, scheme: Scheme
) -> None:
    set_settings(context, apiBaseUrl=api_url, hoverLookup=True)
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(page_url.replace("index.html", "hover.html"))
    card = page.locator("hanzi-lambda-root .hl-card")
    for _ in range(20):
        rest_on(page, "#hover", 1)
        if card.is_visible():
            break
        page.wait_for_timeout(500)
    expect(card.locator(".hl-detail-word")).to_have_text("还")
    result = measure(page, 'document.querySelector("hanzi-lambda-root").shadowRoot')
    assert result["measured"] > 6
    assert result["failures"] == []


SAVED = {
    "text": "喜欢",
    "pinyin": "xǐ huan",
    "glosses": ["to like"],
    "hsk_level": 1,
    "sentence": "我喜欢学习中文。",
    "translation": "I like studying Chinese.",
    "url": "http://127.0.0.1/",
    "title": "A page",
    "added": "2026-01-01T00:00:00.000Z",
}
