"""Issue 20's extension side: the option "Show tone changes (一, 不)" (`toneChanges`) sends
`sandhi: true` to /segment and /segment/batch and the readings shown are the spoken ones;
erhua is shown joined as learners read it (yīdiǎnr) wherever a word's pinyin is shown."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.extension import expected
from tests.extension.browser import (
    TOOLTIP,
    TRIGGER,
    extension_page,
    pin_word,
    rest_on,
    select_and_open_trigger,
    set_settings,
    stored,
)
from tests.extension.proxy import Recorded
from tests.extension.sample import ERHUA_CHINESE, TONES_CHINESE

CAPTURE_SEGMENT_BODIES = """
async ([settings]) => {
  const bodies = [];
  const realFetch = window.fetch;
  window.fetch = (url, init) => {
    bodies.push({ path: new URL(String(url)).pathname, body: JSON.parse(init.body) });
    return realFetch(url, init);
  };
  const api = await import("./lib/api.js");
  await api.segment(settings, "一个").catch(() => null);
  await api.segmentBatch(settings, ["一个", "不是"]).catch(() => null);
  window.fetch = realFetch;
  return bodies;
}
"""


def open_page(
    context: BrowserContext, page_url: str, recorded: Recorded, **settings: object
) -> Page:
    set_settings(context, apiBaseUrl=recorded.url, **settings)
    tab = context.new_page()
    tab.goto(page_url.replace("index.html", "hover.html"))
    tab.wait_for_timeout(300)
    return tab


def test_the_option_is_off_by_default_and_saved(context: BrowserContext) -> None:
    options = extension_page(context, "options.html")
    expect(options.locator('form[data-ready="true"]')).to_be_attached()
    option = options.get_by_label("Show tone changes (一, 不)")
    expect(option).not_to_be_checked()
    option.check()
    options.locator("#save").click()
    expect(options.locator("#status")).to_have_text("Saved.")
    assert stored(options, "toneChanges") is True


def test_the_api_client_sends_sandhi_only_when_asked(context: BrowserContext, api_url: str) -> None:
    popup = extension_page(context, "popup.html")
    base = {"apiBaseUrl": api_url, "apiKey": "", "hskStandard": "2025"}
    plain: list[dict[str, Any]] = popup.evaluate(CAPTURE_SEGMENT_BODIES, [base])
    assert [b["path"] for b in plain] == ["/segment", "/segment/batch"]
    assert all("sandhi" not in b["body"] for b in plain)
    spoken: list[dict[str, Any]] = popup.evaluate(
        CAPTURE_SEGMENT_BODIES, [{**base, "toneChanges": True}]
    )
    assert spoken[0]["body"] == {"text": "一个", "hsk": "2025", "pos": False, "sandhi": True}
    assert spoken[1]["body"] == {
        "texts": ["一个", "不是"],
        "hsk": "2025",
        "pos": False,
        "sandhi": True,
    }


def token_at(tokens: list[dict[str, Any]], index: int) -> dict[str, Any]:
    """The token holding the character at `index`."""
    return next(t for t in tokens if t["start"] <= index < t["end"])


def test_hover_and_reading_mode_show_the_spoken_tones(
    context: BrowserContext, page_url: str, recorded: Recorded, api_url: str
) -> None:
    spoken = expected.segment(api_url, TONES_CHINESE, sandhi=True)["tokens"]
    citation = expected.segment(api_url, TONES_CHINESE)["tokens"]
    bu, yi = TONES_CHINESE.index("不"), TONES_CHINESE.index("一")
    assert token_at(spoken, bu)["pinyin"] != token_at(citation, bu)["pinyin"], "不 changes here"
    page = open_page(context, page_url, recorded, toneChanges=True, hoverLookup=True)
    card = page.locator("hanzi-lambda-root .hl-card")
    for _ in range(20):
        rest_on(page, "#tones", bu)
        if card.is_visible():
            break
        page.wait_for_timeout(500)
    expect(card.locator(".hl-detail-word")).to_have_text(token_at(spoken, bu)["text"])
    expect(card.locator(".hl-detail-pinyin")).to_have_text(token_at(spoken, bu)["pinyin"])
    assert recorded.bodies("/segment")[0]["sandhi"] is True

    set_settings(context, annotateSites=["127.0.0.1"])
    rubies = page.locator("#tones ruby[data-hanzi-lambda]")
    expect(rubies.first).to_be_attached()
    readings = rubies.evaluate_all(
        "(rs) => Object.fromEntries(rs.map((r) => [r.firstChild.data,"
        " [...r.querySelectorAll('rt > span')].map((s) => s.dataset.r).join('')]))"
    )
    for index in (bu, yi):
        token = token_at(spoken, index)
        assert readings[token["text"]] == token["pinyin"].replace(" ", "")
    assert all(body["sandhi"] is True for body in recorded.bodies("/segment/batch"))


def test_erhua_is_joined_in_the_tooltip_its_panel_and_the_word_list(
    context: BrowserContext, page_url: str, recorded: Recorded, api_url: str
) -> None:
    token = next(t for t in expected.segment(api_url, ERHUA_CHINESE)["tokens"] if "儿" in t["text"])
    assert token["pinyin"].endswith(" r"), "the service keeps one syllable per character"
    page = open_page(context, page_url, recorded)
    select_and_open_trigger(page, "#erhua")
    page.locator(TRIGGER).click()
    word = page.locator(f'{TOOLTIP} .hl-word[data-word="{token["text"]}"]')
    expect(word.locator(".hl-pinyin")).to_have_text("yīdiǎnr")
    # The characters keep their syllables' tones (儿 neutral).
    classes = word.locator(".hl-hanzi > span").evaluate_all("(s) => s.map((e) => e.className)")
    assert classes == [f"tone{expected.tone(s)}" for s in token["pinyin"].split()]
    detail = pin_word(page, token["text"])
    expect(detail.locator(".hl-detail-pinyin")).to_have_text("yīdiǎnr")
    save = detail.get_by_role("button", name=f"Save {token['text']}")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")
    popup = extension_page(context, "popup.html")
    [entry] = stored(popup, "wordList")
    assert entry["pinyin"] == "yīdiǎnr"
