"""Reading: `myLevel` hides the pinyin of known words and counts the rest; a long paragraph's
tooltip fits the window and shows the hovered word's senses inside it; the font size."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import FloatRect, Locator, Page, expect

from tests.extension import expected
from tests.extension.browser import TOOLTIP, open_tooltip, set_settings
from tests.extension.sample import CHINESE, LEARNER_CHINESE, PARAGRAPH


def box(locator: Locator) -> FloatRect:
    found = locator.bounding_box()
    assert found is not None
    return found


def inside_window(page: Page, locator: Locator) -> bool:
    size = page.viewport_size
    assert size is not None
    b = box(locator)
    return (
        b["y"] >= 0
        and b["y"] + b["height"] <= size["height"]
        and b["x"] >= 0
        and (b["x"] + b["width"] <= size["width"])
    )


def test_my_level_hides_known_pinyin_and_counts_the_rest(page: Page, api_url: str) -> None:
    set_settings(page.context, myLevel=1)
    tokens = expected.chinese_tokens(expected.segment(api_url, LEARNER_CHINESE))
    known = [t for t in tokens if t["hsk_level"] is not None and t["hsk_level"] <= 1]
    new = [t for t in tokens if t not in known]
    assert known and new, "the sample needs words on both sides of level 1"

    open_tooltip(page, "#learner")
    for token in known:
        word = page.locator(f'{TOOLTIP} .hl-word[data-word="{token["text"]}"]').first
        expect(word.locator(".hl-pinyin")).to_have_css("visibility", "hidden")
    for token in new:
        word = page.locator(f'{TOOLTIP} .hl-word[data-word="{token["text"]}"]').first
        expect(word.locator(".hl-pinyin")).to_have_css("visibility", "visible")
    expect(page.locator(f"{TOOLTIP} .hl-summary")).to_contain_text(f"{len(new)} above your level 1")
    # A known word's senses still show on hover.
    first_known = known[0]
    page.locator(f'{TOOLTIP} .hl-word[data-word="{first_known["text"]}"]').first.hover()
    expect(page.locator(f"{TOOLTIP} .hl-glosses")).to_have_text("; ".join(first_known["glosses"]))


def test_long_paragraph_fits_and_shows_the_hovered_word_in_view(page: Page, api_url: str) -> None:
    tokens = [t for t in expected.chinese_tokens(expected.segment(api_url, PARAGRAPH))]
    glossed = [t for t in tokens if t["glosses"]]
    first, last = glossed[0], glossed[-1]
    open_tooltip(page, "#paragraph")
    tooltip = page.locator(TOOLTIP)
    expect(tooltip.locator(".hl-word")).to_have_count(len(tokens))
    assert inside_window(page, tooltip)
    scroll: dict[str, Any] = tooltip.evaluate(
        "(t) => ({ scrollHeight: t.scrollHeight, clientHeight: t.clientHeight })"
    )
    assert scroll["scrollHeight"] > scroll["clientHeight"], "the tooltip scrolls inside itself"

    for token in (first, last):
        tooltip.locator(f'.hl-word[data-index="{tokens_index(api_url, token)}"]').hover()
        glosses = tooltip.locator(".hl-glosses")
        expect(glosses).to_have_text("; ".join(token["glosses"]))
        assert inside_window(page, glosses)
        assert inside_window(page, tooltip)


def tokens_index(api_url: str, token: dict[str, Any]) -> int:
    """The token's index among all tokens (the words carry it as data-index)."""
    everything = expected.segment(api_url, PARAGRAPH)["tokens"]
    return next(i for i, t in enumerate(everything) if t["start"] == token["start"])


def test_font_size_setting_scales_the_tooltip(page: Page) -> None:
    set_settings(page.context, fontSize=150)
    open_tooltip(page, "#zh")
    expect(page.locator(f"{TOOLTIP} .hl-hanzi").first).to_have_css("font-size", "33px")


def test_tooltip_stays_in_the_window_while_the_word_panel_grows(page: Page, api_url: str) -> None:
    tokens = [t for t in expected.chinese_tokens(expected.segment(api_url, CHINESE))]
    # A window just tall enough for the tooltip below the selection as it first opens; the
    # word panel then grows with the senses of the word shown.
    open_tooltip(page, "#zh")
    tooltip = page.locator(TOOLTIP)
    first_height = tooltip.evaluate("(t) => t.scrollHeight")
    selection_bottom = page.evaluate(
        "() => document.querySelector('#zh').getBoundingClientRect().bottom"
    )
    page.keyboard.press("Escape")
    page.set_viewport_size({"width": 1000, "height": int(selection_bottom + first_height + 30)})
    open_tooltip(page, "#zh")
    for token in sorted(tokens, key=lambda t: -len("; ".join(t["glosses"])))[:3]:
        # The event a pointer sends, without Playwright scrolling the page to the word.
        word = tooltip.locator(f'.hl-word[data-word="{token["text"]}"]').first
        word.dispatch_event("mouseover")
        expect(tooltip.locator(".hl-detail-word")).to_have_text(token["text"])
        assert inside_window(page, tooltip)
        assert inside_window(page, tooltip.locator(".hl-glosses"))
