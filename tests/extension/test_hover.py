"""Hover lookup: with `hoverLookup` on, a resting pointer on a Chinese character shows the
card of the word holding it, as the real service segments its paragraph; no selection, no
click. With it off, the page gets nothing and the service hears nothing."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.extension import expected
from tests.extension.browser import (
    CHARACTER_CENTRE,
    extension_page,
    rest_on,
    set_settings,
    stored,
)
from tests.extension.proxy import Recorded, recording_proxy
from tests.extension.sample import ERHUA_CHINESE, HOVER_CHINESE

CARD = "hanzi-lambda-root .hl-card"


def hover_page(
    context: BrowserContext, page_url: str, recorded: Recorded, **settings: object
) -> Page:
    set_settings(context, apiBaseUrl=recorded.url, **settings)
    tab = context.new_page()
    tab.goto(page_url.replace("index.html", "hover.html"))
    # The content script loads after the page; it says so by answering the popup's question.
    tab.wait_for_timeout(300)
    return tab


def card_for(page: Page, selector: str, index: int, word: str) -> Locator:
    """Rests on a character until the card shows `word` (the content script may still be
    loading when the pointer first arrives)."""
    card = page.locator(CARD)
    for _ in range(20):
        rest_on(page, selector, index)
        try:
            expect(card.locator(".hl-detail-word")).to_have_text(word, timeout=1_000)
            return card
        except AssertionError:
            page.mouse.move(1, 1)
    expect(card.locator(".hl-detail-word")).to_have_text(word)
    return card


def test_resting_pointer_shows_the_word_and_moves_to_the_next(
    context: BrowserContext, page_url: str, recorded: Recorded, api_url: str
) -> None:
    tokens = {t["text"]: t for t in expected.segment(api_url, HOVER_CHINESE)["tokens"]}
    assert "还" in tokens and "吃饭" in tokens, "the service's words for the sample"
    page = hover_page(context, page_url, recorded, hoverLookup=True)
    assert page.evaluate("() => window.getSelection().toString()") == ""

    card = card_for(page, "#hover", 1, "还")
    huan = tokens["还"]
    expect(card).to_be_visible()
    expect(card.locator(".hl-detail-pinyin")).to_have_text(huan["pinyin"])
    expect(card.locator(".hl-detail-pinyin span").first).to_have_class(
        f"tone{expected.tone(huan['pinyin'])}"
    )
    expect(card.locator(".hl-glosses")).to_have_text("; ".join(huan["glosses"]))
    expect(card.locator(".hl-detail-level")).to_have_text(f"HSK {huan['hsk_level']}")
    if huan["other_readings"]:
        expect(card.locator(".hl-other-readings")).to_contain_text(
            huan["other_readings"][0]["pinyin"]
        )
    expect(card.get_by_role("button", name="Save 还")).to_be_visible()
    expect(card.get_by_role("button", name="Listen to 还")).to_be_visible()
    # The word is marked on the page by an overlay, not by changing the page.
    expect(page.locator("hanzi-lambda-root .hl-mark")).to_have_count(1)
    assert page.locator("#hover").evaluate("(p) => p.innerHTML") == HOVER_CHINESE

    card = card_for(page, "#hover", 3, "吃饭")  # 吃 of 吃饭
    expect(card.get_by_role("button", name="Save 吃饭")).to_be_visible()
    rest_on(page, "#hover", 4)  # 饭: the same word, the card stays
    expect(card.locator(".hl-detail-word")).to_have_text("吃饭")
    # Two words of one paragraph: one request.
    assert recorded.paths() == ["/segment"]
    assert recorded.bodies("/segment")[0]["text"] == HOVER_CHINESE


def test_escape_leaving_chinese_and_scrolling_away_hide_the_card(
    context: BrowserContext, page_url: str, recorded: Recorded
) -> None:
    page = hover_page(context, page_url, recorded, hoverLookup=True)
    card = card_for(page, "#hover", 1, "还")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(page.locator("hanzi-lambda-root .hl-mark")).to_have_count(0)

    card = card_for(page, "#hover", 1, "还")
    x, y = page.evaluate(CHARACTER_CENTRE, ["#english", 3])
    page.mouse.move(x, y - 150, steps=3)  # page without Chinese, above the card
    expect(card).to_be_hidden()

    card = card_for(page, "#hover", 1, "还")
    page.evaluate("() => window.scrollBy(0, 20)")  # a little: the card stays
    page.wait_for_timeout(200)
    expect(card).to_be_visible()
    page.evaluate("() => window.scrollTo(0, 2000)")  # the word out of the window
    expect(card).to_be_hidden()


def test_keys_step_through_the_words_and_save(
    context: BrowserContext, page_url: str, recorded: Recorded, api_url: str
) -> None:
    words = [t["text"] for t in expected.chinese_tokens(expected.segment(api_url, HOVER_CHINESE))]
    page = hover_page(context, page_url, recorded, hoverLookup=True)
    card = card_for(page, "#hover", 0, words[0])
    for word in words[1:]:
        page.keyboard.press("n")
        expect(card.locator(".hl-detail-word")).to_have_text(word)
    page.keyboard.press("b")
    expect(card.locator(".hl-detail-word")).to_have_text(words[-2])
    page.keyboard.press("s")
    save = card.get_by_role("button", name=f"Save {words[-2]}")
    expect(save).to_have_attribute("aria-pressed", "true")
    # Saved with its sentence as context.
    popup = extension_page(context, "popup.html")
    saved = stored(popup, "wordList")
    popup.close()
    assert [(e["text"], e["sentence"]) for e in saved] == [(words[-2], HOVER_CHINESE)]
    # Keys typed into the page's own text field are the page's.
    page.bring_to_front()
    card = card_for(page, "#hover", 1, "还")
    page.locator("#notes").focus()
    page.keyboard.press("n")
    expect(card.locator(".hl-detail-word")).to_have_text("还")
    assert page.locator("#notes").input_value() == "n" + HOVER_CHINESE


def test_erhua_is_shown_joined(
    context: BrowserContext, page_url: str, recorded: Recorded, api_url: str
) -> None:
    tokens = {t["text"]: t for t in expected.segment(api_url, ERHUA_CHINESE)["tokens"]}
    assert tokens["一点儿"]["pinyin"] == "yī diǎn r"  # one syllable per character
    page = hover_page(context, page_url, recorded, hoverLookup=True)
    card = card_for(page, "#erhua", 4, "一点儿")
    expect(card.locator(".hl-detail-pinyin")).to_have_text("yīdiǎnr")


def test_with_the_setting_off_nothing_shows_and_nothing_is_sent(
    context: BrowserContext, page_url: str, recorded: Recorded
) -> None:
    page = hover_page(context, page_url, recorded)
    for _ in range(5):
        rest_on(page, "#hover", 1)
        page.wait_for_timeout(300)
    assert page.locator("hanzi-lambda-root").count() == 0  # the extension added nothing
    assert page.evaluate("() => document.adoptedStyleSheets.length") == 0
    assert recorded.paths() == []
    # Switched on live from the popup's setting, the same pointer gets its card.
    set_settings(context, hoverLookup=True)
    card_for(page, "#hover", 1, "还")


def test_a_failing_service_is_said_on_the_card_and_asked_once(
    context: BrowserContext, page_url: str, dead_api_url: str
) -> None:
    with recording_proxy(dead_api_url) as proxy:
        page = hover_page(context, page_url, proxy, hoverLookup=True)
        card = page.locator(CARD)
        for _ in range(20):
            rest_on(page, "#hover", 1)
            if card.is_visible():
                break
            page.wait_for_timeout(500)
        expect(card.locator('.hl-error[data-kind="unreachable"]')).to_contain_text(
            "Can't reach the API"
        )
        for index in (1, 2, 1):  # resting again on the paragraph asks nothing more
            rest_on(page, "#hover", index)
            page.wait_for_timeout(300)
        assert proxy.paths() == ["/segment"]
