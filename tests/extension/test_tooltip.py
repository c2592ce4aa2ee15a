"""Select text on a page, click the floating button, read the tooltip: everything comes
from the real service, and nothing of the page's styles reaches the shadow root."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.extension import expected
from tests.extension.browser import select_and_open_trigger, set_settings
from tests.extension.sample import CHINESE, ENGLISH

TOOLTIP = "hanzi-lambda-root .hl-tooltip"


def open_tooltip(page: Page, selector: str) -> None:
    select_and_open_trigger(page, selector)
    page.locator("hanzi-lambda-root .hl-trigger").click()
    expect(page.locator(TOOLTIP)).to_be_visible()


def test_chinese_selection_shows_words_pinyin_levels_and_translation(
    page: Page, api_url: str
) -> None:
    segmented = expected.segment(api_url, CHINESE)
    translation = expected.translate(api_url, CHINESE, "zh", "en")

    open_tooltip(page, "#zh")

    tooltip = page.locator(TOOLTIP)
    expect(tooltip.locator(".hl-translation")).to_have_text(translation)
    expect(tooltip.locator(".hl-label").first).to_have_text("Chinese → English")
    words = tooltip.locator(".hl-word")
    tokens = expected.chinese_tokens(segmented)
    expect(words).to_have_count(len(tokens))
    shown = expected.shown_words(words)
    assert [w["word"] for w in shown] == [t["text"] for t in tokens]
    assert [w["syllables"] for w in shown] == [t["pinyin"].split() for t in tokens]
    assert [w["badge"] for w in shown] == [expected.badge(t["hsk_level"]) for t in tokens]
    assert any(w["badge"] is not None for w in shown)
    for word, token in zip(shown, tokens, strict=True):
        tones = [f"tone{expected.tone(s)}" for s in token["pinyin"].split()]
        assert word["syllable_classes"] == tones
        if len(token["text"]) == len(tones):
            assert word["char_classes"] == tones
    summary = segmented["summary"]
    expect(tooltip.locator(".hl-summary")).to_contain_text(f"{summary['words']} words")
    expect(tooltip.locator(".hl-summary")).to_contain_text("HSK 2025")


def test_tone_colours_and_page_styles_stay_out(page: Page, api_url: str) -> None:
    open_tooltip(page, "#zh")
    colours = {
        tone: page.locator(f"{TOOLTIP} .hl-pinyin .tone{tone}").first for tone in range(1, 6)
    }
    # Red, orange, green, blue, grey: the Zhongwen/Pleco hues, darkened to pass WCAG AA.
    expect(colours[1]).to_have_css("color", "rgb(198, 40, 40)")
    expect(colours[2]).to_have_css("color", "rgb(154, 77, 0)")
    expect(colours[3]).to_have_css("color", "rgb(43, 122, 54)")
    expect(colours[4]).to_have_css("color", "rgb(26, 95, 180)")
    expect(colours[5]).to_have_css("color", "rgb(91, 97, 110)")
    # The page sets every span to 40px green with !important; the tooltip is untouched.
    expect(page.locator(f"{TOOLTIP} .hl-hanzi").first).to_have_css("font-size", "22px")


def test_glosses_show_on_hover_and_on_keyboard_focus(page: Page, api_url: str) -> None:
    tokens = [
        t for t in expected.chinese_tokens(expected.segment(api_url, CHINESE)) if t["glosses"]
    ]
    first, second = tokens[0], tokens[1]
    open_tooltip(page, "#zh")
    detail = page.locator(f"{TOOLTIP} .hl-detail")

    page.locator(f'{TOOLTIP} .hl-word[data-word="{first["text"]}"]').first.hover()
    expect(detail.locator(".hl-glosses")).to_have_text("; ".join(first["glosses"]))

    word = page.locator(f'{TOOLTIP} .hl-word[data-word="{second["text"]}"]').first
    word.focus()
    expect(word).to_be_focused()
    expect(detail.locator(".hl-glosses")).to_have_text("; ".join(second["glosses"]))


def test_tab_reaches_the_words(page: Page, api_url: str) -> None:
    tokens = expected.chinese_tokens(expected.segment(api_url, CHINESE))
    open_tooltip(page, "#zh")
    expect(page.locator(f"{TOOLTIP} .hl-word").first).to_be_visible()
    page.keyboard.press("Tab")  # the close button
    page.keyboard.press("Tab")  # Listen to the sentence
    expect(page.get_by_role("button", name="Listen to the sentence")).to_be_focused()
    page.keyboard.press("Tab")  # the first word
    expect(page.locator(f"{TOOLTIP} .hl-word").first).to_be_focused()
    expect(page.locator(f"{TOOLTIP} .hl-detail-word")).to_have_text(tokens[0]["text"])


def test_escape_closes_the_tooltip(page: Page) -> None:
    open_tooltip(page, "#zh")
    expect(page.locator(f"{TOOLTIP} .hl-word").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(TOOLTIP)).to_be_hidden()


def test_a_click_outside_closes_the_tooltip(page: Page) -> None:
    open_tooltip(page, "#zh")
    expect(page.locator(f"{TOOLTIP} .hl-word").first).to_be_visible()
    page.locator(f"{TOOLTIP} .hl-word").first.click()  # a click inside keeps it open
    expect(page.locator(TOOLTIP)).to_be_visible()
    page.locator("h1").click()
    expect(page.locator(TOOLTIP)).to_be_hidden()


def test_english_gets_no_button_by_default(page: Page) -> None:
    select_and_open_trigger(page, "#zh")
    trigger = page.locator("hanzi-lambda-root .hl-trigger")
    expect(trigger).to_be_visible()
    page.evaluate(
        """() => {
          const target = document.querySelector("#en");
          window.getSelection().selectAllChildren(target);
          target.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        }"""
    )
    expect(trigger).to_be_hidden()


def test_english_selection_gets_its_chinese_translation_segmented(page: Page, api_url: str) -> None:
    set_settings(page.context, showOnEverySelection=True)
    chinese = expected.translate(api_url, ENGLISH, "en", "zh")
    tokens = expected.chinese_tokens(expected.segment(api_url, chinese))
    assert tokens, "the test sentence's translation should contain Chinese words"

    open_tooltip(page, "#en")

    result = page.locator(f"{TOOLTIP} .hl-result")
    expect(result).to_have_attribute("data-direction", "en-zh")
    expect(result.locator(".hl-original")).to_have_text(ENGLISH)
    # The service decided the direction (the extension sent source "auto") and it is shown.
    expect(result.locator(".hl-label").first).to_have_text("English → Chinese")
    words = result.locator(".hl-word")
    expect(words).to_have_count(len(tokens))
    shown = expected.shown_words(words)
    assert [w["word"] for w in shown] == [t["text"] for t in tokens]
    assert [w["syllables"] for w in shown] == [t["pinyin"].split() for t in tokens]
