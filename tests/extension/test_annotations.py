"""What the word panel shows of the service's newer token fields (other readings, measure
words, parts, the other script's form, zhuyin) and what the extension sends for them.

The last test goes end to end: a selection on a page, the content script, the real service's
fields. The others render a real /segment answer with chosen fields filled in (a zhuyin
answer, a word with both parts and measure words) through the extension's own renderer in an
extension page, and read the request bodies from the extension's own API client."""

from __future__ import annotations

import copy
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.extension import expected
from tests.extension.browser import extension_page, open_tooltip, pin_word
from tests.extension.sample import LEARNER_CHINESE

SENTENCE = "他还了我一本书"

RENDER = """
async ([result]) => {
  const { renderResult } = await import("./lib/render.js");
  const container = document.getElementById("result");
  renderResult(container, result, {});
}
"""

CAPTURE_REQUESTS = """
async ([settings]) => {
  const bodies = [];
  const realFetch = window.fetch;
  window.fetch = (url, init) => {
    bodies.push({ url: String(url), body: JSON.parse(init.body) });
    return realFetch(url, init);
  };
  const api = await import("./lib/api.js");
  await api.segment(settings, "喜欢").catch(() => null);
  await api.translate(settings, "I like it.").catch(() => null);
  window.fetch = realFetch;
  return bodies;
}
"""


def with_contract_fields(segmented: dict[str, Any]) -> dict[str, Any]:
    """The real answer, with the contract's new fields on 还 and a part-only word."""
    result = copy.deepcopy(segmented)
    for token in result["tokens"]:
        token.update(other_readings=[], classifiers=[], parts=[], zhuyin=None)
        token.update(simplified=token["text"], traditional=token["text"])
        if token["text"] == "还":
            token.update(
                pinyin="huán",
                glosses=["to pay back", "to return"],
                other_readings=[{"pinyin": "hái", "glosses": ["still", "yet"]}],
                traditional="還",
                zhuyin="ㄏㄨㄢˊ",
            )
        if "书" in token["text"]:  # 书, or 本书 as jiagu splits this sentence
            token.update(
                glosses=[],
                classifiers=["本 běn"],
                traditional=token["text"].replace("书", "書"),
                parts=[
                    {"text": "本", "pinyin": "běn", "glosses": ["measure word for books"]},
                    {"text": "书", "pinyin": "shū", "glosses": ["book"]},
                ],
            )
    return result


def lookup_result(segmented: dict[str, Any], zhuyin: bool) -> dict[str, Any]:
    return {
        "direction": "zh-en",
        "original": SENTENCE,
        "chinese": SENTENCE,
        "translation": "He returned a book to me.",
        "translationError": None,
        "segmented": segmented,
        "display": {"myLevel": None, "zhuyin": zhuyin, "fontSize": 100},
    }


def render(context: BrowserContext, result: dict[str, Any]) -> Page:
    popup = extension_page(context, "popup.html")
    expect(popup.locator('body[data-ready="true"]')).to_be_attached()
    popup.evaluate(RENDER, [result])
    return popup


def test_word_panel_shows_reading_senses_other_readings_classifiers_parts_and_form(
    context: BrowserContext, api_url: str
) -> None:
    segmented = with_contract_fields(expected.segment(api_url, SENTENCE))
    book = next(t["text"] for t in segmented["tokens"] if "书" in t["text"])
    popup = render(context, lookup_result(segmented, zhuyin=False))

    popup.locator('.hl-word[data-word="还"]').focus()
    detail = popup.locator(".hl-detail")
    expect(detail.locator(".hl-detail-pinyin")).to_have_text("huán")
    expect(detail.locator(".hl-glosses")).to_have_text("to pay back; to return")
    expect(detail.locator(".hl-other-readings")).to_have_text("Other readings: hái still; yet")
    expect(detail.locator(".hl-other-form")).to_have_text("Traditional: 還")
    expect(detail.locator(".hl-classifiers")).to_have_count(0)
    expect(detail.locator(".hl-parts")).to_have_count(0)

    popup.locator(f'.hl-word[data-word="{book}"]').focus()
    expect(detail.locator(".hl-glosses")).to_have_text("No entry of its own: see its parts.")
    expect(detail.locator(".hl-parts")).to_have_text(
        "Parts: 本 běn measure word for books · 书 shū book"
    )
    expect(detail.locator(".hl-classifiers")).to_have_text("Measure words: 本 běn")
    expect(detail.locator(".hl-other-form")).to_have_text(
        f"Traditional: {book.replace('书', '書')}"
    )
    expect(detail.locator(".hl-other-readings")).to_have_count(0)


