"""The toolbar popup, opened as a tab: the same lookup and rendering as the tooltip."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

from tests.extension import expected
from tests.extension.browser import extension_page, set_settings
from tests.extension.sample import CHINESE


def test_popup_looks_up_typed_text(context: BrowserContext, api_url: str) -> None:
    set_settings(context, apiBaseUrl=api_url, hskStandard="2021")
    segmented = expected.segment(api_url, CHINESE, hsk="2021")
    translation = expected.translate(api_url, CHINESE, "zh", "en")

    popup = extension_page(context, "popup.html")
    expect(popup.locator("#api-line")).to_have_text(f"API: {api_url} · HSK 2021")
    popup.locator("#text").fill(CHINESE)
    popup.locator("#lookup").click()

    expect(popup.locator(".hl-translation")).to_have_text(translation)
    tokens = expected.chinese_tokens(segmented)
    words = popup.locator(".hl-word")
    expect(words).to_have_count(len(tokens))
    shown = expected.shown_words(words)
    assert [w["word"] for w in shown] == [t["text"] for t in tokens]
    assert [w["badge"] for w in shown] == [expected.badge(t["hsk_level"]) for t in tokens]
    expect(popup.locator(".hl-summary")).to_contain_text("HSK 2021")


def test_popup_keeps_the_draft(context: BrowserContext, api_url: str) -> None:
    set_settings(context, apiBaseUrl=api_url)
    popup = extension_page(context, "popup.html")
    popup.locator("#text").fill(CHINESE)
    popup.close()
    again = extension_page(context, "popup.html")
    expect(again.locator("#text")).to_have_value(CHINESE)


def test_popup_shows_errors_too(context: BrowserContext, dead_api_url: str) -> None:
    set_settings(context, apiBaseUrl=dead_api_url)
    popup = extension_page(context, "popup.html")
    popup.locator("#text").fill(CHINESE)
    popup.keyboard.press("Control+Enter")
    expect(popup.locator('.hl-error[data-kind="unreachable"]')).to_contain_text(dead_api_url)