def test_zhuyin_is_shown_instead_of_pinyin_when_sent(context: BrowserContext, api_url: str) -> None:
    segmented = with_contract_fields(expected.segment(api_url, SENTENCE))
    popup = render(context, lookup_result(segmented, zhuyin=True))
    word = popup.locator('.hl-word[data-word="还"]')
    expect(word.locator(".hl-pinyin")).to_have_text("ㄏㄨㄢˊ")
    expect(word.locator(".hl-pinyin > span")).to_have_class("tone2")
    # A word the service sent no zhuyin for keeps its pinyin.
    other = next(t for t in segmented["tokens"] if t["is_chinese"] and t["text"] != "还")
    expect(popup.locator(f'.hl-word[data-word="{other["text"]}"] .hl-pinyin')).to_have_text(
        other["pinyin"].replace(" ", "")
    )


def test_requests_carry_auto_source_script_and_zhuyin(
    context: BrowserContext, api_url: str
) -> None:
    popup = extension_page(context, "popup.html")
    base = {"apiBaseUrl": api_url, "apiKey": "", "hskStandard": "2025"}
    default = popup.evaluate(CAPTURE_REQUESTS, [{**base, "chineseScript": "simplified"}])
    assert default[0]["body"] == {"text": "喜欢", "hsk": "2025", "pos": False}
    assert default[1]["body"] == {"text": "I like it.", "source": "auto"}
    chosen = popup.evaluate(
        CAPTURE_REQUESTS, [{**base, "chineseScript": "traditional", "zhuyin": True}]
    )
    assert chosen[0]["body"] == {"text": "喜欢", "hsk": "2025", "pos": False, "zhuyin": True}
    assert chosen[1]["body"] == {"text": "I like it.", "source": "auto", "script": "traditional"}


def test_options_save_script_and_zhuyin(context: BrowserContext) -> None:
    options = extension_page(context, "options.html")
    expect(options.locator('form[data-ready="true"]')).to_be_attached()
    options.get_by_label("Chinese translations in").select_option("traditional")
    options.get_by_label("Zhuyin (bopomofo) instead of pinyin").check()
    options.get_by_label("My reading level").select_option("3")
    options.locator("#save").click()
    expect(options.locator("#status")).to_have_text("Saved.")
    values = options.evaluate("() => chrome.storage.local.get(null)")
    assert values["chineseScript"] == "traditional"
    assert values["zhuyin"] is True
    assert values["myLevel"] == 3


def _senses(glosses: list[str]) -> str:
    return "; ".join(glosses[:3])  # the panel's short form of another reading's senses


def test_the_tooltip_shows_the_services_own_annotations(page: Page, api_url: str) -> None:
    """End to end: the page's selection, the content script, the real service's new fields."""
    tokens = {t["text"]: t for t in expected.segment(api_url, LEARNER_CHINESE)["tokens"]}
    open_tooltip(page, "#learner")

    huan = tokens["还"]
    assert huan["pinyin"] == "huán" and huan["traditional"] == "還"
    detail = pin_word(page, "还")
    expect(detail.locator(".hl-detail-pinyin")).to_have_text("huán")
    expect(detail.locator(".hl-glosses")).to_have_text("; ".join(huan["glosses"]))
    expect(detail.locator(".hl-other-readings")).to_have_text(
        "Other readings: "
        + " · ".join(f"{r['pinyin']} {_senses(r['glosses'])}" for r in huan["other_readings"])
    )
    expect(detail.locator(".hl-other-form")).to_have_text("Traditional: 還")

    one = tokens["一个"]
    assert one["glosses"] == [] and [p["text"] for p in one["parts"]] == ["一", "个"]
    detail = pin_word(page, "一个")
    expect(detail.locator(".hl-glosses")).to_have_text("No entry of its own: see its parts.")
    expect(detail.locator(".hl-parts")).to_have_text(
        "Parts: "
        + " · ".join(f"{p['text']} {p['pinyin']} {_senses(p['glosses'])}" for p in one["parts"])
    )

    computer = tokens["电脑"]
    assert "台 tái" in computer["classifiers"]
    detail = pin_word(page, "电脑")
    expect(detail.locator(".hl-classifiers")).to_have_text(
        "Measure words: " + ", ".join(computer["classifiers"])
    )
    expect(detail.locator(".hl-other-form")).to_have_text("Traditional: 電腦")
